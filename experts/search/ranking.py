"""Searching: PostgreSQL full-text search over the stored documents, best first, and the
snippets of the hits with the matches marked."""

import re
from functools import cached_property
from itertools import combinations
from math import comb

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, FloatField, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from experts.models import VEROUDERD_NA, Expert, Expertisegebied
from experts.search.analysis import Begrip, Zoekvraag, woorden
from experts.search.index import CONFIG, kenmerk
from experts.search.tabellen import Tabellen, lees

GRENS = 1000  # beyond this many matches: "meer dan 1.000", and the best 1,000 are ranked
STALE_FACTOR = 0.8  # a profile unconfirmed for a year ranks a little lower
GESTRUCTUREERD = "ABC"  # name, expertise areas, and function, profession, organisation, werkgebied
START, STOP = "\ue000", "\ue001"  # highlight markers, replaced by <mark> after escaping


def zoek(qs, vraag: Zoekvraag):
    """`qs` narrowed to what `vraag` asks for, best first, with `alle` (matches every begrip).
    Active experts always come before those who left; then those who match every begrip; then
    those who match more begrippen in what they are (`kern`: name, expertise area, function,
    profession, organisation, werkgebied) rather than in what they wrote. A begrip counts once,
    however many of its synonyms match: an expertise area reached through the thesaurus counts
    as much as the area by its own name, and above a mention of the word in the free text."""
    qs = qs.annotate(actief=Case(When(status=Expert.Status.ACTIEF, then=Value(1)), default=0))
    if vraag.leeg:
        return qs.annotate(alle=Value(True)).order_by("-actief", "naam", "pk")
    een = _query(vraag.tsquery_een())
    kern = [
        Case(When(zoekvector=_query(b.tsquery(GESTRUCTUREERD)), then=Value(1)), default=Value(0))
        for b in vraag.begrippen
    ]
    vers = Case(
        When(bevestigd_of_aangemaakt__lt=timezone.now() - VEROUDERD_NA, then=Value(STALE_FACTOR)),
        default=Value(1.0),
        output_field=FloatField(),
    )
    return (
        qs.met_peildatum()
        .filter(zoekvector=een)
        .annotate(
            # With one begrip, whatever matches matches every begrip.
            alle=_past(_query(vraag.tsquery_alle())) if len(vraag.begrippen) > 1 else Value(True),
            kern=sum(kern[1:], kern[0]),
            score=SearchRank(F("zoekvector"), een) * vers,
        )
        .order_by("-actief", "-alle", "-kern", "-score", "naam", "pk")
    )


def _query(tsquery: str) -> SearchQuery:
    return SearchQuery(tsquery, search_type="raw", config=CONFIG)


class _Facetten(SearchQuery):
    """A tsquery of facet lexemes taken as they are: to_tsquery would analyse them as words."""

    template = "%(expressions)s::tsquery"


def met_kenmerk(qs, filter_: str, waarden: list[str]):
    """`qs` narrowed to the experts with any of these values of a filter (index.kenmerk), from
    the same GIN index as the words."""
    return qs.filter(zoekvector=_Facetten(" | ".join(_lexeem(filter_, w) for w in waarden)))


def _lexeem(filter_: str, waarde: str) -> str:
    """A facet quoted for a tsquery. The values are slugs and choice keys (checked by the
    filters' forms); anything else would be a way into the query, so it is refused."""
    if not re.fullmatch(r"[\w-]+", waarde):
        raise ValueError(f"Geen geldige waarde voor {filter_}: {waarde!r}")
    return f"'{kenmerk(filter_, waarde)}'"


