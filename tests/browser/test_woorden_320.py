"""Issue 16: no word breaks inside itself at 320 px on the pages of Wie weet wat."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import inloggen
from tests.browser.test_conflict import GEBROKEN_WOORDEN
from tests.factories import ExpertFactory, OrganisatieFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_no_word_breaks_inside_itself_at_320_px(browser, live_server, ronde_2026, professional):
    organisatie = OrganisatieFactory(naam="Gezondheidscentrum Midden-Drenthe")
    expert = ExpertFactory(
        naam="Bernadette Oude Nijeweme-Wassenbergh",
        email="bernadette.oude.nijeweme-wassenbergh@voorbeeldorganisatie.example.org",
        telefoon="0592 123 456",
        organisatie=organisatie,
        expertise=["Gecombineerde leefstijlinterventie"],
    )
    context = inloggen(browser, live_server, professional, viewport={"width": 320, "height": 800})
    page = context.new_page()
    gebroken = {}
    for pad in [
        f"/experts/{expert.slug}/",
        "/experts/?q=leefstijl",
        f"/organisaties/{organisatie.slug}/",
        "/inspanningen/7/",
        "/matrix/2025/",
    ]:
        page.goto(pad)
        expect(page.locator("main")).to_be_visible()
        woorden = page.evaluate(GEBROKEN_WOORDEN, page.locator("main").element_handle())
        if woorden:
            gebroken[pad] = woorden[:8]
    context.close()
    assert gebroken == {}, "\n".join(f"{p}: {w}" for p, w in gebroken.items())
