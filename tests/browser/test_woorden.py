"""No word breaks inside itself ("J/a/a/r", "beoordele/n", "Leefstijlcoac/h"): a column too
narrow for its words is a bug a person sees at once, and one no HTTP-level test notices. The
pages of the yearly round at 1280 and 375 px, and those of Wie weet wat at 320 px."""

import pytest

from experts.models import Expert
from inspanningen import services
from inspanningen.models import Score
from tests.browser.conftest import inloggen
from tests.browser.hulp import gebroken_woorden
from tests.factories import ExpertFactory, OrganisatieFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _melding(gebroken: dict) -> str:
    return "\n".join(f"{pad}: {woorden}" for pad, woorden in gebroken.items())


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
    oud = ExpertFactory(naam="Gerda Verouderd", laatst_bevestigd_op=None)
    Expert.objects.filter(pk=oud.pk).update(aangemaakt_op="2024-01-01T00:00:00Z")
    context = inloggen(
        browser, live_server, coordinator, viewport={"width": breedte, "height": 900}
    )
    gebroken = gebroken_woorden(
        context.new_page(),
        [
            "/",
            "/matrix/",
            "/matrix/rondes/",
            "/matrix/2026/",
            "/matrix/2026/bewerken/",
            "/matrix/2026/status/vaststellen/",
            "/matrix/2026/verwijderen/",
            "/matrix/2026/importeren/",
            f"/matrix/2026/score/{score.pk}/geschiedenis/",
            "/matrix/vergelijk/?van=2025&naar=2026",
            "/experts/actualiteit/",
            "/mijn-account/",
        ],
    )
    context.close()
    assert gebroken == {}, _melding(gebroken)


def test_no_word_breaks_inside_itself_on_wie_weet_wat_at_320_px(
    browser, live_server, ronde_2026, professional
):
    organisatie = OrganisatieFactory(naam="Gezondheidscentrum Midden-Drenthe")
    expert = ExpertFactory(
        naam="Bernadette Oude Nijeweme-Wassenbergh",
        email="bernadette.oude.nijeweme-wassenbergh@voorbeeldorganisatie.example.org",
        telefoon="0592 123 456",
        organisatie=organisatie,
        expertise=["Gecombineerde leefstijlinterventie"],
    )
    context = inloggen(browser, live_server, professional, viewport={"width": 320, "height": 800})
    gebroken = gebroken_woorden(
        context.new_page(),
        [
            f"/experts/{expert.slug}/",
            "/experts/?q=leefstijl",
            f"/organisaties/{organisatie.slug}/",
            "/inspanningen/7/",
            "/matrix/2025/",
        ],
    )
    context.close()
    assert gebroken == {}, _melding(gebroken)
