"""Editing someone's profile (experts:bewerken): the owner, and the coordinator for any
profile."""

import pytest
from django.urls import reverse

from tests.factories import ExpertFactory, profielformulier

pytestmark = pytest.mark.django_db


def test_the_coordinator_edits_any_profile_without_confirming_it(client, coordinator):
    expert = ExpertFactory(naam="Anna")
    client.force_login(coordinator)
    url = reverse("experts:bewerken", args=[expert.slug])
    r = client.post(
        url, profielformulier(expert, email="anna.nieuw@example.org", functie="Huisarts")
    )
    assert r.status_code == 302 and r.url == expert.get_absolute_url()
    expert.refresh_from_db()
    assert (expert.functie, expert.email) == ("Huisarts", "anna.nieuw@example.org")
    assert expert.laatst_bevestigd_op is None and expert.user is None
    assert expert.history.first().history_user == coordinator


def test_others_get_403_on_someone_elses_profile_even_by_changing_the_slug(
    client, professional, stuurgroep
):
    eigen = ExpertFactory(naam="Eigen", user=professional)
    ander = ExpertFactory(naam="Ander", functie="Diëtist")
    for user in (professional, stuurgroep):
        client.force_login(user)
        url = reverse("experts:bewerken", args=[ander.slug])
        assert client.get(url).status_code == 403
        assert client.post(url, profielformulier(ander, functie="Gekaapt")).status_code == 403
    ander.refresh_from_db()
    assert (ander.functie, ander.user) == ("Diëtist", None)
    assert ander.history.count() == 1
    client.force_login(professional)
    assert client.get(reverse("experts:bewerken", args=[eigen.slug])).status_code == 200


def test_anonymous_visitors_are_sent_to_login(client):
    expert = ExpertFactory(functie="Diëtist")
    url = reverse("experts:bewerken", args=[expert.slug])
    r = client.get(url)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    r = client.post(url, profielformulier(expert, functie="Gekaapt"))
    assert r.status_code == 302 and "/accounts/login/" in r.url
    expert.refresh_from_db()
    assert expert.functie == "Diëtist"
