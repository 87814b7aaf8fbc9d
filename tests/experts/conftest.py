import pytest

from tests.factories import ExpertFactory, UserFactory


@pytest.fixture
def eigenaar(referentie):
    """Anna, a dietitian in Emmen, with her account linked to her profile."""
    user = UserFactory(email="anna@example.org", naam="Anna de Vries")
    expert = ExpertFactory(
        naam="Anna de Vries",
        email="anna@example.org",
        telefoon="0591 123 456",
        functie="Diëtist",
        toelichting="Ik werk met gezinnen in Emmen.",
        user=user,
        expertise=["Gezonde voeding"],
        gemeenten=["Emmen"],
    )
    return user, expert
