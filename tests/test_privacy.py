import pytest
from django.urls import reverse

from tests.markup import find_all

pytestmark = pytest.mark.django_db


def test_the_privacy_statement_says_what_why_and_how_long(client):
    r = client.get(reverse("privacy"))
    assert r.status_code == 200
    koppen = [h.text for h in find_all(r, "h2")]
    for kop in ["Wat we bewaren", "Waarom", "Hoe lang", "Uw rechten"]:
        assert kop in koppen, koppen
