"""The history of one score (inspanningen:score_history): every change, who made it, and what
it was before."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from inspanningen import services
from inspanningen.models import Score

pytestmark = pytest.mark.django_db


def _score(jaar, i, a) -> Score:
    return Score.objects.get(ronde__jaar=jaar, inspanning__nummer=i, aanbeveling__nummer=a)


def test_every_score_has_a_history_view(client, stuurgroep, ronde_2026):
    score = _score(2026, 5, 1)
    services.bewaar_scores(
        ronde=ronde_2026,
        invoer=[
            services.ScoreInvoer(
                score_id=score.pk,
                versie=score.versie,
                niveau="deels",
                toelichting="Minder regie",
                bevestigd=False,
            )
        ],
        door=stuurgroep,
    )
    client.force_login(stuurgroep)
    r = client.get(reverse("inspanningen:score_history", args=[2026, score.pk]))
    assert r.status_code == 200
    assert "Stuurgroeplid Test" in r.content.decode()
    assertContains(
        r,
        "<li>Niveau: <del>sterk aanwezig</del> → <ins>deels of indirect aanwezig</ins></li>",
        html=True,
    )
    assertContains(
        r, "<li>Beoordelingsstatus: <del>Te beoordelen</del> → <ins>Gewijzigd</ins></li>", html=True
    )
    assertContains(
        r,
        "<li>Toelichting: <del>Regie bij SportDrenthe</del> → <ins>Minder regie</ins></li>",
        html=True,
    )


def test_a_score_is_only_found_in_its_own_round(client, professional, ronde_2026):
    score = _score(2026, 5, 1)
    client.force_login(professional)
    assert (
        client.get(reverse("inspanningen:score_history", args=[2025, score.pk])).status_code == 404
    )


def test_an_open_round_needs_a_login(client, ronde_2026):
    score = _score(2026, 5, 1)
    r = client.get(reverse("inspanningen:score_history", args=[2026, score.pk]))
    assert r.status_code == 302 and "/accounts/login/" in r.url
