import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

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
    content = r.content.decode()
    assert "<title>Fout: Inloggen" in content
    assert "Er is een probleem" in content
    assert "wachtwoord" in content.lower()


def test_the_login_page_is_dutch_and_in_our_layout(client):
    r = client.get(reverse("account_login"))
    content = r.content.decode()
    assert '<html lang="nl"' in content
    assert 'href="#inhoud"' in content  # our skip link, so our base.html
    assert "Wachtwoord vergeten?" in content
    assert 'name="login"' in content


def test_there_is_no_open_sign_up(client):
    r = client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@example.org",
            "password1": "een-heel-lang-wachtwoord",
            "password2": "een-heel-lang-wachtwoord",
        },
    )
    assert not User.objects.filter(email="nieuw@example.org").exists()
    assert r.status_code == 200
    assert "Aanmelden kan alleen met een e-mailadres van een partnerorganisatie" in (
        r.content.decode()
    )


def test_logout_is_a_post(client, verified_user):
    client.force_login(verified_user)
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
