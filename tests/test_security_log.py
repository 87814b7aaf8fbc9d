"""The security log (core/security_log.py): logins, refused access, role changes, rounds and
exports, in UTC, without passwords or tokens."""

import logging

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts import roles
from tests.conftest import recent_ingelogd
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


class TestSecurityLog:
    @pytest.fixture(autouse=True)
    def _log(self, caplog):
        caplog.set_level(logging.INFO, logger="gezondgewicht.security")
        self.caplog = caplog

    def regels(self):
        return [r for r in self.caplog.records if r.name == "gezondgewicht.security"]

    def tekst(self):
        return "\n".join(r.getMessage() for r in self.regels())

    def test_logins_success_and_failure_without_the_password(self, client):
        user = UserFactory(email="anna@example.org")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        client.post(reverse("account_login"), {"login": user.email, "password": "fout-wachtwoord!"})
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        tekst = self.tekst()
        assert (
            "gebeurtenis=inloggen_mislukt gebruiker=- ip=127.0.0.1 pad=/accounts/login/ "
            "login=anna@example.org"
        ) in tekst
        assert (
            f"gebeurtenis=inloggen gebruiker={user.pk} ip=127.0.0.1 pad=/accounts/login/ "
            f"account={user.pk}"
        ) in tekst
        assert "fout-wachtwoord" not in tekst and PASSWORD not in tekst

    def test_timestamps_are_utc(self):
        from core.security_log import UtcFormatter

        record = logging.LogRecord("x", logging.INFO, "", 0, "m", None, None)
        record.created = 0.0
        record.msecs = 0
        assert UtcFormatter().formatTime(record) == "1970-01-01T00:00:00.000Z"

    def test_refused_access_role_changes_rounds_and_exports(
        self, client, professional, coordinator, ronde_2026
    ):
        client.force_login(professional)
        client.get(reverse("experts:actualiteit"))
        professional.groups.add(*professional.groups.model.objects.filter(name=roles.STUURGROEP))
        recent_ingelogd(client, coordinator)
        client.post(
            reverse("inspanningen:ronde_status", args=[2026, "vaststellen"]),
            {"ondanks_open": "on", "reden": "Stuurgroep akkoord"},
        )
        client.get(reverse("inspanningen:export_csv", args=[2026]))
        client.get(reverse("experts:export"))
        tekst = self.tekst()
        assert "gebeurtenis=toegang_geweigerd" in tekst and "pad=/experts/actualiteit/" in tekst
        assert (
            f"gebeurtenis=rol_gewijzigd account={professional.pk} actie=add rollen=Stuurgroep"
            in tekst
        )
        assert "gebeurtenis=ronde_vastgesteld" in tekst and "jaar=2026" in tekst
        assert "wat=matrix-csv" in tekst and "wat=experts-csv" in tekst

    def test_tokens_in_paths_are_masked(self, client):
        client.get("/uitnodiging/" + "a" * 43 + "/")
        client.get("/accounts/password/reset/key/1-" + "b" * 30 + "/")
        tekst = self.tekst()
        assert "a" * 43 not in tekst and "b" * 30 not in tekst

    def test_the_log_goes_to_a_logger_configured_in_the_settings(self, settings):
        assert "gezondgewicht.security" in settings.LOGGING["loggers"]


def test_the_security_log_masks_a_token_even_when_refused():
    from core.security_log import _pad

    assert _pad("/uitnodiging/" + "x" * 40 + "/") == "/uitnodiging/…/"
    assert _pad("/experts/anna-de-vries/") == "/experts/anna-de-vries/"
