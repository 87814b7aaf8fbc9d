"""Search filters: with JavaScript, htmx swaps the results in place and the URL follows; without
it, the same form submits and the page reloads with the same result."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import inloggen
from tests.factories import ExpertFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def experts(referentie):
    for naam, beroep in [("Anna Jansen", "dietist"), ("Bram Bakker", "buurtsportcoach")]:
        ExpertFactory(naam=naam, beroepsgroep=beroep, expertise=["Beweegstimulering"])


def _kies_dietist(page):
    page.locator("summary", has_text="Beroepsgroep").click()
    page.get_by_role("checkbox", name="Diëtist").check()


def test_with_javascript_the_results_change_in_place(browser, live_server, experts, professional):
    context = inloggen(browser, live_server, professional)
    page = context.new_page()
    page.goto("/experts/?q=beweegstimulering")
    expect(page.locator("#aantal")).to_have_text(re.compile("2 experts"))
    page.evaluate("window.zelfdePagina = true")

    _kies_dietist(page)  # no submit: the change itself updates the results
    expect(page).to_have_url(re.compile(r"\?q=beweegstimulering&beroep=dietist$"))
    expect(page.locator("#aantal")).to_have_text(re.compile("1 expert"))
    expect(page.locator("#resultaten")).not_to_contain_text("Bram Bakker")
    expect(page.get_by_role("link", name="Beroepsgroep: Diëtist")).to_be_visible()
    assert page.evaluate("window.zelfdePagina") is True  # swapped in place, not reloaded

    page.go_back()  # the browser history follows the filters
    expect(page.locator("#aantal")).to_have_text(re.compile("2 experts"))
    expect(page.locator("#resultaten")).to_contain_text("Bram Bakker")
    context.close()


def test_without_javascript_the_form_still_works(browser, live_server, experts, professional):
    context = inloggen(browser, live_server, professional, java_script_enabled=False)
    page = context.new_page()
    page.goto("/experts/?q=beweegstimulering")
    _kies_dietist(page)
    expect(page.locator("#aantal")).to_have_text(re.compile("2 experts"))  # nothing yet
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page).to_have_url(re.compile(r"beroep=dietist"))
    expect(page.locator("#aantal")).to_have_text(re.compile("1 expert"))
    page.get_by_role("link", name="Beroepsgroep: Diëtist").click()
    expect(page.locator("#aantal")).to_have_text(re.compile("2 experts"))
    context.close()
