from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisConfig(AppConfig):
    name = "kennis"
    verbose_name = _("Kennisbank")

    def ready(self):
        from core import aanvullingen as plekken
        from experts.search.index import herbouwd
        from inspanningen.services import vertrokken
        from kennis import aanvullingen, signals, zoeken

        signals.verbind()
        herbouwd.connect(zoeken.herbouw, dispatch_uid="kennis_herbouw")
        plekken.registreer(plekken.INSPANNING, aanvullingen.dossier)
        plekken.registreer(plekken.EXPERTS_ZOEKEN, aanvullingen.naast_experts)
        plekken.registreer(plekken.VERTREK, aanvullingen.vertrek)
        plekken.registreer(plekken.SCORE_BRONNEN, aanvullingen.bronnen)
        vertrokken.connect(signals.draag_over, dispatch_uid="kennis_draag_over")
