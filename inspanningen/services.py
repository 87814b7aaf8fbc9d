"""Writes that span several rows: starting a round, changing its status, saving scores, and
the handover when someone leaves (their roles move to their successors)."""

from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history

from core import security_log
from core.exceptions import ActionRefused
from core.history import history_rows
from experts.models import Expert
from inspanningen import samen
from inspanningen.models import (
    JAAR_MAX,
    JAAR_MIN,
    Aanbeveling,
    Betrokkenheid,
    Inspanning,
    Ronde,
    RondeVastgesteld,
    Score,
)


def _onder_slot(ronde: Ronde) -> Ronde:
    """The round read again and locked for this transaction; refused when another tab deleted
    it meanwhile."""
    vers = Ronde.objects.select_for_update().filter(pk=ronde.pk).first()
    if vers is None:
        raise ActionRefused(_("Ronde %(jaar)s bestaat niet meer.") % {"jaar": ronde.jaar})
    return vers


class OnvoltooideRonde(ActionRefused):
    """A new round was asked for while another round is still concept or open: the coordinator
    must confirm it, naming that round (so a stale confirmation does not count for another)."""

    def __init__(self, ronde: Ronde):
        self.ronde = ronde
        super().__init__(
            _("Ronde %(jaar)s is nog niet vastgesteld. Bevestig dat u toch een nieuwe ronde start.")
            % {"jaar": ronde.jaar}
        )


def onvoltooide_ronde() -> Ronde | None:
    """The newest round that is not finalised yet, if any."""
    return Ronde.objects.exclude(status=Ronde.Status.VASTGESTELD).order_by("-jaar").first()


def basis_voor(jaar: int) -> Ronde | None:
    """The round a new round for `jaar` copies its cells from: the latest earlier round."""
    return Ronde.objects.filter(jaar__lt=jaar).order_by("-jaar").first()


def controleer_deadline(deadline: date | None, huidige: date | None = None) -> None:
    """A new deadline is today or later; the one a round already has may have passed."""
    if deadline and deadline != huidige and deadline < timezone.localdate():
        raise ActionRefused(_("Kies voor de deadline vandaag of een datum in de toekomst."))


@transaction.atomic
def nieuwe_ronde(
    *,
    jaar: int,
    door=None,
    titel: str = "",
    deadline: date | None = None,
    ondanks_onvoltooid: int | None = None,
    werkwijze: str = Ronde.Werkwijze.DIRECT,
    weergave: str = Ronde.Weergave.ANONIEM,
) -> Ronde:
    """A concept round for `jaar`, with every cell copied from the latest earlier round
    (level and toelichting) and marked 'te beoordelen'. New inspanningen and aanbevelingen
    are included; archived ones are not.

    While another round is concept or open, the caller must name it in `ondanks_onvoltooid`
    (the coordinator confirmed it); otherwise OnvoltooideRonde is raised and nothing is made.
    Rounds are started one at a time (a transaction lock), so two tabs cannot both pass."""
    if not JAAR_MIN <= jaar <= JAAR_MAX:
        raise ActionRefused(
            _("Kies een jaar van %(min)s tot en met %(max)s.") % {"min": JAAR_MIN, "max": JAAR_MAX}
        )
    controleer_deadline(deadline)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('gg_nieuwe_ronde'))")
    if Ronde.objects.filter(jaar=jaar).exists():
        raise ActionRefused(_("Er is al een ronde voor %(jaar)s.") % {"jaar": jaar})
    onvoltooid = onvoltooide_ronde()
    if onvoltooid is not None and onvoltooid.pk != ondanks_onvoltooid:
        raise OnvoltooideRonde(onvoltooid)
    basis = basis_voor(jaar)
    try:
        with transaction.atomic():
            ronde = Ronde(
                jaar=jaar,
                titel=titel or _("Herbeoordeling %(jaar)s") % {"jaar": jaar},
                status=Ronde.Status.CONCEPT,
                gebaseerd_op=basis,
                deadline=deadline,
                werkwijze=werkwijze,
                weergave=weergave,
            )
            ronde._history_user = door
            ronde.save()
    except IntegrityError:
        raise ActionRefused(_("Er is al een ronde voor %(jaar)s.") % {"jaar": jaar}) from None
    vorige = {}
    if basis:
        vorige = {(s.inspanning_id, s.aanbeveling_id): s for s in basis.scores.all()}
    scores = []
    for inspanning in Inspanning.objects.filter(gearchiveerd=False):
        for aanbeveling in Aanbeveling.objects.filter(gearchiveerd=False):
            oud = vorige.get((inspanning.pk, aanbeveling.pk))
            scores.append(
                Score(
                    ronde=ronde,
                    inspanning=inspanning,
                    aanbeveling=aanbeveling,
                    niveau=oud.niveau if oud else Score.Niveau.ONBEKEND,
                    toelichting=oud.toelichting if oud else "",
                    beoordelingsstatus=Score.Beoordelingsstatus.TE_BEOORDELEN,
                    bijgewerkt_door=door,
                )
            )
    bulk_create_with_history(scores, Score, default_user=door)
    return ronde


