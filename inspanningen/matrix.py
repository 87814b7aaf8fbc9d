"""The matrix of a round, and the comparison of two rounds, built from one query each.

Rows and columns come from the cells a round holds, so nothing assumes 11 × 5: a new
inspanning appears in new rounds, and an archived one stays in the rounds it was part of.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import aanvullingen
from inspanningen.models import Aanbeveling, Inspanning, Niveau, Ronde, Score

NIVEAUS = list(Niveau)  # sterk, deels, nauwelijks, onbekend: the order of legends and counts
RANG = {Niveau.STERK: 3, Niveau.DEELS: 2, Niveau.NAUWELIJKS: 1}  # onbekend has no rank


def op_volgorde(objects):
    return sorted(objects, key=lambda o: (o.volgorde, o.nummer))


def tellingen(scores) -> list[tuple[Niveau, int]]:
    counts = Counter(s.niveau for s in scores if s is not None)
    return [(niveau, counts.get(niveau.value, 0)) for niveau in NIVEAUS]


@dataclass(frozen=True)
class Kop:
    """An inspanning or aanbeveling as a round names it: in a finalised round the name it had
    then (`naam`), with the name it has now beside it where that changed (`nu`)."""

    obj: Inspanning | Aanbeveling
    naam: str
    nu: str = ""

    @property
    def nummer(self) -> int:
        return self.obj.nummer


@dataclass
class Rij:
    inspanning: Kop
    scores: list  # (aanbeveling's Kop, score or None) per column
    tellingen: list = field(default_factory=list)


@dataclass
class Matrix:
    ronde: Ronde
    aanbevelingen: list[Kop]
    rijen: list[Rij]
    kolomtellingen: list  # per niveau: (niveau, [(aanbeveling, count)])
    aantal: int
    beoordeeld: int


def scores_van(ronde: Ronde):
    return Score.objects.filter(ronde=ronde).select_related(
        "inspanning", "aanbeveling", "bijgewerkt_door"
    )


def met_bronnen(scores, user=None) -> None:
    """Each score's `bronnen`: the knowledge items its toelichting cites, that `user` may see
    (another app supplies them: core.aanvullingen.SCORE_BRONNEN). One query for all."""
    scores = [s for s in scores if s is not None]
    bronnen = aanvullingen.verzamel(
        aanvullingen.SCORE_BRONNEN,
        toelichtingen={s.pk: s.toelichting for s in scores if s.toelichting},
        user=user,
    )
    for s in scores:
        s.bronnen = bronnen.get(s.pk, [])


def bouw_matrix(ronde: Ronde, scores=None, user=None) -> Matrix:
    scores = list(scores_van(ronde) if scores is None else scores)
    met_bronnen(scores, user)
    score_op = {(s.inspanning_id, s.aanbeveling_id): s for s in scores}
    inspanningen = [
        Kop(i, *ronde.naam_in_ronde(i)) for i in op_volgorde({s.inspanning for s in scores})
    ]
    aanbevelingen = [
        Kop(a, *ronde.naam_in_ronde(a)) for a in op_volgorde({s.aanbeveling for s in scores})
    ]
    rijen = []
    for inspanning in inspanningen:
        rij = [(a, score_op.get((inspanning.obj.pk, a.obj.pk))) for a in aanbevelingen]
        rijen.append(Rij(inspanning, rij, tellingen(score for _a, score in rij)))
    per_kolom = [
        tellingen(score_op.get((i.obj.pk, a.obj.pk)) for i in inspanningen) for a in aanbevelingen
    ]
    kolomtellingen = [
        (niveau, [(a, kolom[n][1]) for a, kolom in zip(aanbevelingen, per_kolom, strict=True)])
        for n, niveau in enumerate(NIVEAUS)
    ]
    return Matrix(
        ronde=ronde,
        aanbevelingen=aanbevelingen,
        rijen=rijen,
        kolomtellingen=kolomtellingen,
        aantal=len(scores),
        beoordeeld=sum(1 for s in scores if s.is_beoordeeld),
    )


@dataclass
class Verandering:
    code: str
    symbool: str
    label: str


VERANDERINGEN = {
    "beter": Verandering("beter", "▲", _("beter")),
    "slechter": Verandering("slechter", "▼", _("slechter")),
    "gelijk": Verandering("gelijk", "=", _("gelijk")),
    "nieuw_gescoord": Verandering("nieuw_gescoord", "+", _("nieuw gescoord")),
    "niet_meer_gescoord": Verandering("niet_meer_gescoord", "?", _("niet meer gescoord")),
    "nieuwe_cel": Verandering("nieuwe_cel", "+", _("nieuw in deze ronde")),
    "vervallen_cel": Verandering("vervallen_cel", "×", _("niet meer in deze ronde")),
}
# The order of the summary: the news first, the cells that stayed the same last.
SAMENVATTING_VOLGORDE = [
    "beter",
    "slechter",
    "nieuw_gescoord",
    "niet_meer_gescoord",
    "nieuwe_cel",
    "vervallen_cel",
    "gelijk",
]


def verandering(oud: Score | None, nieuw: Score | None) -> Verandering:
    if oud is None:
        return VERANDERINGEN["nieuwe_cel"]
    if nieuw is None:
        return VERANDERINGEN["vervallen_cel"]
    van, naar = RANG.get(oud.niveau), RANG.get(nieuw.niveau)
    if van is None and naar is None:
        return VERANDERINGEN["gelijk"]
    if van is None:
        return VERANDERINGEN["nieuw_gescoord"]
    if naar is None:
        return VERANDERINGEN["niet_meer_gescoord"]
    if naar > van:
        return VERANDERINGEN["beter"]
    return VERANDERINGEN["slechter"] if naar < van else VERANDERINGEN["gelijk"]


@dataclass
class ScoreVergelijking:
    inspanning: Kop
    aanbeveling: Kop
    oud: Score | None
    nieuw: Score | None
    verandering: Verandering

    @property
    def is_gewijzigd(self) -> bool:
        if self.oud is None or self.nieuw is None:
            return True
        return (self.oud.niveau, self.oud.toelichting) != (
            self.nieuw.niveau,
            self.nieuw.toelichting,
        )

    @property
    def alleen_toelichting(self) -> bool:
        """The level stayed the same (or stayed unknown), only the toelichting changed."""
        return self.verandering.code == "gelijk" and self.is_gewijzigd


@dataclass
class Vergelijking:
    van: Ronde
    naar: Ronde
    aanbevelingen: list[Aanbeveling]
    rijen: list[tuple[Inspanning, list[ScoreVergelijking]]]
    gewijzigd: list[ScoreVergelijking]  # level changes first, then toelichting-only changes
    tellingen: list  # per aanbeveling: (aanbeveling, [(niveau, count in van, count in naar)])

    @property
    def cellen(self) -> list[ScoreVergelijking]:
        return [cel for _inspanning, rij in self.rijen for cel in rij if cel is not None]

    @property
    def aantallen(self) -> list[tuple[Verandering, int]]:
        """Per kind of change that occurs, how many cells: the news first, 'gelijk' last."""
        counts = Counter(cel.verandering.code for cel in self.cellen)
        return [(VERANDERINGEN[c], counts[c]) for c in SAMENVATTING_VOLGORDE if counts[c]]

    @property
    def alleen_toelichting(self) -> int:
        """How many cells kept their level but got another toelichting."""
        return sum(1 for cel in self.gewijzigd if cel.alleen_toelichting)

    @property
    def samenvatting(self) -> str:
        """'55 cellen vergeleken: 5 beter, 3 slechter, 47 gelijk (waarvan 2 met een andere
        toelichting).'"""
        totaal = len(self.cellen)
        delen = [f"{n} {verandering.label}" for verandering, n in self.aantallen]
        if n := self.alleen_toelichting:
            # Only a 'gelijk' cell can have just another toelichting, and 'gelijk' comes last.
            waarvan = ngettext(
                "waarvan %(n)d met een andere toelichting",
                "waarvan %(n)d met een andere toelichting",
                n,
            ) % {"n": n}
            delen[-1] = f"{delen[-1]} ({waarvan})"
        kop = ngettext("%(n)d cel vergeleken", "%(n)d cellen vergeleken", totaal) % {"n": totaal}
        return f"{kop}: {', '.join(delen)}." if delen else f"{kop}."

    @property
    def rijen_met_wijziging(self) -> list[tuple[Inspanning, list[ScoreVergelijking]]]:
        """The rows with at least one changed cell (level or toelichting)."""
        return [
            (inspanning, rij)
            for inspanning, rij in self.rijen
            if any(cel is not None and cel.is_gewijzigd for cel in rij)
        ]


