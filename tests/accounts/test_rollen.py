"""The page Rollen: the Coördinator gives each account one of the app's roles, after giving the
password again, and every change goes to the security log."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from tests.conftest import recent_ingelogd
from tests.factories import UserFactory
from tests.markup import page_text

pytestmark = pytest.mark.django_db

URL = reverse("accounts:rollen")


def _rollen(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def test_the_coordinator_gives_a_role_and_it_is_logged(client, coordinator, caplog):
    lid = UserFactory(email="lid@example.org", roles=[roles.PROFESSIONAL])
    recent_ingelogd(client, coordinator)
    r = client.get(URL)
    assert r.status_code == 200 and "lid@example.org" in page_text(r)
    caplog.set_level(logging.INFO, logger="gezondgewicht.security")
    r = client.post(URL, {"account": lid.pk, "rol": roles.STUURGROEP}, follow=True)
    assert _rollen(lid) == [roles.STUURGROEP]
    assert "heeft nu de rol Stuurgroep" in r.content.decode()
    regels = [rec.getMessage() for rec in caplog.records if rec.name == "gezondgewicht.security"]
    assert any("rol_gewijzigd" in m and f"account={lid.pk}" in m for m in regels)


def test_the_page_asks_for_the_password_again_first(client, coordinator):
    lid = UserFactory(roles=[roles.PROFESSIONAL])
    client.force_login(coordinator)  # logged in long ago: no recent password
    r = client.post(URL, {"account": lid.pk, "rol": roles.COORDINATOR})
    assert r.status_code == 302 and reverse("account_reauthenticate") in r["Location"]
    assert _rollen(lid) == [roles.PROFESSIONAL]


@pytest.mark.parametrize("wie", [None, "professional", "stuurgroep"])
def test_only_the_coordinator_gives_roles(client, wie, request):
    lid = UserFactory(roles=[roles.PROFESSIONAL])
    if wie:
        recent_ingelogd(client, request.getfixturevalue(wie))
    r = client.post(URL, {"account": lid.pk, "rol": roles.COORDINATOR})
    assert r.status_code in ((302,) if wie is None else (403,))
    assert _rollen(lid) == [roles.PROFESSIONAL]


def test_nobody_changes_their_own_role(client, coordinator):
    recent_ingelogd(client, coordinator)
    r = client.post(URL, {"account": coordinator.pk, "rol": roles.PROFESSIONAL})
    assert r.status_code == 400
    assert "Uw eigen rol wijzigt u niet zelf" in r.content.decode()
    assert _rollen(coordinator) == [roles.COORDINATOR]


def test_a_superuser_is_not_managed_here(client, coordinator, superuser):
    recent_ingelogd(client, coordinator)
    assert superuser.email not in page_text(client.get(URL))
    r = client.post(URL, {"account": superuser.pk, "rol": roles.PROFESSIONAL})
    assert r.status_code == 400
    assert superuser.groups.count() == 0


def test_an_unknown_role_is_a_form_error(client, coordinator):
    lid = UserFactory(roles=[roles.PROFESSIONAL])
    recent_ingelogd(client, coordinator)
    r = client.post(URL, {"account": lid.pk, "rol": "Beheerder"})
    assert r.status_code == 400
    assert _rollen(lid) == [roles.PROFESSIONAL]
    assert not Group.objects.filter(name="Beheerder").exists()


def test_search_and_filter_by_role(client, coordinator):
    UserFactory(email="anna@example.org", naam="Anna", roles=[roles.STUURGROEP])
    UserFactory(email="bram@example.org", naam="Bram", roles=[roles.PROFESSIONAL])
    recent_ingelogd(client, coordinator)
    tekst = page_text(client.get(URL, {"rol": roles.STUURGROEP}))
    assert "anna@example.org" in tekst and "bram@example.org" not in tekst
    tekst = page_text(client.get(URL, {"q": "bram"}))
    assert "bram@example.org" in tekst and "anna@example.org" not in tekst


def test_the_query_count_does_not_grow_with_the_accounts(
    client, coordinator, django_assert_max_num_queries
):
    for n in range(25):
        UserFactory(roles=[roles.PROFESSIONAL], email=f"lid{n}@example.org")
    recent_ingelogd(client, coordinator)
    with django_assert_max_num_queries(14):
        assert client.get(URL).status_code == 200
