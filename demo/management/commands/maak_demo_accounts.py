from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles
from accounts.models import User
from experts.models import Expert, Expertisegebied, Gemeente, Organisatie

DEMO_PASSWORD = "demo-gezond-gewicht"  # noqa: S105 - local demo only, refused without DEBUG
DEMO_TOTP_CODE = "000000"  # settings.GG_DEMO_TOTP_CODE: with debug on, from this machine only
DEMO_ACCOUNTS = [  # (address, name, role, staff, perspective in the stuurgroep)
    ("coordinator@example.org", "Demo Coördinator", roles.COORDINATOR, True, ""),
    ("stuurgroep@example.org", "Demo Stuurgroeplid", roles.STUURGROEP, False, "uitvoering"),
    ("bestuur@example.org", "Demo Bestuurder", roles.STUURGROEP, False, "bestuur"),
    ("inwoner@example.org", "Demo Ervaringsdeskundige", roles.STUURGROEP, False, "inwoner"),
    ("professional@example.org", "Demo Professional", roles.PROFESSIONAL, False, ""),
]


class Command(BaseCommand):
    help = (
        "Maakt lokale demo-accounts: één per rol, en drie stuurgroepleden met elk een ander "
        "perspectief. Alleen met DJANGO_DEBUG=1."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo-accounts worden alleen lokaal gemaakt (DJANGO_DEBUG=1), nooit in productie."
            )
        self.stdout.write("Demo-accounts (alleen lokaal):")
        for email, naam, role, is_staff, perspectief in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(email=email, defaults={"naam": naam})
            user.naam, user.is_staff, user.is_active = naam, is_staff, True
            user.perspectief = perspectief
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            extra = ""
            if role in (roles.COORDINATOR, roles.STUURGROEP):
                # Editors need two-factor authentication; locally the code is always 000000.
                if not is_mfa_enabled(user):
                    TOTP.activate(user, generate_totp_secret())
                    RecoveryCodes.activate(user)
                extra = f", tweestapscode: {DEMO_TOTP_CODE}"
            self.stdout.write(f"  {role:<13} {email:<28} wachtwoord: {DEMO_PASSWORD}{extra}")
        if _maak_profiel_van_de_professional():
            self.stdout.write(
                "  De professional heeft een eigen profiel; coördinator en stuurgroeplid nog niet."
            )


def _maak_profiel_van_de_professional() -> bool:
    """The demo professional gets an expert profile, to show 'Mijn profiel'. Needs the
    reference data (gemeenten, expertise areas)."""
    emmen = Gemeente.objects.filter(naam="Emmen").first()
    if emmen is None:
        return False
    expert, created = Expert.objects.get_or_create(
        email="professional@example.org",
        defaults={
            "naam": "Demo Professional",
            "functie": "Diëtist en leefstijlcoach",
            "beroepsgroep": Expert.Beroepsgroep.DIETIST,
            "organisatie": Organisatie.objects.get_or_create(
                naam="Diëtistenpraktijk Emmen",
                defaults={
                    "soort": Organisatie.Soort.ZORGAANBIEDER,
                    "omschrijving": "Fictieve organisatie uit de demodata.",
                },
            )[0],
            "beschikbaar_voor": [Expert.Beschikbaarheid.ADVIES, Expert.Beschikbaarheid.INTERVISIE],
            "toelichting": "Fictief demoprofiel. Ik begeleid volwassenen in de GLI (CooL) "
            "en denk graag mee over gezonde voeding in de wijk.",
        },
    )
    if created:
        expert.expertisegebieden.set(
            Expertisegebied.objects.filter(
                naam__in=["Gecombineerde leefstijlinterventie", "Gezonde voeding"]
            )
        )
        expert.werkgebied.set([emmen])
    return True
