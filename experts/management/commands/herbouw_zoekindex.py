import time

from django.core.management.base import BaseCommand

from experts import search


class Command(BaseCommand):
    help = "Bouwt de zoekdocumenten van alle experts en de woordenlijst opnieuw op."

    def handle(self, *args, **options):
        start = time.perf_counter()
        aantal = search.herbouw()
        self.stdout.write(
            f"Zoekindex herbouwd: {aantal} experts ({time.perf_counter() - start:.1f} s)."
        )
