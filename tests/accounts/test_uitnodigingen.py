"""Invitations (accounts:uitnodigingen, accounts:intrekken, accounts:uitnodiging): the
coordinator invites someone by e-mail; the link works once, for that address, for 14 days."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Uitnodiging, User
from experts.models import Expert
from tests.factories import ExpertFactory
from tests.markup import find, page_text

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
WACHTWOORD = "een-lang-en-sterk-wachtwoord"


def _aanmelden(client, email):
    return client.post(SIGNUP, {"email": email, "password1": WACHTWOORD, "password2": WACHTWOORD})


def test_an_invitation_works_once_and_links_the_profile(client, coordinator):
    expert = ExpertFactory(email="fenna@example.org")
    client.force_login(coordinator)
    r = client.post(reverse("accounts:uitnodigingen"), {"email": "Fenna@Example.org"}, follow=True)
    assert r.redirect_chain == [(reverse("accounts:uitnodigingen"), 302)]
    assert "De uitnodiging is verstuurd naar fenna@example.org." in page_text(r)
    assert [m.to for m in mail.outbox] == [["fenna@example.org"]]
    link = re.search(r"http://testserver(/uitnodiging/[^/\s]+/)", mail.outbox[0].body)[1]
    assert "fenna@example.org" not in link
    client.logout()

    r = client.get(link)
    assert r.status_code == 302 and r.url == SIGNUP
    assert find(client.get(SIGNUP), "input", name="email").attrs["value"] == "fenna@example.org"
    r = _aanmelden(client, "fenna@example.org")
    assert r.status_code == 302
    user = User.objects.get(email="fenna@example.org")
    assert EmailAddress.objects.get(user=user).verified  # the invitation came by e-mail
    assert Uitnodiging.objects.get(email="fenna@example.org").gebruikt_op is not None
    expert.refresh_from_db()
    assert expert.user == user  # logged in at once, and linked by e-mail

    client.logout()
    assert client.get(link).status_code == 410


def test_an_invitation_is_for_its_own_address_only(client, coordinator):
    _u, token = Uitnodiging.maak(email="fenna@example.org", door=coordinator)
    client.get(reverse("accounts:uitnodiging", args=[token]))
    r = _aanmelden(client, "iemand.anders@example.org")
    assert r.status_code == 200
    assert "Aanmelden kan alleen met een e-mailadres van een partnerorganisatie" in page_text(r)
    assert not User.objects.filter(email="iemand.anders@example.org").exists()
    assert Uitnodiging.objects.get(email="fenna@example.org").gebruikt_op is None
    # The invitation is still there for its own address.
    assert _aanmelden(client, "fenna@example.org").status_code == 302
    assert User.objects.filter(email="fenna@example.org").exists()


def test_an_invitation_expires_after_14_days(client, coordinator):
    uitnodiging, token = Uitnodiging.maak(email="fenna@example.org", door=coordinator)
    assert uitnodiging.verloopt_op - uitnodiging.aangemaakt_op == timedelta(days=14)
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        verloopt_op=timezone.now() - timedelta(seconds=1)
    )
    r = client.get(reverse("accounts:uitnodiging", args=[token]))
    assert r.status_code == 410 and "niet meer geldig" in r.content.decode()
    assert client.get(reverse("accounts:uitnodiging", args=["verzonnen"])).status_code == 410
    assert _aanmelden(client, "fenna@example.org").status_code == 200
    assert not User.objects.filter(email="fenna@example.org").exists()


def test_only_the_coordinator_invites_and_withdraws(client, professional, stuurgroep, coordinator):
    uitnodiging, _token = Uitnodiging.maak(email="fenna@example.org", door=coordinator)
    for user in (professional, stuurgroep):
        client.force_login(user)
        assert client.get(reverse("accounts:uitnodigingen")).status_code == 403
        assert (
            client.post(reverse("accounts:uitnodigingen"), {"email": "x@example.org"}).status_code
            == 403
        )
        assert client.post(reverse("accounts:intrekken", args=[uitnodiging.pk])).status_code == 403
    assert Uitnodiging.objects.count() == 1 and not mail.outbox
    client.force_login(coordinator)
    r = client.post(reverse("accounts:intrekken", args=[uitnodiging.pk]), follow=True)
    assert r.redirect_chain == [(reverse("accounts:uitnodigingen"), 302)]
    assert "De uitnodiging voor fenna@example.org is ingetrokken." in page_text(r)
    assert not Uitnodiging.objects.exists()


def test_withdrawing_is_a_post(client, coordinator):
    uitnodiging, _token = Uitnodiging.maak(email="fenna@example.org", door=coordinator)
    client.force_login(coordinator)
    assert client.get(reverse("accounts:intrekken", args=[uitnodiging.pk])).status_code == 405
    assert Uitnodiging.objects.filter(pk=uitnodiging.pk).exists()


def test_anonymous_visitors_are_sent_to_login(client, coordinator):
    uitnodiging, _token = Uitnodiging.maak(email="fenna@example.org", door=coordinator)
    r = client.post(reverse("accounts:uitnodigingen"), {"email": "x@example.org"})
    assert r.status_code == 302 and "/accounts/login/" in r.url
    r = client.post(reverse("accounts:intrekken", args=[uitnodiging.pk]))
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert list(Uitnodiging.objects.values_list("email", flat=True)) == ["fenna@example.org"]
    assert not mail.outbox


def test_no_invitation_for_an_existing_account(client, coordinator, professional):
    client.force_login(coordinator)
    r = client.post(reverse("accounts:uitnodigingen"), {"email": professional.email.upper()})
    assert r.status_code == 400 and "Er is al een account" in r.content.decode()
    assert not Uitnodiging.objects.exists() and not mail.outbox


def test_no_token_is_stored_only_its_hash(coordinator):
    uitnodiging, token = Uitnodiging.maak(email="fenna@example.org", door=coordinator)
    assert token not in uitnodiging.token_hash and len(uitnodiging.token_hash) == 64
    assert Expert.objects.count() == 0
