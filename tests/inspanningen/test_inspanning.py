"""The page of one inspanning (inspanningen:detail): its row in every round, and for logged-in
users the people involved."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from experts.models import Expert
from inspanningen.models import Inspanning, Score
from tests.factories import BetrokkenheidFactory, ExpertFactory
from tests.markup import find_all, page_text

pytestmark = pytest.mark.django_db


def test_an_inspanning_shows_its_row_in_every_round(
    client, professional, ronde_2026, django_assert_max_num_queries
):
    Score.objects.filter(ronde__jaar=2026, inspanning__nummer=5, aanbeveling__nummer=1).update(
        niveau="deels"
    )
    client.force_login(professional)
    with django_assert_max_num_queries(11):
        r = client.get(reverse("inspanningen:detail", args=[5]))
    content = r.content.decode()
    rijen = {ronde.jaar: scores for ronde, scores in r.context["rijen"]}
    assert list(rijen) == [2026, 2025]
    assert rijen[2026][0].niveau == "deels"
    assert rijen[2025][0].niveau == "sterk"
    assert "SportDrenthe" in content
    assert "Bewegen en sport" in content
    assert "Regie bij SportDrenthe" in content


def test_an_inspanning_shows_the_people_involved_to_logged_in_users(
    client, professional, referentie
):
    betrokkenheid = BetrokkenheidFactory(
        inspanning=Inspanning.objects.get(nummer=3),
        expert__naam="Fenna Voorbeeld",
        expert__organisatie=None,
        rol="trekker",
        overdrachtsnotitie="Zie het draaiboek",
    )
    url = reverse("inspanningen:detail", args=[3])
    assert "Fenna Voorbeeld" not in client.get(url).content.decode()
    client.force_login(professional)
    r = client.get(url)
    rollen = [li.text for li in find_all(r, "li") if li.text.startswith("Trekker:")]
    assert rollen == ["Trekker: Fenna Voorbeeld Overdracht: Zie het draaiboek"]
    assertContains(
        r,
        f'<a class="utrecht-link" href="{betrokkenheid.expert.get_absolute_url()}">'
        "Fenna Voorbeeld</a>",
        html=True,
    )


def test_the_inspanning_page_flags_a_role_without_an_active_person(client, professional):
    trekker = ExpertFactory(naam="Anna Trekker")
    betrokkenheid = BetrokkenheidFactory(expert=trekker, rol="trekker")
    url = reverse("inspanningen:detail", args=[betrokkenheid.inspanning.nummer])
    client.force_login(professional)
    assert "Rol zonder actieve persoon" not in page_text(client.get(url))
    trekker.status = Expert.Status.VERTROKKEN  # left without a handover
    trekker.save()
    assert "Rol zonder actieve persoon: Trekker." in page_text(client.get(url))


def test_anonymous_visitors_see_only_finalised_rounds_of_an_inspanning(client, ronde_2026):
    r = client.get(reverse("inspanningen:detail", args=[5]))
    assert [ronde.jaar for ronde, _scores in r.context["rijen"]] == [2025]
    assert client.get(reverse("inspanningen:detail", args=[99])).status_code == 404
