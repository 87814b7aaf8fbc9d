"""Keeping the search documents current: a weighted tsvector per expert, and the vocabulary of
distinct words (Zoekwoord) that typos and compounds are matched against.

The documents are derived from the expert, their organisation, expertise areas, domains and
werkgebied. Signals (experts.signals) call `markeer()` on every change; inside `gebundeld()` the
changes are gathered and written once. `herbouw()` rebuilds everything.

Each expert keeps the distinct words of its document (`zoekwoorden`); a trigger in the database
counts per word how many experts hold it (experts/migrations/0005), whatever writes the list, and
a word no expert holds leaves the vocabulary. Counting the difference costs one small upsert per
save; rebuilding the vocabulary on every save would read all profiles (docs/performance.md has
both, measured).
"""

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from django.db import connection
from django.dispatch import Signal
from django.utils import translation

from experts.models import TOELICHTING_MAX, Expert, Zoekwoord
from experts.search.analysis import WOORD_MAX, woorden

CONFIG = "gg_nl"  # Dutch stemming with unaccent; created in experts/migrations/0002


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


def document(expert: Expert, gebieden, domeinen, gemeenten) -> tuple:
    """(pk, the words of each weight, the distinct words, the facets) of one expert's search
    document: A name, B expertise, C work (function, profession, organisation and werkgebied),
    D free text and context. Each field is cut into words as a query is (woorden()), so a phrase
    matches across a hyphen: 'participatie en co-creatie'. The documents are Dutch, whoever
    saves. The facets are what the filters ask for (kenmerk()), so that one GIN index answers
    words and filters together."""
    velden = {
        "A": [expert.naam],
        "B": [f"{g.naam} {g.synoniemen.replace(';', ' ')}" for g in gebieden],
        "C": [
            expert.functie,
            _label(Expert.Beroepsgroep, expert.beroepsgroep),
            expert.organisatie.naam if expert.organisatie else "",
            *(g.naam for g in gemeenten),
        ],
        "D": [
            expert.toelichting[:TOELICHTING_MAX],  # a note from before the limit, too
            *(d.naam for d in domeinen),
            *(_label(Expert.Beschikbaarheid, k) for k in expert.beschikbaar_voor),
        ],
    }
    velden = {gewicht: " ".join(woorden(" ".join(delen))) for gewicht, delen in velden.items()}
    tokens = " ".join(velden.values()).split()
    facetten = [
        *(kenmerk("expertise", g.slug) for g in gebieden),
        *(kenmerk("domein", d.slug) for d in domeinen),
        *(kenmerk("gemeente", g.slug) for g in gemeenten),
        kenmerk("beroep", expert.beroepsgroep),
        *(kenmerk("beschikbaar", k) for k in expert.beschikbaar_voor),
    ]
    if expert.organisatie:
        facetten.append(kenmerk("organisatie", expert.organisatie.slug))
    woordenlijst = sorted({w for w in tokens if 3 <= len(w) <= WOORD_MAX})
    return expert.pk, velden, woordenlijst, facetten


def kenmerk(filter_: str, waarde: str) -> str:
    """A facet as a lexeme of the search document: 'gemeente=aa-en-hunze'. A word of a query
    is letters and digits only (woorden()), so no query text can ever match a facet."""
    return f"{filter_}={waarde}"


@cache
def _label(keuzes, waarde: str) -> str:
    """The Dutch label of a choice, translated once per process rather than per document (a
    value no longer among the choices stays itself, as get_FOO_display() has it)."""
    with translation.override("nl"):
        return str(dict(keuzes.choices).get(waarde, waarde))


def bijwerken(ids: Iterable[int]) -> None:
    """Rebuild the search documents of these experts and their lists of distinct words (the
    database counts those into the vocabulary: experts/migrations/0005)."""
    ids = list(ids)
    if not ids:
        return
    experts = (
        Expert.objects.filter(pk__in=ids)
        .select_related("organisatie")
        .prefetch_related("expertisegebieden", "domeinen", "werkgebied")
        .defer("zoekvector", "zoekwoorden")
    )
    schrijf(
        [
            document(e, e.expertisegebieden.all(), e.domeinen.all(), e.werkgebied.all())
            for e in experts
        ]
    )


# One UPDATE for a whole batch: the tsvector, with a weight per field, and the distinct words,
# in the table of the model whose documents they are (experts, and the kennisbank's items).
_UPDATE = f"""
    UPDATE {{tabel}} AS e
    SET zoekvector = setweight(to_tsvector('{CONFIG}', v.a), 'A')
                  || setweight(to_tsvector('{CONFIG}', v.b), 'B')
                  || setweight(to_tsvector('{CONFIG}', v.c), 'C')
                  || setweight(to_tsvector('{CONFIG}', v.d), 'D')
                  || array_to_tsvector(string_to_array(v.facetten, ' ')),
        zoekwoorden = string_to_array(v.woorden, ' ')::varchar[]
    FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[],
                %s::text[])
        AS v(id, a, b, c, d, woorden, facetten)
    WHERE e.id = v.id
"""  # noqa: S608 - CONFIG and the table are constants; the values are parameters


def schrijf(rijen, model=Expert) -> None:
    """Write these documents (pk, words per weight, distinct words, facets: as from document())
    into `model`'s zoekvector and zoekwoorden, in one statement."""
    kolommen = [
        [pk for pk, *_ in rijen],
        *([velden[g] for _p, velden, *_ in rijen] for g in "ABCD"),
        [" ".join(w) for _p, _v, w, _f in rijen],
        [" ".join(f) for *_, f in rijen],
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            _UPDATE.format(tabel=connection.ops.quote_name(model._meta.db_table)), kolommen
        )


# Sent after herbouw(): other documents that count in the vocabulary (the kennisbank's) are
# rebuilt by their own app when it comes, so that the vocabulary is whole again.
herbouwd = Signal()


def herbouw(chunk: int = 2000) -> int:
    """Rebuild every search document and the vocabulary from scratch; returns the count."""
    Expert.objects.update(zoekwoorden=[])  # the counts go to zero, and the words with them
    Zoekwoord.objects.all().delete()
    ids = list(Expert.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        bijwerken(ids[start : start + chunk])
    herbouwd.send(sender=Zoekwoord)
    return len(ids)
