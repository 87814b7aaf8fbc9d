import re

import pytest
from playwright.sync_api import expect

from inspanningen.models import Score
from tests.browser.conftest import inloggen

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def test_the_matrix_prints_on_one_a4_landscape_page(page, referentie):
    page.goto("/matrix/2025/")
    pdf = page.pdf(prefer_css_page_size=True)
    assert _pages(pdf) == 1
    # A4 landscape: 297 × 210 mm is 842 × 595 points.
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert box and round(float(box[1])) == 842 and round(float(box[2])) == 595


def test_the_comparison_prints_its_summary_and_whole_tables(
    browser, live_server, ronde_2026, professional
):
    """On paper: the summary and the changed cells first, no form or filter link, no row of the
    changed cells split over two pages, the grid and the counts each whole with their heading."""
    Score.objects.filter(ronde__jaar=2026, inspanning__nummer=1, aanbeveling__nummer=1).update(
        niveau="deels", toelichting="Trekker aangesteld"
    )
    context = inloggen(browser, live_server, professional)
    page = context.new_page()
    page.goto("/matrix/vergelijk/?van=2025&naar=2026&alleen=wijzigingen")
    page.emulate_media(media="print")
    expect(page.locator("main form")).to_be_hidden()
    expect(page.get_by_role("link", name="Toon alle cellen")).to_be_hidden()
    expect(page.locator(".gg-samenvatting")).to_have_text(
        "55 cellen vergeleken: 1 beter, 54 gelijk."
    )
    expect(page.locator(".gg-gewijzigd")).to_contain_text("Trekker aangesteld")

    def breuk(selector: str) -> str:
        return page.locator(selector).first.evaluate("e => getComputedStyle(e).breakInside")

    assert breuk(".gg-gewijzigd tbody tr") == "avoid"
    assert breuk(".gg-gewijzigd") == "auto"  # a long list of changes may run over pages
    assert breuk(".gg-vergelijk-deel--rooster") == "avoid"
    assert breuk(".gg-vergelijk-deel--tellingen") == "avoid"
    # One changed cell, only the changes: summary, cell, grid row and counts fit on one page.
    assert _pages(page.pdf(prefer_css_page_size=True)) == 1
    context.close()


def test_the_meeting_prints_as_a_handout(browser, live_server, referentie, coordinator):
    """The bespreking on paper: every cell with its spread and reasons, no forms, buttons or
    links to act; no cell split over two pages."""
    from demo import rondes as demo_rondes
    from inspanningen import services
    from inspanningen.models import Ronde

    demo_rondes.maak_rondes(2)  # the finished joint round 2026, back in its bespreking
    services.wijzig_status(
        ronde=Ronde.objects.get(jaar=2026), actie="heropenen", door=coordinator, reden="test"
    )
    context = inloggen(browser, live_server, coordinator)
    page = context.new_page()
    page.goto("/matrix/2026/bespreking/")
    assert page.locator("main form").count() >= 3  # one per bespreekpunt
    page.emulate_media(media="print")
    for n in range(page.locator("main form").count()):
        expect(page.locator("main form").nth(n)).to_be_hidden()
    expect(page.locator("main .gg-actions").first).to_be_hidden()
    expect(page.locator(".gg-bespreekcel--punt").first).to_be_visible()
    expect(page.locator(".gg-stippen").first).to_be_visible()
    assert (
        page.locator(".gg-bespreekcel").first.evaluate("e => getComputedStyle(e).breakInside")
        == "avoid"
    )
    assert _pages(page.pdf(prefer_css_page_size=True)) >= 1
    context.close()
