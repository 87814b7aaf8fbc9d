"""One normalised form of an e-mail address (core.text.normalise_email): NFKC, then lower case,
for accounts, profiles, invitations and the link between account and profile. A look-alike
address never takes over someone else's profile, and never breaks anyone's login."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from core.text import normalise_email
from experts.models import Expert
from experts.services import koppel_account
from tests.factories import PASSWORD, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db

ECHT = "j.smit@welzijn-drenthe.nl"
DOTLESS = "j.smit@welz\u0131jn-drenthe.nl"  # ı, a separate and registrable domain


def _account(email: str, *, bevestigd: bool = True) -> User:
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=user.email, verified=bevestigd, primary=True)
    return user


@pytest.mark.parametrize(
    ("invoer", "genormaliseerd"),
    [
        ("J.Smit@Welzijn-Drenthe.NL", ECHT),  # upper case
        ("\uff4a.smit@welzijn-drenthe.nl", ECHT),  # full-width ｊ
        ("\u212akees@example.org", "kkees@example.org"),  # the Kelvin sign K
        (DOTLESS, DOTLESS),  # stays a different address
        ("  j.smit@welzijn-drenthe.nl ", ECHT),
    ],
)
def test_one_normal_form(invoer, genormaliseerd):
    assert normalise_email(invoer) == genormaliseerd


def test_a_dotless_i_address_never_links_to_the_real_profile(client):
    jannie = ExpertFactory(naam="Jannie Smit", email=ECHT)
    indringer = _account(DOTLESS)
    client.force_login(indringer)  # logging in links an account to its profile
    assert koppel_account(indringer) is None
    jannie.refresh_from_db()
    assert jannie.user is None
    assert not Expert.objects.filter(user=indringer).exists()


@pytest.mark.parametrize("variant", ["J.SMIT@WELZIJN-DRENTHE.NL", "\uff4a.smit@welzijn-drenthe.nl"])
def test_a_variant_that_normalises_to_the_address_is_that_address(variant):
    """Upper case and full-width letters are the same address: an account made with them is
    stored as the address itself, so its owner must confirm the real mailbox, and a second
    account on it is impossible."""
    user = User.objects.create_user(email=variant, password=PASSWORD)
    assert user.email == ECHT
    with pytest.raises(Exception):  # noqa: B017 - the unique constraint, whatever its class
        User.objects.create_user(email=ECHT, password=PASSWORD)


def test_the_kelvin_sign_is_the_letter_k():
    ExpertFactory(naam="Kees", email="kees@example.org")
    user = _account("\u212aees@example.org")
    assert user.email == "kees@example.org"  # the confirmation went to the real mailbox
    assert koppel_account(user).email == "kees@example.org"


def test_an_unconfirmed_address_never_links():
    ExpertFactory(naam="Jannie Smit", email=ECHT)
    user = _account(ECHT, bevestigd=False)
    assert koppel_account(user) is None


def test_the_real_owner_links_on_the_exact_address():
    jannie = ExpertFactory(naam="Jannie Smit", email=ECHT)
    assert koppel_account(_account(ECHT)) == jannie


def test_a_look_alike_account_never_breaks_the_owners_login(client):
    """With a case-insensitive lookup, PostgreSQL's UPPER('ı') = 'I' matched two accounts and
    every password login for the real address answered 500."""
    indringer = _account(DOTLESS)
    jannie = _account(ECHT)
    for email, wie in ((ECHT, jannie), (ECHT.upper(), jannie), (DOTLESS, indringer)):
        client.logout()
        r = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
        assert r.status_code == 302, email
        assert int(client.session["_auth_user_id"]) == wie.pk


def test_only_allauths_backend_authenticates():
    from django.conf import settings

    assert settings.AUTHENTICATION_BACKENDS == [
        "allauth.account.auth_backends.AuthenticationBackend"
    ]


@pytest.mark.parametrize(
    ("invoer", "opgeslagen"), [("J.Smit@Welzijn-DRENTHE.nl", ECHT), (DOTLESS, DOTLESS)]
)
def test_signing_up_stores_the_normal_form(client, invoer, opgeslagen):
    from experts.models import Organisatie

    jannie = ExpertFactory(naam="Jannie Smit", email=ECHT)
    Organisatie.objects.create(
        naam="Welzijn Drenthe", emaildomeinen=f"welzijn-drenthe.nl; {DOTLESS.split('@')[1]}"
    )
    r = client.post(
        reverse("account_signup"),
        {"email": invoer, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert r.status_code == 302
    user = User.objects.get()
    assert user.email == opgeslagen
    assert EmailAddress.objects.get(user=user).email == opgeslagen
    jannie.refresh_from_db()
    assert jannie.user is None  # not confirmed yet: nothing is linked


@pytest.mark.parametrize(
    "ingetypt", ["\uff4a.smit@welzijn-drenthe.nl", " J.SMIT@welzijn-drenthe.nl"]
)
def test_logging_in_takes_the_address_in_the_same_normal_form(client, ingetypt):
    jannie = _account(ECHT)
    r = client.post(reverse("account_login"), {"login": ingetypt, "password": PASSWORD})
    assert r.status_code == 302
    assert int(client.session["_auth_user_id"]) == jannie.pk


def test_the_coordinator_cannot_change_an_address_in_the_admin(client, coordinator):
    """A changed address and then a password reset for it would take the account over."""
    from tests.conftest import recent_ingelogd

    lid = _account("lid@example.org")
    recent_ingelogd(client, coordinator)
    r = client.get(reverse("admin:accounts_user_change", args=[lid.pk]))
    assert 'name="email"' not in r.content.decode()
    client.post(
        reverse("admin:accounts_user_change", args=[lid.pk]),
        {"email": "aanvaller@example.org", "naam": "Lid", "is_active": "on"},
    )
    lid.refresh_from_db()
    assert lid.email == "lid@example.org"
