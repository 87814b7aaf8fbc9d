"""Logging in links the account to the expert profile with the same e-mail address."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import PASSWORD, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_logging_in_links_the_account_to_the_expert_with_that_email(client):
    expert = ExpertFactory(email="anna@example.org")
    user = UserFactory(email="Anna@Example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    r = client.post(reverse("account_login"), {"login": "anna@example.org", "password": PASSWORD})
    assert r.status_code == 302
    expert.refresh_from_db()
    assert expert.user == user
    assert expert.history.first().history_change_reason == "gekoppeld aan account bij inloggen"


def test_linking_never_takes_a_profile_that_is_linked_already(client):
    # Any login links (force_login as well): Bram's free profile is linked ...
    bram = ExpertFactory(email="bram@example.org")
    client.force_login(_geverifieerd(UserFactory(email="bram@example.org")))
    bram.refresh_from_db()
    assert bram.user is not None and bram.user.email == "bram@example.org"
    # ... but a profile that has an account already is never taken over.
    other = UserFactory(email="someone@example.org")
    expert = ExpertFactory(email="anna@example.org", user=other)
    client.force_login(_geverifieerd(UserFactory(email="anna@example.org")))
    expert.refresh_from_db()
    assert expert.user == other


def _geverifieerd(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
