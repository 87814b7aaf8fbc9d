"""The search page of Wie weet wat (experts:zoeken): one search box, filters, removable tags,
hits with their snippets, and paging."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from experts.models import Expert
from tests.factories import ExpertFactory, OrganisatieFactory
from tests.markup import find, find_all, page_text, title

pytestmark = pytest.mark.django_db

URL = reverse("experts:zoeken")


def _namen(response) -> list[str]:
    return [expert.naam for expert, _expertise, _fragment in response.context["hits"]]


def test_anonymous_visitors_are_sent_to_login(client):
    r = client.get(URL, {"q": "GLI"})
    assert r.status_code == 302 and "/accounts/login/" in r.url


def test_the_page_has_one_search_box_and_announces_the_count(client, professional, referentie):
    ExpertFactory(naam="Anna de Vries")
    client.force_login(professional)
    r = client.get(URL)
    assert len(find_all(r, "input", name="q")) == 1
    assert find(r, role="status").text == "1 expert gevonden"


def test_filters_alone_browse_sorted_by_name(client, professional):
    for naam in ["Zoë Zwart", "Anna Aal", "Mark Midden"]:
        ExpertFactory(naam=naam)
    client.force_login(professional)
    assert _namen(client.get(URL)) == ["Anna Aal", "Mark Midden", "Zoë Zwart"]


def test_filters_combine_and_across_and_or_within(client, professional, referentie):
    emmen_dietist = ExpertFactory(
        naam="Anna", beroepsgroep=Expert.Beroepsgroep.DIETIST, gemeenten=["Emmen"]
    )
    assen_dietist = ExpertFactory(
        naam="Bram", beroepsgroep=Expert.Beroepsgroep.DIETIST, gemeenten=["Assen"]
    )
    ExpertFactory(naam="Carla", beroepsgroep=Expert.Beroepsgroep.HUISARTS, gemeenten=["Emmen"])
    ExpertFactory(naam="Dirk", beroepsgroep=Expert.Beroepsgroep.DIETIST, gemeenten=["Meppel"])
    client.force_login(professional)
    r = client.get(URL, {"beroep": "dietist", "gemeente": ["emmen", "assen"]})
    assert _namen(r) == [emmen_dietist.naam, assen_dietist.naam]


def test_every_filter_narrows(client, professional, referentie):
    org = OrganisatieFactory(naam="Sportbedrijf Zuid")
    doel = ExpertFactory(
        naam="Doel",
        organisatie=org,
        expertise=["Gezonde voeding"],
        domein=["Zorg"],
        gemeenten=["Emmen"],
        beschikbaar_voor=["advies", "training"],
        beroepsgroep=Expert.Beroepsgroep.DIETIST,
    )
    ExpertFactory(naam="Ander")
    client.force_login(professional)
    for key, value in [
        ("expertise", "gezonde-voeding"),
        ("domein", "zorg"),
        ("gemeente", "emmen"),
        ("organisatie", "sportbedrijf-zuid"),
        ("beroep", "dietist"),
        ("beschikbaar", "training"),
    ]:
        assert _namen(client.get(URL, {key: value})) == [doel.naam], key


def test_active_filters_are_removable_tags(client, professional, referentie):
    ExpertFactory(naam="Anna", gemeenten=["Emmen", "Assen"])
    client.force_login(professional)
    r = client.get(URL, {"gemeente": ["emmen", "assen"], "q": "anna"})
    tags = r.context["tags"]
    assert [(t.filter, t.waarde) for t in tags] == [
        ("Gemeente (werkgebied)", "Emmen"),
        ("Gemeente (werkgebied)", "Assen"),
    ]  # in the order they were chosen
    emmen = next(t for t in tags if t.waarde == "Emmen")
    assert emmen.zonder.getlist("gemeente") == ["assen"] and emmen.zonder["q"] == "anna"
    links = {find_all(a, "span")[0].text: a.attrs["href"] for a in find_all(r, "a", cls="gg-tag")}
    assert list(links) == ["Gemeente (werkgebied): Emmen", "Gemeente (werkgebied): Assen"]
    zonder_emmen = links["Gemeente (werkgebied): Emmen"]
    assert urlsplit(zonder_emmen).path == URL
    assert parse_qs(urlsplit(zonder_emmen).query) == {"gemeente": ["assen"], "q": ["anna"]}


def test_twenty_hits_per_page(client, professional):
    for n in range(25):
        ExpertFactory(naam=f"Expert {n:02d}")
    client.force_login(professional)
    first = client.get(URL)
    assert len(_namen(first)) == 20 and "25 experts gevonden" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert _namen(second) == [f"Expert {n:02d}" for n in range(20, 25)]
    assert _namen(client.get(URL, {"page": "x"})) == _namen(first)  # not a number: the first
    assert _namen(client.get(URL, {"page": 99})) == _namen(second)  # past the end: the last


def test_a_hit_shows_name_link_work_expertise_snippet_and_freshness(
    client, professional, referentie
):
    expert = ExpertFactory(
        naam="Carla Smit",
        functie="Leefstijlcoach",
        organisatie=OrganisatieFactory(naam="Leefstijlpraktijk Emmen"),
        expertise=["Gecombineerde leefstijlinterventie", "Bestaanszekerheid"],
        toelichting="Ik begeleid groepen in de GLI en werk samen met de huisarts.",
    )
    client.force_login(professional)
    r = client.get(URL, {"q": "GLI"})
    hit = find(r, "li", cls="gg-hit")
    assertContains(
        r,
        f'<a class="utrecht-link" href="/experts/{expert.slug}/?q=GLI">Carla Smit</a>',
        html=True,
    )
    assert find(hit, "h3").text == "Carla Smit"
    assert find(hit, cls="gg-hit__werk").text == "Leefstijlcoach · Leefstijlpraktijk Emmen"
    labels = [label.text for label in find_all(hit, "span", cls="gg-label")]
    assert labels == ["Gecombineerde leefstijlinterventie"]  # not Bestaanszekerheid: no match
    assertContains(r, "<mark>GLI</mark>", html=True)
    assert "nog nooit bevestigd" in hit.text


def test_leavers_stay_findable_below_active_experts(client, professional):
    opvolger = ExpertFactory(naam="Zoë Opvolger", toelichting="Valpreventie")
    ExpertFactory(
        naam="Anna Vertrokken",
        toelichting="Valpreventie",
        status=Expert.Status.VERTROKKEN,
        opvolger=opvolger,
    )
    client.force_login(professional)
    r = client.get(URL, {"q": "valpreventie"})
    assert _namen(r) == ["Zoë Opvolger", "Anna Vertrokken"]
    assert "Oud-expert: vertrokken" in r.content.decode()


def test_an_invalid_filter_value_is_a_form_error(client, professional):
    ExpertFactory(naam="Anna")
    client.force_login(professional)
    r = client.get(URL, {"gemeente": "atlantis", "beroep": "astronaut"})
    assert r.status_code == 200
    assert title(r).startswith("Fout:")
    tekst = page_text(r)
    assert "Er is een probleem" in tekst
    assert "atlantis is geen beschikbare keuze" in tekst
    assert "astronaut is geen beschikbare keuze" in tekst


@pytest.mark.parametrize(
    "q",
    [
        "",
        '"',
        "'",
        "&|!:*()",
        "a & b | !c <-> d:*",
        "'; DROP TABLE experts_expert; --",
        "🙂🙃 gezondheid",
        "x" * 10_000,
        "<script>alert('x')</script>",
    ],
)
def test_any_search_text_answers_without_error_and_escaped(client, professional, q):
    ExpertFactory(naam="Anna", toelichting="<script>alert('x')</script> en GLI")
    client.force_login(professional)
    r = client.get(URL, {"q": q})
    assert r.status_code == 200
    assert "<script>alert" not in r.content.decode()


def test_a_nul_character_in_the_search_is_a_clear_400(client, professional):
    # No one types it; PostgreSQL cannot hold it: core.guards refuses it for every address.
    client.force_login(professional)
    r = client.get(URL, {"q": "\x00"})
    assert r.status_code == 400 and "Ongeldig verzoek" in r.content.decode()


def test_the_query_count_does_not_grow_with_the_hits(
    client, professional, referentie, django_assert_max_num_queries
):
    def maak(n):
        for i in range(n):
            ExpertFactory(
                naam=f"Expert {i}",
                expertise=["Gezonde voeding", "Bewegen en sport"],
                gemeenten=["Emmen"],
                toelichting="Voeding en bewegen in Emmen.",
            )

    client.force_login(professional)
    params = {"q": "voeding emmen", "gemeente": "emmen", "beroep": "overig"}
    maak(3)
    with django_assert_max_num_queries(12) as few:
        client.get(URL, params)
    maak(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        r = client.get(URL, params)
    assert len(r.context["hits"]) == 20


def test_the_page_offers_bedoelde_u_when_nothing_is_found(client, professional):
    ExpertFactory(naam="Bram Bakker", toelichting="Ervaren met valpreventie.")
    client.force_login(professional)
    r = client.get(URL, {"q": "walprewentie", "gemeente": []})
    assert r.context["totaal"] == 0
    assert find(r, "p", cls="gg-suggestie").text == "Bedoelde u: valpreventie?"
    assertContains(
        r, '<a class="utrecht-link" href="/experts/?q=valpreventie">valpreventie</a>', html=True
    )
