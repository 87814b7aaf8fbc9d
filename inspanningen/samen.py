"""Samen beoordelen: in a joint round every stuurgroep member scores each cell on their own,
blind until they have scored; the spread shows where views differ (bespreekpunten); the
meeting (bespreking) sets the official cell, with a minority note where views stayed apart.

This module holds the rules of that in one place: who sees whose score, what makes a cell a
bespreekpunt, and the writes (a member's own scores, accepting the cells everyone agreed on).
Every page reads a round's cells, scores and previous round in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from statistics import median

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import roles
from accounts.models import Perspectief, accountnaam
from core import security_log
from core.exceptions import ActionRefused
from core.history import history_rows
from inspanningen import matrix as matrix_lib
from inspanningen.models import Beoordeling, Niveau, Ronde, RondeVastgesteld, Score

RANG = {str(k): v for k, v in matrix_lib.RANG.items()}  # sterk 3, deels 2, nauwelijks 1
NIVEAU_VAN_RANG = {v: k for k, v in RANG.items()}
PERSPECTIEVEN = list(Perspectief) + [""]  # "": a member without a perspective
MIN_SCORES = 2  # the levels a cell needs to be agreed on, or a bespreekpunt to weigh
AANVAARD = "aanvaard in de bespreking: geen bespreekpunt, één niveau"
ZONDER_SCORES = "in de bespreking gelaten zoals ze was: te weinig scores"


def woorden() -> dict[str, str]:
    """Each level of an individual score in words, in the current language: 'onbekend' is a
    member's 'weet ik niet'."""
    return {n.value: str(n.label) for n in Niveau} | {Niveau.ONBEKEND.value: _("weet ik niet")}


def perspectief_label(waarde: str) -> str:
    return str(Perspectief(waarde).label) if waarde else _("Geen perspectief")


def niveau_label(rang: float | None) -> str:
    """A median as words: one level, or between two ('tussen deels en sterk')."""
    if rang is None:
        return _("geen scores")
    if rang == int(rang):
        return str(Niveau(NIVEAU_VAN_RANG[int(rang)]).label)
    laag, hoog = NIVEAU_VAN_RANG[int(rang)], NIVEAU_VAN_RANG[int(rang) + 1]
    return _("tussen %(laag)s en %(hoog)s") % {
        "laag": Niveau(laag).label,
        "hoog": Niveau(hoog).label,
    }


@dataclass
class Stem:
    """One member's score as the reader may see it: the name only where the round is open."""

    niveau: str
    perspectief: str
    reden: str
    naam: str = ""
    eigen: bool = False

    @property
    def perspectief_label(self) -> str:
        return perspectief_label(self.perspectief)

    @property
    def niveau_label(self) -> str:
        return woorden()[self.niveau]


@dataclass
class Groep:
    perspectief: str
    stemmen: list[Stem]

    @property
    def label(self) -> str:
        return perspectief_label(self.perspectief)

    @cached_property
    def mediaan(self) -> float | None:
        rangen = [RANG[s.niveau] for s in self.stemmen if s.niveau in RANG]
        return median(rangen) if rangen else None

    @property
    def mediaan_label(self) -> str:
        return niveau_label(self.mediaan)


@dataclass
class Spreiding:
    """The individual scores of one cell. 'Weet ik niet' is counted apart, never averaged in;
    a cell without scores says so and divides by nothing."""

    stemmen: list[Stem] = field(default_factory=list)

    @cached_property
    def rangen(self) -> list[int]:
        return sorted(RANG[s.niveau] for s in self.stemmen if s.niveau in RANG)

    @property
    def aantal(self) -> int:
        return len(self.rangen)

    @property
    def weet_niet(self) -> int:
        return sum(s.niveau == Niveau.ONBEKEND for s in self.stemmen)

    @cached_property
    def mediaan(self) -> float | None:
        return median(self.rangen) if self.rangen else None

    @property
    def mediaan_label(self) -> str:
        return niveau_label(self.mediaan)

    @property
    def bereik_label(self) -> str:
        if not self.rangen:
            return _("geen scores")
        laag, hoog = niveau_label(self.rangen[0]), niveau_label(self.rangen[-1])
        return (
            laag if laag == hoog else _("van %(laag)s tot %(hoog)s") % {"laag": laag, "hoog": hoog}
        )

    @cached_property
    def groepen(self) -> list[Groep]:
        per = defaultdict(list)
        for stem in self.stemmen:
            per[stem.perspectief].append(stem)
        return [Groep(p, per[p]) for p in PERSPECTIEVEN if per[p]]

    @property
    def door_spreiding(self) -> bool:
        """Two levels apart or more: sterk next to nauwelijks."""
        return bool(self.rangen) and self.rangen[-1] - self.rangen[0] >= 2

    @property
    def door_perspectieven(self) -> bool:
        """The medians of two perspectives differ (members without one are not a perspective)."""
        medianen = {g.mediaan for g in self.groepen if g.perspectief and g.mediaan is not None}
        return len(medianen) > 1

    @property
    def is_bespreekpunt(self) -> bool:
        return self.door_spreiding or self.door_perspectieven

    @property
    def waarom(self) -> list[str]:
        redenen = []
        if self.door_spreiding:
            redenen.append(_("de scores liggen twee niveaus of meer uit elkaar"))
        if self.door_perspectieven:
            redenen.append(_("de perspectieven komen tot een ander niveau"))
        return redenen

    @property
    def genoeg(self) -> bool:
        """Enough members gave a level to speak of agreement (one voice is no agreement)."""
        return self.aantal >= MIN_SCORES

    @property
    def mediaan_niveau(self) -> str | None:
        """The median as a level, when it is one level (not between two)."""
        if self.mediaan is None or self.mediaan != int(self.mediaan):
            return None
        return NIVEAU_VAN_RANG[int(self.mediaan)]

    @property
    def eensgezind_niveau(self) -> str | None:
        """The level to accept in one action: enough scores, no bespreekpunt, and a median that
        is one level."""
        if not self.genoeg or self.is_bespreekpunt:
            return None
        return self.mediaan_niveau

    @property
    def met_reden(self) -> list[Stem]:
        return [s for s in self.stemmen if s.reden]


