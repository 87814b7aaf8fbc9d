"""Analysing a query: what the user typed becomes begrippen, each with the phrases that match it.

- question and stop words are dropped ("wie weet iets van GLI in Emmen" asks for GLI and Emmen);
- a phrase or abbreviation from the thesaurus, or an expertise area with its synonyms, brings
  in all its other words: GLI ↔ gecombineerde leefstijlinterventie;
- a place of more than one word is one begrip, with or without its hyphens: Aa en Hunze;
- a question in the words of an expertise area's description asks for that area too
  ('hoe betrekken we inwoners' → Participatie en co-creatie);
- a word that no profile contains is matched by pg_trgm to the vocabulary of distinct words
  (Zoekwoord), never by fuzzy matching over whole profiles: buurtsportcaoch → buurtsportcoach;
- compound words in the vocabulary that contain a word are included: zorg → ouderenzorg.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q

from core.text import normalise
from experts.models import Zoekwoord
from experts.search.tabellen import Tabellen, lees

MIN_DEEL = 4  # words this long also find compounds (zorg → jeugdzorg, ouderen → ouderenzorg)
MAX_BEGRIPPEN = 8
MAX_ALTERNATIEVEN = 12
MIN_OMSCHRIJVING = 2  # words of a question in an area's description that make it ask for the area
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

    def tsquery(self, gewichten: str = "") -> str:
        """Any alternative, in any field, or only in the fields of these weights ('ABC')."""
        return "(" + " | ".join(_tsquery_term(a, gewichten) for a in self.alternatieven) + ")"


def _tsquery_term(frase: Frase, gewichten: str = "") -> str:
    # Words are letters and digits only (see woorden()), so they are safe in a raw tsquery.
    # No prefix matching: Dutch stems are short ('assen' → 'ass' would find 'assistent');
    # compounds come from the vocabulary instead.
    woorden_ = [f"{w}:{gewichten}" if gewichten else w for w in frase]
    return woorden_[0] if len(frase) == 1 else "(" + " <-> ".join(woorden_) + ")"


@dataclass
class Zoekvraag:
    tekst: str
    begrippen: list[Begrip]
    suggestie: str = ""

    @property
    def leeg(self) -> bool:
        return not self.begrippen

    def tsquery_alle(self, gewichten: str = "") -> str:
        """Every begrip, in any field, or only in the fields of these weights ('ABC')."""
        return " & ".join(b.tsquery(gewichten) for b in self.begrippen)

    def tsquery_een(self) -> str:
        """Any alternative of any begrip, each once (begrippen can share an area's phrases)."""
        alternatieven = dict.fromkeys(a for b in self.begrippen for a in b.alternatieven)
        return " | ".join(_tsquery_term(a) for a in alternatieven)

    def frasen(self) -> set[Frase]:
        return {a for b in self.begrippen for a in b.alternatieven}

    def uitleg(self) -> list[tuple[str, list[str]]]:
        """What the search added for each begrip: synonyms and corrected typos."""
        return [
            (" ".join(b.invoer), b.synoniemen + b.verbeteringen)
            for b in self.begrippen
            if b.synoniemen or b.verbeteringen
        ]


@dataclass
class _Naslag:
    """What a query is looked up in, made once per version of the lookup tables (`tabellen`):
    each phrase of the thesaurus, of the expertise areas' synonyms and of the places → every
    phrase of its group(s); each phrase as it is written there ('CooL', 'Aa en Hunze'), for the
    explanation of a search; and per expertise area, the words of its description. Shared by
    every search until the tables change, so never changed by one."""

    groepen: dict[Frase, list[Frase]] = field(default_factory=dict)
    geschreven: dict[Frase, str] = field(default_factory=dict)
    omschrijvingen: dict[Frase, set[str]] = field(default_factory=dict)


def _naslag(tabellen: Tabellen) -> _Naslag:
    # Thesaurus terms, expertise areas (with their descriptions) and places. A place is a
    # phrase of its own: 'Aa en Hunze' is one begrip, not 'aa' and 'hunze'.
    rijen = [
        *((naam, syn, "") for _id, _slug, naam, syn, _oms in tabellen.rijen["thesaurus"]),
        *((naam, syn, oms) for _id, _slug, naam, syn, oms in tabellen.rijen["expertise"]),
        *((naam, naam, "") for _id, _slug, naam, _syn, _oms in tabellen.rijen["gemeente"]),
    ]
    naslag = _Naslag()
    for naam, synoniemen, omschrijving in rijen:
        if omschrijving and (gebied := tuple(woorden(naam))):
            naslag.omschrijvingen[gebied] = {
                v for w in woorden(omschrijving) if w not in STOPWOORDEN for v in _vormen(w)
            }
            naslag.geschreven.setdefault(gebied, " ".join(naam.split()))
        if not synoniemen:  # an expertise area without synonyms is found by its words
            continue
        groep = []
        for tekst in [naam, *synoniemen.split(";")]:
            frase = tuple(woorden(tekst))
            if frase:
                groep.append(frase)
                naslag.geschreven.setdefault(frase, " ".join(tekst.split()))
        for frase in groep:
            bestaand = naslag.groepen.setdefault(frase, [])
            bestaand.extend(f for f in groep if f not in bestaand)
    return naslag


def analyseer(tekst: str) -> Zoekvraag:
    """Turn what the user typed into begrippen, expanded by thesaurus and vocabulary."""
    tokens = [w for w in woorden(tekst) if len(w) <= WOORD_MAX]
    if not tokens:
        return Zoekvraag(tekst, [])
    naslag = lees().afgeleid(_naslag)
    groepen, geschreven = naslag.groepen, naslag.geschreven
    langste = max((len(f) for f in groepen), default=1)
    begrippen: list[Begrip] = []
    i = 0
    while i < len(tokens) and len(begrippen) < MAX_BEGRIPPEN:
        for lengte in range(min(langste, len(tokens) - i), 0, -1):
            frase = tuple(tokens[i : i + lengte])
            if sleutel := _opzoeken(frase, groepen):
                begrippen.append(
                    Begrip(
                        frase,
                        list(dict.fromkeys([frase, *groepen[sleutel]])),
                        synoniemen=[geschreven[f] for f in groepen[sleutel] if f != frase],
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
    _gebieden_uit_omschrijving(begrippen, naslag)
    vraag = Zoekvraag(tekst, begrippen)
    _verrijk_met_woordenlijst(vraag)
    return vraag


def _opzoeken(frase: Frase, groepen: dict[Frase, list[Frase]]) -> Frase | None:
    """The phrase as the thesaurus has it; a single word also in the plural, so that
    'praktijkondersteuners' finds the POH's as 'praktijkondersteuner' does."""
    if frase in groepen:
        return frase
    if len(frase) == 1:
        for stam in sorted(_stammen(frase[0])):
            if (stam,) in groepen:
                return (stam,)
    return None


def _gebieden_uit_omschrijving(begrippen: list[Begrip], naslag: _Naslag) -> None:
    """A question that says what an expertise area is about, in at least MIN_OMSCHRIJVING words
    of the area's own description, asks for the area too: each of those begrippen is then also
    matched by the area's name and synonyms ('psychisch welzijn en veerkracht' → Mentale
    gezondheid). The areas whose description holds the most of the question's words count."""
    raak = {
        gebied: [b for b in begrippen if {v for w in b.invoer for v in _vormen(w)} & omschrijving]
        for gebied, omschrijving in naslag.omschrijvingen.items()
    }
    meeste = max((len(bs) for bs in raak.values()), default=0)
    if meeste < MIN_OMSCHRIJVING:
        return
    for gebied, bs in raak.items():
        if len(bs) < meeste:
            continue
        for begrip in bs:
            nieuw = [
                f for f in naslag.groepen.get(gebied, [gebied]) if f not in begrip.alternatieven
            ]
            begrip.alternatieven += nieuw
            if nieuw:
                begrip.synoniemen.append(naslag.geschreven[gebied])


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


def _vormen(woord: str) -> set[str]:
    """The word and its forms without an inflection ending: psychische → psychische, psychisch."""
    return {woord} | _stammen(woord)


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
