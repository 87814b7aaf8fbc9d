"""Exporting everyone's contact details (experts:export) needs the second factor, like an edit
page: a coordinator with a password only is sent to set it up, and gets no file."""

import pytest
from django.urls import reverse

from accounts import roles
from tests.conftest import met_mfa
from tests.factories import ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_without_a_second_factor_there_is_no_export(client):
    ExpertFactory(email="anna@example.org")
    coordinator = UserFactory(roles=[roles.COORDINATOR])
    client.force_login(coordinator)
    r = client.get(reverse("experts:export"))
    assert r.status_code == 302 and r["Location"] == reverse("mfa_activate_totp")
    assert b"anna@example.org" not in r.content


def test_with_a_second_factor_the_export_comes(client):
    ExpertFactory(email="anna@example.org")
    client.force_login(met_mfa(UserFactory(roles=[roles.COORDINATOR])))
    r = client.get(reverse("experts:export"))
    assert r.status_code == 200 and b"anna@example.org" in r.content
