import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import Uitnodiging, User
from experts.models import Expert, Organisatie
from tests.factories import ExpertFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
WACHTWOORD = "een-lang-en-sterk-wachtwoord"


def _aanmelden(client, email):
    return client.post(SIGNUP, {"email": email, "password1": WACHTWOORD, "password2": WACHTWOORD})


def test_an_address_on_a_partner_domain_signs_up_as_professional(client):
    OrganisatieFactory(naam="GGD Drenthe", emaildomeinen="ggddrenthe.nl; @ggd.example.org")
    r = _aanmelden(client, "Jan.Jansen@GGDDrenthe.nl")
    assert r.status_code == 302
    user = User.objects.get(email="jan.jansen@ggddrenthe.nl")
    assert list(user.groups.values_list("name", flat=True)) == [roles.PROFESSIONAL]
    assert not EmailAddress.objects.get(user=user).verified  # verification is mandatory
    assert "Bevestig" in mail.outbox[0].subject or "bevestig" in mail.outbox[0].body.lower()


@pytest.mark.parametrize("email", ["jan@ggddrenthe.nl.evil.org", "jan@nietggddrenthe.nl", "jan@x"])
def test_a_look_alike_domain_is_refused(client, email):
    OrganisatieFactory(naam="GGD Drenthe", emaildomeinen="ggddrenthe.nl")
    r = _aanmelden(client, email)
    assert r.status_code == 200 and not User.objects.filter(email=email).exists()


def test_e_mail_domains_must_be_domains():
    org = Organisatie(naam="X", emaildomeinen="ggddrenthe.nl; niet een domein")
    with pytest.raises(ValidationError, match="niet een domein"):
        org.full_clean()


def test_an_invitation_works_once_and_links_the_profile(client, coordinator):
    expert = ExpertFactory(email="fenna@example.org")
    client.force_login(coordinator)
    r = client.post(reverse("accounts:uitnodigingen"), {"email": "Fenna@Example.org"})
    assert r.status_code == 302
    link = re.search(r"http://testserver(/uitnodiging/[^/\s]+/)", mail.outbox[0].body)[1]
    assert "fenna@example.org" not in link
    client.logout()

    r = client.get(link)
    assert r.status_code == 302 and r.url == SIGNUP
    assert 'value="fenna@example.org"' in client.get(SIGNUP).content.decode()
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
    _aanmelden(client, "iemand.anders@example.org")
    assert not User.objects.filter(email="iemand.anders@example.org").exists()


def test_an_invitation_expires_after_14_days(client, coordinator):
    uitnodiging, token = Uitnodiging.maak(email="fenna@example.org", door=coordinator)
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        verloopt_op=timezone.now() - timedelta(seconds=1)
    )
    r = client.get(reverse("accounts:uitnodiging", args=[token]))
    assert r.status_code == 410 and "niet meer geldig" in r.content.decode()
    assert client.get(reverse("accounts:uitnodiging", args=["verzonnen"])).status_code == 410


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
    assert client.post(reverse("accounts:intrekken", args=[uitnodiging.pk])).status_code == 302
    assert not Uitnodiging.objects.exists()


def test_no_invitation_for_an_existing_account(client, coordinator, professional):
    client.force_login(coordinator)
    r = client.post(reverse("accounts:uitnodigingen"), {"email": professional.email.upper()})
    assert r.status_code == 400 and "Er is al een account" in r.content.decode()
    assert not Uitnodiging.objects.exists()


def test_no_token_is_stored_only_its_hash(coordinator):
    uitnodiging, token = Uitnodiging.maak(email="fenna@example.org", door=coordinator)
    assert token not in uitnodiging.token_hash and len(uitnodiging.token_hash) == 64
    assert Expert.objects.count() == 0
