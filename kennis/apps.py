from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisConfig(AppConfig):
    name = "kennis"
    verbose_name = _("Kennisbank")

    def ready(self):
        from kennis import signals

        signals.verbind()
