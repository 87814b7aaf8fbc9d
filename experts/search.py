"""Search for experts: 'type what you need, and the right people come first'.

A query is first analysed into *begrippen* (the things asked for), each with the words that
count as a match for it:

- question and stop words are dropped ("wie weet iets van GLI in Emmen" asks for GLI and Emmen);
- a phrase or abbreviation from the thesaurus, or an expertise area with its synonyms, brings
  in all its other words: GLI ↔ gecombineerde leefstijlinterventie;
- on PostgreSQL a word that no profile contains is matched by pg_trgm to the vocabulary of
  distinct words (Zoekwoord), never by fuzzy matching over whole profiles: buurtsportcaoch →
  buurtsportcoach;
- compound words in the vocabulary that contain a word are included: zorg → ouderenzorg.

PostgreSQL then searches the stored search documents (a tsvector with a GIN index, in the
Dutch configuration `gg_nl` that ignores accents and stems words). Ranking: name (weight A),
then expertise areas (B), then function, profession and organisation (C), then free text (D).
Profiles that match every begrip come first; when none do, profiles matching some still show.
Active experts rank above those who left, and a profile unconfirmed for a year a little lower.

SQLite has a simpler path that never errors: every begrip must occur in the normalised text.

The documents are derived from the expert, their organisation, expertise areas, domains and
werkgebied. Signals (see experts.apps) call `markeer()` on every change; inside `gebundeld()`
the changes are gathered and written once. `herbouw()` rebuilds everything.
"""

import re
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from experts.models import VEROUDERD_NA, Expert, Expertisegebied, Thesaurusterm, Zoekwoord
from gezondgewicht.text import normalise

CONFIG = "gg_nl"  # Dutch stemming with unaccent; created in experts/migrations/0002
MIN_DEEL = 4  # words this long also find compounds (zorg → jeugdzorg, ouderen → ouderenzorg)
MAX_BEGRIPPEN = 8
MAX_ALTERNATIEVEN = 12
TYPO_GELIJKENIS = 0.45  # pg_trgm similarity at which an unknown word counts as a typo
SUGGESTIE_GELIJKENIS = 0.3  # … and at which it is offered as "Bedoelde u …?"
STALE_FACTOR = 0.8
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

START, STOP = "\ue000", "\ue001"  # highlight markers, replaced by <mark> after escaping
_WOORD = re.compile(r"[^\W_]+")


