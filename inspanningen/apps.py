from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspanningenConfig(AppConfig):
    name = "inspanningen"
    verbose_name = _("Inspanningen en matrix")

    def ready(self):
        from experts.signals import geanonimiseerd
        from inspanningen.services import beeindig_rollen

        geanonimiseerd.connect(beeindig_rollen, dispatch_uid="inspanningen_beeindig_rollen")
