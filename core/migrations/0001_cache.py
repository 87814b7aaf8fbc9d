"""The database cache table that every app process shares (settings.CACHES: allauth's rate
limits count in it), so that `migrate` alone gives a working app. Django's own
`createcachetable` makes it, from the settings."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def _tabellen():
    return [
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    ]


def maak(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def verwijder(apps, schema_editor):
    for tabel in _tabellen():
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(tabel)}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(maak, verwijder)]
