"""The demo code 000000 stands in for an authenticator code only with debug on, and only for a
request from this machine itself."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _stap_twee(client, user, code: str, **extra):
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, **extra)
    return client.post(reverse("mfa_authenticate"), {"code": code}, **extra)


@pytest.fixture
def lokaal(settings):
    settings.DEBUG = True
    settings.GG_DEMO_TOTP_CODE = "000000"


def _ingelogd(client) -> int | None:
    return client.session.get("_auth_user_id")


def test_from_this_machine_with_debug_on_the_demo_code_works(client, stuurgroep, lokaal):
    _stap_twee(client, stuurgroep, "000000")
    assert int(_ingelogd(client)) == stuurgroep.pk


def test_from_elsewhere_the_demo_code_is_refused(client, stuurgroep, lokaal):
    r = _stap_twee(client, stuurgroep, "000000", REMOTE_ADDR="192.0.2.10")
    assert _ingelogd(client) is None
    assert r.status_code == 200 and "code" in r.content.decode().lower()


def test_without_debug_the_demo_code_is_refused(client, stuurgroep, settings):
    settings.GG_DEMO_TOTP_CODE = "000000"  # even if it were set: debug is off
    _stap_twee(client, stuurgroep, "000000")
    assert _ingelogd(client) is None


def test_the_settings_have_no_demo_code_without_debug():
    from django.conf import settings

    assert settings.DEBUG is False and settings.GG_DEMO_TOTP_CODE is None
    assert not getattr(settings, "MFA_TOTP_INSECURE_BYPASS_CODE", None)
    assert User.objects.count() == 0
