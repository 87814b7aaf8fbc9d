"""A full export restored into an empty database gives the same matrix and profiles."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.test import Client

from demo import experts as demo
from demo import rondes as demo_rondes
from experts import search, services, uitwisseling
from experts.models import Expert
from inspanningen import services as ronde_services
from inspanningen.models import Beoordeling, Ronde, Score

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

# Left out: what Django makes itself, sessions, and the search vocabulary (derived: the
# restore rebuilds it with herbouw_zoekindex).
UITGESLOTEN = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "experts.zoekwoord"]


def _stand() -> dict:
    """What must survive: every round's matrix, every profile, the history, the search."""
    client = Client()
    return {
        "matrix": {
            r.jaar: client.get(f"/matrix/{r.jaar}/export.csv").content
            for r in Ronde.objects.filter(status="vastgesteld")
        },
        "alle_scores": sorted(
            Score.objects.values_list(
                "ronde__jaar", "inspanning__nummer", "aanbeveling__nummer", "niveau", "toelichting"
            )
        ),
        "rondes": sorted(
            Ronde.objects.values_list("jaar", "status", "titel", "werkwijze", "weergave")
        ),
        "beoordelingen": sorted(
            Beoordeling.objects.values_list(
                "score__ronde__jaar",
                "score_id",
                "beoordelaar__email",
                "perspectief",
                "niveau",
                "reden",
            )
        ),
        "experts": uitwisseling.export_csv(Expert.objects.order_by("email")),
        "status": sorted(Expert.objects.values_list("email", "status", "laatst_bevestigd_op")),
        "history": (
            Score.history.count(),
            Expert.history.count(),
            Ronde.history.count(),
            Beoordeling.history.count(),
        ),
        "zoeken": sorted(
            e.email for e in search.zoek(Expert.objects.all(), search.analyseer("buurtsportcoach"))
        ),
    }


def test_a_full_export_restored_into_an_empty_database_gives_the_same_data(
    referentie, coordinator, tmp_path
):
    demo.maak(40, seed=11)
    demo_rondes.maak_rondes(2)  # 2026: a finalised joint round, with its individual scores
    ronde = ronde_services.nieuwe_ronde(jaar=2027, door=coordinator)
    ronde_services.wijzig_status(ronde=ronde, actie="openen", door=coordinator)
    services.bevestig(Expert.objects.first(), door=coordinator)
    voor = _stand()

    dump = tmp_path / "backup.xml"  # XML keeps microseconds; Django's JSON rounds to milliseconds
    call_command(
        "dumpdata",
        "--format=xml",
        "--natural-foreign",
        "--natural-primary",
        *[f"--exclude={app}" for app in UITGESLOTEN],
        output=str(dump),
        verbosity=0,
    )
    call_command("flush", interactive=False, verbosity=0)
    assert not Expert.objects.exists() and not Ronde.objects.exists()

    call_command("zet_export_terug", str(dump), verbosity=0, stdout=StringIO())
    assert _stand() == voor
    # Restoring opened the guard for its own transaction only: the round is finalised again.
    with pytest.raises(IntegrityError):
        Score._base_manager.filter(ronde__jaar=2025).update(toelichting="na het terugzetten")
    with pytest.raises(IntegrityError):
        Beoordeling._base_manager.filter(score__ronde__jaar=2026).update(reden="na het terugzetten")
