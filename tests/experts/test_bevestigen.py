"""'Mijn gegevens kloppen nog' (experts:bevestigen): the owner confirms the profile is current
without changing it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ExpertFactory, UserFactory
from tests.markup import page_text

pytestmark = pytest.mark.django_db

URL = reverse("experts:bevestigen")


def test_confirming_sets_laatst_bevestigd_and_changes_nothing_else(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", user=user, functie="Diëtist")
    client.force_login(user)
    before = timezone.now()
    r = client.post(URL, follow=True)
    assert r.redirect_chain == [(expert.get_absolute_url(), 302)]
    assert "Dank u: uw gegevens zijn bevestigd." in page_text(r)
    expert.refresh_from_db()
    assert expert.laatst_bevestigd_op >= before and expert.functie == "Diëtist"
    latest = expert.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        user,
        "bevestigd door de eigenaar",
    )


def test_confirming_is_a_post(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", user=user)
    client.force_login(user)
    assert client.get(URL).status_code == 405
    expert.refresh_from_db()
    assert expert.laatst_bevestigd_op is None


def test_without_a_profile_there_is_nothing_to_confirm(client):
    client.force_login(UserFactory(email="nieuw@example.org"))
    ander = ExpertFactory(naam="Ander")
    r = client.post(URL, follow=True)
    assert r.redirect_chain == [(reverse("experts:mijn_profiel"), 302)]
    assert "U heeft nog geen profiel om te bevestigen." in page_text(r)
    ander.refresh_from_db()
    assert ander.laatst_bevestigd_op is None


def test_anonymous_visitors_are_sent_to_login(client):
    expert = ExpertFactory()
    r = client.post(URL)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    expert.refresh_from_db()
    assert expert.laatst_bevestigd_op is None