def is_onaangeroerd(ronde: Ronde) -> bool:
    """Nobody has changed or confirmed a cell of this round yet (every save raises a version)."""
    return not ronde.scores.filter(
        Q(versie__gt=1) | ~Q(beoordelingsstatus=Score.Beoordelingsstatus.TE_BEOORDELEN)
    ).exists()


def kan_verwijderen(ronde: Ronde) -> bool:
    """verwijder_ronde's rule, to offer the action only where it will work."""
    return (
        ronde.status == Ronde.Status.CONCEPT
        and is_onaangeroerd(ronde)
        and not ronde.vervolgrondes.exists()
    )


@transaction.atomic
def verwijder_ronde(*, ronde: Ronde, door) -> None:
    """Delete a concept round that nobody has worked in yet; the history keeps who and when."""
    ronde = _onder_slot(ronde)
    if ronde.status != Ronde.Status.CONCEPT:
        raise ActionRefused(
            _("Alleen een conceptronde kan worden verwijderd; ronde %(jaar)s is '%(status)s'.")
            % {"jaar": ronde.jaar, "status": ronde.get_status_display()}
        )
    if not is_onaangeroerd(ronde):
        raise ActionRefused(
            _(
                "In ronde %(jaar)s is al een cel gewijzigd of bevestigd; de ronde kan niet meer "
                "worden verwijderd."
            )
            % {"jaar": ronde.jaar}
        )
    if ronde.vervolgrondes.exists():
        raise ActionRefused(
            _("Een latere ronde is op ronde %(jaar)s gebaseerd; verwijder die eerst.")
            % {"jaar": ronde.jaar}
        )
    ronde._history_user = door
    ronde._change_reason = "verwijderd"
    ronde.delete()
    security_log.log("ronde_verwijderd", door=getattr(door, "pk", "-"), jaar=ronde.jaar)


# action: (from, to), per way of working. A direct round goes concept → open → vastgesteld; a
# round scored together concept → open → bespreking → vastgesteld, and back to its bespreking
# (never to scoring) when reopened.
OVERGANGEN = {
    Ronde.Werkwijze.DIRECT: {
        "openen": (Ronde.Status.CONCEPT, Ronde.Status.OPEN),
        "vaststellen": (Ronde.Status.OPEN, Ronde.Status.VASTGESTELD),
        "heropenen": (Ronde.Status.VASTGESTELD, Ronde.Status.OPEN),
    },
    Ronde.Werkwijze.SAMEN: {
        "openen": (Ronde.Status.CONCEPT, Ronde.Status.OPEN),
        "bespreken": (Ronde.Status.OPEN, Ronde.Status.BESPREKING),
        "vaststellen": (Ronde.Status.BESPREKING, Ronde.Status.VASTGESTELD),
        "heropenen": (Ronde.Status.VASTGESTELD, Ronde.Status.BESPREKING),
    },
}
ACTIES = {actie for per_werkwijze in OVERGANGEN.values() for actie in per_werkwijze}


