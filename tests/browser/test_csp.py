"""No page breaks its own Content-Security-Policy in a real browser: no refused script, style,
image or font, in the app, the admin and the two-factor setup."""

import pytest

from tests.browser.conftest import inloggen
from tests.factories import ExpertFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _schendingen(page, url: str) -> list[str]:
    gemeld = []
    page.on(
        "console", lambda m: gemeld.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.goto(url)
    page.wait_for_load_state("load")
    return gemeld


def test_no_csp_violations_on_any_page_type(
    browser, live_server, referentie, ronde_2026, coordinator
):
    expert = ExpertFactory(naam="Anna de Vries", toelichting="GLI in Emmen")
    context = inloggen(browser, live_server, coordinator)
    page = context.new_page()
    paginas = [
        "/",
        "/experts/?q=gli",
        expert.get_absolute_url(),
        "/mijn-profiel/",
        "/organisaties/",
        "/inspanningen/3/",
        "/aanbevelingen/",
        "/matrix/2025/",
        "/matrix/2026/bewerken/",
        "/matrix/vergelijk/?van=2025&naar=2026",
        "/matrix/rondes/",
        "/uitnodigingen/",
        "/privacy/",
        "/accounts/2fa/",
        "/admin/",
        "/admin/experts/expert/",
        f"/admin/experts/expert/{expert.pk}/change/",
        "/admin/inspanningen/ronde/1/change/",
    ]
    fouten, titels = {}, {}
    for url in paginas:
        if schendingen := _schendingen(page, live_server.url + url):
            fouten[url] = schendingen
        titels[url] = page.title()
    assert not fouten, fouten
    # Logged in as the coordinator, with two-factor set up: the pages themselves, not a login.
    assert "bewerken" in titels["/matrix/2026/bewerken/"]
    assert "Beheer" in titels["/admin/"] and "Inloggen" not in titels["/admin/experts/expert/"]
    context.close()
