"""The conflict screen of the edit page, as a person sees it at 1280 and 375 px: the panel
takes the whole row, no word breaks inside itself, nothing is pre-chosen, and saving without a
choice keeps what the user typed and says which cell needs a choice. Also: changing a cell
unticks 'klopt nog'."""

import pytest
from playwright.sync_api import expect

from inspanningen import services
from inspanningen.models import Score
from tests.browser.conftest import inloggen
from tests.browser.hulp import GEBROKEN_WOORDEN

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

URL = "/matrix/2026/bewerken/"


def _cel(i, a) -> Score:
    return Score.objects.get(ronde__jaar=2026, inspanning__nummer=i, aanbeveling__nummer=a)


@pytest.mark.parametrize("breedte", [1280, 375])
def test_the_conflict_panel_reads_well_and_asks_for_a_choice(
    browser, live_server, ronde_2026, stuurgroep, coordinator, breedte
):
    score = _cel(5, 1)
    context = inloggen(browser, live_server, stuurgroep, viewport={"width": breedte, "height": 900})
    page = context.new_page()
    page.goto(URL)
    page.locator(f"#cel-{score.pk} select").select_option("deels")
    page.locator(f"#cel-{score.pk} textarea").fill("Regie verschuift naar de gemeenten")
    # Meanwhile a colleague saves the same cell.
    services.bewaar_scores(
        ronde=ronde_2026,
        invoer=[services.ScoreInvoer(score.pk, score.versie, "nauwelijks", "Regie is weg")],
        door=coordinator,
    )
    page.locator("#inspanning-5").locator("..").get_by_role(
        "button", name="Opslaan", exact=True
    ).click()

    paneel = page.locator(f"#conflict-{score.pk}")
    expect(paneel).to_be_visible()
    assert page.evaluate(GEBROKEN_WOORDEN, paneel.element_handle()) == []
    # The whole row: as wide as the grid of cells it sits in.
    breed = paneel.bounding_box()["width"]
    rij = page.locator(f"#conflict-{score.pk}").locator("..").bounding_box()["width"]
    assert breed >= rij - 2
    expect(paneel).to_contain_text("Regie is weg")
    expect(paneel).to_contain_text("Regie verschuift naar de gemeenten")
    expect(paneel).to_contain_text("Coördinator Test")
    keuzes = paneel.locator("input[type=radio]")
    assert keuzes.count() == 2
    assert not any(keuzes.nth(n).is_checked() for n in range(2))

    # Saving without a choice: an error for this cell, and what the user typed stays.
    page.get_by_role("button", name="Wijzigingen opslaan").last.click()
    fout = page.locator("#foutoverzicht")
    expect(fout).to_contain_text("Kies welke versie u bewaart")
    assert page.evaluate(GEBROKEN_WOORDEN, fout.element_handle()) == []
    expect(page.locator(f"#cel-{score.pk} select")).to_have_value("deels")
    expect(page.locator(f"#cel-{score.pk} textarea")).to_have_value(
        "Regie verschuift naar de gemeenten"
    )
    assert _cel(5, 1).niveau == "nauwelijks"

    page.locator(f"#conflict-{score.pk}").get_by_label("Mijn versie", exact=False).check()
    page.get_by_role("button", name="Wijzigingen opslaan").last.click()
    expect(page.locator(".gg-messages")).to_contain_text("1 cel opgeslagen.")
    assert (_cel(5, 1).niveau, _cel(5, 1).toelichting) == (
        "deels",
        "Regie verschuift naar de gemeenten",
    )
    context.close()


def test_changing_a_cell_unticks_klopt_nog_and_saving_returns_to_it(
    browser, live_server, ronde_2026, stuurgroep
):
    score = _cel(7, 2)
    Score.objects.filter(pk=score.pk).update(beoordelingsstatus="bevestigd")
    context = inloggen(browser, live_server, stuurgroep, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(URL)
    cel = page.locator(f"#cel-{score.pk}")
    klopt = cel.get_by_label("Beoordeeld: klopt nog")
    expect(klopt).to_be_checked()
    cel.locator("textarea").fill("Nieuwe afspraken met de huisartsen")
    expect(klopt).not_to_be_checked()
    expect(cel.locator(".gg-status")).to_have_text("Gewijzigd")
    # The five aanbevelingen of one inspanning in one row at 1280 px.
    tops = {
        round(page.locator(f"#cel-{s.pk}").bounding_box()["y"])
        for s in Score.objects.filter(ronde=ronde_2026, inspanning__nummer=7)
    }
    assert len(tops) == 1
    # On a phone they stack: one above the other, at the same left edge.
    page.set_viewport_size({"width": 375, "height": 900})
    randen = [
        page.locator(f"#cel-{s.pk}").bounding_box()
        for s in Score.objects.filter(ronde=ronde_2026, inspanning__nummer=7)
    ]
    assert len({round(r["x"]) for r in randen}) == 1 and len({round(r["y"]) for r in randen}) == 5
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator("#inspanning-7").locator("..").get_by_role(
        "button", name="Opslaan", exact=True
    ).click()
    page.wait_for_url("**#inspanning-7")
    melding = page.locator("#inspanning-7").locator("..").locator(".gg-messages")
    expect(melding).to_contain_text("1 cel opgeslagen.")
    assert melding.bounding_box()["y"] < 900  # in view, where the user was
    assert _cel(7, 2).beoordelingsstatus == "gewijzigd"
    context.close()
