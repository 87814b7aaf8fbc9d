import pytest
from django.urls import reverse

from tests.markup import find_all

pytestmark = pytest.mark.django_db


def test_the_inspanningen_list(client, referentie):
    r = client.get(reverse("inspanningen:lijst"))
    kaarten = find_all(r, "li", cls="gg-card")
    assert len(kaarten) == 11
    assert kaarten[-1].text.startswith("11. Voedseltransitie")
