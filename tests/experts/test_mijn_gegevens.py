"""'Download mijn gegevens' (the AVG's right of access): everything the app holds about the
person, history included, as JSON."""

import json

import pytest
from django.urls import reverse

from inspanningen.models import Inspanning
from tests.factories import BetrokkenheidFactory, ExpertFactory, UserFactory, profiel_zoals_het_is

pytestmark = pytest.mark.django_db

URL = reverse("mijn_gegevens")


def test_download_my_data_holds_everything_with_history(client, eigenaar):
    user, expert = eigenaar
    kansrijke_start = Inspanning.objects.get(nummer=3)
    BetrokkenheidFactory(expert=expert, inspanning=kansrijke_start)
    client.force_login(user)
    r = client.post(
        reverse("experts:mijn_profiel"), profiel_zoals_het_is(expert, functie="Kinderdiëtist")
    )
    assert r.status_code == 302
    r = client.get(URL)
    assert r.status_code == 200
    assert r["Content-Type"] == "application/json; charset=utf-8"
    assert r["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    gegevens = json.loads(r.content)
    assert gegevens["account"]["email"] == "anna@example.org"
    assert gegevens["profiel"]["telefoon"] == "0591 123 456"
    assert gegevens["profiel"]["expertisegebieden"] == ["Gezonde voeding"]
    assert [h["functie"] for h in gegevens["profielgeschiedenis"]] == ["Diëtist", "Kinderdiëtist"]
    assert [r["inspanning"] for r in gegevens["rollen_in_inspanningen"]] == [str(kansrijke_start)]
    assert [(h["history_type"], h["inspanning"]) for h in gegevens["rollengeschiedenis"]] == [
        ("+", kansrijke_start.pk)
    ]
    assert [w["object"] for w in gegevens["wijzigingen_door_u"] if w["wat"] == "expert"] == [
        "Anna de Vries"
    ]
    assert "zoekvector" not in gegevens["profiel"]


def test_an_account_without_a_profile_gets_its_account_data(client):
    user = UserFactory(email="nieuw@example.org")
    ExpertFactory(naam="Ander Profiel")
    client.force_login(user)
    gegevens = json.loads(client.get(URL).content)
    assert gegevens["account"]["email"] == "nieuw@example.org"
    assert gegevens["profiel"] is None
    assert "rollen_in_inspanningen" not in gegevens


def test_anonymous_visitors_are_sent_to_login(client):
    r = client.get(URL)
    assert r.status_code == 302 and "/accounts/login/" in r.url


def test_the_changes_someone_made_cost_a_few_queries_and_survive_deleted_objects(
    client, coordinator, ronde_2026, django_assert_max_num_queries
):
    """A coordinator who changed many scores downloads their data in a bounded number of
    queries; a change to something deleted since is still listed, by its number."""
    from inspanningen import services
    from inspanningen.models import Inspanning, Score
    from tests.factories import BetrokkenheidFactory, InspanningFactory

    invoer = [
        services.ScoreInvoer(s.pk, s.versie, "sterk", f"Door de coördinator {n}")
        for n, s in enumerate(Score.objects.filter(ronde=ronde_2026))
    ]
    services.bewaar_scores(ronde=ronde_2026, invoer=invoer, door=coordinator)
    tijdelijk = InspanningFactory(nummer=99)
    rol = BetrokkenheidFactory(inspanning=tijdelijk)
    rol._history_user = coordinator
    rol.save()
    Inspanning.objects.filter(pk=tijdelijk.pk).delete()  # its roles go with it (cascade)
    client.force_login(coordinator)
    # One query per audited model (changes_by), plus the sections of each app: 28 since the
    # individual scores of a joint round (a section of two queries, and an audited model).
    with django_assert_max_num_queries(28):
        r = client.get(URL)
    wijzigingen = r.json()["wijzigingen_door_u"]
    assert sum(1 for w in wijzigingen if w["wat"] == "score") >= 55
    assert any(
        w["wat"] == "betrokkenheid" and w["object"].startswith("betrokkenheid ")
        for w in wijzigingen
    )
