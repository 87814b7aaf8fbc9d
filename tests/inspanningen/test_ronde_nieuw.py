"""Starting a round (inspanningen:ronde_nieuw, `nieuwe_ronde`): a concept with every score of
the round it is based on, each to be reviewed again."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from inspanningen import services
from inspanningen.models import Ronde
from tests.factories import AanbevelingFactory, InspanningFactory
from tests.markup import page_text

pytestmark = pytest.mark.django_db

URL = reverse("inspanningen:ronde_nieuw")


def test_the_coordinator_starts_the_next_year_by_default(client, coordinator, referentie):
    client.force_login(coordinator)
    r = client.get(reverse("inspanningen:rondes"))
    assert r.context["nieuw_form"]["jaar"].value() == 2026
    r = client.post(URL, {"jaar": "2026", "titel": ""}, follow=True)
    assert r.redirect_chain == [(reverse("inspanningen:rondes"), 302)]
    assert "Ronde 2026 is gestart als concept, met 55 cellen om te beoordelen." in page_text(r)
    ronde = Ronde.objects.get(jaar=2026)
    assert (ronde.status, ronde.gebaseerd_op.jaar, ronde.titel) == (
        "concept",
        2025,
        "Herbeoordeling 2026",
    )
    nieuw = {
        (s.inspanning.nummer, s.aanbeveling.nummer): s
        for s in ronde.scores.select_related("inspanning", "aanbeveling")
    }
    oud = {
        (s.inspanning.nummer, s.aanbeveling.nummer): s
        for s in Ronde.objects.get(jaar=2025).scores.select_related("inspanning", "aanbeveling")
    }
    assert len(nieuw) == 55
    assert all(
        (nieuw[k].niveau, nieuw[k].toelichting) == (oud[k].niveau, oud[k].toelichting) for k in oud
    )
    assert {s.beoordelingsstatus for s in nieuw.values()} == {"te_beoordelen"}


@pytest.mark.parametrize(
    ("jaar", "message"),
    [
        ("2025", "Er is al een ronde voor 2025"),
        ("1999", "2000"),
        ("2101", "2100"),
        ("twee", "geheel getal"),
    ],
)
def test_a_bad_year_gets_a_dutch_message_and_changes_nothing(
    client, coordinator, referentie, jaar, message
):
    client.force_login(coordinator)
    r = client.post(URL, {"jaar": jaar})
    assert r.status_code == 400
    assert message in r.content.decode()
    assert Ronde.objects.count() == 1


@pytest.mark.parametrize("user", ["professional", "stuurgroep"])
def test_only_the_coordinator_starts_a_round(client, referentie, user, request):
    client.force_login(request.getfixturevalue(user))
    assert client.post(URL, {"jaar": "2026"}).status_code == 403
    assert not Ronde.objects.filter(jaar=2026).exists()


def test_anonymous_visitors_are_sent_to_login(client, referentie):
    r = client.post(URL, {"jaar": "2026"})
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert not Ronde.objects.filter(jaar=2026).exists()


def test_starting_a_round_is_a_post_and_a_get_goes_to_the_rounds(client, coordinator, referentie):
    client.force_login(coordinator)
    r = client.get(URL, {"jaar": "2026"})  # a language switch on the confirmation page
    assert r.status_code == 302 and r.url == reverse("inspanningen:rondes") + "#nieuwe-ronde"
    assert not Ronde.objects.filter(jaar=2026).exists()


def test_the_command_starts_a_round_like_the_page(referentie, capsys):
    call_command("nieuwe_ronde", "2026")
    assert (
        "Ronde 2026 gestart als concept met 55 cellen, gebaseerd op 2025."
        in capsys.readouterr().out
    )
    assert (
        Ronde.objects.get(jaar=2026).scores.filter(beoordelingsstatus="te_beoordelen").count() == 55
    )
    with pytest.raises(CommandError, match="Er is al een ronde voor 2026"):
        call_command("nieuwe_ronde", "2026")
    with pytest.raises(CommandError, match="2000"):
        call_command("nieuwe_ronde", "3000")
    assert list(Ronde.objects.order_by("jaar").values_list("jaar", flat=True)) == [2025, 2026]


def test_a_first_round_without_a_base_is_all_onbekend(db):
    InspanningFactory.create_batch(2)
    AanbevelingFactory.create_batch(3)
    ronde = services.nieuwe_ronde(jaar=2030)
    assert ronde.gebaseerd_op is None
    assert list(ronde.scores.values_list("niveau", flat=True).distinct()) == ["onbekend"]
    assert ronde.scores.count() == 6
