import pytest
from django.urls import reverse

from tests.markup import find

pytestmark = pytest.mark.django_db


def test_aanbevelingen_show_full_text_and_their_column_over_the_rounds(
    client, professional, ronde_2026, django_assert_max_num_queries
):
    client.force_login(professional)
    with django_assert_max_num_queries(8):
        r = client.get(reverse("inspanningen:aanbevelingen"))
    regie = find(r, "section", id="aanbeveling-1")
    assert "Maak taakverdeling en overdracht expliciet om continuïteit te waarborgen" in regie.text
    assert [ronde.jaar for ronde in r.context["rondes"]] == [2025, 2026]
    _aanbeveling, rijen = r.context["kolommen"][0]
    assert len(rijen) == 11 and all(len(scores) == 2 for _i, scores in rijen)
