"""Samen beoordelen in Chromium, as the issue's 'done when' asks: with the demo's finished joint
round 2026, the coordinator opens 2027 as a joint round; three stuurgroep members of different
perspectives score blind and see the others only after scoring; two cells become bespreekpunten
(one by spread, one by perspective); in the meeting the coordinator settles them (one with a
minority note) and accepts the rest in one action; after finalising, the report shows it all.
The scoring page, the meeting and the report are checked with axe, for words broken inside
themselves at 375 px, and photographed at 1280 and 375 px (into docs/screenshots with
GG_SCREENSHOTS=1)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts import roles
from accounts.models import Perspectief
from demo import rondes as demo_rondes
from inspanningen import samen
from inspanningen.models import Beoordeling, Ronde, Score
from tests.browser.conftest import inloggen
from tests.browser.hulp import axe_schendingen, gebroken_woorden, zijwaarts_scrollen
from tests.conftest import met_mfa
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

SCHERMEN = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _foto(page, naam: str, tmp_path) -> None:
    map_ = SCHERMEN if os.environ.get("GG_SCREENSHOTS") else tmp_path
    for breedte in (1280, 375):
        page.set_viewport_size({"width": breedte, "height": 900})
        hoogte = min(page.evaluate("document.documentElement.scrollHeight"), 2400)
        page.set_viewport_size({"width": breedte, "height": hoogte})
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=map_ / f"{naam}-{breedte}.png")
    page.set_viewport_size({"width": 1280, "height": 900})


def _controleer(page, fouten: dict, naam: str) -> None:
    if schendingen := axe_schendingen(page):
        fouten[f"{naam} (axe)"] = schendingen
    page.set_viewport_size({"width": 375, "height": 900})
    if zijwaarts_scrollen(page) > 0:
        fouten[f"{naam} (375 px)"] = ["de pagina scrolt zijwaarts"]
    page.set_viewport_size({"width": 1280, "height": 900})


def _scoor_in_de_browser(page, cel_pk: int, niveau_label: str, reden: str = "") -> None:
    veld = page.locator(f"#cel-{cel_pk}")
    veld.get_by_label(niveau_label, exact=True).check()
    if reden:
        veld.locator("textarea").fill(reden)
    veld.locator("xpath=ancestor::section[1]").get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()


def test_three_members_score_blind_the_meeting_settles_and_the_report_shows_it(
    browser, live_server, referentie, coordinator, tmp_path
):
    demo_rondes.maak_rondes(2)  # the baseline and the demo's finished joint round 2026
    leden = {
        p: met_mfa(UserFactory(naam=naam, roles=[roles.STUURGROEP], perspectief=p))
        for p, naam in [
            (Perspectief.BESTUUR, "Bea Bestuur"),
            (Perspectief.BELEID, "Bert Beleid"),
            (Perspectief.UITVOERING, "Uma Uitvoering"),
        ]
    }
    fouten: dict = {}

    # 1. The coordinator opens round 2027 as a joint round.
    coord = inloggen(browser, live_server, coordinator, viewport={"width": 1280, "height": 900})
    pc = coord.new_page()
    pc.goto("/matrix/rondes/")
    pc.get_by_label("Jaar").fill("2027")
    pc.get_by_label("Samen beoordelen", exact=False).check()
    pc.get_by_role("button", name="Ronde starten").click()
    expect(pc.locator("main")).to_contain_text("Ronde 2027 is gestart als concept")
    pc.get_by_role("link", name="Open 2027 voor de stuurgroep").click()
    expect(pc.locator("main")).to_contain_text(
        "Na openen geeft ieder lid van de stuurgroep eigen scores"
    )
    pc.get_by_role("button", name="Ja, open de ronde").click()
    ronde = Ronde.objects.get(jaar=2027)
    assert (ronde.werkwijze, ronde.status, ronde.weergave) == ("samen", "open", "anoniem")

    cellen = {
        (s.inspanning.nummer, s.aanbeveling.nummer): s
        for s in ronde.scores.select_related("inspanning", "aanbeveling")
    }
    spreiding, perspectief = cellen[(1, 1)], cellen[(1, 2)]
    keuzes = {  # (spread cell, perspective cell) per member
        Perspectief.BESTUUR: ("● sterk aanwezig", "● sterk aanwezig"),
        Perspectief.BELEID: ("○ (nog) nauwelijks", "◐ deels of indirect"),
        Perspectief.UITVOERING: ("◐ deels of indirect", "◐ deels of indirect"),
    }

    # 2. Each member scores blind and sees the others only after scoring.
    paginas = {}
    for p, lid in leden.items():
        ctx = inloggen(browser, live_server, lid, viewport={"width": 1280, "height": 900})
        page = paginas[p] = ctx.new_page()
        page.goto("/matrix/")
        page.goto("/")
        expect(page.locator("main")).to_contain_text("Ronde 2027 is open voor ieders eigen scores")
        page.get_by_role("link", name="Naar uw scores").click()
        blind = page.locator(f"#cel-{spreiding.pk}")
        expect(blind).to_contain_text("De scores van anderen ziet u na uw eigen score.")
        if p != Perspectief.BESTUUR:
            expect(blind).not_to_contain_text("Reden van bestuur")
        _scoor_in_de_browser(page, spreiding.pk, keuzes[p][0], f"Reden van {p.label.lower()}")
        _scoor_in_de_browser(page, perspectief.pk, keuzes[p][1])
        zicht = page.locator(f"#cel-{spreiding.pk}")
        expect(zicht).to_contain_text("Alle scores tot nu toe")
        if p != Perspectief.BESTUUR:
            expect(zicht).to_contain_text("Reden van bestuur")  # seen after their own
        expect(zicht).not_to_contain_text("Bea Bestuur")  # anonymous: the perspective only
        # The rest of the cells agree: through the service (50 × 3 clicks prove nothing more).
        samen.bewaar_beoordelingen(
            ronde=ronde,
            invoer=[
                samen.Invoer(s.pk, s.niveau if s.niveau != "onbekend" else "deels", "")
                for s in cellen.values()
                if s.pk not in (spreiding.pk, perspectief.pk)
            ],
            door=lid,
        )
    assert Beoordeling.objects.filter(score__ronde=ronde).count() == 3 * 55
    page = paginas[Perspectief.BELEID]
    page.goto("/matrix/2027/scoren/")
    _controleer(page, fouten, "scoren")
    page.goto(f"/matrix/2027/scoren/#cel-{spreiding.pk}")
    _foto(page, "samen-scoren", tmp_path)

    # 3. Two bespreekpunten: one by spread, one by perspective.
    pc.goto("/matrix/rondes/")
    pc.get_by_role("link", name="Sluit het scoren van 2027: naar de bespreking").click()
    # The demo's fictional members of 2026 have not scored 2027: closing asks for a choice.
    expect(pc.locator("main")).to_contain_text("leden hebben nog niet alle cellen gescoord")
    pc.get_by_label("Toch sluiten, terwijl", exact=False).check()
    pc.get_by_role("button", name="Sluit het scoren toch").click()
    expect(pc.locator("main")).to_contain_text("Ronde 2027 is in bespreking")
    pc.goto("/matrix/2027/bespreking/")
    main = pc.locator("main")
    expect(main).to_contain_text("2 bespreekpunten")
    punten = pc.locator(".gg-bespreekcel--punt")
    expect(punten).to_have_count(2)
    expect(punten.nth(0)).to_contain_text("de scores liggen twee niveaus of meer uit elkaar")
    expect(punten.nth(1)).to_contain_text("de perspectieven komen tot een ander niveau")
    _controleer(pc, fouten, "bespreking")

    # 4. The coordinator settles them, one with a minority note, and accepts the rest at once.
    cel = pc.locator(f"#cel-{spreiding.pk}")
    cel.get_by_label("Vastgesteld niveau").select_option("deels")
    cel.get_by_label("Toelichting").fill("Besproken: deels, het beleid komt nog.")
    cel.get_by_role("button", name="Stel cel 1×1 vast").click()
    expect(pc.locator("main")).to_contain_text("De cel is vastgesteld.")
    cel = pc.locator(f"#cel-{perspectief.pk}")
    cel.get_by_label("Vastgesteld niveau").select_option("deels")
    cel.get_by_label("Toelichting").fill("Deels: in beleid sterk, in de praktijk nog niet.")
    cel.get_by_label("Minderheidsstandpunt (waar de meningen uiteen bleven)").fill(
        "Het bestuur ziet deze aanbeveling al sterk terug."
    )
    cel.get_by_role("button", name="Stel cel 1×2 vast").click()
    pc.get_by_role("button", name="Aanvaard alle 53 cellen in de hele ronde").click()
    expect(pc.locator("main")).to_contain_text("53 cellen aanvaard waarover iedereen het eens was.")
    assert not Score.objects.filter(ronde=ronde, beoordelingsstatus="te_beoordelen").exists()
    pc.goto(f"/matrix/2027/bespreking/#cel-{perspectief.pk}")
    _foto(pc, "samen-bespreking", tmp_path)

    # 5. The coordinator finalises; the report shows all of it.
    pc.goto("/matrix/rondes/")
    pc.get_by_role("link", name="Stel 2027 vast").click()
    pc.get_by_role("button", name="Ja, stel de ronde vast").click()
    assert Ronde.objects.get(jaar=2027).status == "vastgesteld"
    pc.get_by_role("link", name="Verslag 2027").click()
    main = pc.locator("main")
    expect(main).to_contain_text("De bespreking had 2 bespreekpunten.")
    expect(main).to_contain_text("Het bestuur ziet deze aanbeveling al sterk terug.")
    expect(main).to_contain_text("Wat veranderde sinds 2026")
    expect(main).to_contain_text("Instemming per aanbeveling")
    _controleer(pc, fouten, "verslag")
    _foto(pc, "samen-verslag", tmp_path)

    gebroken = gebroken_woorden(
        coord.new_page(),
        ["/matrix/2027/bespreking/", "/matrix/2027/verslag/", "/matrix/rondes/"],
    )
    assert not fouten, fouten
    assert not gebroken, gebroken


def test_no_word_breaks_on_the_joint_pages_on_a_phone(
    browser, live_server, referentie, coordinator
):
    demo_rondes.maak_rondes(2)
    lid = met_mfa(UserFactory(naam="Bea Bestuur", roles=[roles.STUURGROEP], perspectief="bestuur"))
    ctx = inloggen(browser, live_server, coordinator, viewport={"width": 375, "height": 900})
    gebroken = gebroken_woorden(
        ctx.new_page(), ["/matrix/2026/bespreking/", "/matrix/2026/verslag/", "/matrix/rondes/"]
    )
    ctx = inloggen(browser, live_server, lid, viewport={"width": 375, "height": 900})
    gebroken |= gebroken_woorden(ctx.new_page(), ["/matrix/2026/scoren/"])
    assert not gebroken, gebroken
