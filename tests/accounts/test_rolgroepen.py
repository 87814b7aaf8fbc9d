"""The role groups (accounts/roles.py): Coördinator, Stuurgroep and Professional, with their
permissions; changing someone's roles in the admin asks for the password again."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles

pytestmark = pytest.mark.django_db


def _perms(role):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.all()
    }


def test_the_three_role_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Coördinator",
        "Stuurgroep",
        "Professional",
    }


def test_the_coordinator_manages_everything_but_history():
    perms = _perms(roles.COORDINATOR)
    for model in (
        "expert",
        "organisatie",
        "inspanning",
        "aanbeveling",
        "ronde",
        "score",
        "betrokkenheid",
    ):
        for action in ("add", "change", "delete", "view"):
            assert any(p.endswith(f".{action}_{model}") for p in perms), (action, model)
    assert "inspanningen.view_historicalscore" in perms
    assert "inspanningen.change_historicalscore" not in perms
    assert "accounts.change_user" in perms


def test_the_stuurgroep_changes_scores_and_views_the_rest():
    perms = _perms(roles.STUURGROEP)
    assert "inspanningen.change_score" in perms
    assert "inspanningen.view_ronde" in perms
    assert "inspanningen.change_ronde" not in perms
    assert "experts.change_expert" not in perms
    assert not any(p.split(".")[1].startswith(("add_", "delete_")) for p in perms)


def test_professionals_only_view():
    perms = _perms(roles.PROFESSIONAL)
    assert "experts.view_expert" in perms
    assert all(p.split(".")[1].startswith("view_") for p in perms)


def test_user_role_properties(coordinator, stuurgroep, professional, superuser):
    assert coordinator.is_coordinator and not coordinator.is_stuurgroep
    assert stuurgroep.is_stuurgroep and not stuurgroep.is_coordinator
    assert not professional.is_coordinator and not professional.is_stuurgroep
    assert superuser.is_coordinator


def test_changing_an_account_in_the_admin_asks_for_the_password_again(
    client, superuser, professional
):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from tests.conftest import recent_ingelogd

    url = reverse("admin:accounts_user_change", args=[professional.pk])
    data = {
        "email": professional.email,
        "naam": professional.naam,
        "is_active": "on",
        "is_staff": "on",
        "groups": [Group.objects.get(name=roles.COORDINATOR).pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "12:00:00",
    }
    client.force_login(superuser)  # logged in, but not just now
    r = client.post(url, data)
    assert r.status_code == 302 and "/accounts/reauthenticate/" in r.url
    professional.refresh_from_db()
    assert not professional.is_staff and not professional.is_coordinator

    recent_ingelogd(client, superuser)
    r = client.post(url, data)
    assert r.status_code == 302 and "reauthenticate" not in r.url
    professional.refresh_from_db()
    del professional.role_names
    assert professional.is_staff and professional.is_coordinator
