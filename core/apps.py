from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Helpers every app shares; its one migration makes the shared cache table."""

    name = "core"
    verbose_name = _("Kern")
