"""`maak_demo_accounts`: one account per role for a developer's machine, never in production."""

import pytest
from allauth.mfa.utils import is_mfa_enabled
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User

pytestmark = pytest.mark.django_db


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
    assert User.objects.count() == 5
    for email, role, perspectief in [
        ("coordinator@example.org", "Coördinator", ""),
        ("stuurgroep@example.org", "Stuurgroep", "uitvoering"),
        ("bestuur@example.org", "Stuurgroep", "bestuur"),
        ("inwoner@example.org", "Stuurgroep", "inwoner"),
        ("professional@example.org", "Professional", ""),
    ]:
        user = User.objects.get(email=email)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.perspectief == perspectief  # three members, three perspectives
        assert email in out
    assert User.objects.get(email="coordinator@example.org").is_staff
    assert "wachtwoord: demo-gezond-gewicht" in out
    # Editors need two-factor authentication, so the demo editors have it (code 000000 locally).
    assert is_mfa_enabled(User.objects.get(email="coordinator@example.org"))
    assert is_mfa_enabled(User.objects.get(email="stuurgroep@example.org"))
    assert not is_mfa_enabled(User.objects.get(email="professional@example.org"))
    assert "tweestapscode: 000000" in out
