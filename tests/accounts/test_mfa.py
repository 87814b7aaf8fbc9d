import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.urls import reverse

from accounts import roles
from tests.conftest import met_mfa, recent_ingelogd
from tests.factories import PASSWORD, ExpertFactory, UserFactory
from tests.markup import find

pytestmark = pytest.mark.django_db

ACTIVEREN = reverse("mfa_activate_totp")


@pytest.fixture
def zonder_mfa(db, request):
    """A user of the given role who has not set up two-factor authentication."""
    rol = request.param
    return UserFactory(
        roles=[rol] if rol != "staff" else [], is_staff=rol in (roles.COORDINATOR, "staff")
    )


@pytest.mark.parametrize("zonder_mfa", [roles.COORDINATOR, roles.STUURGROEP], indirect=True)
def test_editors_without_mfa_are_sent_to_set_it_up_on_every_edit_page(
    client, zonder_mfa, ronde_2026
):
    client.force_login(zonder_mfa)
    expert = ExpertFactory(user=zonder_mfa)
    for url in [
        reverse("inspanningen:matrix_bewerken", args=[2026]),
        reverse("experts:mijn_profiel"),
        reverse("experts:bewerken", args=[expert.slug]),
        reverse("inspanningen:vertrek", args=[expert.slug]),
    ]:
        r = client.get(url)
        assert r.status_code == 302 and r.url == ACTIVEREN, url
    r = client.post(reverse("experts:bevestigen"))
    assert r.status_code == 302 and r.url == ACTIVEREN
    expert.refresh_from_db()
    assert expert.laatst_bevestigd_op is None  # nothing was confirmed


@pytest.mark.parametrize("zonder_mfa", ["staff"], indirect=True)
def test_staff_without_mfa_cannot_use_the_admin(client, zonder_mfa):
    client.force_login(zonder_mfa)
    r = client.get(reverse("admin:index"))
    assert r.status_code == 302 and r.url == ACTIVEREN


def test_reading_needs_no_mfa_and_professionals_edit_without_it(client, professional, referentie):
    expert = ExpertFactory(user=professional)
    client.force_login(professional)
    assert client.get(reverse("experts:mijn_profiel")).status_code == 200
    assert client.get(reverse("inspanningen:matrix")).status_code == 200
    r = client.post(reverse("experts:bevestigen"))
    assert r.status_code == 302 and r.url == expert.get_absolute_url()
    expert.refresh_from_db()
    assert expert.laatst_bevestigd_op is not None


def test_with_mfa_the_edit_pages_open(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    assert client.get(reverse("inspanningen:matrix_bewerken", args=[2026])).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_setup_page_offers_totp_in_our_layout(client):
    user = UserFactory(roles=[roles.COORDINATOR])
    recent_ingelogd(client, user)
    r = client.get(ACTIVEREN)
    assert r.status_code == 200
    assert "gg-theme" in find(r, "body").classes  # our base.html
    assert find(r, "a", cls="utrecht-skip-link").attrs["href"] == "#inhoud"


def test_logging_in_with_totp_asks_for_the_code(client):
    user = met_mfa(UserFactory(email="coord@example.org", roles=[roles.COORDINATOR]))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    r = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert r.status_code == 302 and r.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not logged in before the second step
    secret = decrypt(Authenticator.objects.get(user=user, type="totp").data["secret"])
    code = format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))
    r = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert r.status_code == 200 and "_auth_user_id" not in client.session
    r = client.post(reverse("mfa_authenticate"), {"code": code})
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
