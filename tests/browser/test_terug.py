"""Back to your results: after filters changed in place (htmx), the browser's Back button returns
to each search in turn with its results and its filters, and so does the profile's link back."""

import re

import pytest
from playwright.sync_api import expect

from core.pagination import PER_PAGE
from experts.models import Expert
from tests.browser.conftest import inloggen
from tests.factories import ExpertFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

AANTAL_DIETISTEN = PER_PAGE + 4  # two pages of dietitians


@pytest.fixture
def experts(referentie):
    for n in range(AANTAL_DIETISTEN):
        ExpertFactory(
            naam=f"Diëtist {n:02}",
            beroepsgroep=Expert.Beroepsgroep.DIETIST,
            expertise=["Gezonde voeding"],
            gemeenten=["Emmen"],
        )
    for n in range(3):
        ExpertFactory(
            naam=f"Aafke Kok {n}",  # first on the page before the filter
            beroepsgroep=Expert.Beroepsgroep.OVERIG,
            expertise=["Gezonde voeding"],
        )


def _namen(page) -> list[str]:
    return page.locator(".gg-hit__naam").all_text_contents()


def _zoek(page, tekst: str) -> None:
    zoekvak = page.get_by_label("Zoek op expertise, naam, functie of organisatie")
    zoekvak.fill(tekst)
    zoekvak.press("Enter")


def test_back_after_filters_changed_in_place_returns_to_each_search_in_turn(
    browser, live_server, experts, professional
):
    page = inloggen(browser, live_server, professional).new_page()
    page.goto("/experts/")
    _zoek(page, "voeding")
    expect(page).to_have_url(re.compile(r"/experts/\?q=voeding$"))
    expect(page.locator("#aantal")).to_have_text(f"{AANTAL_DIETISTEN + 3} experts gevonden")
    eerste_zoekvraag = _namen(page)

    # A filter, changed in place: the results, the tags and the URL follow.
    page.locator("summary", has_text="Beroepsgroep").click()
    page.get_by_role("checkbox", name="Diëtist").check()
    expect(page).to_have_url(re.compile(r"/experts/\?q=voeding&beroep=dietist$"))
    expect(page.locator("#aantal")).to_have_text(f"{AANTAL_DIETISTEN} experts gevonden")
    laatste_zoekvraag = _namen(page)
    assert laatste_zoekvraag != eerste_zoekvraag

    # A profile, then Back: the last search, as it was.
    page.locator(".gg-hit__naam a").first.click()
    expect(page).to_have_url(re.compile(r"/experts/dietist-\d+/\?q=voeding&beroep=dietist$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/experts/\?q=voeding&beroep=dietist$"))
    expect(page.locator("#aantal")).to_have_text(f"{AANTAL_DIETISTEN} experts gevonden")
    assert _namen(page) == laatste_zoekvraag
    expect(page.get_by_label("Zoek op expertise, naam, functie of organisatie")).to_have_value(
        "voeding"
    )
    expect(page.get_by_role("checkbox", name="Diëtist")).to_be_checked()
    expect(page.get_by_role("link", name="Beroepsgroep: Diëtist")).to_be_visible()

    # Back again: the search before the filter.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/experts/\?q=voeding$"))
    expect(page.locator("#aantal")).to_have_text(f"{AANTAL_DIETISTEN + 3} experts gevonden")
    assert _namen(page) == eerste_zoekvraag
    expect(page.locator("input[name=beroep][value=dietist]")).not_to_be_checked()
    expect(page.get_by_role("link", name="Beroepsgroep: Diëtist")).to_have_count(0)
    page.context.close()


def test_the_profiles_link_back_keeps_the_query_the_filters_and_the_page(
    browser, live_server, experts, professional
):
    page = inloggen(browser, live_server, professional).new_page()
    page.goto("/experts/?q=voeding&beroep=dietist")
    page.locator(".gg-paginering").get_by_role("link", name="Volgende").click()
    expect(page).to_have_url(re.compile(r"[?&]page=2"))
    tweede_pagina = _namen(page)
    assert len(tweede_pagina) == AANTAL_DIETISTEN - PER_PAGE

    page.locator(".gg-hit__naam a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tweede_pagina[0])
    page.get_by_role("link", name="Terug naar uw zoekresultaten").click()
    expect(page).to_have_url(re.compile(r"/experts/\?"))
    for deel in ["q=voeding", "beroep=dietist", "page=2"]:
        assert deel in page.url
    assert _namen(page) == tweede_pagina
    expect(page.get_by_role("checkbox", name="Diëtist")).to_be_checked()
    expect(page.get_by_role("link", name="Beroepsgroep: Diëtist")).to_be_visible()
    page.context.close()