def overgang(ronde: Ronde, actie: str) -> tuple[str, str]:
    """(from, to) of `actie` for this round; refused for an action its kind of round lacks."""
    if actie not in ACTIES:
        raise ActionRefused(_("Onbekende actie."))
    if actie not in OVERGANGEN[ronde.werkwijze]:
        raise ActionRefused(
            _("Ronde %(jaar)s wordt direct ingevuld en heeft geen bespreking.")
            % {"jaar": ronde.jaar}
        )
    return OVERGANGEN[ronde.werkwijze][actie]


OVERGANGEN_LABELS = {
    "openen": "geopend",
    "vaststellen": "vastgesteld",
    "heropenen": "heropend",
    "bespreken": "naar bespreking",
}


def eigen_reden(reden: str | None) -> str:
    """A status change's reason as someone gave it; '' where the history only has the word
    for the change itself ('vastgesteld')."""
    return "" if not reden or reden in OVERGANGEN_LABELS.values() else reden


def te_beoordelen(ronde: Ronde):
    """The cells of the round still to review, in the order of the matrix."""
    return (
        ronde.scores.filter(beoordelingsstatus=Score.Beoordelingsstatus.TE_BEOORDELEN)
        .select_related("inspanning", "aanbeveling")
        .order_by(
            "aanbeveling__volgorde",
            "aanbeveling__nummer",
            "inspanning__volgorde",
            "inspanning__nummer",
        )
    )


NIET_GEZET = object()


@transaction.atomic
def wijzig_status(
    *,
    ronde: Ronde,
    actie: str,
    door,
    reden: str = "",
    ondanks_open: bool = False,
    deadline=NIET_GEZET,
) -> Ronde:
    """Concept → open (→ bespreking) → vastgesteld (`overgang`); reopening a finalised round
    needs a reason, and so does finalising a round with cells still to review (`ondanks_open`:
    the coordinator chose to). Closing the scoring while members have not scored every cell
    also needs `ondanks_open`. Opening, and reopening into open, may set the deadline."""
    ronde = _onder_slot(ronde)
    van, naar = overgang(ronde, actie)
    if ronde.status != van:
        raise ActionRefused(
            _("Dat kan alleen bij een ronde met status '%(van)s'; deze ronde is '%(status)s'.")
            % {"van": Ronde.Status(van).label, "status": ronde.get_status_display()}
        )
    reden = reden.strip()
    if actie == "heropenen" and not reden:
        raise ActionRefused(_("Geef een reden om de ronde te heropenen."))
    if actie == "vaststellen":
        open_cellen = te_beoordelen(ronde).count()
        if open_cellen and not ondanks_open:
            raise ActionRefused(
                ngettext(
                    "Er staat nog %(n)s cel op 'te beoordelen'. Kies ervoor om toch vast te "
                    "stellen, en geef een reden.",
                    "Er staan nog %(n)s cellen op 'te beoordelen'. Kies ervoor om toch vast te "
                    "stellen, en geef een reden.",
                    open_cellen,
                )
                % {"n": open_cellen}
            )
        if open_cellen and not reden:
            raise ActionRefused(
                _("Geef een reden om vast te stellen terwijl er nog cellen te beoordelen zijn.")
            )
    if actie == "bespreken":
        nog_bezig = len(samen.nog_bezig(ronde))
        if nog_bezig and not ondanks_open:
            raise ActionRefused(
                ngettext(
                    "%(n)s lid van de stuurgroep heeft nog niet alle cellen gescoord. Kies "
                    "ervoor om het scoren toch te sluiten.",
                    "%(n)s leden van de stuurgroep hebben nog niet alle cellen gescoord. Kies "
                    "ervoor om het scoren toch te sluiten.",
                    nog_bezig,
                )
                % {"n": nog_bezig}
            )
    # A deadline belongs to scoring: only a round that becomes open takes one (a joint round
    # reopens into its bespreking, where nobody scores).
    nieuwe_deadline = naar == Ronde.Status.OPEN and deadline is not NIET_GEZET
    if nieuwe_deadline:
        controleer_deadline(deadline, ronde.deadline)
        nieuwe_deadline = deadline != ronde.deadline
    if nieuwe_deadline and actie == "openen":
        ronde.deadline, ronde.herinnerd_op = deadline, None  # a new deadline, a new reminder
    ronde.status = naar
    if naar == Ronde.Status.VASTGESTELD:
        ronde.vastgesteld_op, ronde.vastgesteld_door = timezone.now(), door
    else:
        ronde.vastgesteld_op, ronde.vastgesteld_door = None, None
    ronde._history_user = door
    ronde._change_reason = reden or OVERGANGEN_LABELS[actie]
    ronde.save()
    if nieuwe_deadline and actie == "heropenen":
        # After the reopening itself: the guard of a finalised round lets only the status
        # change (migration 0006), so the new deadline is a second save.
        ronde.deadline, ronde.herinnerd_op = deadline, None
        ronde._change_reason = "nieuwe deadline"
        ronde.save(update_fields=["deadline", "herinnerd_op"])
    security_log.log(
        f"ronde_{OVERGANGEN_LABELS[actie]}".replace(" ", "_"),
        door=getattr(door, "pk", "-"),
        jaar=ronde.jaar,
        reden=reden or "-",
    )
    return ronde


