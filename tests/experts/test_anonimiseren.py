"""`anonimiseer_verouderde_profielen`: a profile nobody confirmed for two years gets its owner a
warning, and 30 days later is anonymised, unless the owner confirms it in between."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from experts.models import Expert
from tests.factories import ExpertFactory
from tests.klok import MIDDAG

pytestmark = pytest.mark.django_db

NU = MIDDAG  # the tests' clock (tests/klok.py)


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
    expert.refresh_from_db()
    assert expert.gewaarschuwd_op is None

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
    assert (expert.naam, expert.telefoon, expert.user) == ("Vertrokken expert", "", None)
    assert expert.geanonimiseerd_op is not None
    assert expert.history.first().history_change_reason == "twee jaar niet bevestigd"
    vers.refresh_from_db()
    assert vers.naam == "Vers" and vers.geanonimiseerd_op is None


def test_confirming_after_the_warning_stops_the_anonymising(client, eigenaar):
    user, expert = eigenaar
    Expert.objects.filter(pk=expert.pk).update(
        laatst_bevestigd_op=NU - timedelta(days=740), gewaarschuwd_op=NU - timedelta(days=31)
    )
    client.force_login(user)
    assert client.post(reverse("experts:bevestigen")).status_code == 302
    call_command("anonimiseer_verouderde_profielen", stdout=StringIO())
    expert.refresh_from_db()
    assert expert.naam == "Anna de Vries" and expert.gewaarschuwd_op is None
    assert expert.geanonimiseerd_op is None
