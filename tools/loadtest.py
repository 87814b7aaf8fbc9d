"""`make loadtest`: two gunicorn instances (2 workers each) on one PostgreSQL, under two
scenarios, one after the other, against the same instances:

- saturation: 50 logged-in locust users without think time for 60 s, then, in the same run, a
  trivial view on the same stack: the throughput when every worker is busy;
- realistic: 300 logged-in users who only read, with 5–15 s think time, spawned over 30 s and
  then measured for 2 minutes: the response times people would see.

Each writes its own section of docs/performance.md; exits 1 on any failed request.

Environment: LOADTEST_SCENARIO (`verzadiging` or `realistisch`; both when unset),
LOADTEST_DUUR (the duration of each scenario, e.g. `20s`; the realistic one measures that long
after its ramp-up), LOADTEST_GEBRUIKERS (the realistic scenario's users) and LOADTEST_OPBOUW
(its ramp-up in seconds)."""

import csv
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from tools import omgeving
from tools.bench import ZOEKVRAGEN
from tools.machine import free_port

INSTANTIES = 2
WORKERS = 2
UIT = omgeving.ROOT / "var" / "loadtest"
STUURGROEP_ELKE = 10  # one account in ten is a stuurgroep member: 5 of 50, 30 of 300

# Saturation: no think time; the stuurgroep members also save cells in the open round.
GEBRUIKERS = 50
STUURGROEP = GEBRUIKERS // STUURGROEP_ELKE
DUUR = os.environ.get("LOADTEST_DUUR", "60s")

# Realistic: readers with think time, measured after the ramp-up.
REALISTISCH_GEBRUIKERS = int(os.environ.get("LOADTEST_GEBRUIKERS", "300"))
DENKTIJD = (5, 15)  # seconds between two pages, uniformly
OPBOUW_S = int(os.environ.get("LOADTEST_OPBOUW", "30"))
MEETDUUR = os.environ.get("LOADTEST_DUUR", "2m")
DOEL_P95_MS = 300
UITLOOP_S = 5  # the run goes on this long after the measuring window, so that it is full
BASISLIJN = "basislijn: /privacy/ (statisch, ingelogd)"


class Meting(NamedTuple):
    """One request of the realistic scenario, as tools/locustfile_realistisch.py writes it."""

    start: float  # seconds since the epoch
    naam: str
    url: str
    ms: float
    fout: str | None


def seconden(duur: str) -> int:
    """'2m', '90s', '1m30s' or '120' in seconds, as locust reads --run-time."""
    if duur.isdigit():
        return int(duur)
    delen = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", duur)
    if not delen or not any(delen.groups()):
        sys.exit(f"LOADTEST_DUUR={duur!r}: schrijf bijvoorbeeld 20s, 2m of 1m30s.")
    uren, minuten, sec = (int(d or 0) for d in delen.groups())
    return uren * 3600 + minuten * 60 + sec


