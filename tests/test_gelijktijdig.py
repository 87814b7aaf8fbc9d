"""Races, as the outside probe ran them, kept: finalising a round against saving its scores, and
one invitation used for several sign-ups at the same moment."""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Uitnodiging, User
from inspanningen import services
from inspanningen.models import Ronde, RondeVastgesteld, Score
from tests.conftest import MET_OPEN_CELLEN, in_draad
from tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _wijziging(ronde: Ronde) -> services.ScoreInvoer:
    score = Score.objects.filter(ronde=ronde).exclude(niveau="nauwelijks").order_by("pk").first()
    return services.ScoreInvoer(score.pk, score.versie, "nauwelijks", "Na de vaststelling?")


def test_a_save_that_meets_a_finalising_waits_and_is_refused(ronde_2026, coordinator):
    invoer = _wijziging(ronde_2026)
    vergrendeld, uitkomst = threading.Event(), {}

    def vaststellen():
        with transaction.atomic():
            services.wijzig_status(
                ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
            )
            vergrendeld.set()
            time.sleep(1.0)  # the finalising holds the round while the save comes in
        return timezone.now()

    b = in_draad(vaststellen, uitkomst, "vaststellen")
    assert vergrendeld.wait(10)
    a = in_draad(
        lambda: services.bewaar_scores(ronde=ronde_2026, invoer=[invoer], door=coordinator),
        uitkomst,
        "opslaan",
    )
    a.join(20)
    b.join(20)
    assert isinstance(uitkomst["vaststellen"], type(timezone.now()))
    assert isinstance(uitkomst["opslaan"], RondeVastgesteld), uitkomst["opslaan"]
    score = Score.objects.get(pk=invoer.score_id)
    assert score.niveau != "nauwelijks"
    ronde = Ronde.objects.get(pk=ronde_2026.pk)
    assert not score.history.filter(history_date__gte=ronde.vastgesteld_op).exists()


def test_a_finalising_waits_for_a_save_in_progress(ronde_2026, coordinator):
    invoer = _wijziging(ronde_2026)
    opgeslagen, uitkomst = threading.Event(), {}

    def opslaan():
        with transaction.atomic():
            services.bewaar_scores(ronde=ronde_2026, invoer=[invoer], door=coordinator)
            opgeslagen.set()
            time.sleep(1.0)  # the save holds the round (for share) while the finalising comes
            return timezone.now()  # just before the commit

    a = in_draad(opslaan, uitkomst, "opslaan")
    assert opgeslagen.wait(10)
    b = in_draad(
        lambda: services.wijzig_status(
            ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
        ),
        uitkomst,
        "vaststellen",
    )
    a.join(20)
    b.join(20)
    ronde = Ronde.objects.get(pk=ronde_2026.pk)
    assert ronde.is_vastgesteld
    assert ronde.vastgesteld_op >= uitkomst["opslaan"]  # it waited for the save to commit
    score = Score.objects.get(pk=invoer.score_id)
    assert score.niveau == "nauwelijks"
    assert not score.history.filter(history_date__gte=ronde.vastgesteld_op).exists()


def test_one_invitation_used_by_eight_sign_ups_at_once_makes_one_account_and_no_error(
    coordinator,
):
    # The rate limits count in the database cache, which a transactional test does not roll
    # back: sign-ups of earlier tests in this process within the minute would count here too.
    cache.clear()
    _uitnodiging, token = Uitnodiging.maak(email="nieuw@example.org", door=coordinator)
    clients = [Client() for _ in range(8)]
    for client in clients:
        assert client.get(reverse("accounts:uitnodiging", args=[token])).status_code == 302
    start, uitkomst = threading.Barrier(len(clients)), {}

    def aanmelden(client):
        start.wait(10)
        r = client.post(
            reverse("account_signup"),
            {"email": "nieuw@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        return r.status_code, r.content.decode()

    draden = [in_draad(lambda c=c: aanmelden(c), uitkomst, n) for n, c in enumerate(clients)]
    for draad in draden:
        draad.join(60)
    assert User.objects.filter(email="nieuw@example.org").count() == 1
    statussen = sorted(status for status, _html in uitkomst.values())
    assert statussen.count(302) >= 1 and set(statussen) <= {200, 302}, statussen
    # Whoever came second is told so in Dutch, on the form: the link has been used.
    for status, html in uitkomst.values():
        if status == 200:
            assert "Deze uitnodiging is al gebruikt of verlopen" in html
