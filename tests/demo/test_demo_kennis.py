"""demo_data --kennis: fictional knowledge items, clearly marked, added once."""

import pytest

from kennis.models import Kennisitem
from tests.factories import ExpertFactory

pytestmark = pytest.mark.django_db


def test_the_demo_items_are_fictional_and_made_once(referentie):
    from demo.kennis import maak_kennis

    ExpertFactory()
    assert maak_kennis(12) == 12 and maak_kennis(12) == 0
    items = Kennisitem.objects.all()
    assert all(
        i.titel.startswith("Demo: ") and "Fictief demovoorbeeld" in i.samenvatting for i in items
    )
    assert {i.soort for i in items} == set(Kennisitem.Soort.values)
    assert Kennisitem.objects.filter(bestanden__tekststatus="gelezen").exists()  # a generated PDF
