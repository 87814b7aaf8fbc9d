"""A finalised round shows itself as it was: the names of its inspanningen and aanbevelingen as
they were when it was finalised, with "nu: …" where a name has changed since."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from inspanningen import services
from inspanningen.models import Aanbeveling, Inspanning, Ronde
from tests.conftest import MET_OPEN_CELLEN

pytestmark = pytest.mark.django_db


def _hernoem():
    Inspanning.objects.filter(nummer=5).update(naam="Nieuwe naam voor vijf")
    Aanbeveling.objects.filter(nummer=3).update(korte_naam="Ketens, hernoemd")


def test_a_finalised_round_keeps_the_names_it_had(client, referentie):
    oud = Inspanning.objects.get(nummer=5).naam
    oud_a = Aanbeveling.objects.get(nummer=3).korte_naam
    _hernoem()
    html = client.get(reverse("inspanningen:matrix_jaar", args=[2025])).content.decode()
    assert f"5. {oud}" in html and "nu: Nieuwe naam voor vijf" in html
    assert f"3. {oud_a}" in html and "nu: Ketens, hernoemd" in html
    assert html.count("nu: ") == 2  # only where a name changed


def test_a_round_that_is_not_finalised_shows_the_names_of_now(client, professional, ronde_2026):
    _hernoem()
    client.force_login(professional)
    html = client.get(reverse("inspanningen:matrix_jaar", args=[2026])).content.decode()
    assert "5. Nieuwe naam voor vijf" in html and "nu: " not in html


def test_finalising_takes_the_names_of_that_moment(coordinator, ronde_2026):
    ronde = services.wijzig_status(
        ronde=ronde_2026, actie="vaststellen", door=coordinator, **MET_OPEN_CELLEN
    )
    naam = Inspanning.objects.get(nummer=5).naam
    assert ronde.namen["inspanningen"][str(Inspanning.objects.get(nummer=5).pk)] == naam
    _hernoem()
    ronde = Ronde.objects.get(pk=ronde.pk)
    assert ronde.naam_in_ronde(Inspanning.objects.get(nummer=5)) == (naam, "Nieuwe naam voor vijf")


def test_the_xlsx_of_a_finalised_round_names_both(client, referentie):
    oud = Inspanning.objects.get(nummer=5).naam
    _hernoem()
    r = client.get(reverse("inspanningen:export_xlsx", args=[2025]))
    cellen = [
        c.value for rij in load_workbook(BytesIO(r.content))["Matrix"].iter_rows() for c in rij
    ]
    assert f"5. {oud} (nu: Nieuwe naam voor vijf)" in cellen


def test_the_comparison_names_them_as_the_later_round_does(client, professional, referentie):
    from inspanningen.models import Score

    client.force_login(professional)
    ronde = services.nieuwe_ronde(jaar=2026, door=None)
    oud = Inspanning.objects.get(nummer=5).naam
    services.wijzig_status(ronde=ronde, actie="openen", door=None)
    Score.objects.filter(ronde=ronde).update(beoordelingsstatus="bevestigd")
    services.wijzig_status(ronde=ronde, actie="vaststellen", door=None, **MET_OPEN_CELLEN)
    _hernoem()
    html = client.get(reverse("inspanningen:vergelijk"), {"van": 2025, "naar": 2026})
    tekst = html.content.decode()
    assert f"5. {oud}" in tekst and "nu: Nieuwe naam voor vijf" in tekst
