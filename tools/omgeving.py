"""What `make bench` and `make loadtest` share: a PostgreSQL database with 10,000 fictional
experts and five rounds, production settings (DEBUG off, the manifest static files), and the
machine and commit to write next to the figures.

Run as scripts (`python -m tools.bench`)."""

import os
import platform
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
BENCH_DATABASE = "gg_bench"  # on the embedded server, unless DATABASE_URL names another
# `make bench N=100000`: how many experts; a size other than 10,000 gets a database of its own
# (gg_bench_100000), so that the two sizes can be measured one after the other.
EXPERTS = int(os.environ.get("BENCH_EXPERTS") or 10_000)
RONDES = 5
KENNIS = 5000  # fictional knowledge items (issue 15: the kennisbank at 5,000 items)
RAPPORT = ROOT / "docs" / "performance.md"


def productie_omgeving(database_url: str) -> dict[str, str]:
    """The environment of a production process, on plain http on this machine."""
    return {
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE": "0",  # no TLS on 127.0.0.1; everything else as in production
        "DJANGO_SECRET_KEY": "prestatiemeting-" + os.urandom(16).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_STATIC_ROOT": str(ROOT / "var" / "perf-static"),
        "DJANGO_ENV_FILE": os.devnull,  # not the developer's .env with DEBUG on
        "DJANGO_SETTINGS_MODULE": "gezondgewicht.settings",
    }


def database_url() -> str:
    """The database gg_bench (gg_bench_100000 for another size) on the server DATABASE_URL
    names, or on the embedded server in var/postgres (started or joined; this process keeps it
    running until it exits). Never the database DATABASE_URL itself names: the measurement
    fills its database with tens of thousands of fictional experts."""
    url = os.environ.get("DATABASE_URL")
    if url:
        if not url.startswith(("postgres://", "postgresql://")):
            sys.exit("De meting draait op PostgreSQL: zet DATABASE_URL=postgres://…")
        basis, naam = url.rsplit("/", 1)
        _naam, _, opties = naam.partition("?")
        return f"{basis}/{BENCH_DATABASE}{_achtervoegsel()}" + (f"?{opties}" if opties else "")
    from core.database import embedded_database_url

    return embedded_database_url(
        ROOT / "var" / "postgres", database=BENCH_DATABASE + _achtervoegsel()
    )


def _achtervoegsel() -> str:
    return "" if EXPERTS == 10_000 else f"_{EXPERTS}"


def django_opzetten(url: str) -> None:
    """Production settings in this process, then the database: created if missing, migrated,
    static files collected, reference data, 10,000 experts, five rounds and 5,000 knowledge
    items (only what is missing is added, so a second run starts at once)."""
    os.environ.update(productie_omgeving(url))
    _maak_database(url)
    import django
    from django.core.management import call_command

    django.setup()
    for args in (
        ["migrate", "--no-input", "-v", "0"],
        ["collectstatic", "--no-input", "-v", "0"],
        ["laad_referentiedata"],
        ["demo_data", "--experts", str(EXPERTS), "--rondes", str(RONDES), "--kennis", str(KENNIS)],
    ):
        call_command(*args)
    _onderhoud()


# As on a production server with SSDs (docs/schaal.md): random reads cost little more than
# sequential ones. And fresh statistics, as autovacuum would have made after the bulk load.
PG_INSTELLINGEN = {"random_page_cost": "1.1"}


def _onderhoud() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for naam, waarde in PG_INSTELLINGEN.items():
            cursor.execute(
                f"ALTER DATABASE {connection.settings_dict['NAME']} SET {naam} = {waarde}"
            )
            cursor.execute(f"SET {naam} = {waarde}")
        cursor.execute("VACUUM ANALYZE")
    connection.close()  # the next connection starts with the database's settings


def _maak_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    naam = url.rsplit("/", 1)[1].split("?")[0]
    beheer = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(beheer, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))


def machine() -> str:
    cpu = next(
        (
            regel.split(":", 1)[1].strip()
            for regel in Path("/proc/cpuinfo").read_text().splitlines()
            if regel.startswith("model name")
        ),
        platform.processor() or "onbekende processor",
    )
    geheugen = next(
        int(regel.split()[1]) // (1024 * 1024)
        for regel in Path("/proc/meminfo").read_text().splitlines()
        if regel.startswith("MemTotal")
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0].split()[0]
        instellingen = []
        for naam in ("shared_buffers", "work_mem", "random_page_cost"):
            cursor.execute(f"SHOW {naam}")
            instellingen.append(f"{naam} {cursor.fetchone()[0]}")
    return (
        f"{os.cpu_count()} cores ({cpu}), {geheugen} GiB, Python {platform.python_version()}, "
        f"PostgreSQL {pg} ({', '.join(instellingen)})"
    )


def tijdstip() -> str:
    return f"{datetime.now(ZoneInfo('Europe/Amsterdam')):%Y-%m-%d %H:%M} (Europe/Amsterdam)"


def commit() -> str:
    def git(*args):
        return subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        " (met lokale wijzigingen)" if git("status", "--porcelain") else ""
    )


def schrijf_sectie(naam: str, inhoud: str) -> None:
    """Replaces one section of docs/performance.md (between its markers), keeping the rest."""
    begin, eind = f"<!-- {naam}:begin -->", f"<!-- {naam}:eind -->"
    tekst = RAPPORT.read_text() if RAPPORT.exists() else ""
    blok = f"{begin}\n{inhoud.strip()}\n{eind}"
    if begin in tekst and eind in tekst:
        voor, rest = tekst.split(begin, 1)
        tekst = voor + blok + rest.split(eind, 1)[1]
    else:
        tekst = tekst.rstrip() + "\n\n" + blok + "\n"
    RAPPORT.write_text(tekst)


def percentiel(waarden: list[float], p: float) -> float:
    """Nearest-rank percentile: the value below which p % of the samples fall."""
    geordend = sorted(waarden)
    return geordend[max(0, -(-len(geordend) * p // 100) - 1)]


def ijkpunt() -> str:
    """A fixed pure-Python loop, timed five times: how fast, and how steady, the CPU was during
    the run. On a shared virtual machine the same code can take 40 % longer from one minute to
    the next; compare runs by this figure too."""
    tijden = []
    for _ in range(5):
        start = time.perf_counter()
        som = 0
        for i in range(1_000_000):
            som += i * i
        tijden.append((time.perf_counter() - start) * 1000)
    return (
        f"ijklus (1 miljoen optellingen): snelst {min(tijden):.0f} ms, traagst {max(tijden):.0f} ms"
    )
