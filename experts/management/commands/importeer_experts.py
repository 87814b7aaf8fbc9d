from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.csv_import import ImportRefused
from experts import uitwisseling


class Command(BaseCommand):
    help = (
        "Importeert experts uit een CSV-bestand (kopregel: "
        + ",".join(uitwisseling.CSV_HEADER)
        + "). Alles of niets; het e-mailadres is de sleutel."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)

    def handle(self, *args, bestand: Path, **options):
        try:
            data = bestand.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {bestand} niet lezen: {exc.strerror}.") from None
        try:
            resultaat = uitwisseling.importeer(data=data, bron=bestand.name)
        except ImportRefused as refused:
            for fout in refused.errors:
                self.stderr.write(fout)
            raise CommandError(
                f"Het bestand is geweigerd ({len(refused.errors)} fouten); er is niets opgeslagen."
            ) from None
        self.stdout.write(resultaat.samenvatting())
