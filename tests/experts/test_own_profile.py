import pytest
from django.urls import reverse
from django.utils import timezone

from experts.models import Expert
from tests.factories import PASSWORD, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db

MIJN = reverse("experts:mijn_profiel")


def _form(expert=None, **changes) -> dict:
    data = {
        "naam": expert.naam if expert else "Nieuwe Expert",
        "telefoon": "",
        "organisatie": "",
        "functie": "Diëtist",
        "beroepsgroep": "dietist",
        "toelichting": "Ik weet veel van voeding.",
        "zichtbaarheid": "netwerk",
    }
    data.update(changes)
    return data


def test_logging_in_links_the_account_to_the_expert_with_that_email(client):
    expert = ExpertFactory(email="anna@example.org")
    user = UserFactory(email="Anna@Example.org")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    r = client.post(reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD})
    assert r.status_code == 302
    expert.refresh_from_db()
    assert expert.user == user


def test_linking_never_takes_a_profile_that_is_linked_already(client):
    other = UserFactory(email="someone@example.org")
    expert = ExpertFactory(email="anna@example.org", user=other)
    client.force_login(UserFactory(email="anna@example.org"))
    expert.refresh_from_db()
    assert expert.user == other


def test_mijn_profiel_edits_the_own_profile_and_confirms_it(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", naam="Anna", user=user)
    client.force_login(user)
    r = client.post(MIJN, _form(expert, functie="Kinderdiëtist"))
    assert r.status_code == 302 and r.url == expert.get_absolute_url()
    expert.refresh_from_db()
    assert expert.functie == "Kinderdiëtist"
    assert expert.laatst_bevestigd_op is not None
    assert expert.history.first().history_user == user


def test_the_owner_cannot_change_the_email_that_links_profile_and_account(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", user=user)
    client.force_login(user)
    client.post(MIJN, _form(expert, email="kaping@example.org"))
    expert.refresh_from_db()
    assert expert.email == "anna@example.org"


def test_a_user_without_a_profile_is_offered_to_create_one(client, referentie):
    user = UserFactory(email="nieuw@example.org", naam="Nieuwe Collega")
    client.force_login(user)
    r = client.get(MIJN)
    assert "Maak uw profiel" in r.content.decode()
    assert r.context["form"]["naam"].value() == "Nieuwe Collega"
    r = client.post(MIJN, _form(naam="Nieuwe Collega", werkgebied=[], heel_drenthe="on"))
    assert r.status_code == 302
    expert = Expert.objects.get(email="nieuw@example.org")
    assert expert.user == user and expert.werkgebied.count() == 12


def test_confirming_sets_laatst_bevestigd_and_changes_nothing_else(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", user=user, functie="Diëtist")
    client.force_login(user)
    assert client.get(reverse("experts:bevestigen")).status_code == 405
    before = timezone.now()
    r = client.post(reverse("experts:bevestigen"))
    assert r.status_code == 302
    expert.refresh_from_db()
    assert expert.laatst_bevestigd_op >= before and expert.functie == "Diëtist"


def test_the_coordinator_edits_any_profile_without_confirming_it(client, coordinator):
    expert = ExpertFactory(naam="Anna")
    client.force_login(coordinator)
    url = reverse("experts:bewerken", args=[expert.slug])
    r = client.post(url, _form(expert, email="anna.nieuw@example.org", functie="Huisarts"))
    assert r.status_code == 302
    expert.refresh_from_db()
    assert (expert.functie, expert.email) == ("Huisarts", "anna.nieuw@example.org")
    assert expert.laatst_bevestigd_op is None


def test_others_get_403_on_someone_elses_profile_even_by_changing_the_slug(
    client, professional, stuurgroep
):
    eigen = ExpertFactory(naam="Eigen", user=professional)
    ander = ExpertFactory(naam="Ander", functie="Diëtist")
    for user in (professional, stuurgroep):
        client.force_login(user)
        url = reverse("experts:bewerken", args=[ander.slug])
        assert client.get(url).status_code == 403
        assert client.post(url, _form(ander, functie="Gekaapt")).status_code == 403
    ander.refresh_from_db()
    assert ander.functie == "Diëtist"
    client.force_login(professional)
    assert client.get(reverse("experts:bewerken", args=[eigen.slug])).status_code == 200


def test_anonymous_visitors_are_sent_to_login(client):
    expert = ExpertFactory()
    for url in [MIJN, reverse("experts:bewerken", args=[expert.slug])]:
        r = client.get(url)
        assert r.status_code == 302 and "/accounts/login/" in r.url
    assert client.post(reverse("experts:bevestigen")).status_code == 302


def test_bad_input_gets_dutch_messages_and_changes_nothing(client):
    user = UserFactory(email="anna@example.org")
    expert = ExpertFactory(email="anna@example.org", user=user, naam="Anna")
    client.force_login(user)
    r = client.post(
        MIJN,
        _form(
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
    assert "<title>Fout:" in content
    assert "Gebruik alleen cijfers" in content
    assert "<script>" not in content
    expert.refresh_from_db()
    assert expert.naam == "Anna"
