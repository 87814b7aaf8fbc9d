from django.core.management.base import BaseCommand

from inspanningen import meldingen


class Command(BaseCommand):
    help = (
        "Mailt de stuurgroep een week voor de deadline van een open ronde, als er nog cellen te "
        "beoordelen zijn: één keer per ronde en deadline. Veilig om dagelijks te draaien (cron)."
    )

    def handle(self, *args, **options):
        verstuurd = meldingen.herinner_deadlines()
        for ronde, n in verstuurd:
            self.stdout.write(f"Ronde {ronde.jaar}: herinnering aan {n} leden van de stuurgroep.")
        if not verstuurd:
            self.stdout.write("Geen ronde waarvoor nu een herinnering nodig is.")
