from datetime import date

from django.core.management.base import BaseCommand, CommandError

from core.exceptions import ActionRefused
from inspanningen import services


class Command(BaseCommand):
    help = "Start een nieuwe ronde voor <jaar>, gebaseerd op de laatste ronde (zoals de pagina Rondes)."

    def add_arguments(self, parser):
        parser.add_argument("jaar", type=int)
        parser.add_argument("--titel", default="")
        parser.add_argument("--deadline", type=date.fromisoformat, default=None, help="JJJJ-MM-DD")
        parser.add_argument(
            "--ondanks-onvoltooid",
            action="store_true",
            help="start de ronde ook als een andere ronde nog concept of open is",
        )

    def handle(self, *args, jaar, titel, deadline, ondanks_onvoltooid, **options):
        onvoltooid = services.onvoltooide_ronde() if ondanks_onvoltooid else None
        try:
            ronde = services.nieuwe_ronde(
                jaar=jaar,
                titel=titel,
                deadline=deadline,
                ondanks_onvoltooid=onvoltooid.pk if onvoltooid else None,
            )
        except services.OnvoltooideRonde as exc:
            raise CommandError(f"{exc} Gebruik --ondanks-onvoltooid om toch te starten.") from None
        except ActionRefused as exc:
            raise CommandError(str(exc)) from None
        basis = f", gebaseerd op {ronde.gebaseerd_op.jaar}" if ronde.gebaseerd_op else ""
        self.stdout.write(
            f"Ronde {ronde.jaar} gestart als concept met {ronde.scores.count()} cellen{basis}."
        )
