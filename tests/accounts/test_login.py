import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.markup import find, page_text, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_user():
    user = UserFactory(email="lid@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_login_with_email_address_works(client, verified_user):
    r = client.post(reverse("account_login"), {"login": "lid@example.org", "password": PASSWORD})
    assert r.status_code == 302
    assert client.session["_auth_user_id"] == str(verified_user.pk)


def test_login_ignores_the_case_of_the_email_address(client, verified_user):
    r = client.post(reverse("account_login"), {"login": "LID@Example.org", "password": PASSWORD})
    assert r.status_code == 302
    assert client.session["_auth_user_id"] == str(verified_user.pk)


def test_a_wrong_password_is_refused_with_a_dutch_message(client, verified_user):
    r = client.post(
        reverse("account_login"), {"login": "lid@example.org", "password": "fout-wachtwoord-123"}
    )
    assert r.status_code == 200
    assert "_auth_user_id" not in client.session
    assert title(r).startswith("Fout: Inloggen")
    tekst = page_text(r)
    assert "Er is een probleem" in tekst
    assert "wachtwoord" in tekst.lower()


def test_the_login_page_is_dutch_and_in_our_layout(client):
    r = client.get(reverse("account_login"))
    assert find(r, "html").attrs["lang"] == "nl"
    assert find(r, "a", cls="utrecht-skip-link").attrs["href"] == "#inhoud"  # our base.html
    assert "Wachtwoord vergeten?" in page_text(r)
    assert find(r, "input", name="login").attrs["type"] == "email"


def test_logout_is_a_post(client, verified_user):
    client.force_login(verified_user)
    r = client.get(reverse("account_logout"))
    assert r.status_code == 200  # a page that asks, with a form
    assert client.session["_auth_user_id"] == str(verified_user.pk)
    r = client.post(reverse("account_logout"))
    assert r.status_code == 302
    assert "_auth_user_id" not in client.session


def test_account_email_is_unique_ignoring_case():
    UserFactory(email="dubbel@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="Dubbel@Example.org", password=PASSWORD)
    assert User.objects.filter(email__iexact="dubbel@example.org").count() == 1


def test_users_have_no_username_field():
    assert not any(f.name == "username" for f in User._meta.get_fields())
    assert User.USERNAME_FIELD == "email"
