import time

from django.core.management.base import BaseCommand, CommandError

from demo import experts as demo
from demo import kennis as kennis_demo
from demo import rondes as inspanningen_demo


class Command(BaseCommand):
    help = (
        "Maakt N fictieve experts (verzonnen namen, adressen op example.org), verspreid over "
        "de gemeenten, beroepsgroepen en expertisegebieden. Dezelfde seed geeft dezelfde experts; "
        "een tweede keer voegt alleen toe wat ontbreekt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--experts", type=int, default=200, help="aantal experts (standaard 200)"
        )
        parser.add_argument("--seed", type=int, default=2025, help="startwaarde (standaard 2025)")
        parser.add_argument(
            "--rondes",
            type=int,
            default=0,
            help="vul aan tot zoveel rondes: na 2025 fictieve demo-rondes (2026 samen beoordeeld en vastgesteld), de laatste open",
        )
        parser.add_argument(
            "--kennis", type=int, default=0, help="vul aan tot zoveel fictieve kennisitems"
        )

    def handle(self, *args, experts, seed, rondes, kennis, **options):
        if experts < 0 or rondes < 0 or kennis < 0:
            raise CommandError("--experts, --rondes en --kennis moeten 0 of meer zijn.")
        start = time.perf_counter()
        try:
            resultaat = demo.maak(experts, seed=seed)
            nieuwe_rondes = inspanningen_demo.maak_rondes(rondes, seed=seed)
            nieuwe_kennis = kennis_demo.maak_kennis(kennis, seed=seed)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Demodata: {resultaat.nieuw} experts nieuw, {resultaat.al_aanwezig} al aanwezig, "
            f"{resultaat.organisaties} organisaties nieuw, {nieuwe_rondes} fictieve rondes nieuw, "
            f"{nieuwe_kennis} fictieve kennisitems nieuw "
            f"({time.perf_counter() - start:.1f} s)."
        )
