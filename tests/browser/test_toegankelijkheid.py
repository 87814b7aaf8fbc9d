"""WCAG 2.2 AA in Chromium: axe-core finds 0 violations on every page type, no page scrolls
sideways at 320 px, and forms with errors show the error summary and "Fout:" in the title."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import Uitnodiging
from inspanningen.models import Inspanning
from tests.browser.conftest import inloggen, nieuwe_context
from tests.browser.hulp import axe_schendingen, zijwaarts_scrollen
from tests.factories import BetrokkenheidFactory, ExpertFactory, OrganisatieFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SMAL = {"width": 320, "height": 640}
BREED = {"width": 1280, "height": 800}


def _controleer(page, naam: str, fouten: dict) -> None:
    """axe at 1280 px, then reflow at 320 px, on the page as it is now."""
    page.set_viewport_size(BREED)
    if schendingen := axe_schendingen(page):
        fouten[f"{naam} (axe)"] = schendingen
    page.set_viewport_size(SMAL)
    if (te_breed := zijwaarts_scrollen(page)) > 0:
        fouten[f"{naam} (320 px)"] = [f"{te_breed} px te breed"]
    page.set_viewport_size(BREED)


def _bezoek(page, paginas: dict[str, str], fouten: dict) -> None:
    for naam, url in paginas.items():
        antwoord = page.goto(url)
        verwacht = int(m.group(1)) if (m := re.search(r"\((\d{3})\)", naam)) else 200
        assert antwoord.status == verwacht, f"{naam}: {url} gaf {antwoord.status}"
        _controleer(page, naam, fouten)


def _met_fouten(page, naam: str, fouten: dict) -> None:
    """After a submit with errors: the summary, links to the fields, and "Fout:" in the title."""
    expect(page).to_have_title(re.compile(r"^Fout: "))
    samenvatting = page.locator("#foutoverzicht")
    expect(samenvatting).to_be_visible()
    for link in samenvatting.get_by_role("link").all():
        doel = link.get_attribute("href")
        assert page.locator(doel).count() == 1, f"{naam}: de foutlink {doel} wijst nergens heen"
    _controleer(page, naam, fouten)


@pytest.fixture
def gegevens(referentie):
    organisatie = OrganisatieFactory(naam="GGD Drenthe")
    anna = ExpertFactory(
        naam="Anna Jansen",
        organisatie=organisatie,
        expertise=["Gecombineerde leefstijlinterventie (GLI)"],
        gemeenten=["Emmen"],
        toelichting="Begeleidt de GLI in Emmen.",
    )
    BetrokkenheidFactory(expert=anna, inspanning=Inspanning.objects.get(nummer=3))
    return {"organisatie": organisatie, "anna": anna}


def test_public_pages_and_the_account_pages(browser, live_server, gegevens, coordinator):
    _uitnodiging, token = Uitnodiging.maak(email="nieuw@example.org", door=coordinator)
    context = nieuwe_context(browser, live_server)
    page = context.new_page()
    fouten = {}
    _bezoek(
        page,
        {
            "home": "/",
            "matrix 2025 (openbaar)": "/matrix/2025/",
            "inloggen": "/accounts/login/",
            "wachtwoord vergeten": "/accounts/password/reset/",
            "aanmelden": "/accounts/signup/",
            "privacy": "/privacy/",
            "toegankelijkheid": "/toegankelijkheid/",
            "niet gevonden (404)": "/bestaat-niet/",
        },
        fouten,
    )

    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill("iemand@example.org")
    page.locator("input[name=password]").fill("fout-wachtwoord-123")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    _met_fouten(page, "inloggen met fout", fouten)

    page.goto(f"/uitnodiging/{token}/")
    expect(page.locator("input[name=email]")).to_have_value("nieuw@example.org")
    _controleer(page, "uitnodiging", fouten)
    page.locator("main form button[type=submit]").first.click()
    _met_fouten(page, "aanmelden met fout", fouten)
    assert not fouten, fouten
    context.close()


def test_the_pages_of_a_professional(browser, live_server, gegevens, professional):
    eigen = ExpertFactory(naam=professional.naam, email=professional.email)
    context = inloggen(browser, live_server, professional)
    page = context.new_page()
    fouten = {}
    _bezoek(
        page,
        {
            "home": "/",
            "zoeken met resultaten": "/experts/?q=gli",
            "zoeken zonder resultaten": "/experts/?q=onderwaterhockey",
            "bladeren met filters": "/experts/?gemeente=emmen&beroep=dietist",
            "profiel": gegevens["anna"].get_absolute_url(),
            "eigen profiel": eigen.get_absolute_url(),
            "organisaties": "/organisaties/",
            "organisatie": gegevens["organisatie"].get_absolute_url(),
            "inspanningen": "/inspanningen/",
            "inspanning": "/inspanningen/3/",
            "aanbevelingen": "/aanbevelingen/",
            "matrix": "/matrix/",
            "vergelijken": "/matrix/vergelijk/",
            "rondes": "/matrix/rondes/",
            "tweestapsverificatie instellen": "/accounts/2fa/totp/activate/",
            "geen toegang (403)": "/experts/actualiteit/",
        },
        fouten,
    )
    page.goto("/experts/?gemeente=bestaat-niet")
    _met_fouten(page, "zoeken met een ongeldig filter", fouten)
    page.goto("/mijn-profiel/")
    page.get_by_label("Naam", exact=True).fill("")
    page.get_by_role("button", name="Opslaan").click()
    _met_fouten(page, "eigen profiel met fouten", fouten)
    assert not fouten, fouten
    context.close()


def test_the_pages_of_the_coordinator_and_the_admin(
    browser, live_server, gegevens, ronde_2026, coordinator
):
    context = inloggen(browser, live_server, coordinator)
    page = context.new_page()
    fouten = {}
    anna = gegevens["anna"]
    score = ronde_2026.scores.order_by("pk").first()
    _bezoek(
        page,
        {
            "matrix 2026": "/matrix/2026/",
            "matrix bewerken": "/matrix/2026/bewerken/",
            "matrix bewerken, alleen te beoordelen": "/matrix/2026/bewerken/?alleen=te_beoordelen",
            "vergelijken": "/matrix/vergelijk/?van=2025&naar=2026",
            "rondes": "/matrix/rondes/",
            "ronde vaststellen": "/matrix/2026/status/vaststellen/",
            "score history": f"/matrix/2026/score/{score.pk}/geschiedenis/",
            "scores importeren": "/matrix/2026/importeren/",
            "profiel bewerken": f"{anna.get_absolute_url()}bewerken/",
            "vertrek": f"{anna.get_absolute_url()}vertrek/",
            "actualiteit": "/experts/actualiteit/",
            "uitnodigingen": "/uitnodigingen/",
            "rollen": "/rollen/",
            "rollen, gezocht": "/rollen/?q=niemand-zo-genoemd&rol=Stuurgroep",
            "ongeldig verzoek (400)": "/experts/?q=%00",
            "tweestapsverificatie": "/accounts/2fa/",
            "beheer": "/admin/",
            "beheer: experts": "/admin/experts/expert/",
            "beheer: een expert": f"/admin/experts/expert/{anna.pk}/change/",
            "beheer: rondes": "/admin/inspanningen/ronde/",
            "beheer: een score": f"/admin/inspanningen/score/{score.pk}/change/",
            "beheer: een inspanning": "/admin/inspanningen/inspanning/3/change/",
            "beheer: een ronde": f"/admin/inspanningen/ronde/{ronde_2026.pk}/change/",
            "beheer: nieuwe betrokkenheid": "/admin/inspanningen/betrokkenheid/add/",
            "beheer: een organisatie": f"/admin/experts/organisatie/{anna.organisatie_id}/change/",
            "beheer: een account": f"/admin/accounts/user/{coordinator.pk}/change/",
        },
        fouten,
    )
    page.goto("/matrix/rondes/")
    page.get_by_label("Jaar").fill("2025")
    page.get_by_role("button", name="Ronde starten").click()
    _met_fouten(page, "nieuwe ronde met fout", fouten)
    assert not fouten, fouten
    context.close()
