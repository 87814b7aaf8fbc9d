"""The lookup tables each process keeps for the search (experts.search.tabellen): read again
whenever they changed, whoever changed them, at the cost of one query either way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experts import search
from experts.filters import keuzelijsten
from experts.models import Domein, Expert, Expertisegebied, Gemeente, Organisatie, Thesaurusterm
from experts.search import tabellen
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db

URL = reverse("experts:zoeken")


def _namen(response) -> list[str]:
    return [expert.naam for expert, _expertise, _fragment in response.context["hits"]]


def test_the_query_names_the_tables_of_the_models():
    for model in (Thesaurusterm, Expertisegebied, Gemeente, Domein, Organisatie):
        assert f"FROM {model._meta.db_table}\n" in tabellen._QUERY


def test_a_change_within_a_request_is_seen_by_the_rest_of_it():
    tabellen.verzoek_begint()
    try:
        assert "zwemles" not in str(tabellen.lees().rijen["thesaurus"])
        with CaptureQueriesContext(connection) as queries:
            tabellen.lees()
        assert len(queries) == 0  # asked for once a request
        Thesaurusterm.objects.create(term="beweegles", synoniemen="zwemles")
        assert "zwemles" in str(tabellen.lees().rijen["thesaurus"])
    finally:
        tabellen.verzoek_eindigt()


def test_a_changed_synonym_is_used_by_the_next_search(client, professional):
    ExpertFactory(naam="Bram Bakker", toelichting="Ik geef beweegles aan senioren.")
    term = Thesaurusterm.objects.create(term="beweegles", synoniemen="gymles")
    client.force_login(professional)
    assert _namen(client.get(URL, {"q": "gymles"})) == ["Bram Bakker"]
    term.synoniemen = "zwemles"
    term.save()
    assert _namen(client.get(URL, {"q": "gymles"})) == []
    assert _namen(client.get(URL, {"q": "zwemles"})) == ["Bram Bakker"]


def test_a_change_made_elsewhere_is_seen_too():
    # Another app instance, a restore or a migration changes the tables without a signal here.
    Thesaurusterm.objects.create(term="beweegles", synoniemen="gymles")
    assert search.analyseer("gymles").uitleg() == [("gymles", ["beweegles"])]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE experts_thesaurusterm SET synoniemen = 'zwemles'")
    assert search.analyseer("gymles").uitleg() == []
    assert search.analyseer("zwemles").uitleg() == [("zwemles", ["beweegles"])]


def test_a_new_organisation_is_a_choice_at_once():
    voor = tabellen.lees()
    Organisatie.objects.create(naam="Sportbedrijf Zuid")
    assert ("sportbedrijf-zuid", "Sportbedrijf Zuid") in keuzelijsten("organisatie")["organisatie"]
    assert tabellen.lees().vingerafdruk != voor.vingerafdruk


def test_unchanged_tables_are_not_parsed_again_and_a_change_costs_no_extra_query(referentie):
    Thesaurusterm.objects.create(term="beweegles", synoniemen="gymles")
    eerst = tabellen.lees()
    with CaptureQueriesContext(connection) as queries:
        dan = tabellen.lees()
    assert dan is eerst and len(queries) == 1
    Gemeente.objects.filter(naam="Emmen").delete()
    with CaptureQueriesContext(connection) as queries:
        nu = tabellen.lees()
    assert nu is not eerst and len(queries) == 1
    assert "Emmen" not in [naam for _id, _slug, naam, _s, _o in nu.rijen["gemeente"]]
    assert ("beweegles", "gymles", "") in [rij[2:] for rij in nu.rijen["thesaurus"]]


def test_the_search_page_reads_the_tables_once(client, professional, referentie):
    ExpertFactory(naam="Anna", expertise=["Gezonde voeding"])
    client.force_login(professional)
    client.get(URL, {"q": "voeding"})
    with CaptureQueriesContext(connection) as queries:
        r = client.get(URL, {"q": "voeding"})
    lezingen = [q for q in queries.captured_queries if "experts_thesaurusterm" in q["sql"]]
    assert len(lezingen) == 1  # for the filters, the words and the list of hits
    assert [gebied.naam for gebied in r.context["hits"][0][1]] == ["Gezonde voeding"]


def test_a_hit_shows_its_areas_as_they_are_now(client, professional, referentie):
    ExpertFactory(naam="Anna", expertise=["Gezonde voeding"])
    client.force_login(professional)
    client.get(URL, {"q": "voeding"})
    Expertisegebied.objects.filter(naam="Gezonde voeding").update(naam="Voeding en gezondheid")
    r = client.get(URL, {"q": "voeding"})
    assert [gebied.naam for gebied in r.context["hits"][0][1]] == ["Voeding en gezondheid"]
    assert Expert.objects.get(naam="Anna").expertisegebieden.get().naam == "Voeding en gezondheid"


def test_the_filter_panel_shows_an_organisation_as_it_is_now(client, professional, referentie):
    # The options of the filter panel are written once per version of the tables
    # (core.forms.Keuzevakjes), so a renamed organisation must be a new version at once,
    # whoever renamed it, and a chosen one stays checked.
    org = Organisatie.objects.create(naam="Sportbedrijf Zuid")
    client.force_login(professional)
    assert ">Sportbedrijf Zuid</label>" in client.get(URL).content.decode()
    Organisatie.objects.filter(pk=org.pk).update(naam="Sportbedrijf Zuidoost")  # no signal
    html = client.get(URL, {"organisatie": org.slug}).content.decode()
    assert ">Sportbedrijf Zuid</label>" not in html
    assert ">Sportbedrijf Zuidoost</label>" in html
    assert f'value="{org.slug}" id="id_organisatie_' in html
    vakje = html.split(f'value="{org.slug}"', 1)[1].split(">", 1)[0]
    assert vakje.endswith(" checked")
    assert " checked" not in client.get(URL).content.decode()
