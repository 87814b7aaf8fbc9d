"""Wie weet wat on a phone (375 × 667): the header takes at most a fifth of the first screen, the
search box and the first result are on it, the filters wait behind one "Filters (n actief)"
disclosure while their tags stay in view, and after a search the focus is on the number found."""

import re

import pytest
from playwright.sync_api import expect

from experts.models import Expert
from tests.browser.conftest import inloggen
from tests.browser.hulp import axe_schendingen, zijwaarts_scrollen
from tests.factories import ExpertFactory, OrganisatieFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

TELEFOON = {"width": 375, "height": 667}
BREED = {"width": 1280, "height": 800}

# Where an element is in the window, in CSS pixels.
_PLEK = "(el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }"
# Is the focus on the number found, or inside it.
_FOCUS_OP_AANTAL = "() => document.getElementById('aantal').contains(document.activeElement)"


@pytest.fixture
def experts(referentie):
    """Profiles as long as real ones: a long organisation name, labels and a text to quote."""
    organisatie = OrganisatieFactory(naam="Gezondheidscentrum Midden-Drenthe")
    for n, gemeente in enumerate(["Emmen", "Assen", "Emmen", "Hoogeveen", "Emmen", "Assen"]):
        ExpertFactory(
            naam=f"Voedingsexpert {n}",
            functie="Diëtist kinderen en gezinnen",
            beroepsgroep=Expert.Beroepsgroep.DIETIST if n % 2 else Expert.Beroepsgroep.OVERIG,
            organisatie=organisatie,
            expertise=["Gezonde voeding", "Kansrijke Start"],
            gemeenten=[gemeente],
            toelichting="Ik geef voedingsadvies aan gezinnen en scholen, en werk samen met de "
            "huisarts en de jeugdverpleegkundige.",
        )


def _telefoon(browser, live_server, professional, **opties):
    return inloggen(browser, live_server, professional, viewport=TELEFOON, **opties).new_page()


def test_on_a_phone_the_header_takes_at_most_a_fifth_of_the_first_screen(
    browser, live_server, experts, professional
):
    page = _telefoon(browser, live_server, professional)
    page.goto("/experts/?q=voeding")
    hoogte = page.locator("header").bounding_box()["height"]
    assert hoogte <= 0.2 * TELEFOON["height"], f"de kop is {hoogte} px hoog"

    # The navigation and the account are behind Menu, a native disclosure.
    expect(page.get_by_role("link", name="Matrix")).to_be_hidden()
    page.locator(".gg-menu > summary").click()
    expect(page.get_by_role("link", name="Matrix")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    page.context.close()


def test_on_a_phone_the_search_box_and_the_first_result_are_on_the_first_screen(
    browser, live_server, experts, professional
):
    page = _telefoon(browser, live_server, professional)
    page.goto("/experts/?q=voeding")
    zoekvak = page.get_by_label("Zoek op expertise, naam, functie of organisatie")
    assert zoekvak.evaluate(_PLEK)["bottom"] <= TELEFOON["height"]
    eerste = page.locator(".gg-hit").first
    expect(eerste).to_be_visible()
    assert eerste.evaluate(_PLEK)["top"] < TELEFOON["height"], eerste.evaluate(_PLEK)

    # The filters are one closed disclosure; it says "Filters" when none is chosen.
    filters = page.locator("details#filters")
    expect(filters).not_to_have_attribute("open", re.compile(".*"))
    expect(filters.locator("> summary")).to_have_text("Filters")
    expect(page.get_by_role("checkbox", name="Diëtist")).to_be_hidden()
    page.context.close()


def test_the_filters_disclosure_counts_the_active_filters_and_their_tags_stay_in_view(
    browser, live_server, experts, professional
):
    page = _telefoon(browser, live_server, professional)
    page.goto("/experts/?q=voeding&gemeente=emmen&beroep=dietist")
    samenvatting = page.locator("details#filters > summary")
    expect(samenvatting).to_have_text("Filters (2 actief)")
    expect(page.get_by_role("checkbox", name="Diëtist")).to_be_hidden()  # still closed
    for tag in ["Gemeente (werkgebied): Emmen", "Beroepsgroep: Diëtist"]:
        expect(page.get_by_role("link", name=tag)).to_be_visible()

    # A filter changed with htmx counts along, and the focus stays on its checkbox.
    samenvatting.click()  # the Gemeente section inside is open already: it has a choice
    assen = page.get_by_role("checkbox", name="Assen")
    assen.check()
    expect(samenvatting).to_have_text("Filters (3 actief)")
    expect(page.get_by_role("link", name="Gemeente (werkgebied): Assen")).to_be_visible()
    expect(assen).to_be_focused()
    page.context.close()


def test_after_a_search_the_focus_and_the_view_go_to_the_number_found(
    browser, live_server, experts, professional
):
    page = _telefoon(browser, live_server, professional)
    page.goto("/experts/")
    page.evaluate("window.zelfdePagina = true")
    zoekvak = page.get_by_label("Zoek op expertise, naam, functie of organisatie")
    zoekvak.fill("voeding")
    zoekvak.press("Enter")
    aantal = page.locator("#aantal")
    expect(aantal).to_have_text("6 experts gevonden")
    expect(page).to_have_url(re.compile(r"\?q=voeding$"))
    assert page.evaluate("window.zelfdePagina") is True  # htmx, not a new page
    page.wait_for_function(_FOCUS_OP_AANTAL)
    plek = aantal.evaluate(_PLEK)
    assert plek["top"] >= 0 and plek["bottom"] <= TELEFOON["height"], plek
    # The number is in a live region, so that a changed filter is read out too.
    assert aantal.evaluate("el => el.closest('[role=status]') !== null")

    # The Zoeken button does the same, and a second search does not add a second page to go
    # Back through: the search text waits for Zoeken (only a filter changes at once).
    zoekvak.fill("kansrijke start")
    zoekvak.blur()
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?q=kansrijke(\+|%20)start$"))
    page.wait_for_function(_FOCUS_OP_AANTAL)
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=voeding$"))
    page.context.close()


def test_without_javascript_a_search_lands_at_the_number_found(
    browser, live_server, experts, professional
):
    page = _telefoon(browser, live_server, professional, java_script_enabled=False)
    page.goto("/experts/")
    page.get_by_label("Zoek op expertise, naam, functie of organisatie").fill("voeding")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?q=voeding#aantal$"))
    aantal = page.locator("#aantal")
    expect(aantal).to_have_text("6 experts gevonden")
    plek = aantal.evaluate(_PLEK)
    assert 0 <= plek["top"] < 100, plek
    assert page.locator(".gg-hit").first.evaluate(_PLEK)["top"] < TELEFOON["height"]

    # The disclosures work without JavaScript too.
    page.locator("details#filters > summary").click()
    page.locator("summary", has_text="Beroepsgroep").click()
    page.get_by_role("checkbox", name="Diëtist").check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page.locator("details#filters > summary")).to_have_text("Filters (1 actief)")
    expect(aantal).to_have_text("3 experts gevonden")
    page.locator(".gg-menu > summary").click()
    expect(page.get_by_role("link", name="Organisaties")).to_be_visible()
    page.context.close()


