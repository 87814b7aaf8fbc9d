"""Searching the kennisbank with the expert search's own analysis (experts.search): the same
Dutch configuration, thesaurus, typos, compounds and question words. Each item has a weighted
search document: title (A), summary and themes (B), the text and a lesson's answers (C), the
text of its current file (D); plus facets for the filters (index.kenmerk). Its distinct words
go into the shared vocabulary (experts.Zoekwoord, counted by the same trigger), so a typo of a
word that is only in a PDF is corrected too."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from experts.search import Zoekvraag
from experts.search.analysis import WOORD_MAX, woorden
from experts.search.index import CONFIG, kenmerk, schrijf
from kennis.models import Bestand, Kennisitem

# Where a term matched, per weight of the document.
PLEKKEN = {
    "A": _("titel"),
    "B": _("samenvatting of thema"),
    "C": _("tekst"),
    "D": _("bestand"),
}


def document(item: Kennisitem, themas, inspanningen, aanbevelingen, organisaties, tekst: str):
    """(pk, words per weight, distinct words, facets) of one item."""
    with override("nl"):
        velden = {
            "A": [item.titel],
            "B": [
                item.samenvatting,
                *(f"{t.naam} {t.synoniemen.replace(';', ' ')}" for t in themas),
            ],
            "C": [
                item.inhoud,
                item.bedoeling,
                item.gebeurd,
                item.waarom,
                item.volgende_keer,
                str(item.get_erkenning_display()) if item.erkenning else "",
                # what the flag says, so that a search for "werkte niet" finds those lessons
                "werkte niet" if item.werkte_niet else "",
            ],
            "D": [tekst],
        }
    velden = {g: " ".join(woorden(" ".join(delen))) for g, delen in velden.items()}
    tokens = " ".join(velden.values()).split()
    facetten = [
        kenmerk("soort", item.soort),
        *(kenmerk("thema", t.slug) for t in themas),
        *(kenmerk("inspanning", str(i.nummer)) for i in inspanningen),
        *(kenmerk("aanbeveling", str(a.nummer)) for a in aanbevelingen),
        *(kenmerk("organisatie", o.slug) for o in organisaties),
    ]
    if item.werkte_niet:
        facetten.append(kenmerk("werkte_niet", "ja"))
    # An archived item is found by nobody, so its words leave the vocabulary ("Bedoelde u").
    woordenlijst = (
        [] if item.is_gearchiveerd else sorted({w for w in tokens if 3 <= len(w) <= WOORD_MAX})
    )
    return item.pk, velden, woordenlijst, facetten


def huidige_teksten(ids) -> dict[int, str]:
    """The text of each item's newest file, in one query."""
    rijen = (
        Bestand.objects.filter(item_id__in=ids)
        .order_by("item_id", "-versie")
        .distinct("item_id")
        .values_list("item_id", "tekst")
    )
    return dict(rijen)


def bijwerken(ids) -> None:
    ids = [i for i in set(ids) if i is not None]
    if not ids:
        return
    items = (
        Kennisitem.objects.filter(pk__in=ids)
        .defer("zoekvector", "zoekwoorden")
        .prefetch_related("themas", "inspanningen", "aanbevelingen", "organisaties")
    )
    teksten = huidige_teksten(ids)
    schrijf(
        [
            document(
                i,
                i.themas.all(),
                i.inspanningen.all(),
                i.aanbevelingen.all(),
                i.organisaties.all(),
                teksten.get(i.pk, ""),
            )
            for i in items
        ],
        Kennisitem,
    )


def herbouw(chunk: int = 1000, **kwargs) -> int:
    """Every item's document again, and so its words in the shared vocabulary (connected to
    experts.search.index.herbouwd: the vocabulary was emptied and the experts' words put back)."""
    if Kennisitem._meta.db_table not in connection.introspection.table_names():
        return 0  # migrated back to before the kennisbank
    Kennisitem.objects.update(zoekwoorden=[])
    ids = list(Kennisitem.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        bijwerken(ids[start : start + chunk])
    return len(ids)


def _query(tsquery: str) -> SearchQuery:
    return SearchQuery(tsquery, search_type="raw", config=CONFIG)


def zoek(qs, vraag: Zoekvraag):
    """`qs` narrowed to what `vraag` asks for, best first: items that match every begrip, then
    by rank (a match in the title weighs most)."""
    if vraag.leeg:
        return qs.annotate(alle=Value(True)).order_by("-datum", "titel", "pk")
    een = _query(vraag.tsquery_een())
    alle = (
        Case(When(zoekvector=_query(vraag.tsquery_alle()), then=True), default=False)
        if len(vraag.begrippen) > 1
        else Value(True)
    )
    return (
        qs.filter(zoekvector=een)
        .annotate(alle=alle, score=SearchRank(F("zoekvector"), een))
        .order_by("-alle", "-score", "-datum", "pk")
    )


def plekken(items, vraag: Zoekvraag) -> dict[int, list[str]]:
    """Per item, where the words matched, in words (['titel', 'bestand']): for the items of
    one page, in one query, rather than for every match before it is ranked."""
    if vraag.leeg or not items:
        return {}
    per_gewicht = {
        g: Case(
            When(zoekvector=_query(" | ".join(b.tsquery(g) for b in vraag.begrippen)), then=True),
            default=False,
        )
        for g in PLEKKEN
    }
    rijen = (
        Kennisitem.objects.filter(pk__in=[i.pk for i in items])
        .order_by()
        .values_list("pk", *(per_gewicht[g] for g in PLEKKEN))
    )
    return {
        pk: [str(label) for label, raak in zip(PLEKKEN.values(), gevonden, strict=True) if raak]
        for pk, *gevonden in rijen
    }


def met_woorden(qs, vraag: Zoekvraag, aantal: int) -> list:
    """The newest `aantal` items that are about every begrip of a query, in their title,
    summary, themes or text (not only in a file): beside the experts on the search page. Newest
    first rather than ranked, so that PostgreSQL reads items by date and stops at `aantal`,
    however many match; the knowledge search itself ranks them all."""
    if vraag.leeg:
        return []
    over = _query(vraag.tsquery_alle("ABC"))
    return list(
        qs.filter(zoekvector=over)
        .only("titel", "slug", "soort", "datum", "werkte_niet")
        .order_by("-datum", "-pk")[:aantal]
    )
