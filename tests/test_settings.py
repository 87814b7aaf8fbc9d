"""The settings are read from the environment and are safe by default."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # subprocesses

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'debug': settings.DEBUG, 'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), 'hosts': settings.ALLOWED_HOSTS, "
    "'host': str(settings.DATABASES['default']['HOST']), 'port': settings.DATABASES['default']['PORT'], "
    "'secure': settings.SECURE_SSL_REDIRECT, "
    "'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE, 'use_tz': settings.USE_TZ}))"
)


def _run(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    clean.update(DJANGO_SETTINGS_MODULE="gezondgewicht.settings", DJANGO_ENV_FILE=os.devnull)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_debug_and_without_a_secret_key_the_app_refuses_to_start():
    result = _run({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY ontbreekt" in result.stderr


def test_debug_is_off_unless_it_is_set():
    result = _run(
        {
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "gezondgewicht.example.org",
            "DATABASE_URL": "postgres://gg@db.example.org:5432/gezondgewicht",
        }
    )
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["hosts"] == ["gezondgewicht.example.org"]
    assert (values["lang"], values["tz"], values["use_tz"]) == ("nl", "Europe/Amsterdam", True)


def test_without_database_url_debug_runs_on_the_embedded_postgresql_under_var():
    values = json.loads(_run({"DJANGO_DEBUG": "1"}).stdout)
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "gezondgewicht"
    # The embedded server listens on a Unix socket only (in var/postgres, or a shorter path).
    assert Path(values["host"], f".s.PGSQL.{values['port']}").is_socket()


def test_without_debug_the_app_refuses_to_start_without_a_database_url():
    result = _run({"DJANGO_SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "DATABASE_URL ontbreekt" in result.stderr


@pytest.mark.parametrize("waarde", ["ture", "ja-hoor", "2", "enabled"])
def test_a_boolean_that_is_neither_yes_nor_no_stops_the_app_naming_the_variable(waarde):
    result = _run({"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_SECURE": waarde})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"DJANGO_SECURE={waarde!r} is geen ja of nee" in result.stderr


@pytest.mark.parametrize(
    ("waarde", "secure"), [("TRUE", True), ("On", True), ("1", True), ("no", False), ("OFF", False)]
)
def test_clear_yes_and_no_are_read_in_any_case(waarde, secure):
    values = json.loads(
        _run(
            {
                "DJANGO_SECRET_KEY": "x" * 50,
                "DJANGO_SECURE": waarde,
                "DATABASE_URL": "postgres://gg@db.example.org:5432/gezondgewicht",
            }
        ).stdout
    )
    assert values["secure"] is secure


def test_a_postgres_database_url_uses_postgresql():
    values = json.loads(
        _run(
            {"DJANGO_DEBUG": "1", "DATABASE_URL": "postgres://gg@db.example.org:5432/gezondgewicht"}
        ).stdout
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "gezondgewicht"


def test_a_local_env_file_fills_in_what_the_environment_leaves_unset(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_DEBUG=1\nDATABASE_URL=postgres://gg@db.example.org/uit_bestand\n")
    values = json.loads(
        _run(
            {
                "DJANGO_ENV_FILE": str(env_file),
                "DATABASE_URL": "postgres://gg@db.example.org/uit_omgeving",
            }
        ).stdout
    )
    assert values["debug"] is True
    assert values["name"] == "uit_omgeving"  # the real environment wins over the file
