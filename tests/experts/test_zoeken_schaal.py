"""Search at national scale (issue 16): beyond GRENS matches the page says "Meer dan …", and a
page is ranked among the best candidates only, taken layer by layer from the index. GRENS is
set low here, so that a handful of profiles stands for 100,000."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experts import search
from experts.filters import ExpertFilter
from experts.models import Expert, Gemeente
from experts.search import ranking
from tests.factories import ExpertFactory
from tests.markup import find

pytestmark = pytest.mark.django_db

URL = reverse("experts:zoeken")


@pytest.fixture
def grens(monkeypatch):
    monkeypatch.setattr("experts.search.ranking.GRENS", 5)
    return 5


def _namen(response) -> list[str]:
    return [expert.naam for expert, _expertise, _fragment in response.context["hits"]]


def _vermelders(n: int) -> None:
    """Profiles that only mention voeding in their free text, made first (so they come first
    in the table, where a plain LIMIT would find them)."""
    for i in range(n):
        ExpertFactory(naam=f"Vermelder {i}", toelichting=f"Ik verwijs voor voeding door ({i}).")


def test_beyond_the_limit_the_count_says_more_than(client, professional, referentie, grens):
    _vermelders(7)
    client.force_login(professional)
    r = client.get(URL, {"q": "voeding"})
    assert r.context["totaal"] == grens and r.context["totaal_begrensd"]
    assert find(r, role="status").text.strip() == "Meer dan 5 experts"
    assert len(_namen(r)) == 5  # the first page: every candidate, ranked


def test_at_the_limit_the_count_is_exact(client, professional, referentie, grens):
    _vermelders(5)
    client.force_login(professional)
    r = client.get(URL, {"q": "voeding"})
    assert r.context["totaal"] == 5 and not r.context["totaal_begrensd"]
    assert find(r, role="status").text.strip() == "5 experts gevonden"


def test_the_expertise_area_is_a_candidate_before_a_mere_mention(
    client, professional, referentie, grens
):
    _vermelders(8)
    kenners = [ExpertFactory(naam=f"Kenner {i}", expertise=["Gezonde voeding"]) for i in range(2)]
    client.force_login(professional)
    namen = _namen(client.get(URL, {"q": "voeding"}))
    assert namen[:2] == sorted(k.naam for k in kenners)
    assert len(namen) == 5


def test_every_word_before_some_and_leavers_last(client, professional, referentie, grens):
    for i in range(6):
        ExpertFactory(naam=f"Half {i}", expertise=["Gezonde voeding"])
    beide = ExpertFactory(naam="Beide", toelichting="Voeding en bewegen voor ouderen.")
    ExpertFactory(
        naam="Weg",
        expertise=["Gezonde voeding", "Bewegen en sport"],
        status=Expert.Status.VERTROKKEN,
        opvolger=beide,
    )
    client.force_login(professional)
    r = client.get(URL, {"q": "voeding bewegen"})
    namen = _namen(r)
    assert namen[0] == "Beide" and "Weg" not in namen  # four of the six 'Half' fill the rest
    assert r.context["alle"] and r.context["totaal_begrensd"]


def test_later_layers_are_not_read_once_the_first_is_full(professional, referentie, grens):
    for i in range(7):
        ExpertFactory(naam=f"Kenner {i}", expertise=["Gezonde voeding"])
    treffers = search.Treffers(Expert.objects.all(), search.analyseer("voeding"))
    with CaptureQueriesContext(connection) as queries:
        assert treffers.count() == 5 and treffers.begrensd
    (sql,) = [q["sql"] for q in queries.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Parallel Append" not in plan  # the layers run in order
    assert plan.count("never executed") >= 2  # layers two and three are never read


def test_browsing_without_words_beyond_the_limit(client, professional, grens):
    for naam in ["Zoë", "Anna", "Mark", "Bram", "Carla", "Dirk", "Eva"]:
        ExpertFactory(naam=naam)
    client.force_login(professional)
    r = client.get(URL)
    assert _namen(r) == ["Anna", "Bram", "Carla", "Dirk", "Eva"]
    assert r.context["totaal_begrensd"]


def test_a_page_far_past_the_end_shows_the_last(client, professional, referentie, grens):
    _vermelders(7)
    client.force_login(professional)
    r = client.get(URL, {"q": "voeding", "page": 99999})
    assert r.status_code == 200 and len(_namen(r)) == 5
    r = client.get(URL, {"q": "voeding", "page": "99999999999999999999999"})
    assert r.status_code == 200 and len(_namen(r)) == 5


def test_a_filter_combination_that_matches_nothing(client, professional, referentie):
    ExpertFactory(naam="Anna", beroepsgroep=Expert.Beroepsgroep.DIETIST, gemeenten=["Emmen"])
    client.force_login(professional)
    r = client.get(URL, {"q": "voeding", "beroep": "huisarts", "gemeente": "assen"})
    assert r.status_code == 200 and r.context["totaal"] == 0 and not _namen(r)
    assert find(r, role="status").text.strip() == "0 experts gevonden"
    assert "haal een filter weg" in r.content.decode()


def test_the_filters_follow_a_change_of_werkgebied_at_once(client, professional, referentie):
    # The filters are answered by the search document's facets: they must follow every change.
    anna = ExpertFactory(naam="Anna", gemeenten=["Emmen"])
    client.force_login(professional)
    assert _namen(client.get(URL, {"gemeente": "emmen"})) == ["Anna"]
    anna.werkgebied.set([Gemeente.objects.get(naam="Assen")])
    assert _namen(client.get(URL, {"gemeente": "emmen"})) == []
    assert _namen(client.get(URL, {"gemeente": "assen"})) == ["Anna"]


def test_no_typed_text_can_match_a_facet():
    # A facet lexeme holds '='; a word of a query is letters and digits only.
    assert search.analyseer("gemeente=emmen beroep='dietist'").tsquery_een().count("=") == 0
    with pytest.raises(ValueError):
        search.met_kenmerk(Expert.objects.all(), "gemeente", ["emmen' | 'x"])


def test_active_partial_matches_come_before_leavers(client, professional, referentie, grens):
    # Review finding: leavers who match every word must not crowd out an active expert.
    opvolger = ExpertFactory(naam="Opvolger")
    for i in range(6):  # made first, so first in the table
        ExpertFactory(
            naam=f"Weg {i}",
            expertise=["Gezonde voeding", "Bewegen en sport"],
            status=Expert.Status.VERTROKKEN,
            opvolger=opvolger,
        )
    ExpertFactory(naam="Actief Half", expertise=["Gezonde voeding"])
    client.force_login(professional)
    namen = _namen(client.get(URL, {"q": "voeding bewegen"}))
    assert namen[0] == "Actief Half" and len(namen) == 5


def test_an_expertise_area_survives_the_cut_whatever_its_name(
    client, professional, referentie, grens
):
    # Review finding: within 'every word', who has a word in what they are comes first, even
    # when their name sorts last and the others only mention both words.
    for i in range(6):
        ExpertFactory(naam=f"Aa Tekst {i}", toelichting="Voeding en valpreventie, in tekst.")
    ExpertFactory(naam="Zz Kern", expertise=["Gezonde voeding"], toelichting="Ook valpreventie.")
    client.force_login(professional)
    assert _namen(client.get(URL, {"q": "voeding valpreventie"}))[0] == "Zz Kern"


def test_a_page_is_ranked_as_it_would_be_among_every_candidate(professional, referentie, grens):
    # Each page is ranked among the candidates of the layers it reaches only (Treffers): the
    # pages together are the order of zoek() over every candidate.
    for i in range(2):
        ExpertFactory(naam=f"Beide {i}", expertise=["Gezonde voeding", "Bewegen en sport"])
        ExpertFactory(
            naam=f"Kern en tekst {i}", expertise=["Gezonde voeding"], toelichting="Ik beweeg."
        )
        ExpertFactory(naam=f"Een {i}", expertise=["Bewegen en sport"])
    ExpertFactory(naam="Tekst", toelichting="Voeding en bewegen, vaak " * 5)
    vraag = search.analyseer("voeding bewegen")
    treffers = search.Treffers(Expert.objects.all(), vraag)
    pks = [pk for pk, _alle, _laag in treffers._kandidaten[:grens]]
    alles = list(search.zoek(Expert.objects.filter(pk__in=pks), vraag).values_list("pk", flat=True))
    for per_pagina in (1, 2, 3, grens):
        paginas = [treffers[start : start + per_pagina] for start in range(0, grens, per_pagina)]
        assert [pk for pagina in paginas for pk in pagina] == alles, per_pagina
    assert len({laag for _pk, _alle, laag in treffers._kandidaten}) >= 3


@pytest.mark.parametrize(
    ("query", "zelfde_vorm"),
    [
        ("", ""),
        ("q=voeding", "q=armoede"),
        ("q=voeding+bewegen", "q=ouderen+sport"),
        ("q=gezonde+voeding+voor+kinderen+in+Aa+en+Hunze", "q=sport+jeugd+armoede+Emmen"),
        ("q=GLI&gemeente=emmen", "q=JOGG&gemeente=emmen"),
        (
            "gemeente=emmen&gemeente=assen&beroep=dietist",
            "gemeente=emmen&gemeente=assen&beroep=dietist",
        ),
        ("q=voeding+bewegen&beschikbaar=advies", "q=jeugd+sport&beschikbaar=advies"),
    ],
)
def test_the_candidates_sql_kept_per_shape_is_what_django_compiles(referentie, query, zelfde_vorm):
    # ranking._per_vorm compiles the candidates once per shape, with placeholders for the
    # words; filled in, it must be exactly the query Django makes for these words and filters,
    # also when a query of the same shape with other words made it.
    def treffers(q):
        return ExpertFilter(QueryDict(q), queryset=Expert.objects.all()).treffers()

    ranking._vormen.clear()
    eerst = treffers(zelfde_vorm)
    ranking._per_vorm(eerst.qs, eerst.vraag, ranking._lagen)
    dan = treffers(query)
    assert len(dan.vraag.begrippen) == len(eerst.vraag.begrippen)
    sql, params = ranking._per_vorm(dan.qs, dan.vraag, ranking._lagen)
    assert len(ranking._vormen) == 1  # the same shape
    django_sql, django_params = ranking._lagen(dan.qs, dan.vraag).query.sql_with_params()
    assert (sql, list(params)) == (django_sql, list(django_params))


def test_a_new_limit_is_a_new_shape(referentie, monkeypatch):
    vraag = search.analyseer("voeding")
    sql, _params = ranking._per_vorm(Expert.objects.all(), vraag, ranking._lagen)
    assert f"LIMIT {ranking.GRENS + 1}" in sql
    monkeypatch.setattr("experts.search.ranking.GRENS", 5)
    sql, _params = ranking._per_vorm(Expert.objects.all(), vraag, ranking._lagen)
    assert "LIMIT 6" in sql and f"LIMIT {1000 + 1}" not in sql
