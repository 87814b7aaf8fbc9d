"""The kennisbank in a browser: axe and reflow on its pages (with and without errors), no word
broken inside itself at 320 px, the form showing only the questions of the chosen type, and a
lesson added with a PDF that a colleague then finds by a word in the PDF."""

import pytest
from playwright.sync_api import expect

from experts.models import Expert
from inspanningen.models import Inspanning
from kennis.models import Bestand, Kennisitem
from tests.browser.conftest import inloggen
from tests.browser.hulp import gebroken_woorden
from tests.browser.test_toegankelijkheid import _bezoek, _met_fouten
from tests.factories import ExpertFactory, KennisitemFactory
from tests.kennis.bestanden import minimale_pdf

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def kennis(referentie, professional):
    eigen = ExpertFactory(naam=professional.naam, email=professional.email, user=professional)
    vijf = Inspanning.objects.get(nummer=5)
    les = KennisitemFactory(
        titel="Vervoer naar de sporthal ontbrak bij de Gecombineerde Leefstijlinterventie",
        soort="les",
        werkte_niet=True,
        eigenaar=eigen,
        inspanningen=[vijf],
        bedoeling="Elk kind laten bewegen.",
        inhoud="## Aanleiding\n\nZie [Loket Gezond Leven](https://www.loketgezondleven.nl/).",
    )
    Bestand.objects.create(
        item=les, versie=1, naam="evaluatie-beweegreis-midden-drenthe-2026.pdf",
        mime="application/pdf", grootte=3, sha256="", inhoud=b"abc", tekststatus="gelezen",
    )  # fmt: skip
    return les


def test_the_pages_of_the_kennisbank(browser, live_server, kennis, professional):
    context = inloggen(browser, live_server, professional)
    page = context.new_page()
    fouten = {}
    _bezoek(
        page,
        {
            "kennisbank": "/kennis/",
            "kennisbank gezocht": "/kennis/?q=vervoer",
            "kennisbank niets gevonden": "/kennis/?q=onderwaterhockey",
            "kennisbank gefilterd": "/kennis/?inspanning=5&werkte_niet=ja",
            "een les": kennis.get_absolute_url(),
            "kennis toevoegen": "/kennis/nieuw/?inspanning=5",
            "bewerken": f"{kennis.get_absolute_url()}bewerken/",
            "archiveren": f"{kennis.get_absolute_url()}archiveren/",
            "dossier": "/inspanningen/5/",
            "zoeken met kennis ernaast": "/experts/?q=vervoer",
        },
        fouten,
    )
    page.goto("/kennis/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    _met_fouten(page, "kennis toevoegen met fouten", fouten)
    assert not fouten, fouten
    context.close()


def test_no_word_breaks_inside_itself_on_the_kennisbank_at_320_px(
    browser, live_server, kennis, professional
):
    context = inloggen(browser, live_server, professional, viewport={"width": 320, "height": 800})
    gebroken = gebroken_woorden(
        context.new_page(),
        [kennis.get_absolute_url(), "/kennis/?q=vervoer", "/kennis/nieuw/", "/inspanningen/5/"],
    )
    context.close()
    assert gebroken == {}, gebroken


def test_a_lesson_with_a_pdf_is_found_by_a_word_in_the_pdf(
    browser, live_server, kennis, professional, tmp_path
):
    pdf = tmp_path / "terugblik.pdf"
    pdf.write_bytes(minimale_pdf("De klaprooslus liep niet door het dorp"))
    context = inloggen(browser, live_server, professional, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto("/kennis/nieuw/?inspanning=5")
    les_vraag = page.get_by_label("Wat is er gebeurd?")
    bron_vraag = page.get_by_label("Erkenningsniveau")
    page.get_by_label("Document").check()
    expect(les_vraag).to_be_hidden()
    page.get_by_label("Landelijke bron").check()
    expect(bron_vraag).to_be_visible()
    page.get_by_label("Les", exact=True).check()
    expect(les_vraag).to_be_visible()
    expect(bron_vraag).to_be_hidden()
    page.get_by_label("Titel").fill("Terugblik op de dorpsroute")
    page.get_by_label("Samenvatting").fill("De route bereikte de ouderen niet.")
    les_vraag.fill("Weinig deelnemers.")
    page.get_by_label("Werkte niet").check()
    page.get_by_label("Bestand").set_input_files(str(pdf))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terugblik op de dorpsroute")
    item = Kennisitem.objects.get(titel="Terugblik op de dorpsroute")
    assert item.werkte_niet and item.eigenaar == Expert.objects.get(user=professional)
    assert list(item.inspanningen.values_list("nummer", flat=True)) == [5]

    page.goto("/kennis/")
    page.get_by_label("Zoek in lessen, documenten en bronnen").fill("klaprooslus")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page.locator("#aantal")).to_have_text("1 item gevonden")
    expect(page.locator(".gg-hit").first).to_contain_text("Gevonden in: bestand")
    context.close()
