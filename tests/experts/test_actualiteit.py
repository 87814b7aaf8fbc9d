from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from experts import search
from experts.models import Expert
from tests.factories import ExpertFactory
from tests.klok import MIDDAG

pytestmark = pytest.mark.django_db

NU = MIDDAG  # the tests' clock (tests/klok.py)


def _oud(naam, dagen=400, **kwargs):
    return ExpertFactory(
        naam=naam,
        laatst_bevestigd_op=NU - timedelta(days=dagen),
        aangemaakt_op=NU - timedelta(days=dagen + 10),
        **kwargs,
    )


def test_a_profile_unconfirmed_for_365_days_is_possibly_outdated(client, professional):
    oud = _oud("Oud Profiel")
    vers = _oud("Vers Profiel", dagen=364)
    assert oud.is_verouderd and not vers.is_verouderd
    assert list(Expert.objects.verouderd()) == [oud]
    client.force_login(professional)
    assert "Mogelijk verouderd" in client.get(oud.get_absolute_url()).content.decode()
    assert "Mogelijk verouderd" not in client.get(vers.get_absolute_url()).content.decode()
    resultaten = client.get(reverse("experts:zoeken")).content.decode()
    assert resultaten.count("Mogelijk verouderd") == 1


def test_an_outdated_profile_ranks_a_little_lower():
    _oud("Anna Oud", toelichting="Valpreventie voor ouderen.")
    ExpertFactory(naam="Zoë Vers", toelichting="Valpreventie voor ouderen.")
    vraag = search.analyseer("valpreventie")
    assert [e.naam for e in search.zoek(Expert.objects.all(), vraag)] == ["Zoë Vers", "Anna Oud"]


def test_the_coordinator_has_an_overview_of_outdated_profiles(
    client, coordinator, professional, django_assert_max_num_queries
):
    _oud("Oudste", dagen=700)
    _oud("Oud", dagen=400)
    ExpertFactory(naam="Vers", laatst_bevestigd_op=NU)
    url = reverse("experts:actualiteit")
    client.force_login(professional)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):
        r = client.get(url)
    assert [e.naam for e in r.context["page"].object_list] == ["Oudste", "Oud"]
    assert "2 actieve profielen zijn een jaar of langer niet bevestigd" in r.content.decode()


def test_reminders_mail_each_owner_at_most_once_every_30_days():
    _oud("Anna Oud", email="anna@example.org")
    _oud("Bram Vertrokken", email="bram@example.org", status=Expert.Status.VERTROKKEN)
    ExpertFactory(naam="Carla Vers", email="carla@example.org", laatst_bevestigd_op=NU)

    out = StringIO()
    call_command("herinner_verouderde_profielen", "--dry-run", stdout=out)
    assert "1 eigenaren zouden een herinnering krijgen" in out.getvalue()
    assert mail.outbox == [] and Expert.objects.get(naam="Anna Oud").herinnerd_op is None

    call_command("herinner_verouderde_profielen", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    assert "Mijn gegevens kloppen nog" in mail.outbox[0].body
    assert "/mijn-profiel/" in mail.outbox[0].body

    call_command("herinner_verouderde_profielen", stdout=StringIO())
    assert len(mail.outbox) == 1  # not again within 30 days

    Expert.objects.filter(naam="Anna Oud").update(herinnerd_op=NU - timedelta(days=31))
    call_command("herinner_verouderde_profielen", stdout=StringIO())
    assert len(mail.outbox) == 2
