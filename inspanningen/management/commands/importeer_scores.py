from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.csv_import import ImportRefused
from inspanningen import uitwisseling
from inspanningen.models import Ronde, RondeVastgesteld


class Command(BaseCommand):
    help = (
        "Importeer scores in de ronde van <jaar> uit een CSV in het exportformaat (met , of ; als "
        "scheidingsteken, UTF-8 of Windows-1252) of uit de Excel-export (XLSX). Alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("jaar", type=int)
        parser.add_argument("bestand", type=Path)

    def handle(self, *args, jaar, bestand, **options):
        ronde = Ronde.objects.filter(jaar=jaar).first()
        if ronde is None:
            raise CommandError(f"Er is geen ronde voor {jaar}.")
        if not bestand.is_file():
            raise CommandError(f"Bestand {bestand} bestaat niet.")
        try:
            resultaat = uitwisseling.importeer_scores(
                ronde=ronde, data=bestand.read_bytes(), door=None, bron=bestand.name
            )
        except RondeVastgesteld:
            raise CommandError(f"Ronde {jaar} is vastgesteld; er is niets geïmporteerd.") from None
        except ImportRefused as refused:
            raise CommandError(
                "Het bestand is niet geïmporteerd; er is niets veranderd.\n"
                + "\n".join(refused.errors)
            ) from None
        self.stdout.write(resultaat.samenvatting())