@dataclass
class ScoreInvoer:
    """What the user submitted for one score, with the version they loaded."""

    score_id: int
    versie: int
    niveau: str
    toelichting: str
    bevestigd: bool = False
    minderheidsstandpunt: str | None = None  # None: the page does not show it; left as it is


@dataclass
class Resultaat:
    opgeslagen: list[Score] = field(default_factory=list)
    conflicten: list[tuple[ScoreInvoer, Score]] = field(default_factory=list)


def _wijzigt(invoer: ScoreInvoer, score: Score) -> bool:
    minderheid = (
        score.minderheidsstandpunt
        if invoer.minderheidsstandpunt is None
        else invoer.minderheidsstandpunt
    )
    return (invoer.niveau, invoer.toelichting, minderheid) != (
        score.niveau,
        score.toelichting,
        score.minderheidsstandpunt,
    )


@transaction.atomic
def bewaar_scores(*, ronde: Ronde, invoer: list[ScoreInvoer], door) -> Resultaat:
    """Writes only the scores that change. A score someone else changed after the form was
    loaded is not overwritten: it comes back as a conflict, and the other scores are saved.

    The round is read under a shared lock held until this transaction ends: finalising (which
    locks the round for update) waits for this save, or this save waits for the finalising and
    then finds the round vastgesteld."""
    if Ronde.objects.status_onder_slot(ronde.pk) == Ronde.Status.VASTGESTELD:
        raise RondeVastgesteld()
    resultaat = Resultaat()
    scores = {
        s.pk: s
        for s in Score.objects.select_for_update()
        .filter(ronde=ronde, pk__in=[i.score_id for i in invoer])
        .order_by("pk")
    }
    for i in invoer:
        score = scores[i.score_id]
        wijzigt = _wijzigt(i, score)
        bevestigt = (
            i.bevestigd and score.beoordelingsstatus == Score.Beoordelingsstatus.TE_BEOORDELEN
        )
        if not (wijzigt or bevestigt):
            continue
        if score.versie != i.versie:
            resultaat.conflicten.append((i, score))
            continue
        if wijzigt:
            score.niveau, score.toelichting = i.niveau, i.toelichting
            if i.minderheidsstandpunt is not None:
                score.minderheidsstandpunt = i.minderheidsstandpunt
        score.nieuwe_versie(
            door=door,
            status=Score.Beoordelingsstatus.GEWIJZIGD
            if wijzigt
            else Score.Beoordelingsstatus.BEVESTIGD,
        )
        score.save()
        resultaat.opgeslagen.append(score)
    return resultaat