class Treffers:
    """What a search found, for a Paginator, at any scale: counted up to GRENS ("meer dan
    1.000"), and each page ranked among the best GRENS candidates only, so that a page costs
    the same with 1,000 matches as with 100,000.

    The candidates come in layers in the order of `zoek()`, each taken from the GIN index and
    cut off at GRENS: active experts who match every begrip, then active experts who match
    some; within each, those who match more begrippen in what they are (name, expertise,
    function, profession, organisation, werkgebied: `kern`) first; then those who left. All
    layers are one UNION ALL with a LIMIT on each: PostgreSQL runs them one after the other
    and stops when it has enough, so a later layer is only read when the earlier ones fall
    short. (That order is how PostgreSQL runs a UNION ALL of limited subqueries, which never
    run in parallel; SQL itself does not promise it, and test_zoeken_schaal checks the plan.)
    Within a layer cut off at GRENS the candidates are equals in what `zoek()` weighs most;
    the page is ranked among them with `zoek()` itself, and only among the candidates of the
    layers it reaches, since `zoek()` orders by what the layers are cut by first. Without words, the candidates are the
    page order already: active experts by name, then those who left."""

    def __init__(self, qs, vraag: Zoekvraag):
        self.qs, self.vraag = qs.order_by(), vraag

    @cached_property
    def _kandidaten(self) -> list[tuple[int, bool, int]]:
        """(pk, matches every begrip, layer) of at most GRENS + 1 candidates, best layer first."""
        sql, params = _per_vorm(self.qs, self.vraag, _lagen)
        with connections[self.qs.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def count(self) -> int:
        return min(len(self._kandidaten), GRENS)

    @property
    def begrensd(self) -> bool:
        """More than GRENS match: the count says "meer dan", and only GRENS can be paged."""
        return len(self._kandidaten) > GRENS

    @property
    def alle(self) -> bool:
        """Some expert matches every begrip."""
        return any(past for _pk, past, _laag in self._kandidaten)

    def __getitem__(self, deel: slice) -> list[int]:
        kandidaten = self._kandidaten[:GRENS]
        start, stop, _stap = deel.indices(len(kandidaten))
        if self.vraag.leeg or start >= stop:
            return [pk for pk, _past, _laag in kandidaten[start:stop]]
        # zoek() orders by what the layers are cut by first (active, matches every begrip,
        # kern), so the page is ranked among the candidates of the layers it reaches only.
        van, tot = kandidaten[start][2], kandidaten[stop - 1][2]
        pks = [pk for pk, _past, laag in kandidaten if van <= laag <= tot]
        voor = sum(1 for _pk, _past, laag in kandidaten if laag < van)
        ranking = zoek(Expert.objects.filter(pk__in=_array(pks)), self.vraag)
        return list(ranking.values_list("pk", flat=True)[start - voor : stop - voor])


def _lagen(qs, vraag: Zoekvraag):
    """The candidates of Treffers as one query: its layers, best first, in one UNION ALL."""
    actief = Q(status=Expert.Status.ACTIEF)
    if vraag.leeg:
        lagen = [qs.filter(actief), qs.exclude(actief)]
        lagen = [laag.annotate(alle=Value(True)).order_by("naam", "pk") for laag in lagen]
    else:
        alle = _query(vraag.tsquery_alle())
        een = _query(vraag.tsquery_een())
        kern = _trappen([b.tsquery(GESTRUCTUREERD) for b in vraag.begrippen])
        lagen = [
            laag.annotate(alle=Value(True))
            for laag in _per_trap(qs.filter(actief, zoekvector=alle), kern)
        ]
        # Those who match some begrippen but not all: none when there is one begrip, and then
        # left out, or PostgreSQL would read every match to find that out.
        deels = qs.filter(zoekvector=een).exclude(zoekvector=alle)
        if len(vraag.begrippen) > 1:
            lagen += [
                laag.annotate(alle=Value(False))
                # who misses a begrip cannot have them all in `kern`
                for laag in _per_trap(deels.filter(actief), kern[1:])
            ]
        lagen.append(qs.exclude(actief).filter(zoekvector=alle).annotate(alle=Value(True)))
        if len(vraag.begrippen) > 1:
            lagen.append(deels.exclude(actief).annotate(alle=Value(False)))
    lagen = [
        laag.annotate(laag=Value(n)).values_list("pk", "alle", "laag")[: GRENS + 1]
        for n, laag in enumerate(lagen)
    ]
    return lagen[0].union(*lagen[1:], all=True)[: GRENS + 1]


# The SQL of the candidates, per shape (_per_vorm); emptied when it holds this many.
MAX_VORMEN = 256
_vormen: dict[tuple, tuple[str, tuple]] = {}
_PLAATSHOUDER = re.compile("\x00([^\x00]*)\x00")


class _Plaatshouder(Begrip):
    """A begrip whose tsqueries are placeholders: `_Vorm`'s begrip number `nummer`."""

    def __init__(self, nummer: int):
        super().__init__((), [])
        self.nummer = nummer

    def tsquery(self, gewichten: str = "") -> str:
        return f"\x00{self.nummer}:{gewichten}\x00"


class _Vorm(Zoekvraag):
    """A query of so many begrippen whose tsqueries are placeholders, for _per_vorm: the SQL
    of a query of that shape, with a placeholder wherever one of its tsqueries goes."""

    def __init__(self, begrippen: int):
        super().__init__("", [_Plaatshouder(n) for n in range(begrippen)])

    def tsquery_alle(self, gewichten: str = "") -> str:
        return f"\x00alle:{gewichten}\x00"

    def tsquery_een(self) -> str:
        return "\x00een:\x00"


def _tsquery(vraag: Zoekvraag, plaatshouder: str) -> str:
    """What a placeholder of _Vorm stands for in `vraag`."""
    soort, _sep, gewichten = plaatshouder.partition(":")
    if soort == "alle":
        return vraag.tsquery_alle(gewichten)
    if soort == "een":
        return vraag.tsquery_een()
    return vraag.begrippen[int(soort)].tsquery(gewichten)


def _per_vorm(qs, vraag: Zoekvraag, bouw) -> tuple[str, list]:
    """The SQL and parameters of `bouw(qs, vraag)`, made and compiled by Django once per shape
    and then kept by the process: building and compiling the candidates' UNION ALL of up to
    nine layers cost 2 to 9 ms a search, the more the more words. The shape is all
    that `bouw` reads besides the words: the base queryset's SQL and parameters (the filters),
    the number of begrippen and GRENS. The SQL is compiled with placeholders for the tsqueries
    (_Vorm), which are then filled in with this query's own; tests/experts/test_zoeken_schaal.py
    compares the result with what Django compiles for the query itself."""
    basis, basis_params = qs.values_list("pk").query.sql_with_params()
    sleutel = (bouw, GRENS, len(vraag.begrippen), basis, tuple(map(repr, basis_params)))
    vorm = _vormen.get(sleutel)
    if vorm is None:
        query = bouw(qs, _Vorm(len(vraag.begrippen))).query
        vorm = query.get_compiler(using=qs.db).as_sql()
        if len(_vormen) >= MAX_VORMEN:
            _vormen.clear()
        _vormen[sleutel] = vorm
    sql, params = vorm
    tsqueries: dict[str, str] = {}

    def invullen(m: re.Match) -> str:
        if m[1] not in tsqueries:
            tsqueries[m[1]] = _tsquery(vraag, m[1])
        return tsqueries[m[1]]

    return sql, [
        _PLAATSHOUDER.sub(invullen, p) if isinstance(p, str) and "\x00" in p else p for p in params
    ]


MAX_COMBINATIES = 20  # "at least k of n" as a tsquery has C(n, k) terms; more are skipped


def _trappen(delen: list[str], query=_query) -> list[SearchQuery]:
    """Queries for "at least k of these tsquery parts", from k = all down to k = 1; a k whose
    combinations would make the query too long is left out (its experts fall to the next).
    `query` makes the SearchQuery: words through the Dutch analysis, facets as they are."""
    trappen = []
    for k in range(len(delen), 0, -1):
        if 1 < k < len(delen) and comb(len(delen), k) > MAX_COMBINATIES:
            continue
        trappen.append(
            query(
                " | ".join(
                    "(" + " & ".join(f"({d})" for d in combinatie) + ")"
                    for combinatie in combinations(delen, k)
                )
            )
        )
    return trappen


def _per_trap(qs, trappen: list[SearchQuery], *, rest: bool = True) -> list:
    """`qs` in layers: those matching the first step, then the next step but not the one
    before, and so on; then (`rest`) those matching none."""
    lagen, hoger = [], None
    for trap in [*trappen, None] if rest else trappen:
        laag = qs if trap is None else qs.filter(zoekvector=trap)
        if hoger is not None:
            laag = laag.exclude(zoekvector=hoger)
        lagen.append(laag)
        hoger = trap
    return lagen


def _past(query: SearchQuery) -> Case:
    return Case(When(zoekvector=query, then=Value(True)), default=Value(False))


def passend(themas, *, behalve=(), aantal: int = 10) -> list[Expert]:
    """The `aantal` active experts with the most of these expertise areas, then by name; for
    an inspanning's "Experts met passende expertise". In layers, as Treffers: first those with
    every area, then with one fewer, and so on, each from the GIN index by its facets and cut
    off at `aantal`, in one UNION ALL that stops when it has enough; so only the experts with
    the most overlap are read, however many share one area."""
    trappen = _trappen([_lexeem("expertise", gebied.slug) for gebied in themas], _Facetten)
    basis = (
        Expert.objects.actief()
        .exclude(pk__in=behalve)
        .defer("zoekvector")
        .annotate(organisatie_naam=F("organisatie__naam"))
    )
    lagen = [laag.order_by("naam", "pk")[:aantal] for laag in _per_trap(basis, trappen, rest=False)]
    if not lagen:
        return []
    return list(lagen[0].union(*lagen[1:], all=True)[:aantal])


def _array(pks: list[int]) -> RawSQL:
    """A list of primary keys as one array parameter: `IN (%s, %s, …)` with a thousand
    parameters costs Django and psycopg more than the ranking itself."""
    return RawSQL("SELECT unnest(%s::bigint[])", (pks,))


def deskundigen(vraag: Zoekvraag, aantal: int) -> list[Expert]:
    """The first `aantal` active experts, by name, who match every begrip of a query in what
    they are (name, expertise, function, profession, organisation, werkgebied), with their
    organisation: a short list beside other search results (the kennisbank's). By name rather
    than ranked, so that PostgreSQL reads the index on (status, naam) and stops at `aantal`."""
    if vraag.leeg:
        return []
    return list(
        Expert.objects.actief()
        .filter(zoekvector=_query(vraag.tsquery_alle(GESTRUCTUREERD)))
        .select_related("organisatie")
        .only("naam", "slug", "organisatie__naam")
        .order_by("naam", "pk")[:aantal]
    )


def ophalen(pks: list[int], vraag: Zoekvraag | None = None) -> list[Expert]:
    """The experts with these primary keys, in this order, ready for a list of hits: with
    their organisation, their expertise areas as `gebieden` (by name), made once per version
    of the lookup tables (search.tabellen) rather than by a prefetch per page, and, for a
    query with words, the snippet of their toelichting with the matches marked (for
    fragmenten()), all in one query."""
    if not pks:
        return []
    gebied_ids = ArraySubquery(
        Expert.expertisegebieden.through.objects.filter(expert_id=OuterRef("pk"))
        .order_by("expertisegebied__naam")
        .values("expertisegebied_id")
    )
    rijen = (
        Expert.objects.select_related("organisatie")
        .defer("zoekvector", "zoekwoorden")
        .filter(pk__in=pks)
        .annotate(gebied_ids=gebied_ids)
        .order_by()
    )
    if vraag is not None and not vraag.leeg:
        rijen = rijen.annotate(
            kop=SearchHeadline(
                "toelichting",
                _query(vraag.tsquery_een()),
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    gebieden = lees().afgeleid(_gebieden)
    experts = {}
    for expert in rijen:
        expert.gebieden = [gebieden[i] for i in expert.gebied_ids if i in gebieden]
        experts[expert.pk] = expert
    return [experts[pk] for pk in pks if pk in experts]


def _gebieden(tabellen: Tabellen) -> dict[int, Expertisegebied]:
    return {
        id_: Expertisegebied(id=id_, slug=slug, naam=naam, synoniemen=syn, omschrijving=oms)
        for id_, slug, naam, syn, oms in tabellen.rijen["expertise"]
    }


def fragmenten(experts: list[Expert], vraag: Zoekvraag) -> dict[int, SafeString]:
    """A snippet of each expert's toelichting with the matches marked, escaped for HTML: for a
    query with words from the snippets that ophalen(pks, vraag) asked PostgreSQL for, else the
    start of the text."""
    met_tekst = [e for e in experts if e.toelichting]
    if vraag.leeg:
        return {e.pk: escape(Truncator(e.toelichting).words(30)) for e in met_tekst}
    return {e.pk: _markeer(e.kop) for e in met_tekst}


def _markeer(tekst: str) -> SafeString:
    """Escape the text, then turn the START/STOP markers into <mark> elements."""
    html = []
    for n, deel in enumerate(tekst.split(START)):
        gemarkeerd, _sep, rest = deel.partition(STOP) if n else ("", "", deel)
        if gemarkeerd:
            html.append(f"<mark>{escape(gemarkeerd)}</mark>")
        html.append(escape(rest.replace(STOP, "")))
    return mark_safe("".join(html))  # noqa: S308 - every part is escaped above


def passende_expertise(expert: Expert, vraag: Zoekvraag, slugs=()) -> list[Expertisegebied]:
    """The expertise areas of an expert from ophalen() that match the query or the expertise
    filter."""
    frasen = [" ".join(f) for f in vraag.frasen()]
    passend = []
    for gebied in expert.gebieden:
        tekst = " ".join(woorden(f"{gebied.naam} {gebied.synoniemen}"))
        if gebied.slug in slugs or any(f in tekst for f in frasen):
            passend.append(gebied)
    return passend
