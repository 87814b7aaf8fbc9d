import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts import roles
from accounts.models import User

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


def test_demo_accounts_are_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="nooit in productie"):
        call_command("maak_demo_accounts")
    assert not User.objects.exists()


def test_demo_accounts_are_made_one_per_role_and_printed(settings, capsys):
    settings.DEBUG = True
    call_command("maak_demo_accounts")
    call_command("maak_demo_accounts")  # a second run neither fails nor duplicates
    out = capsys.readouterr().out
    assert User.objects.count() == 3
    for email, role in [
        ("coordinator@example.org", "Coördinator"),
        ("stuurgroep@example.org", "Stuurgroep"),
        ("professional@example.org", "Professional"),
    ]:
        user = User.objects.get(email=email)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert email in out
    assert User.objects.get(email="coordinator@example.org").is_staff
    assert "wachtwoord: demo-gezond-gewicht" in out
