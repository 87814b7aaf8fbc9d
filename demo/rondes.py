"""Fictional rounds after the real round 2025, for local demos, screenshots and the benchmark.

Their titles say they are fictional, and so does every toelichting they change. Like the demo
experts, this is data, stored in Dutch."""

import random
from datetime import timedelta

from django.utils import timezone

from inspanningen import services
from inspanningen.models import Ronde, Score

DEADLINE = timedelta(days=21)  # the open demo round's deadline, from the day it is made
OMHOOG = {"onbekend": "nauwelijks", "nauwelijks": "deels", "deels": "sterk", "sterk": "sterk"}


def maak_rondes(aantal: int, seed: int = 2025) -> int:
    """Add fictional rounds, each a year after the last, until there are `aantal` rounds. Every
    round but the newest is vastgesteld; the newest stays open, partly reviewed. In each new
    round some cells move one level up, most are confirmed, and a few are still to review.
    Returns how many rounds were added. The reference data must be loaded first."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    if not Ronde.objects.exists():
        raise ValueError("Laad eerst de referentiedata (python manage.py laad_referentiedata).")
    nieuw = 0
    while Ronde.objects.count() < aantal:
        laatste = Ronde.objects.order_by("-jaar").first()
        _stel_vast(laatste)
        ronde = services.nieuwe_ronde(
            jaar=laatste.jaar + 1,
            titel=f"Demo-herbeoordeling {laatste.jaar + 1} (fictief)",
        )
        ronde = services.wijzig_status(
            ronde=ronde, actie="openen", door=None, deadline=timezone.localdate() + DEADLINE
        )
        services.bewaar_scores(ronde=ronde, invoer=_beoordeel(rng, ronde), door=None)
        nieuw += 1
    return nieuw


def _stel_vast(ronde: Ronde) -> None:
    if ronde.status == Ronde.Status.CONCEPT:
        ronde = services.wijzig_status(ronde=ronde, actie="openen", door=None)
    if ronde.status == Ronde.Status.OPEN:
        open_cellen = services.te_beoordelen(ronde).exists()
        services.wijzig_status(
            ronde=ronde,
            actie="vaststellen",
            door=None,
            ondanks_open=open_cellen,  # a few cells are left in most demo rounds
            reden="Fictief (demo): vastgesteld met enkele cellen die niet opnieuw zijn beoordeeld."
            if open_cellen
            else "",
        )


def _beoordeel(rng: random.Random, ronde: Ronde) -> list[services.ScoreInvoer]:
    invoer = []
    for score in Score.objects.filter(ronde=ronde).order_by("pk"):
        kans = rng.random()
        if kans < 0.15 and score.niveau != Score.Niveau.STERK:
            niveau = OMHOOG[score.niveau]
            toelichting = f"Fictief (demo): in {ronde.jaar} naar '{Score.Niveau(niveau).label}'."
            invoer.append(services.ScoreInvoer(score.pk, score.versie, niveau, toelichting))
        elif kans < 0.75:
            invoer.append(
                services.ScoreInvoer(score.pk, score.versie, score.niveau, score.toelichting, True)
            )
    return invoer