def sessies(aantal: int) -> list[dict]:
    """`aantal` fictional accounts (loadtest-001@example.org, …), each logged in once in advance
    (a session in the database). One in ten is a stuurgroep member, with two-factor set up as
    editors must have; the others are professionals."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.test import Client

    from accounts import roles
    from accounts.models import User

    groepen = {rol: Group.objects.get(name=rol) for rol in (roles.STUURGROEP, roles.PROFESSIONAL)}
    resultaat = []
    for i in range(1, aantal + 1):
        stuurgroep = i % STUURGROEP_ELKE == 1
        user, _ = User.objects.get_or_create(
            email=f"loadtest-{i:03}@example.org", defaults={"naam": f"Loadtest {i} (fictief)"}
        )
        user.groups.set([groepen[roles.STUURGROEP if stuurgroep else roles.PROFESSIONAL]])
        if stuurgroep and not is_mfa_enabled(user):
            TOTP.activate(user, generate_totp_secret())
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


def draai_locust(locustfile: str, instellingen: dict, prefix, *args: str, tijdens=None) -> int:
    """One headless locust run, with `tijdens(proces)` called while it runs; returns how many
    times a task raised an exception (a broken script counts as a failure too). Locust exits 1
    when a request failed; the figures say which."""
    proces = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(omgeving.ROOT / "tools" / locustfile),
            "--headless",
            f"--csv={prefix}",
            "--only-summary",
            "--loglevel=WARNING",
            *args,
        ],
        cwd=omgeving.ROOT,
        env={**os.environ, "GG_LOADTEST": json.dumps(instellingen)},
    )
    try:
        if tijdens:
            tijdens(proces)
    finally:
        proces.wait()
    with open(f"{prefix}_exceptions.csv", newline="") as f:
        return sum(int(row["Count"]) for row in csv.DictReader(f))


def locust(fase: str, instellingen: dict) -> tuple[dict, int]:
    """The saturation scenario, tag `app` or `triviaal`: its statistics per request name."""
    prefix = UIT / fase
    uitzonderingen = draai_locust(
        "locustfile.py",
        {**instellingen, "sessies": instellingen["sessies"][:GEBRUIKERS]},
        prefix,
        f"--users={GEBRUIKERS}",
        f"--spawn-rate={GEBRUIKERS}",
        f"--run-time={DUUR}",
        f"--tags={fase}",
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        stats = {row["Name"]: row for row in csv.DictReader(f)}
    return stats, uitzonderingen


def regel(naam: str, row: dict) -> str:
    aantal = f"{int(row['Request Count']):,}".replace(",", ".")
    return (
        f"| {naam} | {aantal} | {int(row['Failure Count'])} "
        f"| {float(row['Requests/s']):.1f} | {row['50%']} ms | {row['95%']} ms |"
    )


def verzadiging(instellingen: dict, poorten: list[int]) -> int:
    """The saturation scenario and its trivial view; writes its section, returns the failures."""
    ijk_voor = omgeving.ijkpunt()
    app, fouten_app = locust("app", instellingen)
    triviaal, fouten_triviaal = locust("triviaal", instellingen)
    totaal, basis = app["Aggregated"], triviaal["Aggregated"]
    verhouding = float(totaal["Requests/s"]) / float(basis["Requests/s"])
    fouten = (
        int(totaal["Failure Count"]) + int(basis["Failure Count"]) + fouten_app + fouten_triviaal
    )
    tekst = "\n".join(
        [
            "## Onder belasting: verzadiging, twee app-instanties, één PostgreSQL "
            "(`make loadtest`)",
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
            f"matrix (2), cel opslaan in de open ronde {instellingen['open_jaar']} (1; de "
            "professionals bekijken dan de matrix). Zonder denktijd is dit de doorvoer bij "
            "verzadiging: p50 en p95 bevatten het wachten op een vrije worker. De realistische "
            "belasting, met denktijd, staat in de volgende sectie.",
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
    return fouten


TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: str) -> tuple[int, float] | None:
    """A process's parent and the CPU seconds it has used (user + system), from /proc."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(velden[1]), (int(velden[11]) + int(velden[12])) / TICK


def cpu_stand(servers: list[subprocess.Popen], locust_pid: int, database: str) -> dict:
    """CPU seconds used so far by the app (the gunicorn masters and their workers), by this
    database's PostgreSQL backends (kept open: CONN_MAX_AGE) and by locust; and by the whole
    machine, all cores together."""
    ouders = {s.pid for s in servers}
    stand = {"app": 0.0, "db": 0.0, "locust": 0.0}
    kenmerk = f" {database} ".encode()
    for pad in Path("/proc").iterdir():
        if not pad.name.isdigit() or (cpu := _proc_cpu(pad.name)) is None:
            continue
        ppid, seconden_ = cpu
        pid = int(pad.name)
        if pid in ouders or ppid in ouders:
            stand["app"] += seconden_
        elif pid == locust_pid:
            stand["locust"] += seconden_
        else:
            try:
                opdracht = (pad / "cmdline").read_bytes()
            except OSError:
                continue
            if opdracht.startswith(b"postgres: ") and kenmerk in opdracht:
                stand["db"] += seconden_
    ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    stand["bezet"] = (sum(ticks) - ticks[3] - ticks[4]) / TICK  # all but idle and iowait
    stand["tijd"] = time.monotonic()
    return stand


def ms(waarde: float) -> str:
    return f"{waarde:.0f} ms" if waarde >= 10 else f"{waarde:.1f} ms"


def getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def realistisch_regel(naam: str, tijden: list[float], mislukt: int, venster_s: float) -> str:
    if not tijden:
        return f"| {naam} | 0 | {mislukt} | 0.0 | – | – | – | – |"
    p = [omgeving.percentiel(tijden, q) for q in (50, 95, 99)]
    return (
        f"| {naam} | {getal(len(tijden))} | {mislukt} | {len(tijden) / venster_s:.1f} "
        f"| {' | '.join(ms(v) for v in p)} | {ms(max(tijden))} |"
    )


def realistisch(
    instellingen: dict, servers: list[subprocess.Popen], poorten: list[int], na_verzadiging: bool
) -> int:
    """The realistic scenario: readers with think time, measured after the ramp-up; writes its
    section, returns the failures (over the whole run, ramp-up included)."""
    from django.db import connection

    from experts.models import Expert

    gebruikers = REALISTISCH_GEBRUIKERS
    meet_s = seconden(MEETDUUR)
    bestand = UIT / "realistisch_metingen.json"
    opgebouwd_bestand = Path(f"{bestand}.opgebouwd")  # written by locust when all users are there
    bestand.unlink(missing_ok=True)
    opgebouwd_bestand.unlink(missing_ok=True)
    database = connection.settings_dict["NAME"]
    cpu = []

    def cpu_in_venster(proces):
        while not opgebouwd_bestand.exists():
            if proces.poll() is not None:
                return
            time.sleep(0.1)
        cpu.append(cpu_stand(servers, proces.pid, database))
        try:
            proces.wait(timeout=meet_s)
        except subprocess.TimeoutExpired:
            cpu.append(cpu_stand(servers, proces.pid, database))

    ijk_voor = omgeving.ijkpunt()
    start = time.time()
    uitzonderingen = draai_locust(
        "locustfile_realistisch.py",
        {
            **instellingen,
            "sessies": instellingen["sessies"][:gebruikers],
            "denktijd": DENKTIJD,
            "basislijn": BASISLIJN,
            "metingen": str(bestand),
        },
        UIT / "realistisch",
        f"--users={gebruikers}",
        f"--spawn-rate={gebruikers / OPBOUW_S:g}",
        f"--run-time={OPBOUW_S + meet_s + UITLOOP_S}",
        "--stop-timeout=15",  # a request under way when the run ends is answered, not cut off
        tijdens=cpu_in_venster,
    )
    ijk_na = omgeving.ijkpunt()
    if not bestand.exists():
        print("locust schreef geen metingen.", file=sys.stderr)
        return 1
    data = json.loads(bestand.read_text())
    metingen = [Meting(*m) for m in data["metingen"]]
    opgebouwd = data["spawning_klaar"][0] if data["spawning_klaar"] else start + OPBOUW_S
    venster = [m for m in metingen if opgebouwd <= m.start < opgebouwd + meet_s]

    namen = sorted({m.naam for m in metingen} - {BASISLIJN})
    app = [m for m in venster if m.naam != BASISLIJN]
    basis = [m for m in venster if m.naam == BASISLIJN]
    mislukt = [m for m in metingen if m.fout]
    fouten = len(mislukt) + uitzonderingen

    def tijden(lijst):
        return [m.ms for m in lijst]

    def mislukt_van(namen_):
        return sum(1 for m in mislukt if m.naam in namen_)

    p95_app = omgeving.percentiel(tijden(app), 95) if app else float("nan")
    p50_app = omgeving.percentiel(tijden(app), 50) if app else float("nan")
    p95_basis = omgeving.percentiel(tijden(basis), 95) if basis else float("nan")
    p50_basis = omgeving.percentiel(tijden(basis), 50) if basis else float("nan")
    heel = [m for m in metingen if m.naam != BASISLIJN]
    gehaald = fouten == 0 and p95_app < DOEL_P95_MS

    zoeken = {}
    for m in venster:
        if m.naam.startswith("zoeken"):
            zoeken.setdefault(urlsplit(m.url).query, []).append(m.ms)
    traagst = sorted(zoeken.items(), key=lambda kv: -statistics.median(kv[1]))[:5]
    cpu_regel = []
    if len(cpu) == 2:
        voor, na = cpu
        duur = na["tijd"] - voor["tijd"]
        verbruik = {k: (na[k] - voor[k]) / duur for k in ("app", "db", "locust", "bezet")}
        ander = max(0.0, verbruik["bezet"] - verbruik["app"] - verbruik["db"] - verbruik["locust"])
        per_verzoek = (na["app"] - voor["app"] + na["db"] - voor["db"]) / max(
            1, len(app) + len(basis)
        )
        cpu_regel = [
            "",
            f"CPU in het venster ({duur:.0f} s, in cores van de {os.cpu_count()}): app "
            f"(gunicorn) {verbruik['app']:.2f}, PostgreSQL {verbruik['db']:.2f}, locust "
            f"{verbruik['locust']:.2f}, ander werk op de machine {ander:.2f}; samen "
            f"{verbruik['bezet']:.2f} bezet. App en database samen: {per_verzoek * 1000:.0f} ms "
            "CPU per verzoek."
            + (
                f" Let op: ander werk nam {ander / os.cpu_count():.0%} van de machine; deze "
                "tijden zeggen dan vooral iets over de machine, niet over de app."
                if ander > 0.25 * os.cpu_count()
                else ""
            ),
        ]
    aangeboden = gebruikers / statistics.mean(DENKTIJD)  # per second, if every answer were instant
    doorvoer = (len(app) + len(basis)) / meet_s
    vraag_regel = (
        f"Aangeboden: {gebruikers} gebruikers met gemiddeld {statistics.mean(DENKTIJD):g} s "
        f"denktijd vragen, als elk antwoord meteen kwam, {aangeboden:.0f} verzoeken per seconde; "
        f"gedaan: {doorvoer:.1f} per seconde (basislijn inbegrepen). "
        + (
            "De app hield de vraag bij."
            if doorvoer >= 0.9 * aangeboden
            else "De app hield de vraag niet bij: de verzoeken wachtten in de rij van gunicorn, "
            "dus de tijden hierboven zijn vooral wachttijd; vergelijk de basislijn."
        )
    )
    foutsoorten = Counter(f"{m.naam}: {m.fout}" for m in mislukt).most_common(5)

    tekst = "\n".join(
        [
            f"## Onder belasting: realistisch, {gebruikers} lezers met denktijd (`make loadtest`)",
            "",
            f"- Gemeten: {omgeving.tijdstip()}, commit {omgeving.commit()}",
            f"- Machine: {omgeving.machine()}; locust draait op dezelfde machine.",
            f"- Snelheid van de machine: {ijk_voor} (voor), {ijk_na} (na)",
            f"- Opstelling: dezelfde {INSTANTIES} gunicorn-instanties met elk {WORKERS} "
            f"sync-workers (poorten {' en '.join(map(str, poorten))})"
            + (", direct na de verzadigingsrun" if na_verzadiging else ", vers gestart")
            + f"; één PostgreSQL met {getal(Expert.objects.count())} experts.",
            f"- Belasting: locust headless, {gebruikers} ingelogde gebruikers "
            f"({sum(s['stuurgroep'] for s in instellingen['sessies'][:gebruikers])} "
            f"stuurgroepleden, de rest professionals) die alleen lezen, met "
            f"{DENKTIJD[0]}–{DENKTIJD[1]} s denktijd tussen twee pagina's (gelijkmatig "
            f"verdeeld). Opbouw in {OPBOUW_S} s ({gebruikers / OPBOUW_S:g} gebruikers per "
            f"seconde), dan {MEETDUUR} gemeten. Taken: zoeken (4) met de {len(ZOEKVRAGEN)} "
            "vragen van `make bench`, de eerste keer als hele pagina en daarna de helft van "
            "de keren als het deel dat htmx vraagt; een profiel uit de laatste resultaten (4); "
            "de matrix van de huidige ronde (1) of van een jaar (1); een inspanning (1); en "
            "`/privacy/` (1), een statische pagina achter de login, als basislijn in dezelfde "
            "run.",
            f"- Gemeten venster: de verzoeken die begonnen nadat alle {gebruikers} gebruikers "
            f"er waren, {meet_s} s lang (de opbouw telt niet mee); mislukt telt over de hele "
            "run, opbouw inbegrepen. Percentielen: nearest-rank over de losse verzoeken.",
            "",
            "| verzoek | aantal | mislukt | per seconde | p50 | p95 | p99 | max |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
            *(
                realistisch_regel(
                    naam,
                    [m.ms for m in venster if m.naam == naam],
                    mislukt_van({naam}),
                    meet_s,
                )
                for naam in namen
            ),
            realistisch_regel(
                "**alles samen** (zonder basislijn)", tijden(app), mislukt_van(set(namen)), meet_s
            ),
            realistisch_regel(BASISLIJN, tijden(basis), mislukt_van({BASISLIJN}), meet_s),
            "",
            f"Doel: 0 mislukte verzoeken en p95 onder {DOEL_P95_MS} ms: "
            f"**{'gehaald' if gehaald else 'niet gehaald'}** (p95 {ms(p95_app)}, mediaan "
            f"{ms(p50_app)}, {fouten} mislukte verzoeken en fouten in het script). "
            + (
                f"Tegen de basislijn: p95 {p95_app / p95_basis:.1f} × en mediaan "
                f"{p50_app / p50_basis:.1f} × die van `/privacy/` ({ms(p95_basis)} en "
                f"{ms(p50_basis)}). "
                if basis
                else ""
            )
            + f"De hele run, opbouw inbegrepen: {getal(len(heel))} verzoeken, "
            f"p95 {ms(omgeving.percentiel(tijden(heel), 95)) if heel else '–'}.",
            "",
            vraag_regel,
            "",
            "De traagste zoekvragen in het venster (mediaan): "
            + "; ".join(f"`{vraag}` {ms(statistics.median(t))} ({len(t)}×)" for vraag, t in traagst)
            + ".",
            *cpu_regel,
            *(
                ["", "Fouten: " + "; ".join(f"{soort} ({n}×)" for soort, n in foutsoorten) + "."]
                if foutsoorten
                else []
            ),
        ]
    )
    omgeving.schrijf_sectie("loadtest-realistisch", tekst)
    print(tekst)
    return fouten


