from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from experts import search


class Command(BaseCommand):
    help = (
        "Zet een draagbare export (manage.py dumpdata, zie docs/beheer.md) terug in een lege, "
        "gemigreerde database, en bouwt daarna de zoekindex opnieuw op. Alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="het exportbestand (XML of JSON)")

    def handle(self, *args, bestand, **options):
        with transaction.atomic():
            # Vastgestelde rondes komen terug met hun scores: de triggers die een vastgestelde
            # ronde bewaken (inspanningen/migrations/0006) laten alleen deze transactie door.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL gg.herstel = 'aan'")
            call_command("loaddata", bestand, verbosity=options["verbosity"])
            aantal = search.herbouw()
        self.stdout.write(f"Teruggezet; zoekindex van {aantal} experts opnieuw opgebouwd.")
