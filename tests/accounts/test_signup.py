"""Sign-up (account_signup) is closed: only with an address on a partner organisation's e-mail
domain, or with an invitation (tests/accounts/test_uitnodigingen.py)."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import roles
from accounts.models import User
from experts.models import Organisatie
from tests.factories import OrganisatieFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
WACHTWOORD = "een-lang-en-sterk-wachtwoord"
GESLOTEN = "Aanmelden kan alleen met een e-mailadres van een partnerorganisatie"


def _aanmelden(client, email):
    return client.post(SIGNUP, {"email": email, "password1": WACHTWOORD, "password2": WACHTWOORD})


def test_there_is_no_open_sign_up(client):
    r = _aanmelden(client, "nieuw@example.org")
    assert r.status_code == 200
    assert GESLOTEN in r.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert not mail.outbox


def test_an_address_on_a_partner_domain_signs_up_as_professional(client):
    OrganisatieFactory(naam="GGD Drenthe", emaildomeinen="ggddrenthe.nl; @ggd.example.org")
    r = _aanmelden(client, "Jan.Jansen@GGDDrenthe.nl")
    assert r.status_code == 302
    user = User.objects.get(email="jan.jansen@ggddrenthe.nl")
    assert list(user.groups.values_list("name", flat=True)) == [roles.PROFESSIONAL]
    assert not EmailAddress.objects.get(user=user).verified  # verification is mandatory
    assert [m.to for m in mail.outbox] == [["jan.jansen@ggddrenthe.nl"]]
    assert "Bevestig uw e-mailadres" in mail.outbox[0].subject


@pytest.mark.parametrize("email", ["jan@ggddrenthe.nl.evil.org", "jan@nietggddrenthe.nl", "jan@x"])
def test_a_look_alike_domain_is_refused(client, email):
    OrganisatieFactory(naam="GGD Drenthe", emaildomeinen="ggddrenthe.nl")
    r = _aanmelden(client, email)
    assert r.status_code == 200 and not User.objects.filter(email=email).exists()
    assert not mail.outbox


def test_e_mail_domains_must_be_domains():
    org = Organisatie(naam="X", emaildomeinen="ggddrenthe.nl; niet een domein")
    with pytest.raises(ValidationError, match="niet een domein"):
        org.full_clean()
