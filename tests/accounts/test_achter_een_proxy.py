"""Behind a load balancer every client arrives from its address: DJANGO_TRUSTED_PROXY_COUNT
tells allauth's rate limits and the security log which address in X-Forwarded-For is the
client's. One client's failed logins never lock the right password out on another."""

import logging

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _inloggen(client, email, wachtwoord, ip):
    client.logout()
    client.post(
        reverse("account_login"),
        {"login": email, "password": wachtwoord},
        HTTP_X_FORWARDED_FOR=ip,
        REMOTE_ADDR="10.0.0.2",  # the load balancer, the same for every client
    )
    return client.session.get("_auth_user_id")


@pytest.fixture
def achter_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def anna(db):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="anna@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_failed_logins_from_one_client_do_not_lock_out_another(client, anna, achter_proxy):
    for _ in range(6):
        assert _inloggen(client, anna.email, "fout wachtwoord", "203.0.113.5") is None
    # From the attacker's client even the right password is refused now ...
    assert _inloggen(client, anna.email, PASSWORD, "203.0.113.5") is None
    # ... but Anna, from her own client, logs in.
    assert int(_inloggen(client, anna.email, PASSWORD, "198.51.100.7")) == anna.pk


def test_one_client_is_limited_across_accounts(client, anna, achter_proxy):
    for n in range(10):
        _inloggen(client, f"iemand{n}@example.org", "fout", "203.0.113.5")
    assert _inloggen(client, anna.email, PASSWORD, "203.0.113.5") is None
    assert int(_inloggen(client, anna.email, PASSWORD, "198.51.100.7")) == anna.pk


def test_the_security_log_names_the_forwarded_client(client, anna, achter_proxy, caplog):
    caplog.set_level(logging.INFO, logger="gezondgewicht.security")
    _inloggen(client, anna.email, PASSWORD, "198.51.100.7")
    regels = [r.getMessage() for r in caplog.records if r.name == "gezondgewicht.security"]
    assert any("gebeurtenis=inloggen" in r and "ip=198.51.100.7" in r for r in regels), regels
    assert not any("ip=10.0.0.2" in r for r in regels)
