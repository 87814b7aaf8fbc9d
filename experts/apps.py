from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _zoekindex_na_migratie(sender, using="default", **kwargs):
    """The search index is derived: when experts exist but the vocabulary is empty (a
    migration emptied it, or a restore left it out), rebuild it with the code of now."""
    from experts.models import Expert, Zoekwoord

    if Zoekwoord._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the search existed
    if Expert.objects.using(using).exists() and not Zoekwoord.objects.using(using).exists():
        from experts.search import herbouw

        herbouw()


class ExpertsConfig(AppConfig):
    name = "experts"
    verbose_name = _("Wie weet wat")

    def ready(self):
        from experts import signals

        signals.verbind()
        post_migrate.connect(_zoekindex_na_migratie, sender=self, dispatch_uid="zoekindex")
