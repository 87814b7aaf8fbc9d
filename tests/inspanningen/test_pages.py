import re

import pytest
from django.urls import reverse

from inspanningen.models import Score
from tests.factories import BetrokkenheidFactory

pytestmark = pytest.mark.django_db


def test_an_inspanning_shows_its_row_in_every_round(
    client, professional, ronde_2026, django_assert_max_num_queries
):
    Score.objects.filter(ronde__jaar=2026, inspanning__nummer=5, aanbeveling__nummer=1).update(
        niveau="deels"
    )
    client.force_login(professional)
    with django_assert_max_num_queries(10):
        r = client.get(reverse("inspanningen:detail", args=[5]))
    content = r.content.decode()
    assert [ronde.jaar for ronde, _cellen in r.context["rijen"]] == [2026, 2025]
    assert "SportDrenthe" in content
    assert "Bewegen en sport" in content
    assert "Regie bij SportDrenthe" in content


def test_an_inspanning_shows_the_people_involved_to_logged_in_users(
    client, professional, referentie
):
    from inspanningen.models import Inspanning

    BetrokkenheidFactory(
        inspanning=Inspanning.objects.get(nummer=3),
        expert__naam="Fenna Voorbeeld",
        rol="trekker",
        overdrachtsnotitie="Zie het draaiboek",
    )
    assert (
        "Fenna Voorbeeld"
        not in client.get(reverse("inspanningen:detail", args=[3])).content.decode()
    )
    client.force_login(professional)
    content = client.get(reverse("inspanningen:detail", args=[3])).content.decode()
    assert re.search(r"Trekker</strong>: <a [^>]*>Fenna Voorbeeld</a>", content)
    assert "Zie het draaiboek" in content


def test_anonymous_visitors_see_only_finalised_rounds_of_an_inspanning(client, ronde_2026):
    r = client.get(reverse("inspanningen:detail", args=[5]))
    assert [ronde.jaar for ronde, _cellen in r.context["rijen"]] == [2025]
    assert client.get(reverse("inspanningen:detail", args=[99])).status_code == 404


def test_the_inspanningen_list(client, referentie):
    content = client.get(reverse("inspanningen:lijst")).content.decode()
    assert content.count('<li class="gg-card') == 11
    assert "11. Voedseltransitie" in content


def test_aanbevelingen_show_full_text_and_their_column_over_the_rounds(
    client, professional, ronde_2026, django_assert_max_num_queries
):
    client.force_login(professional)
    with django_assert_max_num_queries(8):
        r = client.get(reverse("inspanningen:aanbevelingen"))
    content = r.content.decode()
    assert 'id="aanbeveling-1"' in content
    assert "Maak taakverdeling en overdracht expliciet om continuïteit te waarborgen" in content
    assert [ronde.jaar for ronde in r.context["rondes"]] == [2025, 2026]
    _aanbeveling, rijen = r.context["kolommen"][0]
    assert len(rijen) == 11 and all(len(cellen) == 2 for _i, cellen in rijen)


def test_the_home_page_shows_the_current_round_in_small(client, referentie):
    content = client.get(reverse("home")).content.decode()
    assert "De matrix van 2025 in het klein" in content
    assert content.count("gg-cel gg-cel--") == 55


def test_the_navigation_links_to_the_matrix_pages(client, referentie):
    content = client.get(reverse("home")).content.decode()
    assert 'href="/inspanningen/"' in content and 'href="/matrix/"' in content