def namen_zichtbaar(ronde: Ronde, user) -> bool:
    """Names next to individual scores: only in an open round, and only for the stuurgroep
    and the coordinator. Everyone else, and everyone in an anonymous round, sees perspectives."""
    return not ronde.is_anoniem and (user.is_stuurgroep or user.is_coordinator)


def mag_meekijken(ronde: Ronde, user) -> bool:
    """Who may see a joint round's individual scores at all (as far as the blind rule allows)."""
    return ronde.is_samen and user.is_authenticated and (user.is_stuurgroep or user.is_coordinator)


@dataclass
class Cel:
    score: Score
    vorige: Score | None
    spreiding: Spreiding
    eigen: Stem | None  # this reader's own score
    zichtbaar: bool  # may this reader see the others' scores of this cell

    @property
    def pk(self) -> int:
        return self.score.pk

    @property
    def anker(self) -> str:
        return f"cel-{self.score.pk}"

    @property
    def te_aanvaarden(self) -> bool:
        """Still to settle, and everyone agreed on one level: accepted in one action."""
        return self.spreiding.eensgezind_niveau is not None and not self.score.is_beoordeeld

    @property
    def gescoord(self) -> bool:
        """Enough members gave it a level ('weet ik niet' is no level): MIN_SCORES."""
        return self.spreiding.genoeg or self.spreiding.is_bespreekpunt

    @property
    def voorstel(self) -> str:
        """The level the meeting's form starts from: what was set, once set; else the median
        when it is one level; else none, so that nobody records a level by one click."""
        if self.score.is_beoordeeld:
            return self.score.niveau
        if not self.gescoord:
            return self.score.niveau  # too few scores: as it was copied
        return self.spreiding.mediaan_niveau or ""

    @property
    def toelichting_voorstel(self) -> str:
        """The toelichting the form starts from: this round's, once set; never the previous
        round's, which was written for that round's level."""
        return self.score.toelichting if self.score.is_beoordeeld else ""


def cellen(ronde: Ronde, user, *, alle_zichtbaar: bool = False) -> list[Cel]:
    """Every cell of the round, in the matrix's order (aanbeveling by aanbeveling), with its
    spread as this reader may see it, their own score and the previous round's official score:
    three queries whatever the number of members, cells and rounds."""
    scores = list(matrix_lib.scores_van(ronde))
    vorige = {}
    if ronde.gebaseerd_op_id:
        vorige = {
            (s.inspanning_id, s.aanbeveling_id): s
            for s in Score.objects.filter(ronde_id=ronde.gebaseerd_op_id)
        }
    met_namen = namen_zichtbaar(ronde, user)
    per_score = defaultdict(list)
    for score_id, wie, naam, perspectief, niveau, reden in (
        Beoordeling.objects.filter(score__ronde=ronde)
        .order_by("perspectief", "beoordelaar__naam", "pk")
        .values_list(
            "score_id", "beoordelaar_id", "beoordelaar__naam", "perspectief", "niveau", "reden"
        )
    ):
        per_score[score_id].append(
            Stem(
                niveau=niveau,
                perspectief=perspectief,
                reden=reden,
                naam=accountnaam(naam, wie) if met_namen else "",
                eigen=wie == user.pk,
            )
        )
    uitkomst = []
    for score in scores:
        stemmen = per_score[score.pk]
        eigen = next((s for s in stemmen if s.eigen), None)
        uitkomst.append(
            Cel(
                score=score,
                vorige=vorige.get((score.inspanning_id, score.aanbeveling_id)),
                spreiding=Spreiding(stemmen),
                eigen=eigen,
                zichtbaar=alle_zichtbaar or ronde.scores_openbaar or eigen is not None,
            )
        )
    uitkomst.sort(
        key=lambda c: (
            c.score.aanbeveling.volgorde,
            c.score.aanbeveling.nummer,
            c.score.inspanning.volgorde,
            c.score.inspanning.nummer,
        )
    )
    return uitkomst


