from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles
from accounts.models import User

DEMO_PASSWORD = "demo-gezond-gewicht"  # noqa: S105 - local demo only, refused without DEBUG
DEMO_ACCOUNTS = [
    ("coordinator@example.org", "Demo Coördinator", roles.COORDINATOR, True),
    ("stuurgroep@example.org", "Demo Stuurgroeplid", roles.STUURGROEP, False),
    ("professional@example.org", "Demo Professional", roles.PROFESSIONAL, False),
]


class Command(BaseCommand):
    help = "Maakt drie lokale demo-accounts, één per rol. Alleen met DJANGO_DEBUG=1."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo-accounts worden alleen lokaal gemaakt (DJANGO_DEBUG=1), nooit in productie."
            )
        self.stdout.write("Demo-accounts (alleen lokaal):")
        for email, naam, role, is_staff in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(email=email, defaults={"naam": naam})
            user.naam, user.is_staff, user.is_active = naam, is_staff, True
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            self.stdout.write(f"  {role:<13} {email:<28} wachtwoord: {DEMO_PASSWORD}")
