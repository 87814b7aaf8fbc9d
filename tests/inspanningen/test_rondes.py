import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from inspanningen import services
from inspanningen.models import Ronde
from tests.conftest import recent_ingelogd

pytestmark = pytest.mark.django_db


def test_the_rounds_page_lists_status_and_progress(client, professional, ronde_2026):
    client.force_login(professional)
    content = client.get(reverse("inspanningen:rondes")).content.decode()
    assert "0 van 55 beoordeeld" in content
    assert "55 van 55 beoordeeld" in content
    assert "Ronde starten" not in content


def test_anonymous_visitors_see_only_finalised_rounds(client, ronde_2026):
    r = client.get(reverse("inspanningen:rondes"))
    assert [ronde.jaar for ronde in r.context["rondes"]] == [2025]


def test_the_coordinator_starts_the_next_year_by_default(client, coordinator, referentie):
    client.force_login(coordinator)
    r = client.get(reverse("inspanningen:rondes"))
    assert r.context["nieuw_form"]["jaar"].value() == 2026
    r = client.post(reverse("inspanningen:ronde_nieuw"), {"jaar": "2026", "titel": ""})
    assert r.status_code == 302
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
    r = client.post(reverse("inspanningen:ronde_nieuw"), {"jaar": jaar})
    assert r.status_code == 400
    assert message in r.content.decode()
    assert Ronde.objects.count() == 1


@pytest.mark.parametrize("user", ["professional", "stuurgroep"])
def test_only_the_coordinator_starts_a_round(client, referentie, user, request):
    client.force_login(request.getfixturevalue(user))
    assert client.post(reverse("inspanningen:ronde_nieuw"), {"jaar": "2026"}).status_code == 403
    assert not Ronde.objects.filter(jaar=2026).exists()


def test_starting_a_round_is_a_post(client, coordinator, referentie):
    client.force_login(coordinator)
    assert client.get(reverse("inspanningen:ronde_nieuw")).status_code == 405


def test_status_goes_concept_open_vastgesteld_and_records_who(client, coordinator, concept_2026):
    recent_ingelogd(client, coordinator)
    url = reverse("inspanningen:ronde_status", args=[2026, "vaststellen"])
    client.post(url)
    assert (
        Ronde.objects.get(jaar=2026).status == "concept"
    )  # not from concept straight to vastgesteld
    assert (
        "Ja, open de ronde"
        in client.get(reverse("inspanningen:ronde_status", args=[2026, "openen"])).content.decode()
    )
    client.post(reverse("inspanningen:ronde_status", args=[2026, "openen"]))
    assert Ronde.objects.get(jaar=2026).status == "open"
    assert (
        "niet meer worden gewijzigd" in client.get(url).content.decode()
        or "kan door niemand meer" in client.get(url).content.decode()
    )
    client.post(url)
    ronde = Ronde.objects.get(jaar=2026)
    assert (ronde.status, ronde.vastgesteld_door) == ("vastgesteld", coordinator)
    assert ronde.vastgesteld_op is not None


def test_reopening_needs_a_reason_that_is_kept(client, coordinator, referentie):
    recent_ingelogd(client, coordinator)
    url = reverse("inspanningen:ronde_status", args=[2025, "heropenen"])
    r = client.post(url, {"reden": "  "})
    assert r.status_code == 200 and "Dit veld is verplicht" in r.content.decode()
    assert Ronde.objects.get(jaar=2025).status == "vastgesteld"
    client.post(url, {"reden": "Score 5×1 was afgeleid en blijkt deels"})
    ronde = Ronde.objects.get(jaar=2025)
    assert ronde.status == "open"
    assert ronde.history.first().history_change_reason == "Score 5×1 was afgeleid en blijkt deels"
    assert (
        "Score 5×1 was afgeleid en blijkt deels"
        in client.get(reverse("inspanningen:rondes")).content.decode()
    )


@pytest.mark.parametrize("actie", ["vaststellen", "heropenen"])
def test_finalising_and_reopening_ask_for_the_password_again(
    client, coordinator, ronde_2026, actie
):
    client.force_login(coordinator)  # logged in, but not just now
    jaar = 2026 if actie == "vaststellen" else 2025
    r = client.post(reverse("inspanningen:ronde_status", args=[jaar, actie]), {"reden": "x"})
    assert r.status_code == 302 and "/accounts/reauthenticate/" in r.url
    assert Ronde.objects.get(jaar=jaar).status == ("open" if jaar == 2026 else "vastgesteld")


@pytest.mark.parametrize("user", ["professional", "stuurgroep"])
def test_only_the_coordinator_finalises(client, ronde_2026, user, request):
    client.force_login(request.getfixturevalue(user))
    assert (
        client.post(reverse("inspanningen:ronde_status", args=[2026, "vaststellen"])).status_code
        == 403
    )
    assert Ronde.objects.get(jaar=2026).status == "open"


def test_an_unknown_action_is_a_404(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    assert (
        client.post(reverse("inspanningen:ronde_status", args=[2026, "weggooien"])).status_code
        == 404
    )


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


def test_a_first_round_without_a_base_is_all_onbekend(db):
    from tests.factories import AanbevelingFactory, InspanningFactory

    InspanningFactory.create_batch(2)
    AanbevelingFactory.create_batch(3)
    ronde = services.nieuwe_ronde(jaar=2030)
    assert ronde.gebaseerd_op is None
    assert list(ronde.scores.values_list("niveau", flat=True).distinct()) == ["onbekend"]
    assert ronde.scores.count() == 6


@pytest.mark.parametrize(
    ("user", "sees_link"), [("professional", False), ("stuurgroep", True), ("coordinator", True)]
)
def test_the_rounds_page_offers_editing_only_to_who_may_edit(
    client, ronde_2026, user, sees_link, request
):
    client.force_login(request.getfixturevalue(user))
    content = client.get(reverse("inspanningen:rondes")).content.decode()
    assert ("Bewerk 2026" in content) is sees_link
    assert "Bewerk 2025" not in content  # finalised: nobody edits
