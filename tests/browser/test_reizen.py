"""The three user journeys, end to end in Chromium: once with the mouse, once with the keyboard
alone (every stop with a visible focus, nothing out of reach)."""

import re

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from experts.models import Expert
from inspanningen.models import Ronde, Score
from tests.browser.conftest import inloggen, nieuwe_context
from tests.browser.hulp import (
    Bediening,
    controleer_geen_val,
    controleer_skiplink,
    inloggen_met_wachtwoord,
    totp_secret,
)
from tests.factories import PASSWORD, ExpertFactory

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("toetsenbord", [False, True], ids=["muis", "toetsenbord"]),
]


def _geverifieerd(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _opslaan(page):
    """The save button at the foot of the edit page (each inspanning has one too)."""
    return page.locator(".gg-sticky-actions").get_by_role("button", name="Wijzigingen opslaan")


def _score(page, inspanning: int, aanbeveling: int):
    score = Score.objects.get(
        ronde__jaar=2026, inspanning__nummer=inspanning, aanbeveling__nummer=aanbeveling
    )
    return page.locator(f"#cel-{score.pk}")


def test_coordinator(
    tmp_path, browser, live_server, referentie, coordinator, stuurgroep, settings, toetsenbord
):
    _geverifieerd(coordinator)
    context = nieuwe_context(browser, live_server, accept_downloads=True)
    page = context.new_page()
    doe = Bediening(page, toetsenbord)

    # Log in, with the code from the authenticator app.
    inloggen_met_wachtwoord(doe, coordinator, totp_secret(coordinator))
    controleer_skiplink(page)

    # Start round 2026 (the next year is proposed) and open it for the stuurgroep.
    page.goto("/matrix/rondes/")
    expect(page.get_by_label("Jaar")).to_have_value("2026")
    doe.klik(page.get_by_role("button", name="Ronde starten"))
    expect(page.locator(".gg-messages")).to_contain_text("2026")
    page.goto("/matrix/rondes/")
    doe.klik(page.get_by_role("link", name="Open 2026 voor de stuurgroep"))
    doe.klik(page.get_by_role("button", name="Ja, open de ronde"))
    expect(page.locator(".gg-messages")).to_contain_text("Ronde 2026 is geopend.")
    assert Ronde.objects.get(jaar=2026).status == Ronde.Status.OPEN

    # Edit two cells in one save.
    page.goto("/matrix/2026/")
    doe.klik(page.get_by_role("link", name="Matrix bewerken"))
    expect(page).to_have_title("Matrix 2026 bewerken · Gezond Gewicht Drenthe")
    doe.kies(_score(page, 1, 1).get_by_label("Niveau"), "sterk")
    doe.vul(_score(page, 1, 1).get_by_label("Toelichting"), "Brede deelname van partners.")
    doe.klik(_score(page, 1, 2).get_by_label("Beoordeeld: klopt nog"))
    doe.klik(_opslaan(page))
    expect(page.locator("#voortgang")).to_contain_text("2 van 55 beoordeeld")
    score = Score.objects.get(ronde__jaar=2026, inspanning__nummer=1, aanbeveling__nummer=1)
    assert (score.niveau, score.toelichting) == ("sterk", "Brede deelname van partners.")

    # A stuurgroep member changes cell 2×1 while the coordinator has the form open.
    page.goto("/matrix/2026/bewerken/")
    ander = inloggen(browser, live_server, stuurgroep)
    tweede = ander.new_page()
    tweede.goto("/matrix/2026/bewerken/")
    _score(tweede, 2, 1).get_by_label("Toelichting").fill("Versie van de stuurgroep.")
    _opslaan(tweede).click()
    expect(tweede.locator(".gg-messages")).to_contain_text("1 cel opgeslagen.")
    ander.close()

    doe.vul(_score(page, 2, 1).get_by_label("Toelichting"), "Versie van de coördinator.")
    doe.vul(_score(page, 2, 2).get_by_label("Toelichting"), "Geen conflict hier.")
    doe.klik(_opslaan(page))
    conflict = page.locator(".gg-conflict")
    expect(conflict).to_contain_text("intussen gewijzigd door Stuurgroeplid Test")
    expect(conflict).to_contain_text("Versie van de stuurgroep.")
    assert Score.objects.get(
        ronde__jaar=2026, inspanning__nummer=2, aanbeveling__nummer=2
    ).toelichting == ("Geen conflict hier.")  # the other change is saved
    doe.klik(conflict.get_by_label("Mijn versie"))
    doe.klik(_opslaan(page))
    expect(page.locator(".gg-messages")).to_contain_text("1 cel opgeslagen.")
    expect(page.locator(".gg-bewerken__cel--conflict")).to_have_count(0)
    score = Score.objects.get(ronde__jaar=2026, inspanning__nummer=2, aanbeveling__nummer=1)
    assert score.toelichting == "Versie van de coördinator."

    # Finalise: the password is asked again first (as it is five minutes after logging in).
    page.goto("/matrix/rondes/")
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    doe.klik(page.get_by_role("link", name="Stel 2026 vast"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegang bevestigen")
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
    doe.vul(page.locator("input[name=password]"), PASSWORD)
    doe.klik(page.locator("main form button[type=submit]"))
    # 51 cells were not reviewed: the page lists them, and finalising needs a choice and a reason.
    expect(page.locator("#nog-open")).to_have_text("Nog 51 cellen te beoordelen")
    doe.klik(page.get_by_label("Toch vaststellen", exact=False))
    doe.vul(page.get_by_label("Reden"), "De stuurgroep stelt de rest volgend jaar opnieuw vast.")
    doe.klik(page.get_by_role("button", name="Stel de ronde toch vast"))
    expect(page.locator(".gg-messages")).to_contain_text("Ronde 2026 is vastgesteld.")
    ronde = Ronde.objects.get(jaar=2026)
    assert ronde.status == Ronde.Status.VASTGESTELD and ronde.vastgesteld_door == coordinator

    # Download the XLSX and open the comparison with 2025.
    page.goto("/matrix/2026/")
    with page.expect_download() as download:
        doe.klik(page.get_by_role("link", name="Download als Excel (XLSX)"))
    assert download.value.suggested_filename == "matrix-2026.xlsx"
    download.value.save_as(tmp_path / "matrix-2026.xlsx")
    werkboek = openpyxl.load_workbook(tmp_path / "matrix-2026.xlsx")
    assert len(werkboek.sheetnames) == 2
    doe.klik(page.get_by_role("link", name="Vergelijk met 2025"))
    expect(page).to_have_url(f"{live_server.url}/matrix/vergelijk/?van=2025&naar=2026")
    expect(page.locator("main")).to_contain_text("Versie van de coördinator.")
    controleer_geen_val(page)
    context.close()


def test_professional(browser, live_server, referentie, professional, toetsenbord):
    _geverifieerd(professional)
    ExpertFactory(
        naam="Anna Jansen",
        functie="Diëtist",
        beroepsgroep=Expert.Beroepsgroep.DIETIST,
        expertise=["Gecombineerde leefstijlinterventie (GLI)"],
        gemeenten=["Emmen"],
    )
    ExpertFactory(
        naam="Bram Bakker",
        functie="Buurtsportcoach",
        beroepsgroep=Expert.Beroepsgroep.BUURTSPORTCOACH,
        expertise=["Gecombineerde leefstijlinterventie (GLI)"],
        gemeenten=["Emmen"],
    )
    ExpertFactory(
        naam="Carla Smit",
        functie="Jeugdarts",
        expertise=["Jeugdgezondheidszorg"],
        gemeenten=["Assen"],
    )
    eigen = ExpertFactory(
        naam=professional.naam, email=professional.email, functie="Leefstijlcoach"
    )
    context = nieuwe_context(browser, live_server)
    page = context.new_page()
    doe = Bediening(page, toetsenbord)
    inloggen_met_wachtwoord(doe, professional)

    page.goto("/experts/")
    controleer_skiplink(page)
    doe.vul(
        page.get_by_label("Zoek op expertise, naam, functie of organisatie"),
        "wie weet iets van GLI in Emmen",
    )
    doe.klik(page.get_by_role("button", name="Zoeken", exact=True))
    aantal = page.locator("#aantal")
    expect(aantal).to_contain_text("2 experts")
    hits = page.locator("#resultaten").get_by_role("link", name="Anna Jansen")
    expect(hits).to_be_visible()

    # Narrow to dietitians: htmx updates the results and the URL.
    doe.klik(page.locator("summary", has_text="Beroepsgroep"))
    doe.klik(page.get_by_role("checkbox", name="Diëtist"))
    expect(page).to_have_url(re.compile(r"[?&]beroep=dietist"))
    expect(aantal).to_contain_text("1 expert")
    expect(page.locator("#resultaten")).not_to_contain_text("Bram Bakker")

    # Remove the tag again.
    doe.klik(page.get_by_role("link", name="Beroepsgroep: Diëtist"))
    expect(aantal).to_contain_text("2 experts")
    expect(page).not_to_have_url(re.compile(r"beroep="))

    # Open a profile.
    doe.klik(page.locator("#resultaten").get_by_role("link", name="Anna Jansen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anna Jansen")
    controleer_geen_val(page)

    # Edit the own profile, then confirm it.
    doe.klik(page.get_by_role("link", name="Mijn profiel"))
    doe.vul(page.get_by_label("Functie", exact=True), "Leefstijlcoach GLI")
    doe.klik(page.get_by_role("button", name="Opslaan"))
    expect(page.locator(".gg-messages")).to_contain_text("opgeslagen")
    eigen.refresh_from_db()
    assert eigen.functie == "Leefstijlcoach GLI"
    page.goto("/mijn-profiel/")
    doe.klik(page.get_by_role("button", name="Mijn gegevens kloppen nog"))
    expect(page.locator(".gg-messages")).to_contain_text("bevestigd")
    context.close()


def test_stuurgroep(browser, live_server, ronde_2026, stuurgroep, toetsenbord):
    _geverifieerd(stuurgroep)
    context = nieuwe_context(browser, live_server)
    page = context.new_page()
    doe = Bediening(page, toetsenbord)
    inloggen_met_wachtwoord(doe, stuurgroep, totp_secret(stuurgroep))

    page.goto("/matrix/2026/bewerken/")
    controleer_skiplink(page)
    voortgang = page.locator("#voortgang")
    expect(voortgang).to_contain_text("0 van 55 beoordeeld")
    doe.klik(page.get_by_role("link", name="Toon alleen cellen die nog beoordeeld moeten worden"))
    expect(page.locator(".gg-bewerken__cel")).to_have_count(55)

    for aanbeveling in (1, 2, 3):
        doe.klik(_score(page, 1, aanbeveling).get_by_label("Beoordeeld: klopt nog"))
    doe.kies(_score(page, 1, 4).get_by_label("Niveau"), "deels")
    doe.vul(
        _score(page, 1, 4).get_by_label("Toelichting"), "Sinds 2026 deels: gezamenlijke scholing."
    )
    doe.klik(_opslaan(page))

    expect(voortgang).to_contain_text("4 van 55 beoordeeld")
    expect(page.locator(".gg-bewerken__cel")).to_have_count(51)  # still only the cells to review
    gewijzigd = Score.objects.get(ronde=ronde_2026, inspanning__nummer=1, aanbeveling__nummer=4)
    assert gewijzigd.beoordelingsstatus == Score.Beoordelingsstatus.GEWIJZIGD
    assert gewijzigd.toelichting == "Sinds 2026 deels: gezamenlijke scholing."
    assert Score.objects.filter(ronde=ronde_2026, beoordelingsstatus="bevestigd").count() == 3
    context.close()
