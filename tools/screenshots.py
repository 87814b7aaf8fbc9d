"""`make screenshots`: PNGs of the key pages at 1280 and 375 px wide, in docs/screenshots/
(`python -m tools.screenshots zoeken telefoon-profiel` makes only those).

Runs the app as `make run` does (the local database with demo data, the demo accounts) on a
free port, and logs in through the real login page, with the local two-factor code. The pages
of a joint round (samen-scoren, samen-bespreking, samen-verslag) are photographed by
`tests/browser/test_samen.py` with GG_SCREENSHOTS=1, which walks that round from start to end."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.machine import CHROMIUM_ARGS, chromium_path, free_port

ROOT = Path(__file__).resolve().parents[1]
UIT = ROOT / "docs" / "screenshots"
BREEDTES = {"1280": {"width": 1280, "height": 800}, "375": {"width": 375, "height": 812}}
MAX_HOOGTE = 2400  # a long page is cut off here: the top is what a reader looks at

# (file name, account or None, path)
PAGINAS = [
    ("home", None, "/"),
    ("inloggen", None, "/accounts/login/"),
    ("zoeken", "professional", "/experts/?q=wie+weet+iets+van+GLI+in+Emmen"),
    ("profiel", "professional", "@eerste-hit"),
    ("mijn-profiel", "professional", "/mijn-profiel/"),
    ("organisaties", "professional", "/organisaties/"),
    ("inspanning", "professional", "/inspanningen/3/"),
    ("aanbevelingen", "professional", "/aanbevelingen/"),
    ("matrix", "professional", "/matrix/2025/"),
    ("matrix-bewerken", "coordinator", "@bewerken"),
    ("vergelijken", "coordinator", "/matrix/vergelijk/?van=2025&naar=2026"),
    ("rondes", "coordinator", "/matrix/rondes/"),
    ("aandacht-coordinator", "coordinator", "/"),
    ("aandacht-stuurgroep", "stuurgroep", "/"),
    ("conflict", "coordinator", "@conflict"),
    ("kennis", "professional", "/kennis/?q=vervoer+naar+de+sporthal"),
    ("kennis-item", "professional", "@eerste-kennis"),
    ("dossier", "professional", "/inspanningen/5/"),
    ("kennis-toevoegen", "professional", "/kennis/nieuw/?inspanning=5"),
]
# Only on a phone (375 px): Wie weet wat before and after a search, and where it leads.
TELEFOON = [
    ("telefoon-zoeken-voor", "professional", "/experts/"),
    ("telefoon-zoeken-na", "professional", "@zoeken-na"),
    ("telefoon-profiel", "professional", "@eerste-hit"),
    ("telefoon-organisatie", "professional", "@organisatie"),
]


def _start_server(poort: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{poort}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{poort}/", timeout=1)  # noqa: S310
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.terminate()
    fout = server.communicate()[1][-2000:]
    raise SystemExit(f"De app start niet; draai eerst 'make demo'.\n{fout}")


def _inloggen(context, account: str) -> None:
    from demo.management.commands.maak_demo_accounts import DEMO_PASSWORD, DEMO_TOTP_CODE

    page = context.new_page()
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(f"{account}@example.org")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    if page.locator("input[name=code]").count():
        page.locator("input[name=code]").fill(DEMO_TOTP_CODE)
        page.locator("main form button[type=submit]").first.click()
    page.locator(".gg-account__who").wait_for()
    page.close()


def _open_ronde():
    """A round open for the stuurgroep, for the edit page and the conflict: the demo's when it
    has one; otherwise one made here for the screenshots, which main() deletes afterwards
    (`make demo` ends with the finished joint round 2026, so that a new user can start 2027)."""
    from inspanningen import services
    from inspanningen.models import Ronde

    ronde = Ronde.objects.in_uitvoering()
    if ronde is not None and ronde.status == Ronde.Status.OPEN and not ronde.is_samen:
        return ronde, False
    laatste = Ronde.objects.order_by("-jaar").first()
    ronde = services.nieuwe_ronde(
        jaar=laatste.jaar + 1,
        titel=f"Demo-herbeoordeling {laatste.jaar + 1} (fictief, voor de screenshots)",
        ondanks_onvoltooid=getattr(services.onvoltooide_ronde(), "pk", None),
    )
    return services.wijzig_status(ronde=ronde, actie="openen", door=None), True


def _conflict(page) -> None:
    """The conflict screen: the coordinator edits a cell of the open round while a stuurgroep
    member saves the same cell (this changes that one cell of the local demo round)."""
    from accounts.models import User
    from inspanningen import services
    from inspanningen.models import Ronde, Score

    ronde = Ronde.objects.in_uitvoering()
    page.goto(f"/matrix/{ronde.jaar}/bewerken/")
    score = Score.objects.filter(ronde=ronde).order_by("inspanning__nummer", "aanbeveling__nummer")[
        1
    ]
    page.locator(f"#cel-{score.pk} textarea").fill("Fictief (demo): mijn nieuwe toelichting.")
    services.bewaar_scores(
        ronde=ronde,
        invoer=[
            services.ScoreInvoer(
                score.pk,
                score.versie,
                score.niveau,
                f"Fictief (demo): intussen gewijzigd ({score.versie}).",
            )
        ],
        door=User.objects.get(email="stuurgroep@example.org"),
    )
    page.get_by_role("button", name="Wijzigingen opslaan").first.click()
    paneel = page.locator(f"#conflict-{score.pk}")
    page.evaluate("(el) => el.scrollIntoView({block: 'start'})", paneel.element_handle())


def _zoeken_na(page) -> None:
    """A search submitted on a phone, with one filter chosen before: where the page lands."""
    page.goto("/experts/?gemeente=emmen")
    zoekvak = page.locator("input[name=q]")
    zoekvak.fill("bewegen")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_function("() => document.activeElement?.id === 'aantal'")


def _pad(page, pad: str) -> str:
    """The path of a page named by what leads to it: the first hit of the search, its
    organisation."""
    if pad == "@eerste-kennis":
        page.goto("/kennis/?q=vervoer+naar+de+sporthal")
        return page.locator(".gg-hit__naam a").first.get_attribute("href")
    if pad == "@bewerken":
        from inspanningen.models import Ronde

        return f"/matrix/{Ronde.objects.in_uitvoering().jaar}/bewerken/?alleen=te_beoordelen"
    if pad not in ("@eerste-hit", "@organisatie"):
        return pad
    page.goto(PAGINAS[2][2])
    profiel = page.locator(".gg-hit__naam a").first.get_attribute("href")
    if pad == "@eerste-hit":
        return profiel
    page.goto(profiel)
    return page.locator("main .gg-lead a[href^='/organisaties/']").first.get_attribute("href")


def _foto(page, bestand: Path, viewport: dict) -> None:
    # The window as tall as the page (up to MAX_HOOGTE), so that a sticky bar sits where it
    # does when scrolled to the end, not halfway down the picture.
    hoogte = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({**viewport, "height": min(hoogte, MAX_HOOGTE)})
    page.evaluate("window.scrollTo(0, 0)")  # the top, also after a search scrolled down
    page.screenshot(path=bestand)
    print(bestand.relative_to(ROOT))


def main(namen: list[str]) -> None:
    if chromium_path() is None:
        raise SystemExit("Geen Chromium gevonden: apt-get install -y chromium")
    UIT.mkdir(parents=True, exist_ok=True)
    ronde, gemaakt = _open_ronde()
    poort = free_port()
    server = _start_server(poort)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            contexts = {}
            fotos = [(n, a, p, BREEDTES) for n, a, p in PAGINAS]
            fotos += [(n, a, p, {"": BREEDTES["375"]}) for n, a, p in TELEFOON]
            for naam, account, pad, breedtes in fotos:
                if namen and naam not in namen:
                    continue
                if account not in contexts:
                    contexts[account] = browser.new_context(
                        base_url=f"http://127.0.0.1:{poort}",
                        locale="nl-NL",
                        reduced_motion="reduce",
                    )
                    if account:
                        _inloggen(contexts[account], account)
                page = contexts[account].new_page()
                pad = _pad(page, pad)
                for breedte, viewport in breedtes.items():
                    bestand = UIT / (f"{naam}-{breedte}.png" if breedte else f"{naam}.png")
                    page.set_viewport_size(viewport)
                    if pad == "@conflict":
                        _conflict(page)
                        page.screenshot(path=bestand)  # the window, at the panel
                        print(bestand.relative_to(ROOT))
                        continue
                    if pad == "@zoeken-na":
                        _zoeken_na(page)
                    else:
                        page.goto(pad)
                    _foto(page, bestand, viewport)
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()
        if gemaakt:
            ronde.delete()  # the demo database as it was


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondgewicht.settings")
    # Playwright's sync API runs an event loop; the ORM calls of the conflict run outside it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    main(sys.argv[1:])  # only these names, when given (e.g. telefoon-profiel)
