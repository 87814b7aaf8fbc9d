"""PostgreSQL everywhere: the embedded server for a newcomer's machine, a clear line for a
database that cannot be reached, and `migrate` alone makes everything the app needs."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="gezondgewicht.settings", DJANGO_ENV_FILE=os.devnull)
    env.update(extra)
    return env


@pytest.mark.slow  # a subprocess
def test_a_database_that_cannot_be_reached_gives_one_line_naming_the_host():
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate"],
        cwd=ROOT,
        env=_env(DJANGO_DEBUG="1", DATABASE_URL="postgres://gg@127.0.0.1:1/nergens"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    regels = result.stderr.strip().splitlines()
    assert len(regels) == 1
    assert "127.0.0.1:1" in regels[0] and "DATABASE_URL" in regels[0]


# A process that uses the embedded server in a folder: it prints the server's process id and
# the value it finds in a table, then waits for a line on stdin (or to be killed).
GEBRUIKER = textwrap.dedent(
    """
    import sys
    import psycopg
    import dj_database_url
    from core.database import embedded_database_url

    db = dj_database_url.parse(embedded_database_url(sys.argv[1], database="proef"))
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], dbname=db["NAME"], autocommit=True
    ) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS t (waarde text)")
        if sys.argv[2]:
            conn.execute("INSERT INTO t VALUES (%s)", [sys.argv[2]])
        pid = conn.execute("SELECT pg_postmaster_start_time(), pg_backend_pid()").fetchone()
        waarden = [r[0] for r in conn.execute("SELECT waarde FROM t ORDER BY waarde")]
    print(pid[0].isoformat(), ",".join(waarden), flush=True)
    sys.stdin.readline()
    """
)


def _gebruiker(folder: Path, schrijf: str = "") -> subprocess.Popen:
    proces = subprocess.Popen(
        [sys.executable, "-c", GEBRUIKER, str(folder), schrijf],
        cwd=ROOT,
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return proces


def _lees(proces: subprocess.Popen) -> tuple[str, str]:
    regel = proces.stdout.readline().split(" ")
    assert len(regel) == 2, proces.stderr.read()
    return regel[0], regel[1].strip()


def _loopt(folder: Path) -> bool:
    pidfile = folder / "postmaster.pid"
    if not pidfile.exists():
        return False
    pid = int(pidfile.read_text().split()[0])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
def test_processes_share_one_embedded_server_that_survives_a_kill_and_stops_with_the_last(
    tmp_path,
):
    folder = tmp_path / "postgres"
    eerste = _gebruiker(folder, schrijf="a")  # initialises the cluster and starts the server
    start, waarden = _lees(eerste)
    assert waarden == "a" and _loopt(folder)

    tweede = _gebruiker(folder, schrijf="b")  # joins: the same server, the same data
    assert _lees(tweede) == (start, "a,b")

    eerste.send_signal(signal.SIGKILL)  # killed: it never says goodbye
    eerste.wait(timeout=10)
    tweede.communicate("\n", timeout=30)  # the last live user leaves ...
    derde = _gebruiker(folder)  # ... while a third joins the running server
    assert _lees(derde) == (start, "a,b")
    derde.communicate("\n", timeout=30)
    assert not _loopt(folder)  # the last user stopped it, the killed one notwithstanding

    vierde = _gebruiker(folder)  # a later start reuses the cluster: nothing was lost
    nieuwe_start, waarden = _lees(vierde)
    assert waarden == "a,b" and nieuwe_start != start
    vierde.communicate("\n", timeout=30)
    assert not _loopt(folder)


@pytest.mark.django_db(transaction=True)
def test_migrate_alone_makes_the_cache_table_that_the_rate_limits_count_in():
    tabel = "gg_cache"
    call_command("migrate", "core", "zero", verbosity=0)
    assert tabel not in connection.introspection.table_names()
    call_command("migrate", "core", verbosity=0)
    assert tabel in connection.introspection.table_names()
    cache.set("proef", 1)
    assert cache.get("proef") == 1
