"""A round's status (inspanningen:ronde_status): concept → open → vastgesteld, and reopening
with a reason; finalising and reopening ask for the password again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.exceptions import ActionRefused
from inspanningen import services
from inspanningen.models import Aanbeveling, Ronde, Score
from tests.conftest import recent_ingelogd
from tests.markup import find, find_all, page_text

pytestmark = pytest.mark.django_db


def _url(jaar, actie):
    return reverse("inspanningen:ronde_status", args=[jaar, actie])


def test_status_goes_concept_open_vastgesteld_and_records_who(client, coordinator, concept_2026):
    recent_ingelogd(client, coordinator)
    r = client.post(_url(2026, "vaststellen"), follow=True)
    assert r.redirect_chain == [(reverse("inspanningen:rondes"), 302)]
    assert Ronde.objects.get(jaar=2026).status == "concept"  # not straight to vastgesteld
    assert "Dat kan alleen bij een ronde met status 'Open'; deze ronde is 'Concept'." in (
        page_text(r)
    )
    assert "Ja, open de ronde" in page_text(client.get(_url(2026, "openen")))
    r = client.post(_url(2026, "openen"), follow=True)
    assert "Ronde 2026 is geopend." in page_text(r)
    assert Ronde.objects.get(jaar=2026).status == "open"
    Score.objects.filter(ronde__jaar=2026).update(beoordelingsstatus="bevestigd")
    assert "kan door niemand meer worden gewijzigd" in page_text(
        client.get(_url(2026, "vaststellen"))
    )
    r = client.post(_url(2026, "vaststellen"), follow=True)
    assert "Ronde 2026 is vastgesteld." in page_text(r)
    ronde = Ronde.objects.get(jaar=2026)
    assert (ronde.status, ronde.vastgesteld_door) == ("vastgesteld", coordinator)
    assert ronde.vastgesteld_op is not None
    assert ronde.history.first().history_change_reason == "vastgesteld"


def test_finalising_with_cells_left_lists_them_and_needs_a_choice_and_a_reason(
    client, coordinator, ronde_2026
):
    recent_ingelogd(client, coordinator)
    Score.objects.filter(ronde=ronde_2026).exclude(
        inspanning__nummer=5, aanbeveling__nummer__in=[1, 2]
    ).update(beoordelingsstatus="bevestigd")
    r = client.get(_url(2026, "vaststellen"))
    tekst = page_text(r)
    assert "Nog 2 cellen te beoordelen" in tekst
    # Per aanbeveling, the inspanningen still to review.
    lijst = [dt.text for dt in find_all(find(r, "dl", cls="gg-open-cellen"), "dt")]
    assert lijst == [str(a) for a in Aanbeveling.objects.filter(nummer__in=[1, 2])]
    assert "Toch vaststellen, met 2 cellen die niet opnieuw zijn beoordeeld" in tekst

    for data in ({}, {"reden": "Stuurgroep akkoord"}, {"ondanks_open": "on", "reden": " "}):
        r = client.post(_url(2026, "vaststellen"), data)
        assert r.status_code == 400
        assert Ronde.objects.get(jaar=2026).status == "open"
    assert "Vink aan dat u de ronde toch wilt vaststellen." in page_text(
        client.post(_url(2026, "vaststellen"), {"reden": "x"})
    )
    reden = "Beweegreis wordt in 2027 herzien; stuurgroep akkoord op 12 november"
    r = client.post(_url(2026, "vaststellen"), {"ondanks_open": "on", "reden": reden}, follow=True)
    assert "Ronde 2026 is vastgesteld." in page_text(r)
    ronde = Ronde.objects.get(jaar=2026)
    assert ronde.status == "vastgesteld"
    assert ronde.history.first().history_change_reason == reden
    assert reden in page_text(client.get(reverse("inspanningen:rondes")))


def test_the_service_refuses_to_finalise_with_cells_left_unless_told(coordinator, ronde_2026):
    with pytest.raises(ActionRefused, match="Er staan nog 55 cellen op 'te beoordelen'"):
        services.wijzig_status(ronde=ronde_2026, actie="vaststellen", door=coordinator)
    with pytest.raises(ActionRefused, match="Geef een reden"):
        services.wijzig_status(
            ronde=ronde_2026, actie="vaststellen", door=coordinator, ondanks_open=True
        )
    assert Ronde.objects.get(jaar=2026).status == "open"


def test_opening_sets_the_deadline_and_a_past_one_is_refused(client, coordinator, concept_2026):
    recent_ingelogd(client, coordinator)
    gisteren = timezone.localdate() - timedelta(days=1)
    r = client.post(_url(2026, "openen"), {"deadline": gisteren.isoformat()})
    assert r.status_code == 400
    assert "Kies voor de deadline vandaag of een datum in de toekomst." in page_text(r)
    assert Ronde.objects.get(jaar=2026).status == "concept"
    deadline = timezone.localdate() + timedelta(days=30)
    client.post(_url(2026, "openen"), {"deadline": deadline.isoformat()})
    ronde = Ronde.objects.get(jaar=2026)
    assert (ronde.status, ronde.deadline) == ("open", deadline)
    assert f"deadline {date_format(deadline, 'j F Y')}" in page_text(
        client.get(reverse("inspanningen:rondes"))
    )


def test_reopening_needs_a_reason_that_is_kept(client, coordinator, referentie):
    recent_ingelogd(client, coordinator)
    url = _url(2025, "heropenen")
    r = client.post(url, {"reden": "  "})
    assert r.status_code == 400 and "Dit veld is verplicht" in r.content.decode()
    assert Ronde.objects.get(jaar=2025).status == "vastgesteld"
    client.post(url, {"reden": "Score 5×1 was afgeleid en blijkt deels"})
    ronde = Ronde.objects.get(jaar=2025)
    assert ronde.status == "open"
    assert ronde.history.first().history_change_reason == "Score 5×1 was afgeleid en blijkt deels"
    assert "Score 5×1 was afgeleid en blijkt deels" in page_text(
        client.get(reverse("inspanningen:rondes"))
    )


@pytest.mark.parametrize("actie", ["vaststellen", "heropenen"])
def test_finalising_and_reopening_ask_for_the_password_again(
    client, coordinator, ronde_2026, actie
):
    client.force_login(coordinator)  # logged in, but not just now
    jaar = 2026 if actie == "vaststellen" else 2025
    r = client.post(_url(jaar, actie), {"reden": "x"})
    assert r.status_code == 302 and "/accounts/reauthenticate/" in r.url
    assert Ronde.objects.get(jaar=jaar).status == ("open" if jaar == 2026 else "vastgesteld")


@pytest.mark.parametrize("user", ["professional", "stuurgroep"])
def test_only_the_coordinator_finalises(client, ronde_2026, user, request):
    client.force_login(request.getfixturevalue(user))
    assert client.post(_url(2026, "vaststellen")).status_code == 403
    assert Ronde.objects.get(jaar=2026).status == "open"


def test_anonymous_visitors_are_sent_to_login(client, ronde_2026):
    r = client.post(_url(2026, "vaststellen"))
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert Ronde.objects.get(jaar=2026).status == "open"


def test_an_unknown_action_is_a_404(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    assert client.post(_url(2026, "weggooien")).status_code == 404
    assert Ronde.objects.get(jaar=2026).status == "open"


def test_the_deadline_field_shows_the_deadline_in_a_dutch_page(client, coordinator, ronde_2026):
    """A date field reads only ISO dates: '21-12-2026' would show empty and clear it on save."""
    recent_ingelogd(client, coordinator)
    deadline = timezone.localdate() + timedelta(days=10)
    Ronde.objects.filter(pk=ronde_2026.pk).update(deadline=deadline)
    services.wijzig_status(
        ronde=Ronde.objects.get(pk=ronde_2026.pk),
        actie="vaststellen",
        door=coordinator,
        ondanks_open=True,
        reden="test",
    )
    r = client.get(_url(2026, "heropenen"))
    assert find(r, "input", name="deadline").attrs["value"] == deadline.isoformat()
    client.post(_url(2026, "heropenen"), {"reden": "Nog een cel", "deadline": deadline.isoformat()})
    assert Ronde.objects.get(jaar=2026).deadline == deadline


def test_reopening_keeps_a_deadline_that_has_passed(client, coordinator, ronde_2026):
    recent_ingelogd(client, coordinator)
    verlopen = timezone.localdate() - timedelta(days=40)
    Ronde.objects.filter(pk=ronde_2026.pk).update(deadline=verlopen)
    services.wijzig_status(
        ronde=Ronde.objects.get(pk=ronde_2026.pk),
        actie="vaststellen",
        door=coordinator,
        ondanks_open=True,
        reden="test",
    )
    r = client.get(_url(2026, "heropenen"))
    data = {
        "reden": "Een cel klopt niet",
        "deadline": find(r, "input", name="deadline").attrs["value"],
    }
    r = client.post(_url(2026, "heropenen"), data)
    assert r.status_code == 302
    assert (Ronde.objects.get(jaar=2026).status, Ronde.objects.get(jaar=2026).deadline) == (
        "open",
        verlopen,
    )
    # A new deadline in the past is still refused.
    client.post(_url(2026, "vaststellen"), {"ondanks_open": "on", "reden": "x"})
    data["deadline"] = (verlopen - timedelta(days=1)).isoformat()
    assert client.post(_url(2026, "heropenen"), data).status_code == 400
