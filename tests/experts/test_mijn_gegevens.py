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
