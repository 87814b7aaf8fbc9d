"""The kennisbank tied to the rest: the inspanning as a dossier, the handover, evidence in the
matrix, items beside the experts and experts beside the items, the feed, and the starting
dossiers from the report."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from inspanningen import referentiedata
from inspanningen.models import Inspanning, Score
from kennis.models import Kennisitem
from tests.factories import ExpertFactory, KennisitemFactory
from tests.inspanningen.test_vertrek import vertrek_post
from tests.klok import VANDAAG
from tests.markup import find, find_all, page_text

pytestmark = pytest.mark.django_db


# --- the dossier ---------------------------------------------------------------------------


def test_the_dossier_shows_knowledge_by_type_and_the_lessons_that_did_not_work(
    client, referentie, professional
):
    vijf = Inspanning.objects.get(nummer=5)
    KennisitemFactory(titel="Les over vervoer", soort="les", werkte_niet=True, inspanningen=[vijf])
    KennisitemFactory(titel="Evaluatie 2025", soort="evaluatie", inspanningen=[vijf])
    KennisitemFactory(
        titel="Gearchiveerd stuk", inspanningen=[vijf], gearchiveerd_op=timezone.now()
    )
    KennisitemFactory(titel="Bij een andere", inspanningen=[Inspanning.objects.get(nummer=2)])
    client.force_login(professional)
    r = client.get(reverse("inspanningen:detail", args=[5]))
    sectie = find(r, "section", **{"aria-labelledby": "kennis-kop"})
    koppen = [h.text for h in find_all(sectie, "h3")]
    assert koppen == ["Les (1)", "Evaluatie (1)"]
    assert "1 les over wat niet werkte" in sectie.text
    assert "Gearchiveerd stuk" not in sectie.text and "Bij een andere" not in sectie.text
    # many of one type: the newest five, and a link to all of them
    for n in range(6):
        KennisitemFactory(titel=f"Verslag {n}", soort="verslag", inspanningen=[vijf])
    sectie = find(
        client.get(reverse("inspanningen:detail", args=[5])),
        "section",
        **{"aria-labelledby": "kennis-kop"},
    )
    assert "Verslag (6)" in [h.text for h in find_all(sectie, "h3")]
    assert sum("Verslag " in li.text for li in find_all(sectie, "li")) == 5
    assert "Alle 6 (verslag)" in sectie.text
    # the starting dossier from the report, and what the report does not say
    tekst = page_text(r)
    assert "Regie bij SportDrenthe" in tekst and "Tijdelijke subsidies" in tekst
    assert "Tijdelijk" in tekst


def test_the_coordinator_edits_description_and_funding_with_history(
    client, referentie, coordinator, professional
):
    url = reverse("inspanningen:dossier_bewerken", args=[4])
    client.force_login(professional)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    eind = VANDAAG + timedelta(days=200)
    data = {
        "omschrijving": "Samen werken aan een gezonde wijk.",
        "status": "lopend",
        "financiering_bronnen": ["spuk", "gemeente"],
        "financiering_aard": "tijdelijk",
        "financiering_tot": eind.isoformat(),
        "financiering_toelichting": "SPUK tot eind volgend jaar.",
    }
    assert client.post(url, {**data, "financiering_aard": "structureel"}).status_code == 400
    assert client.post(url, data).status_code == 302
    vier = Inspanning.objects.get(nummer=4)
    assert vier.financiering_bronnen == ["spuk", "gemeente"] and vier.financiering_tot == eind
    assert vier.history.first().history_user == coordinator
    tekst = page_text(client.get(reverse("inspanningen:detail", args=[4])))
    assert "De tijdelijke financiering loopt af" in tekst and "SPUK, Gemeentelijk" in tekst
    tekst = page_text(client.get("/"))
    assert (
        "Tijdelijke financiering die binnen een jaar afloopt" in tekst
        and "4. Gezonde leefomgeving" in tekst
    )
    matrix = client.get(reverse("inspanningen:matrix_jaar", args=[2025]))
    [rij] = [th for th in find_all(matrix, "th") if th.text.startswith("4. Gezonde")]
    assert f"Financiering vandaag: tijdelijk, tot {eind.day}-{eind.month}-{eind.year}" in rij.text


def test_funding_far_ahead_or_structural_is_not_flagged(referentie):
    Inspanning.objects.filter(nummer=1).update(
        financiering_aard="tijdelijk", financiering_tot=VANDAAG + timedelta(days=400)
    )
    Inspanning.objects.filter(nummer=2).update(
        financiering_aard="tijdelijk", financiering_tot=VANDAAG + timedelta(days=30)
    )
    Inspanning.objects.filter(nummer=3).update(financiering_aard="structureel")
    assert [i.nummer for i in Inspanning.objects.financiering_loopt_af()] == [2]


def test_the_reference_loader_fills_only_empty_dossier_fields(referentie):
    Inspanning.objects.filter(nummer=5).update(omschrijving="Eigen tekst", financiering_aard="")
    referentiedata.load()
    vijf = Inspanning.objects.get(nummer=5)
    assert vijf.omschrijving == "Eigen tekst"  # the coordinator's text stays
    assert vijf.financiering_aard == "tijdelijk"  # the empty field is filled again
    een = Inspanning.objects.get(nummer=1)
    assert (
        een.financiering_aard == "" and een.financiering_toelichting == ""
    )  # N.n.b. in the report
    assert Inspanning.objects.get(nummer=7).financiering_bronnen == ["gala", "iza", "azwa"]


# --- the handover ----------------------------------------------------------------------------


def test_the_handover_moves_the_leavers_items_to_the_successor_with_the_note(
    client, referentie, coordinator
):
    anna = ExpertFactory(naam="Anna Vertrek")
    bram = ExpertFactory(naam="Bram Opvolger")
    item = KennisitemFactory(titel="Anna's les", eigenaar=anna)
    ander = KennisitemFactory(titel="Van iemand anders", eigenaar=bram)
    client.force_login(coordinator)
    assert "Anna's les" in page_text(client.get(reverse("inspanningen:vertrek", args=[anna.slug])))
    data_notitie = {"notitie": "De map staat op de teamsite."}
    r = vertrek_post(client, anna, bram, extra=data_notitie)
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.eigenaar == bram
    assert item.history.first().history_change_reason == (
        "overgedragen bij vertrek van Anna Vertrek: De map staat op de teamsite."
    )
    assert item.history.first().history_user == coordinator
    ander.refresh_from_db()
    assert ander.eigenaar == bram and ander.history.count() == 1


# --- evidence in the matrix ------------------------------------------------------------------


def test_a_cell_cites_items_in_the_matrix_the_comparison_and_the_xlsx(
    client, ronde_2026, professional
):
    les = KennisitemFactory(titel="Les over vervoer")
    geheim = KennisitemFactory(titel="Alleen voor het netwerk", zichtbaarheid="netwerk")
    openbaar = KennisitemFactory(titel="Openbare evaluatie", zichtbaarheid="openbaar")
    score = Score.objects.get(ronde=ronde_2026, inspanning__nummer=5, aanbeveling__nummer=2)
    Score.objects.filter(pk=score.pk).update(
        toelichting=f"Zie https://gg.example.org/kennis/{les.slug}/ en /kennis/{geheim.slug}/ "
        f"en /kennis/{openbaar.slug}/ en /kennis/bestaat-niet/"
    )
    client.force_login(professional)
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2026]))
    bronnen = [li.text for ul in find_all(r, "ul", cls="gg-bronnen") for li in find_all(ul, "li")]
    assert bronnen == ["Les over vervoer", "Alleen voor het netwerk", "Openbare evaluatie"]
    r = client.get(reverse("inspanningen:vergelijk"), {"van": 2025, "naar": 2026})
    assert "Les over vervoer" in page_text(r)
    blad = load_workbook(
        io.BytesIO(client.get(reverse("inspanningen:export_xlsx", args=[2026])).content)
    )["Matrix"]
    cellen = [
        c.value for rij in blad.iter_rows() for c in rij if c.value and "Bron:" in str(c.value)
    ]
    assert (
        len(cellen) == 1
        and "Bron: Les over vervoer" in cellen[0]
        and "Bron: Openbare evaluatie" in cellen[0]
    )
    # an archived item is still cited, and says so
    Kennisitem.objects.filter(pk=les.pk).update(gearchiveerd_op=timezone.now())
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2026]))
    assert "Les over vervoer (gearchiveerd)" in page_text(r)


def test_visitors_see_only_public_items_cited_in_a_finalised_round(client, ronde_2026, coordinator):
    from inspanningen import services
    from tests.conftest import MET_OPEN_CELLEN

    openbaar = KennisitemFactory(titel="Openbare evaluatie", zichtbaarheid="openbaar")
    geheim = KennisitemFactory(titel="Netwerkstuk")
    Score.objects.filter(pk=Score.objects.filter(ronde=ronde_2026).first().pk).update(
        toelichting=f"/kennis/{openbaar.slug}/ /kennis/{geheim.slug}/"
    )
    services.wijzig_status(
        ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
    )
    tekst = page_text(client.get(reverse("inspanningen:matrix_jaar", args=[2026])))
    assert "Openbare evaluatie" in tekst and "Netwerkstuk" not in tekst


# --- one search ------------------------------------------------------------------------------


def test_the_expert_search_offers_matching_items_and_the_knowledge_search_experts(
    client, referentie, professional
):
    ExpertFactory(naam="Sanne Sporthal", functie="Buurtsportcoach sporthal De Wolden")
    KennisitemFactory(titel="Sporthal open voor ouderen", samenvatting="Over de sporthal.")
    KennisitemFactory(titel="Gearchiveerde sporthal", gearchiveerd_op=timezone.now())
    client.force_login(professional)
    zijkant = find(
        client.get(reverse("experts:zoeken"), {"q": "sporthal"}), "section", cls="gg-ernaast"
    )
    assert "Sporthal open voor ouderen" in zijkant.text and "Gearchiveerde" not in zijkant.text
    assert "Alle kennis bij deze zoekvraag" in zijkant.text
    zijkant = find(
        client.get(reverse("kennis:lijst"), {"q": "sporthal"}), "section", cls="gg-ernaast"
    )
    assert "Sanne Sporthal" in zijkant.text


def test_the_knowledge_search_runs_a_fixed_number_of_queries(client, referentie, professional):
    vijf = Inspanning.objects.get(nummer=5)
    eigenaar = ExpertFactory()
    KennisitemFactory(titel="Beweegreis 0", inspanningen=[vijf], eigenaar=eigenaar)
    client.force_login(professional)
    url = reverse("kennis:lijst")
    vraag = {"q": "beweegreis", "inspanning": "5", "soort": "document"}
    client.get(url, vraag)
    with CaptureQueriesContext(connection) as een:
        assert "Beweegreis 0" in page_text(client.get(url, vraag))
    for n in range(1, 30):
        KennisitemFactory(titel=f"Beweegreis {n}", inspanningen=[vijf], eigenaar=eigenaar)
    with CaptureQueriesContext(connection) as dertig:
        r = client.get(url, vraag)
    assert "30 items gevonden" in page_text(r)
    assert len(dertig) == len(een), [q["sql"] for q in dertig.captured_queries]
    assert len(een) <= 14


# --- the feed --------------------------------------------------------------------------------


def test_the_feed_lists_public_items_only_without_personal_data(client, referentie):
    eigenaar = ExpertFactory(
        naam="Openbare Auteur",
        email="auteur@example.org",
        telefoon="0592 123 456",
        zichtbaarheid="openbaar",
    )
    verborgen = ExpertFactory(naam="Verborgen Auteur", email="verborgen@example.org")
    KennisitemFactory(titel="Openbare les", zichtbaarheid="openbaar", eigenaar=eigenaar)
    KennisitemFactory(titel="Openbaar, netwerkauteur", zichtbaarheid="openbaar", eigenaar=verborgen)
    KennisitemFactory(titel="Netwerkles", eigenaar=eigenaar)
    KennisitemFactory(
        titel="Oude openbare les", zichtbaarheid="openbaar", gearchiveerd_op=timezone.now()
    )
    r = client.get(reverse("kennis:feed"))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/atom+xml")
    xml = r.content.decode()
    assert "Openbare les" in xml and "Openbaar, netwerkauteur" in xml
    assert "Netwerkles" not in xml and "Oude openbare les" not in xml
    assert "Openbare Auteur" in xml and "Verborgen Auteur" not in xml
    assert "@example.org" not in xml and "0592" not in xml


def test_items_beside_the_experts_cost_one_query_however_many_match(
    client, referentie, professional
):
    client.force_login(professional)
    url = reverse("experts:zoeken")
    KennisitemFactory(titel="Sporthal 0", werkte_niet=True)
    client.get(url, {"q": "sporthal"})
    with CaptureQueriesContext(connection) as een:
        client.get(url, {"q": "sporthal"})
    for n in range(1, 8):
        KennisitemFactory(titel=f"Sporthal {n}", werkte_niet=True)
    with CaptureQueriesContext(connection) as acht:
        r = client.get(url, {"q": "sporthal"})
    zijkant = find(r, "section", cls="gg-ernaast")
    assert len(find_all(zijkant, "li")) == 5 and "Werkte niet" in zijkant.text
    assert len(acht) == len(een)


def test_the_dossier_names_the_vast_aanspreekpunt_and_flags_a_vacant_one(
    client, referentie, professional
):
    from tests.factories import BetrokkenheidFactory

    client.force_login(professional)
    tekst = page_text(client.get(reverse("inspanningen:detail", args=[4])))
    assert "Vast aanspreekpunt" in tekst and "Geen trekker: deze rol is vacant." in tekst
    BetrokkenheidFactory(
        expert=ExpertFactory(naam="Tessa Trekker"),
        inspanning=Inspanning.objects.get(nummer=4),
        rol="trekker",
    )
    tekst = page_text(client.get(reverse("inspanningen:detail", args=[4])))
    assert "Tessa Trekker" in tekst and "Geen trekker" not in tekst
