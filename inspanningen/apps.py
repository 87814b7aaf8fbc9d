from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspanningenConfig(AppConfig):
    name = "inspanningen"
    verbose_name = _("Inspanningen en matrix")
