import pytest
from django.db import connection

from accounts import roles
from inspanningen import referentiedata
from tests.factories import UserFactory


@pytest.fixture
def coordinator(db):
    return UserFactory(naam="Coördinator Test", roles=[roles.COORDINATOR], is_staff=True)


@pytest.fixture
def stuurgroep(db):
    return UserFactory(naam="Stuurgroeplid Test", roles=[roles.STUURGROEP])


@pytest.fixture
def professional(db):
    return UserFactory(naam="Professional Test", roles=[roles.PROFESSIONAL])


@pytest.fixture
def superuser(db):
    return UserFactory(naam="Beheerder Test", is_staff=True, is_superuser=True)


@pytest.fixture
def referentie(db):
    """The real reference data: 5 aanbevelingen, 11 inspanningen and the 2025 round."""
    referentiedata.load()


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://…")


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