@dataclass
class Overdracht:
    betrokkenheid: Betrokkenheid
    opvolger: Expert
    notitie: str


# Sent when someone has left, inside the handover's transaction: (expert, opvolger, notitie,
# rollen: the successors' new roles, door). The kennisbank moves the leaver's items with it.
vertrokken = Signal()


@transaction.atomic
def vertrek(
    *,
    expert: Expert,
    op: date,
    opvolger: Expert | None,
    overdrachten: list[Overdracht],
    door,
    notitie: str = "",
) -> list[Betrokkenheid]:
    """Record that `expert` left on `op`. Each of their current roles ends that day and goes,
    with its handover note, to the successor named for it; what else they kept goes to the
    successor on their profile, with `notitie` (the `vertrokken` signal). Returns the
    successors' new roles."""
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    if expert.is_vertrokken:
        raise ActionRefused(_("%(naam)s is al als vertrokken vastgelegd.") % {"naam": expert.naam})
    lopend = {b.pk: b for b in expert.betrokkenheden.lopend().select_related("inspanning")}
    if set(lopend) != {o.betrokkenheid.pk for o in overdrachten}:
        raise ActionRefused(_("Geef voor elke lopende rol een opvolger."))
    for o in overdrachten:
        if o.opvolger.pk == expert.pk or o.opvolger.is_vertrokken:
            raise ActionRefused(
                _("Kies als opvolger iemand anders die nog actief is (%(rol)s).")
                % {"rol": o.betrokkenheid.inspanning}
            )
        if o.betrokkenheid.sinds and o.betrokkenheid.sinds > op:
            raise ActionRefused(
                _("De vertrekdatum ligt vóór het begin van de rol bij %(inspanning)s (%(sinds)s).")
                % {"inspanning": o.betrokkenheid.inspanning, "sinds": o.betrokkenheid.sinds}
            )
    nieuw = []
    for o in overdrachten:
        oud = lopend[o.betrokkenheid.pk]
        oud.tot = op
        oud._history_user = door
        oud._change_reason = "overgedragen bij vertrek"
        oud.save(update_fields=["tot"])
        rol = Betrokkenheid(
            inspanning=oud.inspanning,
            expert=o.opvolger,
            rol=oud.rol,
            sinds=op,
            overdrachtsnotitie=o.notitie.strip(),
            overgenomen_van=oud,
        )
        rol._history_user = door
        rol.full_clean()
        rol.save()
        nieuw.append(rol)
    expert.status = Expert.Status.VERTROKKEN
    expert.vertrokken_op = op
    expert.opvolger = opvolger or (overdrachten[0].opvolger if overdrachten else None)
    expert._history_user = door
    expert._change_reason = "vertrokken"
    expert.save()
    vertrokken.send(
        sender=Expert,
        expert=expert,
        opvolger=expert.opvolger,
        notitie=notitie.strip(),
        rollen=nieuw,
        door=door,
    )
    return nieuw


def beeindig_rollen(sender, *, expert: Expert, door=None, **kwargs) -> None:
    """An anonymised person's current roles end today; they stay, held by 'Vertrokken expert',
    so that what was done still reads (connected to experts.signals.geanonimiseerd)."""
    for rol in expert.betrokkenheden.filter(tot__isnull=True):
        rol.tot = timezone.localdate()
        rol._history_user = door
        rol._change_reason = "profiel geanonimiseerd"
        rol.save(update_fields=["tot"])


def rollen_gegevens(expert: Expert) -> dict:
    """The person's roles in inspanningen, with their history, for the AVG data download."""
    return {
        "rollen_in_inspanningen": [
            {**model_to_dict(b), "inspanning": str(b.inspanning)}
            for b in expert.betrokkenheden.select_related("inspanning")
        ],
        "rollengeschiedenis": history_rows(
            Betrokkenheid.history.filter(expert_id=expert.pk).order_by("history_date")
        ),
    }
