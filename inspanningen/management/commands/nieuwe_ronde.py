from django.core.management.base import BaseCommand, CommandError

from core.exceptions import ActionRefused
from inspanningen import services


class Command(BaseCommand):
    help = "Start een nieuwe ronde voor <jaar>, gebaseerd op de laatste ronde (zoals de pagina Rondes)."

    def add_arguments(self, parser):
        parser.add_argument("jaar", type=int)
        parser.add_argument("--titel", default="")

    def handle(self, *args, jaar, titel, **options):
        try:
            ronde = services.nieuwe_ronde(jaar=jaar, titel=titel)
        except ActionRefused as exc:
            raise CommandError(str(exc)) from None
        basis = f", gebaseerd op {ronde.gebaseerd_op.jaar}" if ronde.gebaseerd_op else ""
        self.stdout.write(
            f"Ronde {ronde.jaar} gestart als concept met {ronde.scores.count()} cellen{basis}."
        )