def vergelijk(van: Ronde, naar: Ronde, user=None) -> Vergelijking:
    scores = list(
        Score.objects.filter(ronde__in=[van, naar]).select_related("inspanning", "aanbeveling")
    )
    oud = {(s.inspanning_id, s.aanbeveling_id): s for s in scores if s.ronde_id == van.pk}
    nieuw = {(s.inspanning_id, s.aanbeveling_id): s for s in scores if s.ronde_id == naar.pk}
    met_bronnen(scores, user)
    # Named as the later round names them (a finalised one: as they were then).
    inspanningen = [
        Kop(i, *naar.naam_in_ronde(i)) for i in op_volgorde({s.inspanning for s in scores})
    ]
    aanbevelingen = [
        Kop(a, *naar.naam_in_ronde(a)) for a in op_volgorde({s.aanbeveling for s in scores})
    ]
    rijen, gewijzigd = [], []
    for inspanning in inspanningen:
        rij = []
        for aanbeveling in aanbevelingen:
            key = (inspanning.obj.pk, aanbeveling.obj.pk)
            if key not in oud and key not in nieuw:
                rij.append(None)
                continue
            paar = ScoreVergelijking(
                inspanning,
                aanbeveling,
                oud.get(key),
                nieuw.get(key),
                verandering(oud.get(key), nieuw.get(key)),
            )
            rij.append(paar)
            if paar.is_gewijzigd:
                gewijzigd.append(paar)
        rijen.append((inspanning, rij))
    # Real changes of level before changes of the toelichting only; the grid's order within.
    gewijzigd.sort(key=lambda paar: paar.alleen_toelichting)
    per_aanbeveling = []
    for a in aanbevelingen:
        van_n = tellingen(s for k, s in oud.items() if k[1] == a.obj.pk)
        naar_n = tellingen(s for k, s in nieuw.items() if k[1] == a.obj.pk)
        per_aanbeveling.append(
            (a, [(niveau, n, m) for (niveau, n), (_x, m) in zip(van_n, naar_n, strict=True)])
        )
    return Vergelijking(van, naar, aanbevelingen, rijen, gewijzigd, per_aanbeveling)
