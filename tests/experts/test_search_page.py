import re

import pytest
from django.urls import reverse

from experts.models import Expert
from tests.factories import ExpertFactory, OrganisatieFactory

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
    content = client.get(URL).content.decode()
    assert content.count('name="q"') == 1
    assert re.search(r'role="status"[^>]*>\s*1 expert gevonden', content)


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
        ("Gemeente (werkgebied)", "Assen"),
        ("Gemeente (werkgebied)", "Emmen"),
    ] or [(t.filter, t.waarde) for t in tags] == [
        ("Gemeente (werkgebied)", "Emmen"),
        ("Gemeente (werkgebied)", "Assen"),
    ]
    emmen = next(t for t in tags if t.waarde == "Emmen")
    assert emmen.zonder.getlist("gemeente") == ["assen"] and emmen.zonder["q"] == "anna"
    content = r.content.decode()
    assert "gemeente=assen" in content and "Gemeente (werkgebied): Emmen" in content


def test_twenty_hits_per_page(client, professional):
    for n in range(25):
        ExpertFactory(naam=f"Expert {n:02d}")
    client.force_login(professional)
    first = client.get(URL)
    assert len(_namen(first)) == 20 and "25 experts gevonden" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert _namen(second) == [f"Expert {n:02d}" for n in range(20, 25)]
    assert client.get(URL, {"page": "x"}).status_code == 200
    assert _namen(client.get(URL, {"page": 99})) == _namen(second)


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
    content = client.get(URL, {"q": "GLI"}).content.decode()
    assert f'<a class="utrecht-link" href="/experts/{expert.slug}/">Carla Smit</a>' in content
    assert "Leefstijlcoach · Leefstijlpraktijk Emmen" in content
    assert '<span class="gg-label">Gecombineerde leefstijlinterventie</span>' in content
    assert '<span class="gg-label">Bestaanszekerheid</span>' not in content  # not matching
    assert "<mark>GLI</mark>" in content
    assert "nog nooit bevestigd" in content


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
    content = r.content.decode()
    assert r.status_code == 200
    assert "<title>Fout:" in content and "Er is een probleem" in content
    assert "atlantis is geen beschikbare keuze" in content or "geen geldige keuze" in content


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
        "\x00",
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


def test_only_the_coordinator_exports_the_results(client, professional, coordinator):
    ExpertFactory(naam="Anna")
    client.force_login(professional)
    assert "experts/export.csv" not in client.get(URL).content.decode()
    assert client.get(reverse("experts:export")).status_code == 403
    client.force_login(coordinator)
    assert "experts/export.csv" in client.get(URL).content.decode()
    assert client.get(reverse("experts:export")).status_code == 200