def woorden(tekst: str) -> list[str]:
    """The normalised words of a text: 'Diëtist, JOGG-regisseur' → ['dietist', 'jogg', 'regisseur']."""
    return _WOORD.findall(normalise(tekst))


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def gelijkenis(a: str, b: str) -> float:
    """pg_trgm's similarity: shared trigrams of the padded words over all their trigrams."""
    ta, tb = _trigrammen(a), _trigrammen(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def _trigrammen(woord: str) -> set[str]:
    padded = f"  {woord} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


# Analysing a query --------------------------------------------------------------------------


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


def _synoniemgroepen() -> dict[Frase, list[Frase]]:
    """Each phrase of the thesaurus and of the expertise areas' synonyms → every phrase of its
    group(s); both tables in one query."""
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
    for naam, synoniemen in rijen:
        groep = [tuple(woorden(w)) for w in [naam, *synoniemen.split(";")]]
        groep = [f for f in groep if f]
        for frase in groep:
            bestaand = per_frase.setdefault(frase, [])
            bestaand.extend(f for f in groep if f not in bestaand)
    return per_frase


def analyseer(tekst: str) -> Zoekvraag:
    """Turn what the user typed into begrippen, expanded by thesaurus and vocabulary."""
    tokens = [w for w in woorden(tekst) if len(w) <= WOORD_MAX]
    if not tokens:
        return Zoekvraag(tekst, [])
    groepen = _synoniemgroepen()
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
                        synoniemen=[" ".join(f) for f in groepen[frase] if f != frase],
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
    """Typo corrections (PostgreSQL), and compounds and inflections from the vocabulary."""
    enkel = {a[0] for b in vraag.begrippen for a in b.alternatieven if len(a) == 1}
    # Only a word of the user's own that the thesaurus does not know can be a typo.
    eigen = {b.invoer[0] for b in vraag.begrippen if not b.synoniemen and len(b.invoer) == 1}
    conditie = Q(woord__in=enkel | {s for w in enkel for s in _stammen(w)})
    for woord in enkel:
        if len(woord) >= MIN_DEEL:
            conditie |= Q(woord__startswith=woord) | Q(woord__endswith=woord)
    if is_postgres():
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


# Searching ----------------------------------------------------------------------------------


def zoek(qs, vraag: Zoekvraag):
    """`qs` narrowed to what `vraag` asks for, best first, with `alle` (matches every begrip).
    Active experts always come before those who left."""
    qs = qs.annotate(actief=Case(When(status=Expert.Status.ACTIEF, then=Value(1)), default=0))
    if vraag.leeg or not is_postgres():
        if not vraag.leeg:
            qs = qs.filter(_sqlite_conditie(vraag))
        return qs.annotate(alle=Value(True)).order_by("-actief", "naam", "pk")
    een = SearchQuery(vraag.tsquery_een(), search_type="raw", config=CONFIG)
    alle = SearchQuery(vraag.tsquery_alle(), search_type="raw", config=CONFIG)
    vers = Case(
        When(bevestigd_of_aangemaakt__lt=timezone.now() - VEROUDERD_NA, then=Value(STALE_FACTOR)),
        default=Value(1.0),
        output_field=FloatField(),
    )
    return (
        qs.met_peildatum()
        .filter(zoekvector=een)
        .annotate(
            alle=Case(When(zoekvector=alle, then=Value(True)), default=Value(False)),
            score=SearchRank(F("zoekvector"), een) * vers,
        )
        .order_by("-actief", "-alle", "-score", "naam", "pk")
    )


def rangorde(qs) -> list[tuple[int, bool]]:
    """The (pk, matches every begrip) of everything `zoek()` found, best first, in one query.
    Counting, counting the all-word matches and choosing a page then cost no second scan of the
    profiles; the page itself is fetched by primary key (`ophalen`)."""
    return list(qs.values_list("pk", "alle"))


def ophalen(pks: list[int]) -> list[Expert]:
    """The experts with these primary keys, in this order, ready for a list of hits."""
    experts = (
        Expert.objects.select_related("organisatie")
        .defer("zoekvector", "zoektekst")
        .prefetch_related("expertisegebieden")
        .in_bulk(pks)
    )
    return [experts[pk] for pk in pks if pk in experts]


def _sqlite_conditie(vraag: Zoekvraag) -> Q:
    """Every begrip, in any of its phrases, must occur in the normalised text."""
    conditie = Q()
    for begrip in vraag.begrippen:
        of = Q()
        for frase in begrip.alternatieven:
            tekst = " ".join(frase)
            # Short words match whole words only; longer ones also the start of a word.
            of |= Q(zoektekst__contains=f" {tekst}" if len(tekst) >= MIN_DEEL else f" {tekst} ")
        conditie &= of
    return conditie


def fragmenten(experts: list[Expert], vraag: Zoekvraag) -> dict[int, SafeString]:
    """A snippet of each expert's toelichting with the matches marked, escaped for HTML."""
    met_tekst = [e for e in experts if e.toelichting]
    if vraag.leeg or not met_tekst:
        return {e.pk: escape(Truncator(e.toelichting).words(30)) for e in met_tekst}
    if is_postgres():
        query = SearchQuery(vraag.tsquery_een(), search_type="raw", config=CONFIG)
        rows = Expert.objects.filter(pk__in=[e.pk for e in met_tekst]).annotate(
            fragment=SearchHeadline(
                "toelichting",
                query,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        return {pk: _markeer(tekst) for pk, tekst in rows.values_list("pk", "fragment")}
    naalden = {" ".join(f) for f in vraag.frasen()}
    return {e.pk: _markeer(_met_markers(e.toelichting, naalden)) for e in met_tekst}


def _markeer(tekst: str) -> SafeString:
    """Escape the text, then turn the START/STOP markers into <mark> elements."""
    html = []
    for n, deel in enumerate(tekst.split(START)):
        gemarkeerd, _sep, rest = deel.partition(STOP) if n else ("", "", deel)
        if gemarkeerd:
            html.append(f"<mark>{escape(gemarkeerd)}</mark>")
        html.append(escape(rest.replace(STOP, "")))
    return mark_safe("".join(html))  # noqa: S308 - every part is escaped above


def _met_markers(tekst: str, naalden: set[str], context: int = 100) -> str:
    """The part of `tekst` around the first match, with every match between markers.
    Matching is on normalised text, mapped back to the original characters."""
    norm, posities = [], []
    for i, teken in enumerate(tekst):
        for n in normalise(teken) if teken.strip() else " ":
            norm.append(n)
            posities.append(i)
    genormaliseerd = "".join(norm)
    treffers = []
    for naald in sorted(naalden, key=len, reverse=True):
        for m in re.finditer(re.escape(naald), genormaliseerd):
            start, eind = posities[m.start()], posities[m.end() - 1] + 1
            if not any(s < eind and start < e for s, e in treffers):
                treffers.append((start, eind))
    if not treffers:
        return Truncator(tekst).words(30)
    treffers.sort()
    begin = max(0, treffers[0][0] - context)
    einde = min(len(tekst), treffers[0][1] + 2 * context)
    delen, cursor = [], begin
    for start, eind in treffers:
        if start < cursor or eind > einde:
            continue
        delen += [tekst[cursor:start], START, tekst[start:eind], STOP]
        cursor = eind
    delen.append(tekst[cursor:einde])
    return ("… " if begin else "") + "".join(delen) + (" …" if einde < len(tekst) else "")


def passende_expertise(expert: Expert, vraag: Zoekvraag, slugs=()) -> list[Expertisegebied]:
    """The expert's expertise areas that match the query or the expertise filter."""
    frasen = [" ".join(f) for f in vraag.frasen()]
    passend = []
    for gebied in expert.expertisegebieden.all():
        tekst = " ".join(woorden(f"{gebied.naam} {gebied.synoniemen}"))
        if gebied.slug in slugs or any(f in tekst for f in frasen):
            passend.append(gebied)
    return passend


# Keeping the search documents current -------------------------------------------------------

_bundel: ContextVar[set | None] = ContextVar("zoekindex_bundel", default=None)


@contextmanager
def gebundeld():
    """Gather the experts whose document changes, and rebuild each once at the end."""
    if _bundel.get() is not None:
        yield
        return
    ids: set[int] = set()
    token = _bundel.set(ids)
    try:
        yield
    finally:
        _bundel.reset(token)
    bijwerken(ids)


def markeer(ids: Iterable[int]) -> None:
    """The search documents of these experts are out of date."""
    ids = {i for i in ids if i is not None}
    bundel = _bundel.get()
    if bundel is not None:
        bundel.update(ids)
    elif ids:
        bijwerken(ids)


def _velden(expert: Expert) -> dict[str, str]:
    """The text of each weight: A name, B expertise, C work, D free text and context."""
    gebieden = list(expert.expertisegebieden.all())
    return {
        "A": expert.naam,
        "B": " ".join(f"{g.naam} {g.synoniemen.replace(';', ' ')}" for g in gebieden),
        "C": " ".join(
            [
                expert.functie,
                str(expert.get_beroepsgroep_display()),
                expert.organisatie.naam if expert.organisatie else "",
            ]
        ),
        "D": " ".join(
            [
                expert.toelichting,
                " ".join(d.naam for d in expert.domeinen.all()),
                " ".join(g.naam for g in expert.werkgebied.all()),
                " ".join(expert.beschikbaar_voor_labels()),
            ]
        ),
    }


def bijwerken(ids: Iterable[int]) -> None:
    """Rebuild the search documents of these experts, and add their words to the vocabulary."""
    ids = list(ids)
    if not ids:
        return
    experts = (
        Expert.objects.filter(pk__in=ids)
        .select_related("organisatie")
        .prefetch_related("expertisegebieden", "domeinen", "werkgebied")
        .defer("zoekvector", "zoektekst")
    )
    rijen, nieuwe_woorden = [], set()
    with translation.override("nl"):  # the documents are Dutch, whoever saves
        for expert in experts:
            velden = _velden(expert)
            tokens = woorden(" ".join(velden.values()))
            nieuwe_woorden.update(w for w in tokens if 3 <= len(w) <= WOORD_MAX)
            rijen.append((expert.pk, f" {' '.join(tokens)} ", velden))
    if is_postgres():
        _schrijf_postgres(rijen)
    else:
        Expert.objects.bulk_update(
            [Expert(pk=pk, zoektekst=tekst) for pk, tekst, _velden in rijen],
            ["zoektekst"],
            batch_size=500,
        )
    Zoekwoord.objects.bulk_create(
        [Zoekwoord(woord=w) for w in sorted(nieuwe_woorden)],
        ignore_conflicts=True,
        batch_size=2000,
    )


# One UPDATE for a whole batch: the plain text, and the tsvector with a weight per field.
_UPDATE_POSTGRES = """
    UPDATE experts_expert AS e
    SET zoektekst = v.tekst,
        zoekvector = setweight(to_tsvector('gg_nl', v.a), 'A')
                  || setweight(to_tsvector('gg_nl', v.b), 'B')
                  || setweight(to_tsvector('gg_nl', v.c), 'C')
                  || setweight(to_tsvector('gg_nl', v.d), 'D')
    FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[])
        AS v(id, tekst, a, b, c, d)
    WHERE e.id = v.id
"""


def _schrijf_postgres(rijen) -> None:
    kolommen = [
        [pk for pk, _t, _v in rijen],
        [tekst for _p, tekst, _v in rijen],
        *([velden[g] for _p, _t, velden in rijen] for g in "ABCD"),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_POSTGRES, kolommen)


def herbouw(chunk: int = 2000) -> int:
    """Rebuild every search document and the vocabulary from scratch; returns the count."""
    Zoekwoord.objects.all().delete()
    ids = list(Expert.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        bijwerken(ids[start : start + chunk])
    return len(ids)
