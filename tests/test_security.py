"""Production settings, headers, CSP, error pages, the admin login, passwords and the security log."""

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.views import defaults

from accounts import roles
from tests.conftest import recent_ingelogd
from tests.factories import PASSWORD, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PRODUCTIE = {
    "DJANGO_SECRET_KEY": "p" * 30 + "-een-lange-willekeurige-productiesleutel-0123456789",
    "DJANGO_ALLOWED_HOSTS": "gezondgewicht.example.org",
    "DJANGO_ENV_FILE": os.devnull,
    "DATABASE_URL": "postgres://gg@db.example.org:5432/gezondgewicht",
}


def test_check_deploy_reports_no_issues_with_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(PRODUCTIE, DJANGO_SETTINGS_MODULE="gezondgewicht.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def _paginas(professional, ronde):
    expert = ExpertFactory(naam="Anna de Vries", user=professional)
    return [
        ("/", None),
        ("/experts/", professional),
        ("/experts/?q=gli", professional),
        (expert.get_absolute_url(), professional),
        ("/mijn-profiel/", professional),
        ("/organisaties/", None),
        ("/inspanningen/", None),
        ("/inspanningen/3/", professional),
        ("/aanbevelingen/", None),
        ("/matrix/2025/", None),
        ("/matrix/rondes/", professional),
        ("/matrix/vergelijk/?van=2025&naar=2026", professional),
        ("/privacy/", None),
        ("/accounts/login/", None),
        ("/accounts/signup/", None),
        ("/accounts/password/reset/", None),
        ("/bestaat-niet/", None),
    ]


def test_every_page_type_sends_the_security_headers(client, professional, ronde_2026):
    for url, user in _paginas(professional, ronde_2026):
        if user:
            client.force_login(user)
        r = client.get(url, secure=True)
        assert r["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
        assert r["X-Frame-Options"] == "DENY"
        assert r["X-Content-Type-Options"] == "nosniff"
        assert r["Referrer-Policy"] == "same-origin"
        assert r["Cross-Origin-Opener-Policy"] == "same-origin"
        client.logout()


def test_every_page_type_has_a_strict_csp_and_no_inline_script_or_style(
    client, professional, coordinator, ronde_2026
):
    paginas = _paginas(professional, ronde_2026) + [
        ("/matrix/2026/bewerken/", coordinator),
        ("/admin/", coordinator),
        ("/admin/experts/expert/", coordinator),
        ("/admin/experts/expert/add/", coordinator),
    ]
    for url, user in paginas:
        if user:
            client.force_login(user)
        r = client.get(url)
        csp = r["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp, url
        assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp, url
        assert "unsafe-inline" not in csp, url
        html = r.content.decode()
        if not url.startswith("/admin/"):  # the admin is checked in a browser (issue 6)
            assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
            assert not re.search(r"\sstyle=", html), url
        client.logout()


def test_cookies_are_secure_httponly_and_host_prefixed(client):
    UserFactory(email="anna@example.org")
    r = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD}, secure=True
    )
    cookies = {c.key: c for c in r.cookies.values()}
    for naam in ("__Host-csrftoken", "__Host-sessionid"):
        if naam in cookies:
            assert cookies[naam]["secure"] and cookies[naam]["httponly"], naam
            assert cookies[naam]["path"] == "/" and not cookies[naam]["domain"], naam
    assert "__Host-csrftoken" in cookies or "__Host-sessionid" in cookies


@pytest.mark.parametrize("code", [400, 403, 404, 500])
def test_our_own_error_pages_in_dutch_without_a_stack_trace(rf, code):
    request = rf.get("/x")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    views = {
        400: lambda: defaults.bad_request(request, Exception("geheim-detail")),
        403: lambda: defaults.permission_denied(request, Exception("geheim-detail")),
        404: lambda: defaults.page_not_found(request, Exception("geheim-detail")),
        500: lambda: defaults.server_error(request),
    }
    r = views[code]()
    html = r.content.decode()
    assert r.status_code == code
    assert 'lang="nl"' in html and "Traceback" not in html and "geheim-detail" not in html
    assert {
        400: "Ongeldig verzoek",
        403: "Geen toegang",
        404: "Pagina niet gevonden",
        500: "Er ging iets mis",
    }[code] in html


def test_the_admin_login_goes_through_allauth(client, professional):
    r = client.get("/admin/login/?next=/admin/")
    assert r.status_code == 302 and r.url.startswith("/accounts/login/")
    client.force_login(professional)
    assert client.get("/admin/login/").status_code == 403


def test_passwords_need_twelve_characters_but_no_composition_rules(client, referentie):
    from experts.models import Organisatie

    Organisatie.objects.filter(naam="GGD Drenthe").update(emaildomeinen="ggddrenthe.nl")
    kort = {"email": "a@ggddrenthe.nl", "password1": "kortwachtw1", "password2": "kortwachtw1"}
    r = client.post(reverse("account_signup"), kort)
    assert r.status_code == 200 and "minimaal 12 tekens" in r.content.decode()
    lang = "fietsen langs de hunze"
    r = client.post(
        reverse("account_signup"),
        {"email": "b@ggddrenthe.nl", "password1": lang, "password2": lang},
    )
    assert r.status_code == 302  # lower case letters and spaces only: fine


class TestSecurityLog:
    @pytest.fixture(autouse=True)
    def _log(self, caplog):
        caplog.set_level(logging.INFO, logger="gezondgewicht.security")
        self.caplog = caplog

    def regels(self):
        return [r for r in self.caplog.records if r.name == "gezondgewicht.security"]

    def tekst(self):
        return "\n".join(r.getMessage() for r in self.regels())

    def test_logins_success_and_failure_without_the_password(self, client):
        from allauth.account.models import EmailAddress

        user = UserFactory(email="anna@example.org")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        client.post(reverse("account_login"), {"login": user.email, "password": "fout-wachtwoord!"})
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        tekst = self.tekst()
        assert "gebeurtenis=inloggen_mislukt" in tekst and "login=anna@example.org" in tekst
        assert "gebeurtenis=inloggen gebruiker=- ip=127.0.0.1" in tekst or (
            "gebeurtenis=inloggen" in tekst and f"account={user.pk}" in tekst
        )
        assert "fout-wachtwoord" not in tekst and PASSWORD not in tekst

    def test_timestamps_are_utc(self):
        from core.security_log import UtcFormatter

        record = logging.LogRecord("x", logging.INFO, "", 0, "m", None, None)
        record.created = 0.0
        record.msecs = 0
        assert UtcFormatter().formatTime(record) == "1970-01-01T00:00:00.000Z"

    def test_refused_access_role_changes_rounds_and_exports(
        self, client, professional, coordinator, ronde_2026
    ):
        client.force_login(professional)
        client.get(reverse("experts:actualiteit"))
        professional.groups.add(*professional.groups.model.objects.filter(name=roles.STUURGROEP))
        recent_ingelogd(client, coordinator)
        client.post(reverse("inspanningen:ronde_status", args=[2026, "vaststellen"]))
        client.get(reverse("inspanningen:export_csv", args=[2026]))
        client.get(reverse("experts:export"))
        tekst = self.tekst()
        assert "gebeurtenis=toegang_geweigerd" in tekst and "pad=/experts/actualiteit/" in tekst
        assert (
            f"gebeurtenis=rol_gewijzigd account={professional.pk} actie=add rollen=Stuurgroep"
            in tekst
        )
        assert "gebeurtenis=ronde_vastgesteld" in tekst and "jaar=2026" in tekst
        assert "wat=matrix-csv" in tekst and "wat=experts-csv" in tekst

    def test_tokens_in_paths_are_masked(self, client):
        client.get("/uitnodiging/" + "a" * 43 + "/")
        client.get("/accounts/password/reset/key/1-" + "b" * 30 + "/")
        tekst = self.tekst()
        assert "a" * 43 not in tekst and "b" * 30 not in tekst

    def test_the_log_goes_to_a_logger_configured_in_the_settings(self, settings):
        assert "gezondgewicht.security" in settings.LOGGING["loggers"]


def test_the_security_log_masks_a_token_even_when_refused():
    from core.security_log import _pad

    assert _pad("/uitnodiging/" + "x" * 40 + "/") == "/uitnodiging/…/"
    assert _pad("/experts/anna-de-vries/") == "/experts/anna-de-vries/"


def test_client_without_csrf_token_is_refused_in_dutch(professional):
    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    r = client.post(reverse("experts:bevestigen"))
    assert r.status_code == 403 and "Formulier verlopen" in r.content.decode()
