"""Recording an expert's leaving (inspanningen:vertrek): every running role goes to a successor,
with a handover note; the ended roles stay as history."""

from datetime import timedelta

import pytest
from django.urls import reverse

from experts.models import Expert
from inspanningen.models import Betrokkenheid, Inspanning
from tests.factories import BetrokkenheidFactory, ExpertFactory
from tests.klok import VANDAAG
from tests.markup import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def vertrekker(referentie, professional):
    """Anna, professional's own profile, trekker of 3 and werkgroeplid of 7."""
    anna = ExpertFactory(naam="Anna Vertrek", user=professional)
    BetrokkenheidFactory(
        expert=anna,
        inspanning=Inspanning.objects.get(nummer=3),
        rol="trekker",
        sinds=VANDAAG - timedelta(days=400),
    )
    BetrokkenheidFactory(
        expert=anna, inspanning=Inspanning.objects.get(nummer=7), rol="werkgroeplid"
    )
    return anna


def vertrek_post(
    client, expert, opvolger=None, per_rol=None, notities=None, datum=None, extra=None
):
    """The handover page posted for `expert`: one successor for all roles, or per role."""
    rollen = list(expert.betrokkenheden.lopend().order_by("inspanning__nummer"))
    data = {
        "vertrokken_op": (datum or VANDAAG).isoformat(),
        "opvolger": opvolger.pk if opvolger else "",
        "rol-TOTAL_FORMS": len(rollen),
        "rol-INITIAL_FORMS": len(rollen),
        **(extra or {}),
    }
    for n, rol in enumerate(rollen):
        data[f"rol-{n}-betrokkenheid"] = rol.pk
        data[f"rol-{n}-opvolger"] = (per_rol or {}).get(rol.inspanning.nummer, "")
        data[f"rol-{n}-notitie"] = (notities or {}).get(rol.inspanning.nummer, "")
    return client.post(reverse("inspanningen:vertrek", args=[expert.slug]), data)


def test_handover_moves_every_role_and_keeps_the_note(client, coordinator, vertrekker):
    bram = ExpertFactory(naam="Bram Opvolger")
    carla = ExpertFactory(naam="Carla Opvolger")
    client.force_login(coordinator)
    r = vertrek_post(
        client,
        vertrekker,
        bram,
        per_rol={7: carla.pk},
        notities={3: "Draaiboek staat op de teamsite."},
    )
    assert r.status_code == 302 and r.url == vertrekker.get_absolute_url()
    vertrekker.refresh_from_db()
    assert vertrekker.status == Expert.Status.VERTROKKEN
    assert (vertrekker.vertrokken_op, vertrekker.opvolger) == (VANDAAG, bram)
    assert not vertrekker.betrokkenheden.lopend().exists()
    nieuw = {b.inspanning.nummer: b for b in Betrokkenheid.objects.lopend()}
    assert (nieuw[3].expert, nieuw[3].rol) == (bram, "trekker")
    assert nieuw[3].overdrachtsnotitie == "Draaiboek staat op de teamsite."
    assert nieuw[3].overgenomen_van.expert == vertrekker
    assert (nieuw[7].expert, nieuw[7].rol) == (carla, "werkgroeplid")
    assert vertrekker.betrokkenheden.filter(tot=VANDAAG).count() == 2  # history is kept


def test_the_expert_records_their_own_leaving(client, professional, vertrekker):
    bram = ExpertFactory(naam="Bram Opvolger")
    client.force_login(professional)
    r = vertrek_post(client, vertrekker, bram)
    assert r.status_code == 302
    assert "Het vertrek is vastgelegd en 2 rollen zijn overgedragen." in page_text(
        client.get(r.url)
    )
    vertrekker.refresh_from_db()
    assert vertrekker.is_vertrokken and vertrekker.opvolger == bram
    assert not vertrekker.betrokkenheden.lopend().exists()
    assert Betrokkenheid.objects.lopend().filter(expert=bram).count() == 2


def test_nobody_else_records_a_leaving(client, stuurgroep, vertrekker):
    bram = ExpertFactory(naam="Bram Opvolger")
    client.force_login(stuurgroep)
    assert client.get(reverse("inspanningen:vertrek", args=[vertrekker.slug])).status_code == 403
    assert vertrek_post(client, vertrekker, bram).status_code == 403
    vertrekker.refresh_from_db()
    assert not vertrekker.is_vertrokken and vertrekker.betrokkenheden.lopend().count() == 2
    assert not bram.betrokkenheden.exists()


def test_anonymous_visitors_are_sent_to_login(client, vertrekker):
    url = reverse("inspanningen:vertrek", args=[vertrekker.slug])
    r = client.get(url)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    r = vertrek_post(client, vertrekker, ExpertFactory(naam="Bram Opvolger"))
    assert r.status_code == 302 and "/accounts/login/" in r.url
    vertrekker.refresh_from_db()
    assert not vertrekker.is_vertrokken and vertrekker.betrokkenheden.lopend().count() == 2


def test_a_leaver_cannot_leave_twice(client, coordinator, vertrekker):
    client.force_login(coordinator)
    assert vertrek_post(client, vertrekker, ExpertFactory(naam="Bram Opvolger")).status_code == 302
    rollen = sorted(Betrokkenheid.objects.values_list("pk", "expert_id", "tot"))
    r = client.get(reverse("inspanningen:vertrek", args=[vertrekker.slug]), follow=True)
    assert r.redirect_chain == [(vertrekker.get_absolute_url(), 302)]
    assert "Anna Vertrek is al als vertrokken vastgelegd." in page_text(r)
    assert sorted(Betrokkenheid.objects.values_list("pk", "expert_id", "tot")) == rollen


def test_every_role_needs_a_successor_and_bad_input_changes_nothing(
    client, coordinator, vertrekker
):
    client.force_login(coordinator)
    r = vertrek_post(client, vertrekker, None)
    assert r.status_code == 400
    assert "Kies een opvolger voor deze rol" in r.content.decode()
    r = vertrek_post(client, vertrekker, vertrekker)
    assert r.status_code == 400  # not their own successor: not among the choices
    assert "Selecteer een geldige keuze" in r.content.decode()
    r = vertrek_post(client, vertrekker, ExpertFactory(), datum=VANDAAG + timedelta(days=3))
    assert r.status_code == 400
    assert "Kies vandaag of een datum in het verleden" in r.content.decode()
    vertrekker.refresh_from_db()
    assert not vertrekker.is_vertrokken and vertrekker.betrokkenheden.lopend().count() == 2


def test_a_leaving_date_before_a_role_began_is_refused(client, coordinator, vertrekker):
    client.force_login(coordinator)
    r = vertrek_post(client, vertrekker, ExpertFactory(), datum=VANDAAG - timedelta(days=500))
    assert r.status_code == 400 and "vóór het begin van de rol" in r.content.decode()
    assert not Expert.objects.get(pk=vertrekker.pk).is_vertrokken
