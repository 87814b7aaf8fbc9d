"""A round's status (inspanningen:ronde_status): concept → open → vastgesteld, and reopening
with a reason; finalising and reopening ask for the password again."""

import pytest
from django.urls import reverse

from inspanningen.models import Ronde
from tests.conftest import recent_ingelogd
from tests.markup import page_text

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
    assert "kan door niemand meer worden gewijzigd" in page_text(
        client.get(_url(2026, "vaststellen"))
    )
    r = client.post(_url(2026, "vaststellen"), follow=True)
    assert "Ronde 2026 is vastgesteld." in page_text(r)
    ronde = Ronde.objects.get(jaar=2026)
    assert (ronde.status, ronde.vastgesteld_door) == ("vastgesteld", coordinator)
    assert ronde.vastgesteld_op is not None


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
