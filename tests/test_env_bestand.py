""".env is for a developer's machine only: a .env that switches debug on where the other settings
point at a server stops the app."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow  # subprocesses
PROBE = "import django; from django.conf import settings; django.setup(); print(settings.DEBUG)"
SERVER = {"DATABASE_URL": "postgres://gg@db.example.org:5432/gezondgewicht"}


def _run(tmp_path, env_bestand: str, **env) -> subprocess.CompletedProcess:
    bestand = tmp_path / ".env"
    bestand.write_text(env_bestand)
    schoon = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    schoon.update(DJANGO_SETTINGS_MODULE="gezondgewicht.settings", DJANGO_ENV_FILE=str(bestand))
    schoon.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=schoon, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_ALLOWED_HOSTS": "gezondgewicht.example.org", **SERVER},
        {"DJANGO_SECURE": "1", **SERVER},
    ],
)
def test_debug_from_env_on_a_server_stops_the_app(tmp_path, env):
    result = _run(tmp_path, "DJANGO_DEBUG=1\n", **env)
    assert result.returncode != 0
    assert ".env is alleen voor lokale ontwikkeling" in result.stderr


def test_debug_from_env_on_this_machine_runs(tmp_path):
    result = _run(tmp_path, "DJANGO_DEBUG=1\nDJANGO_ALLOWED_HOSTS=127.0.0.1,localhost\n", **SERVER)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_debug_set_in_the_environment_itself_is_a_deliberate_choice(tmp_path):
    result = _run(
        tmp_path, "", DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS="staging.example.org", **SERVER
    )
    assert result.returncode == 0, result.stderr
