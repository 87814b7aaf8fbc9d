"""`make loadtest`: two gunicorn instances (2 workers each) on one PostgreSQL, driven by
locust with 50 logged-in users for 60 s; then, in the same run, a trivial view on the same
stack. Appends the figures to docs/performance.md; exits 1 on any failed request."""

import csv
import json
import os
import subprocess
import sys
import time
import urllib.request

from tools import omgeving
from tools.bench import ZOEKVRAGEN
from tools.machine import free_port

GEBRUIKERS = 50
STUURGROEP = 5  # of the 50: they also save cells in the open round
DUUR = os.environ.get("LOADTEST_DUUR", "60s")
INSTANTIES = 2
WORKERS = 2
UIT = omgeving.ROOT / "var" / "loadtest"


def sessies() -> list[dict]:
    """50 fictional accounts, each logged in once in advance (a session in the database)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.test import Client

    from accounts import roles
    from accounts.models import User

    resultaat = []
    for i in range(1, GEBRUIKERS + 1):
        stuurgroep = i <= STUURGROEP
        user, _ = User.objects.get_or_create(
            email=f"loadtest-{i:02}@example.org", defaults={"naam": f"Loadtest {i} (fictief)"}
        )
        rol = roles.STUURGROEP if stuurgroep else roles.PROFESSIONAL
        user.groups.set([Group.objects.get(name=rol)])
        if stuurgroep and not is_mfa_enabled(user):
            TOTP.activate(user, generate_totp_secret())  # editors must have two-factor set up
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        resultaat.append({"cookie": cookie, "stuurgroep": stuurgroep})
    return resultaat


def start_gunicorn(poort: int) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gezondgewicht.wsgi",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{poort}",
            "--log-level=warning",
        ],
        cwd=omgeving.ROOT,
        env=os.environ.copy(),
    )


def wacht_op(host: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{host}/gezond/", timeout=1)  # noqa: S310
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{host} start niet.")


def locust(fase: str, instellingen: dict) -> dict:
    """One headless locust run: its statistics per request name, and how many times a task
    raised an exception (a broken script counts as a failure too)."""
    prefix = UIT / fase
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(omgeving.ROOT / "tools" / "locustfile.py"),
            "--headless",
            f"--users={GEBRUIKERS}",
            f"--spawn-rate={GEBRUIKERS}",
            f"--run-time={DUUR}",
            f"--tags={fase}",
            f"--csv={prefix}",
            "--only-summary",
            "--loglevel=WARNING",
        ],
        cwd=omgeving.ROOT,
        env={**os.environ, "GG_LOADTEST": json.dumps(instellingen)},
        check=False,  # locust exits 1 when a request failed; the figures say which
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        stats = {row["Name"]: row for row in csv.DictReader(f)}
    with open(f"{prefix}_exceptions.csv", newline="") as f:
        uitzonderingen = sum(int(row["Count"]) for row in csv.DictReader(f))
    return stats, uitzonderingen


def regel(naam: str, row: dict) -> str:
    aantal = f"{int(row['Request Count']):,}".replace(",", ".")
    return (
        f"| {naam} | {aantal} | {int(row['Failure Count'])} "
        f"| {float(row['Requests/s']):.1f} | {row['50%']} ms | {row['95%']} ms |"
    )


def main() -> int:
    url = omgeving.database_url()
    omgeving.django_opzetten(url)
    from experts.models import Expert
    from inspanningen.models import Ronde

    open_ronde = Ronde.objects.filter(status=Ronde.Status.OPEN).order_by("-jaar").first()
    if open_ronde is None:
        sys.exit("Geen open ronde om in op te slaan.")
    instellingen = {
        "sessies": sessies(),
        "zoekvragen": ZOEKVRAGEN,
        "profielen": list(Expert.objects.order_by("pk").values_list("slug", flat=True))[::20],
        "open_jaar": open_ronde.jaar,
    }
    UIT.mkdir(parents=True, exist_ok=True)
    poorten = [free_port() for _ in range(INSTANTIES)]
    instellingen["hosts"] = [f"http://127.0.0.1:{p}" for p in poorten]
    ijk_voor = omgeving.ijkpunt()
    servers = [start_gunicorn(p) for p in poorten]
    try:
        for host in instellingen["hosts"]:
            wacht_op(host)
        app, fouten_app = locust("app", instellingen)
        triviaal, fouten_triviaal = locust("triviaal", instellingen)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait()

    totaal, basis = app["Aggregated"], triviaal["Aggregated"]
    verhouding = float(totaal["Requests/s"]) / float(basis["Requests/s"])
    fouten = (
        int(totaal["Failure Count"]) + int(basis["Failure Count"]) + fouten_app + fouten_triviaal
    )
    tekst = "\n".join(
        [
            "## Onder belasting: twee app-instanties, één PostgreSQL (`make loadtest`)",
            "",
            f"- Gemeten: {omgeving.tijdstip()}, commit {omgeving.commit()}",
            f"- Machine: {omgeving.machine()}; locust draait op dezelfde machine.",
            f"- Snelheid van de machine: {ijk_voor} (voor), {omgeving.ijkpunt()} (na)",
            f"- Opstelling: {INSTANTIES} gunicorn-instanties met elk {WORKERS} sync-workers "
            f"op poorten {' en '.join(map(str, poorten))}, productie-instellingen, één "
            "PostgreSQL; sessies, rate limits en cache in de database. Elke gebruiker wordt "
            "vast aan één instantie toegewezen, om en om, zoals een load balancer doet.",
            f"- Belasting: locust headless, {GEBRUIKERS} ingelogde gebruikers ({STUURGROEP} "
            f"stuurgroepleden) gedurende {DUUR}, zonder denktijd: zoeken (6), profiel (4), "
            f"matrix (2), cel opslaan in de open ronde {open_ronde.jaar} (1; de professionals "
            "bekijken dan de matrix). Zonder denktijd is dit de doorvoer bij verzadiging: "
            "p50 en p95 bevatten het wachten op een vrije worker.",
            "",
            "| verzoek | aantal | mislukt | per seconde | p50 | p95 |",
            "|---|---:|---:|---:|---:|---:|",
            *(regel(naam, row) for naam, row in app.items() if naam != "Aggregated"),
            regel("**alles samen**", totaal),
            regel("triviale view `/gezond/` (zelfde stack, aparte run)", basis),
            "",
            f"Verhouding app / triviale view: {verhouding:.2f} "
            f"({float(totaal['Requests/s']):.0f} tegen {float(basis['Requests/s']):.0f} "
            "verzoeken per seconde). Mislukte verzoeken en fouten in het script: "
            f"{fouten}.",
        ]
    )
    omgeving.schrijf_sectie("loadtest", tekst)
    print(tekst)
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
