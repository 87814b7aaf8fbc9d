import os
import threading
import time

import pytest
import time_machine
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from hypothesis import HealthCheck, settings

from accounts import roles
from inspanningen import referentiedata
from tests.factories import UserFactory
from tests.klok import MIDDAG

# Property-based tests (tests/test_bad_input.py): a few examples while developing, 200 per form
# in CI. No deadline: a request's time varies with the machine.
_HYPOTHESIS = {"deadline": None, "suppress_health_check": list(HealthCheck)}
settings.register_profile("dev", max_examples=25, **_HYPOTHESIS)
settings.register_profile("ci", max_examples=200, **_HYPOTHESIS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True)
def klok():
    """Every test runs at noon of the same day, with the clock ticking on (tests/klok.py)."""
    with time_machine.travel(MIDDAG, tick=True):
        yield


def met_mfa(user):
    """The user has set up two-factor authentication: TOTP, with its recovery codes."""
    TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)
    return user


# Finalising a round whose cells were not all reviewed: an explicit choice, with a reason.
MET_OPEN_CELLEN = {"ondanks_open": True, "reden": "Vastgesteld met open cellen (test)"}


def nog_een_ronde(jaar: int, door=None):
    """A new round, also while another is still concept or open (the coordinator confirmed)."""
    from inspanningen import services

    onvoltooid = services.onvoltooide_ronde()
    return services.nieuwe_ronde(
        jaar=jaar, door=door, ondanks_onvoltooid=onvoltooid.pk if onvoltooid else None
    )


def in_draad(doel, uitkomst: dict, naam: str) -> threading.Thread:
    """Run `doel` in a thread with its own database connection; its result (or the exception
    it raised) goes into uitkomst[naam]. For tests of two things happening at once."""

    def loop():
        try:
            uitkomst[naam] = doel()
        except Exception as exc:  # noqa: BLE001 - the test inspects what went wrong
            uitkomst[naam] = exc
        finally:
            connection.close()

    draad = threading.Thread(target=loop)
    draad.start()
    return draad


def recent_ingelogd(client, user) -> None:
    """Log in as allauth does, so that a step that needs a recent password (finalising a
    round, deleting a profile, changing roles) goes through without asking again."""
    client.force_login(user)
    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()


@pytest.fixture
def coordinator(db):
    return met_mfa(UserFactory(naam="Coördinator Test", roles=[roles.COORDINATOR], is_staff=True))


@pytest.fixture
def stuurgroep(db):
    return met_mfa(UserFactory(naam="Stuurgroeplid Test", roles=[roles.STUURGROEP]))


@pytest.fixture
def professional(db):
    return UserFactory(naam="Professional Test", roles=[roles.PROFESSIONAL])


@pytest.fixture
def superuser(db):
    return met_mfa(UserFactory(naam="Beheerder Test", is_staff=True, is_superuser=True))


@pytest.fixture
def referentie(db):
    """The real reference data: 5 aanbevelingen, 11 inspanningen and the 2025 round."""
    referentiedata.load()


@pytest.fixture
def ronde_2026(referentie, coordinator):
    """Round 2026, based on 2025, opened for the stuurgroep."""
    from inspanningen import services

    ronde = services.nieuwe_ronde(jaar=2026, door=coordinator)
    return services.wijzig_status(ronde=ronde, actie="openen", door=coordinator)


@pytest.fixture
def concept_2026(referentie, coordinator):
    from inspanningen import services

    return services.nieuwe_ronde(jaar=2026, door=coordinator)
