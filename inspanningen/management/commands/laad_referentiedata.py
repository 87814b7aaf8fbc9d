from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.csv_import import ImportRefused
from inspanningen import referentiedata


class Command(BaseCommand):
    help = (
        "Laadt de referentiedata: aanbevelingen, inspanningen, de ronde 2025 met 55 scores, "
        "gemeenten, domeinen, organisaties, expertisegebieden en de thesaurus. "
        "Maakt alleen aan wat ontbreekt; een tweede keer verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--map",
            type=Path,
            default=referentiedata.DEFAULT_DIR,
            help="Map met de CSV-bestanden (standaard: inspanningen/referentiedata).",
        )

    def handle(self, *args, **options):
        try:
            tallies = referentiedata.load(options["map"])
        except ImportRefused as refused:
            raise CommandError(
                "De referentiedata is niet geladen; er is niets veranderd.\n"
                + "\n".join(refused.errors)
            ) from None
        for label, tally in tallies.items():
            self.stdout.write(f"{label}: {tally.created} nieuw, {tally.existing} al aanwezig")
