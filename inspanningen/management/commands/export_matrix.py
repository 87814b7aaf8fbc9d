from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from inspanningen import uitwisseling
from inspanningen.models import Ronde


class Command(BaseCommand):
    help = "Exporteer de matrix van <jaar> als CSV of XLSX."

    def add_arguments(self, parser):
        parser.add_argument("jaar", type=int)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument(
            "--output", type=Path, help="Bestand; standaard de uitvoer (alleen voor csv)."
        )

    def handle(self, *args, jaar, format, output, **options):
        ronde = Ronde.objects.filter(jaar=jaar).first()
        if ronde is None:
            raise CommandError(f"Er is geen ronde voor {jaar}.")
        data = (
            uitwisseling.export_csv(ronde).encode("utf-8")
            if format == "csv"
            else uitwisseling.export_xlsx(ronde)
        )
        if output:
            output.write_bytes(data)
            self.stderr.write(f"Matrix {jaar} geschreven naar {output}.")
        elif format == "xlsx":
            raise CommandError("Geef --output FILE voor xlsx.")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
