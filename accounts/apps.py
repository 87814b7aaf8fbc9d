from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_groups(sender, **kwargs):
    from accounts.roles import sync_groups

    sync_groups()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from gezondgewicht import beveiliging

        post_migrate.connect(_sync_groups, dispatch_uid="accounts.sync_groups")
        beveiliging.verbind()
