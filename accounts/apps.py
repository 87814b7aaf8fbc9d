from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_groups(sender, **kwargs):
    from accounts.roles import sync_groups

    sync_groups()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from core import security_log

        post_migrate.connect(_sync_groups, dispatch_uid="accounts.sync_groups")
        security_log.connect()
