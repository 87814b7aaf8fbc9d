"""Deleting an account never rewrites who did what: an account the audit trail names (a round
it finalised, a score it changed, any history row) is anonymised instead; an account nobody
names is deleted. And an account's name on a page is never its e-mail address."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import ProtectedError
from django.urls import reverse

from accounts.models import User
from accounts.services import verwijder_account
from inspanningen import services
from inspanningen.models import Ronde, Score
from tests.conftest import MET_OPEN_CELLEN, recent_ingelogd
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_account_that_finalised_a_round_is_anonymised(
    client, superuser, coordinator, ronde_2026
):
    EmailAddress.objects.create(user=coordinator, email=coordinator.email, verified=True)
    ronde = services.wijzig_status(
        ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
    )
    recent_ingelogd(client, superuser)
    pagina = client.get(reverse("admin:accounts_user_delete", args=[coordinator.pk]))
    assert "in plaats daarvan anoniem gemaakt" in pagina.content.decode()
    r = client.post(
        reverse("admin:accounts_user_delete", args=[coordinator.pk]), {"post": "yes"}, follow=True
    )
    assert "is daarom anoniem gemaakt" in r.content.decode()
    account = User.objects.get(pk=coordinator.pk)  # still there ...
    assert account.email == f"verwijderd-{account.pk}@example.invalid"  # ... without the person
    assert account.naam == "Verwijderd account" and not account.is_active
    assert not account.has_usable_password() and not account.groups.exists()
    assert not EmailAddress.objects.filter(user=account).exists()
    assert not Authenticator.objects.filter(user=account).exists()
    ronde = Ronde.objects.get(pk=ronde.pk)
    assert ronde.vastgesteld_door_id == account.pk  # the round still says who
    assert Score.history.filter(history_user=account).exists()


def test_an_account_nobody_names_is_deleted(superuser):
    lid = UserFactory()
    assert verwijder_account(lid, door=superuser) == "verwijderd"
    assert not User.objects.filter(pk=lid.pk).exists()


def test_deleting_who_finalised_a_round_is_refused_so_it_cannot_happen_by_accident(
    coordinator, ronde_2026
):
    services.wijzig_status(
        ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
    )
    with pytest.raises(ProtectedError):
        coordinator.delete()


def test_an_account_without_a_name_is_never_called_by_its_address():
    lid = UserFactory(naam="", email="geheim@example.org")
    assert "geheim" not in str(lid) and "@" not in str(lid)
    assert str(lid) == f"account {lid.pk}"
