"""The AVG (GDPR): visibility, the right of access, deleting a profile, no caching, the privacy
statement, and anonymising profiles nobody confirmed for two years."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from experts import search
from experts.models import Expert
from inspanningen.models import Inspanning
from tests.conftest import recent_ingelogd
from tests.factories import BetrokkenheidFactory, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db

NU = timezone.now()


@pytest.fixture
def eigenaar(referentie):
    user = UserFactory(email="anna@example.org", naam="Anna de Vries")
    expert = ExpertFactory(
        naam="Anna de Vries",
        email="anna@example.org",
        telefoon="0591 123 456",
        functie="Diëtist",
        toelichting="Ik werk met gezinnen in Emmen.",
        user=user,
        expertise=["Gezonde voeding"],
        gemeenten=["Emmen"],
    )
    return user, expert


def _form(expert, **changes):
    data = {
        "naam": expert.naam,
        "telefoon": expert.telefoon,
        "functie": expert.functie,
        "beroepsgroep": expert.beroepsgroep,
        "toelichting": expert.toelichting,
        "zichtbaarheid": expert.zichtbaarheid,
        "expertisegebieden": [g.pk for g in expert.expertisegebieden.all()],
        "werkgebied": [g.pk for g in expert.werkgebied.all()],
    }
    data.update(changes)
    return data


def test_profiles_are_for_the_network_unless_their_owner_opts_in(client, eigenaar):
    user, expert = eigenaar
    assert expert.zichtbaarheid == "netwerk"
    assert client.get(expert.get_absolute_url()).status_code == 302

    client.force_login(user)
    client.post(reverse("experts:mijn_profiel"), _form(expert, zichtbaarheid="openbaar"))
    client.logout()
    content = client.get(expert.get_absolute_url()).content.decode()
    assert "Anna de Vries" in content and "Diëtist" in content and "Gezonde voeding" in content
    assert "anna@example.org" not in content and "0591 123 456" not in content

    client.force_login(user)
    client.post(reverse("experts:mijn_profiel"), _form(expert, zichtbaarheid="netwerk"))
    client.logout()
    assert client.get(expert.get_absolute_url()).status_code == 302  # withdrawn


def test_download_my_data_holds_everything_with_history(client, eigenaar, ronde_2026):
    user, expert = eigenaar
    BetrokkenheidFactory(expert=expert, inspanning=Inspanning.objects.get(nummer=3))
    client.force_login(user)
    client.post(reverse("experts:mijn_profiel"), _form(expert, functie="Kinderdiëtist"))
    r = client.get(reverse("mijn_gegevens"))
    assert r["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    gegevens = json.loads(r.content)
    assert gegevens["account"]["email"] == "anna@example.org"
    assert gegevens["profiel"]["telefoon"] == "0591 123 456"
    assert gegevens["profiel"]["expertisegebieden"] == ["Gezonde voeding"]
    assert [h["functie"] for h in gegevens["profielgeschiedenis"]] == ["Diëtist", "Kinderdiëtist"]
    assert len(gegevens["rollen_in_inspanningen"]) == 1 and gegevens["rollengeschiedenis"]
    assert any(w["wat"] == "expert" for w in gegevens["wijzigingen_door_u"])
    assert "zoekvector" not in gegevens["profiel"]


def test_deleting_my_profile_needs_a_recent_password(client, eigenaar):
    user, expert = eigenaar
    client.force_login(user)
    r = client.post(reverse("experts:verwijderen"))
    assert r.status_code == 302 and "/accounts/reauthenticate/" in r.url
    assert Expert.objects.get(pk=expert.pk).naam == "Anna de Vries"


def test_deleting_my_profile_anonymises_it_and_its_history(client, eigenaar):
    user, expert = eigenaar
    rol = BetrokkenheidFactory(expert=expert, inspanning=Inspanning.objects.get(nummer=3))
    recent_ingelogd(client, user)
    assert (
        "Ja, verwijder mijn profiel" in client.get(reverse("experts:verwijderen")).content.decode()
    )
    r = client.post(reverse("experts:verwijderen"))
    assert r.status_code == 302
    expert.refresh_from_db()
    assert (expert.naam, expert.telefoon, expert.toelichting, expert.user) == (
        "Vertrokken expert",
        "",
        "",
        None,
    )
    assert "anna" not in expert.email and "anna" not in expert.slug
    assert expert.is_vertrokken and expert.geanonimiseerd_op is not None
    for h in expert.history.all():
        assert "Anna" not in (h.naam + h.email + h.slug + h.toelichting + h.telefoon)
    rol.refresh_from_db()
    assert rol.expert == expert and rol.tot is not None  # the role still reads, as ended
    assert not list(search.zoek(Expert.objects.all(), search.analyseer("Anna Vries")))
    content = client.get(reverse("inspanningen:detail", args=[rol.inspanning.nummer])).content
    assert "Vertrokken expert" in content.decode()


def test_pages_with_personal_data_are_never_stored(client, eigenaar):
    user, expert = eigenaar
    client.force_login(user)
    for url in [
        expert.get_absolute_url(),
        reverse("experts:zoeken"),
        reverse("experts:mijn_profiel"),
        reverse("mijn_gegevens"),
    ]:
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_the_privacy_statement_says_what_why_and_how_long(client):
    content = client.get(reverse("privacy")).content.decode()
    for kop in ["Wat we bewaren", "Waarom", "Hoe lang", "Uw rechten"]:
        assert kop in content


def test_two_years_unconfirmed_means_a_warning_then_anonymising(eigenaar):
    _user, expert = eigenaar
    Expert.objects.filter(pk=expert.pk).update(
        laatst_bevestigd_op=NU - timedelta(days=710), aangemaakt_op=NU - timedelta(days=800)
    )
    vers = ExpertFactory(naam="Vers", laatst_bevestigd_op=NU)

    out = StringIO()
    call_command("anonimiseer_verouderde_profielen", "--dry-run", stdout=out)
    assert "1 eigenaren zouden een waarschuwing krijgen; 0 profielen" in out.getvalue()
    assert not mail.outbox

    call_command("anonimiseer_verouderde_profielen", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    assert "verwijderd" in mail.outbox[0].subject
    expert.refresh_from_db()
    assert expert.gewaarschuwd_op is not None and expert.naam == "Anna de Vries"

    # 30 days later, still not confirmed: anonymised. Confirming would have stopped it.
    Expert.objects.filter(pk=expert.pk).update(
        laatst_bevestigd_op=NU - timedelta(days=740), gewaarschuwd_op=NU - timedelta(days=31)
    )
    call_command("anonimiseer_verouderde_profielen", stdout=StringIO())
    expert.refresh_from_db()
    assert expert.naam == "Vertrokken expert"
    vers.refresh_from_db()
    assert vers.naam == "Vers" and vers.geanonimiseerd_op is None


def test_confirming_after_the_warning_stops_the_anonymising(client, eigenaar):
    user, expert = eigenaar
    Expert.objects.filter(pk=expert.pk).update(
        laatst_bevestigd_op=NU - timedelta(days=740), gewaarschuwd_op=NU - timedelta(days=31)
    )
    client.force_login(user)
    client.post(reverse("experts:bevestigen"))
    call_command("anonimiseer_verouderde_profielen", stdout=StringIO())
    expert.refresh_from_db()
    assert expert.naam == "Anna de Vries" and expert.gewaarschuwd_op is None