def main() -> int:
    scenario = os.environ.get("LOADTEST_SCENARIO", "")
    if scenario not in ("", "verzadiging", "realistisch"):
        sys.exit("LOADTEST_SCENARIO is verzadiging of realistisch (leeg: allebei).")
    url = omgeving.database_url()
    omgeving.django_opzetten(url)
    from experts.models import Expert
    from inspanningen.models import Inspanning, Ronde

    open_ronde = Ronde.objects.filter(status=Ronde.Status.OPEN).order_by("-jaar").first()
    if open_ronde is None and scenario != "realistisch":
        sys.exit("Geen open ronde om in op te slaan.")
    aantal = max(
        GEBRUIKERS if scenario != "realistisch" else 0,
        REALISTISCH_GEBRUIKERS if scenario != "verzadiging" else 0,
    )
    instellingen = {
        "sessies": sessies(aantal),
        "zoekvragen": ZOEKVRAGEN,
        "profielen": list(Expert.objects.order_by("pk").values_list("slug", flat=True))[::20],
        "open_jaar": open_ronde.jaar if open_ronde else None,
        "jaren": list(Ronde.objects.order_by("jaar").values_list("jaar", flat=True)),
        "inspanningen": list(
            Inspanning.objects.order_by("nummer").values_list("nummer", flat=True)
        ),
    }
    UIT.mkdir(parents=True, exist_ok=True)
    poorten = [free_port() for _ in range(INSTANTIES)]
    instellingen["hosts"] = [f"http://127.0.0.1:{p}" for p in poorten]
    servers = [start_gunicorn(p) for p in poorten]
    fouten = 0
    try:
        for host in instellingen["hosts"]:
            wacht_op(host)
        if scenario != "realistisch":
            fouten += verzadiging(instellingen, poorten)
            time.sleep(5)  # the last requests of the saturation run are answered first
        if scenario != "verzadiging":
            fouten += realistisch(instellingen, servers, poorten, na_verzadiging=scenario == "")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait()
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
