"""Removing an account. It spans the account, its addresses, second factors and roles."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from simple_history.models import registered_models

from accounts.models import User
from core import security_log
from core.history import vergeet_in_beheerlog

GEANONIMISEERD = "Verwijderd account"


def genoemd_in_geschiedenis(user: User) -> bool:
    """Whether the audit trail names this account: a history row of any audited model, or a
    row that protects it (who finalised a round, who last changed a score)."""
    if any(m.history.filter(history_user=user).exists() for m in registered_models.values()):
        return True
    try:
        Collector(using=DEFAULT_DB_ALIAS).collect([user])
    except (ProtectedError, RestrictedError):
        return True
    return False


@transaction.atomic
def verwijder_account(user: User, *, door) -> str:
    """Delete the account; where the audit trail names it, anonymise it instead, so the record
    keeps who did what (as an account number) and nothing about the person. Returns what
    happened: 'verwijderd' or 'geanonimiseerd'."""
    if not genoemd_in_geschiedenis(user):
        pk = user.pk
        vergeet_in_beheerlog(user, naam=f"account {pk}")
        user.delete()
        security_log.log("account_verwijderd", door=getattr(door, "pk", "-"), account=pk)
        return "verwijderd"
    user.email = f"verwijderd-{user.pk}@example.invalid"
    user.naam = GEANONIMISEERD
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    vergeet_in_beheerlog(user)
    security_log.log("account_geanonimiseerd", door=getattr(door, "pk", "-"), account=user.pk)
    return "geanonimiseerd"