def test_on_a_wide_screen_the_filters_stand_beside_the_results_even_without_javascript(
    browser, live_server, experts, professional
):
    page = inloggen(
        browser, live_server, professional, viewport=BREED, java_script_enabled=False
    ).new_page()
    page.goto("/experts/?q=voeding")
    # The disclosure is closed, yet its content shows, under a heading instead of its summary.
    expect(page.locator("details#filters > summary")).to_be_hidden()
    expect(page.get_by_role("heading", name="Filters", exact=True)).to_be_visible()
    page.locator("summary", has_text="Beroepsgroep").click()
    expect(page.get_by_role("checkbox", name="Diëtist")).to_be_visible()
    filters, resultaten = (
        page.locator("#filters").bounding_box(),
        page.locator("#aantal").bounding_box(),
    )
    assert filters["x"] + filters["width"] < resultaten["x"]  # side by side
    # The account and the navigation stand in the header, without a Menu button.
    expect(page.locator(".gg-menu > summary")).to_be_hidden()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    expect(page.get_by_role("link", name="Matrix")).to_be_visible()
    assert page.locator("header").bounding_box()["height"] < 130
    page.context.close()


def test_on_a_phone_the_search_page_passes_axe_with_its_disclosures_closed_and_open(
    browser, live_server, experts, professional
):
    page = _telefoon(browser, live_server, professional)
    page.goto("/experts/?q=voeding&gemeente=emmen")
    assert axe_schendingen(page) == []
    page.locator(".gg-menu > summary").click()
    page.locator("details#filters > summary").click()
    assert axe_schendingen(page) == []
    assert zijwaarts_scrollen(page) == 0
    page.context.close()


def test_kopieer_puts_the_address_on_the_clipboard_and_says_so(browser, live_server, professional):
    """Issue 16, contact in one tap: where JavaScript and the clipboard work, "Kopieer" shows,
    copies the e-mail address and announces it in the status line."""
    expert = ExpertFactory(naam="Anna de Vries", email="anna.de.vries@example.org")
    context = inloggen(browser, live_server, professional, viewport=TELEFOON)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(f"/experts/{expert.slug}/")
    knop = page.get_by_role("button", name="Kopieer het e-mailadres")
    expect(knop).to_be_visible()
    knop.click()
    expect(page.locator(".gg-kopieer__status")).to_have_text(
        "Gekopieerd: anna.de.vries@example.org"
    )
    assert page.evaluate("navigator.clipboard.readText()") == "anna.de.vries@example.org"
    context.close()