def voortgang(ronde: Ronde) -> list[dict]:
    """Per member who scored, or who could: how many cells they have scored (counts only)."""
    leden = list(
        get_user_model()
        .objects.filter(
            Q(beoordelingen__score__ronde=ronde) | Q(groups__name=roles.STUURGROEP, is_active=True)
        )
        .annotate(
            gescoord=Count(
                "beoordelingen", filter=Q(beoordelingen__score__ronde=ronde), distinct=True
            )
        )
        .order_by("naam", "pk")
        .distinct()
        .values("pk", "naam", "perspectief", "gescoord")
    )
    for lid in leden:
        lid["perspectief_label"] = perspectief_label(lid["perspectief"])
    return leden


def nog_bezig(ronde: Ronde) -> list[dict]:
    """The active stuurgroep members (as in `voortgang`) who have not scored every cell of the
    round; who left the stuurgroep can no longer score, so closing never waits for them."""
    aantal = ronde.scores.count()
    leden = set(get_user_model().objects.met_rol(roles.STUURGROEP).values_list("pk", flat=True))
    return [lid for lid in voortgang(ronde) if lid["pk"] in leden and lid["gescoord"] < aantal]


@dataclass
class Invoer:
    score_id: int
    niveau: str
    reden: str


@transaction.atomic
def bewaar_beoordelingen(*, ronde: Ronde, invoer: list[Invoer], door) -> int:
    """The member's own scores, only those that change; returns how many were saved. Refused
    outside the scoring phase, for a cell outside the round, and for anyone not in the
    stuurgroep. The round is read under a shared lock, so moving it on waits for this save."""
    status = Ronde.objects.status_onder_slot(ronde.pk)
    if status == Ronde.Status.VASTGESTELD:
        raise RondeVastgesteld()
    ronde.status = status
    if not ronde.kan_scoren(door):
        raise ActionRefused(
            _(
                "In ronde %(jaar)s kunt u nu geen eigen scores geven: de ronde heeft de status "
                "‘%(status)s’."
            )
            % {"jaar": ronde.jaar, "status": ronde.get_status_display().lower()}
        )
    cel_ids = set(
        ronde.scores.filter(pk__in=[i.score_id for i in invoer]).values_list("pk", flat=True)
    )
    if vreemd := [i.score_id for i in invoer if i.score_id not in cel_ids]:
        raise ActionRefused(
            _("Cel %(cel)s hoort niet bij ronde %(jaar)s.") % {"cel": vreemd[0], "jaar": ronde.jaar}
        )
    bestaand = {
        b.score_id: b
        for b in Beoordeling.objects.select_for_update().filter(
            beoordelaar=door, score_id__in=cel_ids
        )
    }
    opgeslagen = 0
    for i in invoer:
        b = bestaand.get(i.score_id)
        if b is None:
            b = Beoordeling(score_id=i.score_id, beoordelaar=door)
        elif (b.niveau, b.reden, b.perspectief) == (i.niveau, i.reden, door.perspectief):
            continue
        b.niveau, b.reden, b.perspectief = i.niveau, i.reden, door.perspectief
        b._history_user = door
        b.save()
        opgeslagen += 1
    return opgeslagen


