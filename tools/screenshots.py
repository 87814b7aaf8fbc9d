"""`make screenshots`: PNGs of the key pages at 1280 and 375 px wide, in docs/screenshots/.

Runs the app as `make run` does (the local database with demo data, the demo accounts) on a
free port, and logs in through the real login page, with the local two-factor code."""

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
    ("matrix-bewerken", "coordinator", "/matrix/2026/bewerken/?alleen=te_beoordelen"),
    ("vergelijken", "coordinator", "/matrix/vergelijk/?van=2025&naar=2026"),
    ("rondes", "coordinator", "/matrix/rondes/"),
    ("aandacht-coordinator", "coordinator", "/"),
    ("aandacht-stuurgroep", "stuurgroep", "/"),
    ("conflict", "coordinator", "@conflict"),
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


def _conflict(page) -> None:
    """The conflict screen: the coordinator edits a cell of the open round while a stuurgroep
    member saves the same cell (this changes that one cell of the local demo round)."""
    from accounts.models import User
    from inspanningen import services
    from inspanningen.models import Ronde, Score

    ronde = Ronde.objects.in_uitvoering()
    if ronde is None or ronde.status != Ronde.Status.OPEN:
        raise SystemExit("Geen open ronde in de demo; draai 'make demo'.")
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


def main() -> None:
    if chromium_path() is None:
        raise SystemExit("Geen Chromium gevonden: apt-get install -y chromium")
    UIT.mkdir(parents=True, exist_ok=True)
    poort = free_port()
    server = _start_server(poort)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            contexts = {}
            for naam, account, pad in PAGINAS:
                if account not in contexts:
                    contexts[account] = browser.new_context(
                        base_url=f"http://127.0.0.1:{poort}",
                        locale="nl-NL",
                        reduced_motion="reduce",
                    )
                    if account:
                        _inloggen(contexts[account], account)
                page = contexts[account].new_page()
                if pad == "@eerste-hit":
                    page.goto(PAGINAS[2][2])
                    pad = page.locator(".gg-hit__naam a").first.get_attribute("href")
                for breedte, viewport in BREEDTES.items():
                    page.set_viewport_size(viewport)
                    if pad == "@conflict":
                        _conflict(page)
                        bestand = UIT / f"{naam}-{breedte}.png"
                        page.screenshot(path=bestand)  # the window, at the panel
                        print(bestand.relative_to(ROOT))
                        continue
                    page.goto(pad)
                    # The window as tall as the page (up to MAX_HOOGTE), so that a sticky bar
                    # sits where it does when scrolled to the end, not halfway down the picture.
                    hoogte = page.evaluate("document.documentElement.scrollHeight")
                    page.set_viewport_size({**viewport, "height": min(hoogte, MAX_HOOGTE)})
                    bestand = UIT / f"{naam}-{breedte}.png"
                    page.screenshot(path=bestand)
                    print(bestand.relative_to(ROOT))
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gezondgewicht.settings")
    # Playwright's sync API runs an event loop; the ORM calls of the conflict run outside it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    main()
