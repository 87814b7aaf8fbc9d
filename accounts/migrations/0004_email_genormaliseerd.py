"""Every stored e-mail address in the one normalised form (core.text.normalise_email: NFKC, then
lower case): accounts, their allauth addresses and invitations. Two addresses that become the
same make this migration fail on the unique constraint, on purpose: they are one address, and a
person must decide which account keeps it."""

import unicodedata

from django.db import migrations


def _normaal(email: str) -> str:
    # A copy of core.text.normalise_email as it is today: migrations do not follow later code.
    return unicodedata.normalize("NFKC", email or "").strip().lower()


def normaliseer(apps, schema_editor):
    for app, model in [
        ("accounts", "User"),
        ("account", "EmailAddress"),
        ("accounts", "Uitnodiging"),
    ]:
        for obj in apps.get_model(app, model).objects.all():
            if obj.email != _normaal(obj.email):
                obj.email = _normaal(obj.email)
                obj.save(update_fields=["email"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_uitnodiging"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(normaliseer, migrations.RunPython.noop)]