@transaction.atomic
def _stel_vast_in_bulk(*, ronde: Ronde, door, kies, reden: str, toelichting=None) -> list[Score]:
    """In the bespreking, by the coordinator or the chair: every cell still to settle for which
    `kies(cel)` gives a level is set to it, each with a history row and `reden`. A cell whose
    level changes gets `toelichting(cel)` (the copied one explained the old level)."""
    vers = Ronde.objects.select_for_update().get(pk=ronde.pk)
    if vers.status != Ronde.Status.BESPREKING or not vers.mag_voorzitten(door):
        raise ActionRefused(
            _("Alleen in de bespreking kan de coördinator of de voorzitter cellen aanvaarden.")
        )
    # The round's cells locked in one query (also against the admin), then read with their
    # spreads: what is set is what they are now.
    vergrendeld = {s.pk: s for s in Score.objects.select_for_update().filter(ronde=vers)}
    gezet = []
    for cel in cellen(vers, door, alle_zichtbaar=True):
        niveau = None if cel.score.is_beoordeeld else kies(cel)
        if niveau is None:
            continue
        vast = vergrendeld[cel.pk]
        gelijk = vast.niveau == niveau
        if not gelijk and toelichting is not None:
            vast.toelichting = toelichting(cel)
        vast.niveau = niveau
        vast.nieuwe_versie(
            door=door,
            status=Score.Beoordelingsstatus.BEVESTIGD
            if gelijk
            else Score.Beoordelingsstatus.GEWIJZIGD,
        )
        vast._change_reason = reden
        vast.save()
        gezet.append(vast)
    security_log.log("cellen_aanvaard", door=door.pk, jaar=vers.jaar, aantal=len(gezet))
    return gezet


def aanvaard_eensgezind(*, ronde: Ronde, door, aanbeveling_id: int | None = None) -> list[Score]:
    """The level everyone agreed on (no bespreekpunt, one median level, enough scores), for one
    aanbeveling or the whole round. A level that changes gets a toelichting that says so."""
    return _stel_vast_in_bulk(
        ronde=ronde,
        door=door,
        kies=lambda cel: (
            cel.spreiding.eensgezind_niveau
            if aanbeveling_id is None or cel.score.aanbeveling_id == aanbeveling_id
            else None
        ),
        reden=AANVAARD,
        toelichting=lambda cel: (
            _("In de bespreking van %(jaar)s aanvaard: %(n)s scores, mediaan %(mediaan)s.")
            % {
                "jaar": ronde.jaar,
                "n": cel.spreiding.aantal,
                "mediaan": cel.spreiding.mediaan_label,
            }
        ),
    )


def laat_zonder_scores(*, ronde: Ronde, door) -> list[Score]:
    """The cells too few members scored, left as they were copied, in one action."""
    return _stel_vast_in_bulk(
        ronde=ronde,
        door=door,
        kies=lambda cel: None if cel.gescoord else cel.score.niveau,
        reden=ZONDER_SCORES,
    )


def zonder_scores_bericht(aantal: int) -> str:
    return ngettext(
        "%(n)s cel met te weinig scores gelaten zoals ze was.",
        "%(n)s cellen met te weinig scores gelaten zoals ze waren.",
        aantal,
    ) % {"n": aantal}


def aanvaard_bericht(aantal: int) -> str:
    if not aantal:
        return _("Er waren geen cellen meer om in één keer te aanvaarden.")
    return ngettext(
        "%(n)s cel aanvaard waarover iedereen het eens was.",
        "%(n)s cellen aanvaard waarover iedereen het eens was.",
        aantal,
    ) % {"n": aantal}


@dataclass
class Instemming:
    aanbeveling: object
    cellen: int  # the cells with enough scores (two levels or more)
    zonder_bespreekpunt: int
    zonder_scores: int = 0  # too few scores: neither agreement nor a bespreekpunt

    @property
    def aandeel(self) -> int | None:
        """Percentage of the scored cells without a bespreekpunt; None when none was scored."""
        return round(100 * self.zonder_bespreekpunt / self.cellen) if self.cellen else None


def instemming(lijst: list[Cel]) -> list[Instemming]:
    """Per aanbeveling, the agreement: the share of its scored cells with no bespreekpunt."""
    per = {}
    for cel in lijst:
        a = cel.score.aanbeveling
        rij = per.setdefault(a.pk, Instemming(a, 0, 0))
        if not cel.gescoord:
            rij.zonder_scores += 1
            continue
        rij.cellen += 1
        rij.zonder_bespreekpunt += not cel.spreiding.is_bespreekpunt
    return list(per.values())


def gegevens(user) -> dict:
    """A member's own individual scores, with their history, for 'Download mijn gegevens'."""
    return {
        "individuele_scores": [
            {
                "ronde": b.score.ronde.jaar,
                "inspanning": str(b.score.inspanning),
                "aanbeveling": str(b.score.aanbeveling),
                "score": b.get_niveau_display(),
                "reden": b.reden,
                "perspectief": b.get_perspectief_display(),
                "bijgewerkt_op": b.bijgewerkt_op,
            }
            for b in Beoordeling.objects.filter(beoordelaar=user)
            .select_related("score__ronde", "score__inspanning", "score__aanbeveling")
            .order_by(
                "score__ronde__jaar", "score__inspanning__nummer", "score__aanbeveling__nummer"
            )
        ],
        "individuele_scores_geschiedenis": history_rows(
            Beoordeling.history.filter(beoordelaar_id=user.pk).order_by("history_date")
        ),
    }
