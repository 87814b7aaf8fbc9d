"""Mijn profiel (experts:mijn_profiel): the owner makes and edits their own profile, and saving
it also confirms it is current."""

import pytest
from django.urls import reverse
from django.utils import timezone

from experts.models import Expert
from tests.factories import ExpertFactory, UserFactory, profielformulier
from tests.markup import page_text, title

pytestmark = pytest.mark.django_db

MIJN = reverse("experts:mijn_profiel")


def test_mijn_profiel_edits_the_own_profile_and_confirms_it(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", naam="Anna", user=user)
    client.force_login(user)
    before = timezone.now()
    r = client.post(MIJN, profielformulier(expert, functie="Kinderdiëtist"), follow=True)
    assert r.redirect_chain == [(expert.get_absolute_url(), 302)]
    assert "Het profiel is opgeslagen." in page_text(r)
    expert.refresh_from_db()
    assert expert.functie == "Kinderdiëtist"
    assert expert.laatst_bevestigd_op >= before
    latest = expert.history.first()
    assert (latest.functie, latest.history_user) == ("Kinderdiëtist", user)
    assert Expert.objects.count() == 1


def test_the_owner_cannot_change_the_email_that_links_profile_and_account(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", user=user, functie="Adviseur")
    client.force_login(user)
    r = client.post(
        MIJN, profielformulier(expert, email="kaping@example.org", functie="Kinderdiëtist")
    )
    assert r.status_code == 302  # the rest of the form is saved ...
    expert.refresh_from_db()
    assert expert.functie == "Kinderdiëtist"
    assert expert.email == "anna@example.org"  # ... but not the e-mail address


def test_a_user_without_a_profile_is_offered_to_create_one(client, referentie):
    user = UserFactory(email="nieuw@example.org", naam="Nieuwe Collega")
    client.force_login(user)
    r = client.get(MIJN)
    assert "Maak uw profiel" in r.content.decode()
    assert r.context["form"]["naam"].value() == "Nieuwe Collega"
    assert not Expert.objects.exists()
    r = client.post(MIJN, profielformulier(naam="Nieuwe Collega", werkgebied=[], heel_drenthe="on"))
    assert r.status_code == 302
    expert = Expert.objects.get(email="nieuw@example.org")
    assert r.url == expert.get_absolute_url()
    assert expert.user == user and expert.werkgebied.count() == 12
    assert expert.laatst_bevestigd_op is not None


def test_anonymous_visitors_are_sent_to_login(client):
    r = client.get(MIJN)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    r = client.post(MIJN, profielformulier(naam="Iemand", email="iemand@example.org"))
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert not Expert.objects.exists()


def test_bad_input_gets_dutch_messages_and_changes_nothing(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", user=user, naam="Anna")
    client.force_login(user)
    r = client.post(
        MIJN,
        profielformulier(
            expert,
            naam="",
            telefoon="bel me <script>",
            beroepsgroep="astronaut",
            organisatie="999999",
            expertisegebieden=["abc"],
            toelichting="x" * 5000,
        ),
    )
    content = r.content.decode()
    assert r.status_code == 400
    assert title(r).startswith("Fout:")
    assert "Gebruik alleen cijfers" in content
    assert "<script>" not in content
    expert.refresh_from_db()
    assert (expert.naam, expert.telefoon, expert.laatst_bevestigd_op) == ("Anna", "", None)
