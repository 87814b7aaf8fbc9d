from django.core.management.base import BaseCommand

from experts import services


class Command(BaseCommand):
    help = (
        "Profielen die twee jaar niet bevestigd zijn: de eigenaar krijgt 30 dagen vooraf een "
        "waarschuwing per e-mail; wie dan nog niet bevestigd heeft, wordt geanonimiseerd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="laat zien wat er zou gebeuren, verander niets"
        )

    def handle(self, *args, dry_run: bool, **options):
        gewaarschuwd, geanonimiseerd = services.anonimiseer_verouderd(dry_run=dry_run)
        for expert in gewaarschuwd:
            self.stdout.write(f"  waarschuwing: {expert.naam} <{expert.email}>")
        for expert in geanonimiseerd:
            self.stdout.write(f"  anonimiseren: expert {expert.pk}")
        n, m = len(gewaarschuwd), len(geanonimiseerd)
        if dry_run:
            self.stdout.write(
                f"{n} eigenaren zouden een waarschuwing krijgen; "
                f"{m} profielen zouden worden geanonimiseerd."
            )
        else:
            self.stdout.write(f"{n} eigenaren gewaarschuwd; {m} profielen geanonimiseerd.")
