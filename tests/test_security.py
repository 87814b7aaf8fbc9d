"""Production settings, headers, CSP, cookies, error pages, the admin login and passwords (the
security log: tests/test_security_log.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from django.views import defaults

from accounts.models import User
from tests.factories import PASSWORD, ExpertFactory, UserFactory
from tests.markup import find_all

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PRODUCTIE = {
    "DJANGO_SECRET_KEY": "p" * 30 + "-een-lange-willekeurige-productiesleutel-0123456789",
    "DJANGO_ALLOWED_HOSTS": "gezondgewicht.example.org",
    "DJANGO_ENV_FILE": os.devnull,
    "DATABASE_URL": "postgres://gg@db.example.org:5432/gezondgewicht",
}


@pytest.mark.slow  # a subprocess
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
        if not url.startswith("/admin/"):  # the admin is checked in a browser (issue 6)
            elementen = find_all(r)
            assert elementen, url
            assert [e.tag for e in elementen if e.tag == "script" and "src" not in e.attrs] == []
            assert [e.tag for e in elementen if e.tag == "style" or "style" in e.attrs] == [], url
        client.logout()


def test_pages_with_personal_data_are_never_stored(client, professional):
    expert = ExpertFactory(naam="Anna de Vries", user=professional)
    client.force_login(professional)
    for url in [
        expert.get_absolute_url(),
        reverse("experts:zoeken"),
        reverse("experts:mijn_profiel"),
        reverse("mijn_gegevens"),
    ]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "no-store" in r["Cache-Control"], url


def test_cookies_are_secure_httponly_and_host_prefixed(client):
    user = UserFactory(email="anna@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    r = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD}, secure=True
    )
    assert r.status_code == 302  # logged in: a new session, and a new CSRF token with it
    cookies = {c.key: c for c in r.cookies.values()}
    for naam in ("__Host-csrftoken", "__Host-sessionid"):
        assert naam in cookies, naam
        assert cookies[naam]["secure"] and cookies[naam]["httponly"], naam
        assert cookies[naam]["path"] == "/" and not cookies[naam]["domain"], naam
    assert not {"csrftoken", "sessionid"} & set(cookies)


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
    assert not User.objects.filter(email="a@ggddrenthe.nl").exists()
    lang = "fietsen langs de hunze"
    r = client.post(
        reverse("account_signup"),
        {"email": "b@ggddrenthe.nl", "password1": lang, "password2": lang},
    )
    assert r.status_code == 302  # lower case letters and spaces only: fine
    assert User.objects.get(email="b@ggddrenthe.nl").check_password(lang)


def test_client_without_csrf_token_is_refused_in_dutch(professional):
    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    expert = ExpertFactory(user=professional)
    r = client.post(reverse("experts:bevestigen"))
    assert r.status_code == 403 and "Formulier verlopen" in r.content.decode()
    expert.refresh_from_db()
    assert expert.laatst_bevestigd_op is None


def test_the_403_page_gives_a_reason_written_for_the_user_and_no_other_message(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from core.exceptions import GeenToegang
    from gezondgewicht.views import geen_toegang

    request = rf.get("/x")
    request.user = AnonymousUser()
    html = geen_toegang(request, PermissionDenied("geheim-detail")).content.decode()
    assert "geheim-detail" not in html and "U heeft geen toegang" in html
    r = geen_toegang(request, GeenToegang("Alleen de coördinator mag dit doen."))
    assert r.status_code == 403
    assert "Alleen de coördinator mag dit doen." in r.content.decode()
