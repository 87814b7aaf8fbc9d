"""'Verwijder mijn profiel' (the AVG's right to erasure): after a recent password, the profile
and its history are anonymised; the roles in inspanningen stay, as a 'Vertrokken expert'."""

import pytest
from django.urls import reverse

from experts import search
from experts.models import Expert
from inspanningen.models import Inspanning
from tests.conftest import recent_ingelogd
from tests.factories import BetrokkenheidFactory, ExpertFactory, UserFactory
from tests.markup import find, page_text

pytestmark = pytest.mark.django_db

URL = reverse("experts:verwijderen")


def test_deleting_my_profile_needs_a_recent_password(client, eigenaar):
    user, expert = eigenaar
    client.force_login(user)
    r = client.post(URL)
    assert r.status_code == 302 and "/accounts/reauthenticate/" in r.url
    expert.refresh_from_db()
    assert (expert.naam, expert.user, expert.geanonimiseerd_op) == ("Anna de Vries", user, None)


def test_the_page_asks_first_and_changes_nothing(client, eigenaar):
    user, expert = eigenaar
    recent_ingelogd(client, user)
    r = client.get(URL)
    assert r.status_code == 200
    assert find(find(r, "main"), "button", type="submit").text == "Ja, verwijder mijn profiel"
    expert.refresh_from_db()
    assert (expert.naam, expert.geanonimiseerd_op) == ("Anna de Vries", None)


def test_deleting_my_profile_anonymises_it_and_its_history(client, eigenaar):
    user, expert = eigenaar
    rol = BetrokkenheidFactory(expert=expert, inspanning=Inspanning.objects.get(nummer=3))
    recent_ingelogd(client, user)
    r = client.post(URL, follow=True)
    assert r.redirect_chain == [(reverse("home"), 302)]
    assert "Uw profiel is verwijderd." in page_text(r)
    expert.refresh_from_db()
    assert (expert.naam, expert.telefoon, expert.toelichting, expert.user) == (
        "Vertrokken expert",
        "",
        "",
        None,
    )
    assert "anna" not in expert.email and "anna" not in expert.slug
    assert expert.is_vertrokken and expert.geanonimiseerd_op is not None
    assert not expert.expertisegebieden.exists() and not expert.werkgebied.exists()
    assert expert.history.count() >= 2
    for h in expert.history.all():
        assert "Anna" not in (h.naam + h.email + h.slug + h.toelichting + h.telefoon)
    assert expert.history.first().history_change_reason == "verwijderd door de eigenaar"
    rol.refresh_from_db()
    assert rol.expert == expert and rol.tot is not None  # the role still reads, as ended
    assert not list(search.zoek(Expert.objects.all(), search.analyseer("Anna Vries")))
    content = client.get(reverse("inspanningen:detail", args=[rol.inspanning.nummer])).content
    assert "Vertrokken expert" in content.decode()
    user.refresh_from_db()
    assert user.is_active  # the account stays: a new profile can be made later


def test_without_a_profile_there_is_nothing_to_delete(client, referentie):
    user = UserFactory(email="nieuw@example.org")
    ander = ExpertFactory(naam="Ander Profiel")
    recent_ingelogd(client, user)
    r = client.post(URL, follow=True)
    assert r.redirect_chain == [(reverse("experts:mijn_profiel"), 302)]
    assert "U heeft geen profiel om te verwijderen." in page_text(r)
    ander.refresh_from_db()
    assert ander.naam == "Ander Profiel" and ander.geanonimiseerd_op is None


def test_anonymous_visitors_are_sent_to_login(client, eigenaar):
    _user, expert = eigenaar
    r = client.post(URL)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    expert.refresh_from_db()
    assert expert.naam == "Anna de Vries" and expert.geanonimiseerd_op is None
