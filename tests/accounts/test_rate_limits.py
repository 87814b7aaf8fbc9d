"""allauth's rate limits count in the database cache, which every app process shares: failed
logins spread over two separate app servers still hit the limit."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.db import connection

from tests.factories import UserFactory
from tools.machine import free_port

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
# Behind a load balancer every instance sees the public host name (allauth counts per site).
HOST = "gezondgewicht.example.org"


def _database_url() -> str:
    """The test database, for the app servers (the host may be a socket folder)."""
    s = connection.settings_dict
    host = urllib.parse.quote(s["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{host}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def twee_servers(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="gezondgewicht.settings",
        DJANGO_SECRET_KEY="rate-limit-test-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE="0",
        DJANGO_ENV_FILE=os.devnull,
        DATABASE_URL=_database_url(),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    manage = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"]
    subprocess.run(manage, cwd=ROOT, env=env, check=True, timeout=120)
    poorten = [free_port(), free_port()]
    processen = [
        subprocess.Popen(
            [str(GUNICORN), "gezondgewicht.wsgi", "-b", f"127.0.0.1:{p}", "-w", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in poorten
    ]
    try:
        for poort in poorten:
            _wacht_op(poort)
        yield [f"http://127.0.0.1:{p}" for p in poorten]
    finally:
        for proces in processen:
            proces.terminate()
            proces.wait(timeout=10)


def _wacht_op(poort: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server op poort {poort} startte niet")


def _poging(basis: str, wachtwoord: str) -> str:
    """One login attempt on one server, as a browser does it (CSRF cookie and token), through
    a load balancer (the Host header)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{basis}/accounts/login/"
    html = opener.open(urllib.request.Request(url, headers={"Host": HOST})).read().decode()  # noqa: S310
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    data = urllib.parse.urlencode(
        {"login": "anna@example.org", "password": wachtwoord, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(url, data=data, headers={"Host": HOST})  # noqa: S310
    try:
        return opener.open(request).read().decode()
    except urllib.error.HTTPError as fout:
        return fout.read().decode()


def test_failed_logins_count_across_two_app_processes(twee_servers):
    user = UserFactory(email="anna@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    a, b = twee_servers
    # Five failures for one account (the limit), spread 3 + 2 over the two processes:
    # neither process saw five by itself.
    for basis in (a, b, a, b, a):
        assert "Te veel inlogpogingen" not in _poging(basis, "fout-wachtwoord-123")
    # The sixth attempt is refused on both, even with the right password.
    for basis in (a, b):
        assert "Te veel inlogpogingen" in _poging(basis, "een-lang-test-wachtwoord")
