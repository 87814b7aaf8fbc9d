"""Fictional rounds after the real round 2025, for local demos, screenshots and the benchmark.

Their titles say they are fictional, and so does every toelichting they change. Like the demo
experts, this is data, stored in Dutch."""

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import Perspectief, User
from inspanningen import samen, services
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
        jaar = laatste.jaar + 1
        if jaar == SAMEN_JAAR:
            samen_beoordeeld(rng, jaar)
            nieuw += 1
            continue
        ronde = services.nieuwe_ronde(jaar=jaar, titel=f"Demo-herbeoordeling {jaar} (fictief)")
        ronde = services.wijzig_status(
            ronde=ronde, actie="openen", door=None, deadline=timezone.localdate() + DEADLINE
        )
        services.bewaar_scores(ronde=ronde, invoer=_beoordeel(rng, ronde), door=None)
        nieuw += 1
    return nieuw


SAMEN_JAAR = 2026  # the demo's round scored together, finished, with a few bespreekpunten
# The fictional stuurgroep members who scored it: fifteen, of four perspectives.
LEDEN = [
    (f"Fictief lid {perspectief.label} {n} (demo)", perspectief)
    for perspectief, aantal in [
        (Perspectief.BESTUUR, 4),
        (Perspectief.BELEID, 4),
        (Perspectief.UITVOERING, 4),
        (Perspectief.INWONER, 3),
    ]
    for n in range(1, aantal + 1)
]


def demo_leden() -> list:
    """The fictional members (example.org, no password: nobody logs in as them)."""
    leden = []
    groep = Group.objects.get(name=roles.STUURGROEP)
    for i, (naam, perspectief) in enumerate(LEDEN, start=1):
        user, gemaakt = User.objects.get_or_create(
            email=f"demo-stuurgroeplid-{i}@example.org",
            defaults={"naam": naam, "perspectief": perspectief},
        )
        if gemaakt:
            user.set_unusable_password()
            user.save()
        user.groups.add(groep)
        leden.append(User.objects.get(pk=user.pk))  # role_names fresh
    return leden


def samen_beoordeeld(rng: random.Random, jaar: int) -> Ronde:
    """A round scored together from start to finish: each fictional member scores every cell
    around the previous level; three cells are made to differ (two by spread, one by
    perspective). The bespreking settles the bespreekpunten (one with a minority note),
    accepts the cells everyone agreed on, sets the rest to their median, and finalises."""
    leden = demo_leden()
    ronde = services.nieuwe_ronde(
        jaar=jaar,
        titel=f"Demo: samen beoordeeld {jaar} (fictief)",
        werkwijze=Ronde.Werkwijze.SAMEN,
        weergave=Ronde.Weergave.ANONIEM,
    )
    ronde = services.wijzig_status(ronde=ronde, actie="openen", door=None)
    cellen = list(Score.objects.filter(ronde=ronde).order_by("pk"))
    spreiding = {cellen[3].pk, cellen[17].pk}
    perspectief = {cellen[29].pk}
    for lid in leden:
        invoer = []
        for score in cellen:
            niveau = score.niveau  # 'nog niet bekend' stays 'weet ik niet'
            if score.pk in spreiding:
                niveau = (
                    "sterk"
                    if lid.perspectief in (Perspectief.BESTUUR, Perspectief.BELEID) and lid.pk % 2
                    else "nauwelijks"
                )
            elif score.pk in perspectief:
                niveau = "sterk" if lid.perspectief == Perspectief.BESTUUR else "deels"
            elif rng.random() < 0.06:
                niveau = "onbekend"  # counted apart: no bespreekpunt
            reden = ""
            if score.pk in spreiding | perspectief or rng.random() < 0.05:
                reden = f"Fictief (demo): gezien vanuit {lid.get_perspectief_display().lower()}."
            invoer.append(samen.Invoer(score.pk, niveau, reden))
        samen.bewaar_beoordelingen(ronde=ronde, invoer=invoer, door=lid)
    ronde = services.wijzig_status(ronde=ronde, actie="bespreken", door=None, ondanks_open=True)
    voorzitter = leden[0]
    for cel in samen.cellen(ronde, voorzitter, alle_zichtbaar=True):
        if cel.spreiding.is_bespreekpunt:
            mediaan = cel.spreiding.mediaan or 1
            niveau = samen.NIVEAU_VAN_RANG[max(1, int(mediaan))]
            minderheid = (
                "Fictief (demo): het bestuur ziet deze aanbeveling al sterk terug in het beleid."
                if cel.pk in perspectief
                else ""
            )
            services.bewaar_scores(
                ronde=ronde,
                invoer=[
                    services.ScoreInvoer(
                        cel.pk,
                        cel.score.versie,
                        niveau,
                        "Fictief (demo): in de bespreking vastgesteld na verschil van inzicht.",
                        True,
                        minderheid,
                    )
                ],
                door=None,
            )
    ronde.voorzitter = voorzitter
    ronde.save()
    samen.aanvaard_eensgezind(ronde=ronde, door=voorzitter)
    for cel in samen.cellen(ronde, voorzitter, alle_zichtbaar=True):
        if not cel.score.is_beoordeeld:
            mediaan = cel.spreiding.mediaan
            if mediaan:
                niveau = samen.NIVEAU_VAN_RANG[round(mediaan + 0.01)]
                toelichting = "Fictief (demo): in de bespreking vastgesteld op de mediaan."
            else:
                niveau = cel.score.niveau
                toelichting = "Fictief (demo): te weinig scores; het niveau van vorig jaar blijft."
            services.bewaar_scores(
                ronde=ronde,
                invoer=[services.ScoreInvoer(cel.pk, cel.score.versie, niveau, toelichting, True)],
                door=None,
            )
    return services.wijzig_status(ronde=ronde, actie="vaststellen", door=None)


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
