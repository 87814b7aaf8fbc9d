from django.core.management.base import BaseCommand

from experts import services


class Command(BaseCommand):
    help = (
        "Mailt de eigenaren van profielen die een jaar niet bevestigd zijn, "
        "hooguit eens per 30 dagen per persoon."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="laat zien wie een mail zou krijgen, stuur niets"
        )

    def handle(self, *args, dry_run: bool, **options):
        herinneringen = services.herinner_verouderd(dry_run=dry_run)
        for h in herinneringen:
            niet = "" if dry_run or h.verzonden else "  (niet verstuurd)"
            self.stdout.write(f"  {h.expert.naam} <{h.expert.email}>{niet}")
        if dry_run:
            self.stdout.write(f"{len(herinneringen)} eigenaren zouden een herinnering krijgen.")
        else:
            verzonden = sum(h.verzonden for h in herinneringen)
            self.stdout.write(f"{verzonden} eigenaren herinnerd.")
            if verzonden < len(herinneringen):
                self.stderr.write(
                    f"{len(herinneringen) - verzonden} herinneringen konden niet worden "
                    "verstuurd (zie het maillog); de volgende keer worden ze opnieuw geprobeerd."
                )
