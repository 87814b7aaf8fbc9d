"""No word breaks inside itself on the pages of the yearly round, at 1280 and 375 px: a
column too narrow for its words ("J/a/a/r", "beoordele/n") is a bug a person sees at once,
and one no HTTP-level test notices."""

import pytest
from playwright.sync_api import expect

from inspanningen import services
from inspanningen.models import Score
from tests.browser.conftest import inloggen
from tests.browser.test_conflict import GEBROKEN_WOORDEN
from tests.factories import ExpertFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _paginas(ronde) -> list[str]:
    score = Score.objects.filter(ronde=ronde).order_by("pk").first()
    return [
        "/",
        "/matrix/",
        "/matrix/rondes/",
        f"/matrix/{ronde.jaar}/",
        f"/matrix/{ronde.jaar}/bewerken/",
        f"/matrix/{ronde.jaar}/status/vaststellen/",
        f"/matrix/{ronde.jaar}/verwijderen/",
        f"/matrix/{ronde.jaar}/importeren/",
        f"/matrix/{ronde.jaar}/score/{score.pk}/geschiedenis/",
        "/matrix/vergelijk/?van=2025&naar=2026",
        "/experts/actualiteit/",
        "/mijn-account/",
    ]


@pytest.mark.parametrize("breedte", [1280, 375])
def test_no_word_breaks_inside_itself_on_the_pages_of_the_round(
    browser, live_server, ronde_2026, coordinator, stuurgroep, breedte
):
    # Something on every page: a changed cell with its history, a stale profile.
    score = Score.objects.filter(ronde=ronde_2026, inspanning__nummer=7).order_by("pk").first()
    services.bewaar_scores(
        ronde=ronde_2026,
        invoer=[services.ScoreInvoer(score.pk, score.versie, "sterk", "Nieuwe afspraken")],
        door=stuurgroep,
    )
    ExpertFactory(naam="Gerda Verouderd", laatst_bevestigd_op=None).__class__.objects.update(
        aangemaakt_op="2024-01-01T00:00:00Z"
    )
    context = inloggen(
        browser, live_server, coordinator, viewport={"width": breedte, "height": 900}
    )
    page = context.new_page()
    gebroken = {}
    for pad in _paginas(ronde_2026):
        page.goto(pad)
        expect(page.locator("main")).to_be_visible()
        woorden = page.evaluate(GEBROKEN_WOORDEN, page.locator("main").element_handle())
        if woorden:
            gebroken[pad] = woorden[:8]
    context.close()
    assert gebroken == {}, "\n".join(f"{p}: {w}" for p, w in gebroken.items())
