"""Analysing a query: what the user typed becomes begrippen, each with the phrases that match it.

- question and stop words are dropped ("wie weet iets van GLI in Emmen" asks for GLI and Emmen);
- a phrase or abbreviation from the thesaurus, or an expertise area with its synonyms, brings
  in all its other words: GLI ↔ gecombineerde leefstijlinterventie;
- a word that no profile contains is matched by pg_trgm to the vocabulary of distinct words
  (Zoekwoord), never by fuzzy matching over whole profiles: buurtsportcaoch → buurtsportcoach;
- compound words in the vocabulary that contain a word are included: zorg → ouderenzorg.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q

from core.text import normalise
from experts.models import Expertisegebied, Thesaurusterm, Zoekwoord

MIN_DEEL = 4  # words this long also find compounds (zorg → jeugdzorg, ouderen → ouderenzorg)
MAX_BEGRIPPEN = 8
MAX_ALTERNATIEVEN = 12
TYPO_GELIJKENIS = 0.45  # pg_trgm similarity at which an unknown word counts as a typo
SUGGESTIE_GELIJKENIS = 0.3  # … and at which it is offered as "Bedoelde u …?"
WOORD_MAX = 50

# Question words and fillers people type around what they are looking for.
STOPWOORDEN = frozenset(
    """
    aan al alle als bij dat de die dit door een en er ervaring graag heb hebben heeft het hoe
    iemand iets ik in is je ken kent kunnen kan me met mij mijn na naar nog of om ook op over
    te tegen tot u uit van veel voor waar wat we weet weten welk welke wie wij wil zijn zoek
    zoeken zou
    """.split()  # noqa: SIM905 - a list of words reads best as words
)

_WOORD = re.compile(r"[^\W_]+")


def woorden(tekst: str) -> list[str]:
    """The normalised words of a text: 'Diëtist, JOGG-regisseur' → ['dietist', 'jogg', 'regisseur']."""
    return _WOORD.findall(normalise(tekst))


def gelijkenis(a: str, b: str) -> float:
    """pg_trgm's similarity: shared trigrams of the padded words over all their trigrams."""
    ta, tb = _trigrammen(a), _trigrammen(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def _trigrammen(woord: str) -> set[str]:
    padded = f"  {woord} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


Frase = tuple[str, ...]


@dataclass
class Begrip:
    """One thing asked for, and every phrase that counts as a match for it."""

    invoer: Frase
    alternatieven: list[Frase]
    synoniemen: list[str] = field(default_factory=list)
    verbeteringen: list[str] = field(default_factory=list)

    def tsquery(self) -> str:
        return "(" + " | ".join(_tsquery_term(a) for a in self.alternatieven) + ")"


def _tsquery_term(frase: Frase) -> str:
    # Words are letters and digits only (see woorden()), so they are safe in a raw tsquery.
    # No prefix matching: Dutch stems are short ('assen' → 'ass' would find 'assistent');
    # compounds come from the vocabulary instead.
    return frase[0] if len(frase) == 1 else "(" + " <-> ".join(frase) + ")"


@dataclass
class Zoekvraag:
    tekst: str
    begrippen: list[Begrip]
    suggestie: str = ""

    @property
    def leeg(self) -> bool:
        return not self.begrippen

    def tsquery_alle(self) -> str:
        return " & ".join(b.tsquery() for b in self.begrippen)

    def tsquery_een(self) -> str:
        return " | ".join(b.tsquery() for b in self.begrippen)

    def frasen(self) -> set[Frase]:
        return {a for b in self.begrippen for a in b.alternatieven}

    def uitleg(self) -> list[tuple[str, list[str]]]:
        """What the search added for each begrip: synonyms and corrected typos."""
        return [
            (" ".join(b.invoer), b.synoniemen + b.verbeteringen)
            for b in self.begrippen
            if b.synoniemen or b.verbeteringen
        ]


def _synoniemgroepen() -> tuple[dict[Frase, list[Frase]], dict[Frase, str]]:
    """Each phrase of the thesaurus and of the expertise areas' synonyms → every phrase of its
    group(s), and each phrase as it is written there ('CooL', 'SLIMMER'), for the explanation
    of a search; both tables in one query."""
    rijen = (
        Thesaurusterm.objects.order_by()
        .values_list("term", "synoniemen")
        .union(
            Expertisegebied.objects.exclude(synoniemen="")
            .order_by()
            .values_list("naam", "synoniemen"),
            all=True,
        )
    )
    per_frase: dict[Frase, list[Frase]] = {}
    geschreven: dict[Frase, str] = {}
    for naam, synoniemen in rijen:
        groep = []
        for tekst in [naam, *synoniemen.split(";")]:
            frase = tuple(woorden(tekst))
            if frase:
                groep.append(frase)
                geschreven.setdefault(frase, " ".join(tekst.split()))
        for frase in groep:
            bestaand = per_frase.setdefault(frase, [])
            bestaand.extend(f for f in groep if f not in bestaand)
    return per_frase, geschreven


def analyseer(tekst: str) -> Zoekvraag:
    """Turn what the user typed into begrippen, expanded by thesaurus and vocabulary."""
    tokens = [w for w in woorden(tekst) if len(w) <= WOORD_MAX]
    if not tokens:
        return Zoekvraag(tekst, [])
    groepen, geschreven = _synoniemgroepen()
    langste = max((len(f) for f in groepen), default=1)
    begrippen: list[Begrip] = []
    i = 0
    while i < len(tokens) and len(begrippen) < MAX_BEGRIPPEN:
        for lengte in range(min(langste, len(tokens) - i), 0, -1):
            frase = tuple(tokens[i : i + lengte])
            if frase in groepen:
                begrippen.append(
                    Begrip(
                        frase,
                        list(groepen[frase]),
                        synoniemen=[geschreven[f] for f in groepen[frase] if f != frase],
                    )
                )
                i += lengte
                break
        else:
            if tokens[i] not in STOPWOORDEN:
                begrippen.append(Begrip((tokens[i],), [(tokens[i],)]))
            i += 1
    if not begrippen:  # only stop words: search for them after all rather than for nothing
        begrippen = [Begrip((t,), [(t,)]) for t in dict.fromkeys(tokens)][:MAX_BEGRIPPEN]
    vraag = Zoekvraag(tekst, begrippen)
    _verrijk_met_woordenlijst(vraag)
    return vraag


def _verrijk_met_woordenlijst(vraag: Zoekvraag) -> None:
    """Typo corrections, and compounds and inflections from the vocabulary."""
    enkel = {a[0] for b in vraag.begrippen for a in b.alternatieven if len(a) == 1}
    # Only a word of the user's own that the thesaurus does not know can be a typo.
    eigen = {b.invoer[0] for b in vraag.begrippen if not b.synoniemen and len(b.invoer) == 1}
    conditie = Q(woord__in=enkel | {s for w in enkel for s in _stammen(w)})
    for woord in enkel:
        if len(woord) >= MIN_DEEL:
            conditie |= Q(woord__startswith=woord) | Q(woord__endswith=woord)
    for woord in eigen:
        conditie |= Q(woord__trigram_similar=woord)
    bekend = set(Zoekwoord.objects.filter(conditie).values_list("woord", flat=True)[:5000])
    suggestie = []
    for begrip in vraag.begrippen:
        woord = begrip.invoer[0]
        beste = None
        if woord in eigen and woord not in bekend:
            begrip.verbeteringen, beste = _verbeteringen(woord, bekend)
        suggestie.append(beste or " ".join(begrip.invoer))
    uitbreidingen = _varianten(
        enkel | {w for b in vraag.begrippen for w in b.verbeteringen}, bekend
    )
    for begrip in vraag.begrippen:
        extra = [(w,) for w in begrip.verbeteringen]
        for (woord,) in [a for a in begrip.alternatieven if len(a) == 1] + extra:
            extra += [(w,) for w in uitbreidingen.get(woord, [])]
        begrip.alternatieven = list(dict.fromkeys(begrip.alternatieven + extra))[:MAX_ALTERNATIEVEN]
    eigen_tekst = " ".join(" ".join(b.invoer) for b in vraag.begrippen)
    vraag.suggestie = " ".join(suggestie) if " ".join(suggestie) != eigen_tekst else ""


def _verbeteringen(woord: str, bekend: set[str]) -> tuple[list[str], str | None]:
    """The known words closest to a word nobody uses: those to search for as well, and the
    best one to suggest. A word containing it, or inside it, is a compound, not a fix."""
    kandidaten = sorted(
        ((gelijkenis(woord, w), w) for w in bekend if woord not in w and w not in woord),
        key=lambda kw: (-kw[0], len(kw[1]), kw[1]),
    )
    if not kandidaten:
        return [], None
    drempel = max(TYPO_GELIJKENIS, kandidaten[0][0] - 0.1)
    beste = kandidaten[0][1] if kandidaten[0][0] >= SUGGESTIE_GELIJKENIS else None
    return [w for g, w in kandidaten if g >= drempel][:3], beste


BUIGINGEN = ("s", "es", "en", "n", "e")  # what the Dutch stemmer misses: coach → coaches


def _stammen(woord: str) -> set[str]:
    """The word without an inflection ending: coaches → coach, coache."""
    return {woord[: -len(b)] for b in BUIGINGEN if woord.endswith(b) and len(woord) - len(b) >= 3}


def _varianten(woorden_: set[str], bekend: set[str]) -> dict[str, list[str]]:
    """Per word, the known words that are the same word inflected (coach → coaches) or a
    compound with it at the start or end whose other part is a word too (allowing a linking
    s, e or en): ouderenzorg for 'ouderen', jeugdzorg for 'zorg'; not volwassenen for
    'assen', since 'volw' is no word."""
    uit: dict[str, list[str]] = {}
    kandidaten = {}
    for woord in woorden_:
        uit[woord] = sorted(_stammen(woord) & bekend)
        if len(woord) < MIN_DEEL:
            continue
        for ander in bekend:
            if ander == woord:
                continue
            if ander.startswith(woord) and ander[len(woord) :] in BUIGINGEN:
                uit[woord].append(ander)
            elif len(ander) >= len(woord) + 3 and ander.startswith(woord):
                kandidaten[(woord, ander)] = ander[len(woord) :]
            elif len(ander) >= len(woord) + 3 and ander.endswith(woord):
                kandidaten[(woord, ander)] = ander[: -len(woord)]
    if kandidaten:
        delen = {rest: _zonder_tussenletters(rest) for rest in kandidaten.values()}
        alle = {d for ds in delen.values() for d in ds}
        woorden_bekend = set(
            Zoekwoord.objects.filter(woord__in=alle).values_list("woord", flat=True)
        )
        for (woord, ander), rest in sorted(kandidaten.items(), key=lambda kv: len(kv[0][1])):
            if woorden_bekend & delen[rest]:
                uit[woord].append(ander)
    return uit


def _zonder_tussenletters(rest: str) -> set[str]:
    varianten = {rest}
    for tussen in ("s", "e", "en"):
        for kort in (rest.removesuffix(tussen), rest.removeprefix(tussen)):
            if len(kort) >= 3:
                varianten.add(kort)
    return varianten
