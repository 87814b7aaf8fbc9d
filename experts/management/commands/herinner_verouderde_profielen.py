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
            self.stdout.write(f"  {h.expert.naam} <{h.expert.email}>")
        wat = "zouden een herinnering krijgen" if dry_run else "herinnerd"
        self.stdout.write(f"{len(herinneringen)} eigenaren {wat}.")
