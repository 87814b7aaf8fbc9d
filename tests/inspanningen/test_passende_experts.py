"""An inspanning's page lists the experts whose expertise fits its themes and who are not
involved yet."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from experts.models import Expert
from inspanningen.models import Inspanning
from tests.factories import BetrokkenheidFactory, ExpertFactory
from tests.markup import find_all, page_text

pytestmark = pytest.mark.django_db


def test_an_inspanning_lists_experts_whose_expertise_fits_its_themes(
    client, professional, referentie
):
    # Inspanning 7's themes: Kansrijke Start, KnGG, GLI, Verwijzing en preventieketen.
    preventieketen = Inspanning.objects.get(nummer=7)
    twee = ExpertFactory(
        naam="Twee Thema's", expertise=["Kansrijke Start", "Kind naar Gezonder Gewicht"]
    )
    een = ExpertFactory(naam="Een Thema", expertise=["Gecombineerde leefstijlinterventie"])
    betrokken = ExpertFactory(naam="Al Betrokken", expertise=["Kansrijke Start"])
    BetrokkenheidFactory(expert=betrokken, inspanning=preventieketen)
    ExpertFactory(naam="Geen Thema", expertise=["Voedseltransitie"])
    ExpertFactory(
        naam="Vertrokken Thema", expertise=["Kansrijke Start"], status=Expert.Status.VERTROKKEN
    )
    client.force_login(professional)
    r = client.get(reverse("inspanningen:detail", args=[7]))
    assert [e.naam for e in r.context["passend"]] == [twee.naam, een.naam]
    assert "Experts met passende expertise" in page_text(r)
    alle = next(a for a in find_all(r, "a") if a.text == "Alle experts met deze expertise")
    url = urlsplit(alle.attrs["href"])
    assert url.path == reverse("experts:zoeken")
    assert set(parse_qs(url.query)["expertise"]) == {
        g.slug for g in preventieketen.expertisegebieden.all()
    }
    assert "kansrijke-start" in parse_qs(url.query)["expertise"]


def test_the_matches_are_for_logged_in_users(client, referentie):
    ExpertFactory(naam="Twee Thema's", expertise=["Kansrijke Start"])
    r = client.get(reverse("inspanningen:detail", args=[7]))
    assert r.status_code == 200 and "passend" not in r.context
    assert "Twee Thema" not in r.content.decode()


def test_at_most_ten_most_overlap_first_then_by_name(client, professional, referentie):
    # Taken from the facets in layers (issue 16): the order must still be overlap, then name.
    for i in range(12):
        ExpertFactory(naam=f"Een {i:02d}", expertise=["Kansrijke Start", "Voedseltransitie"])
    twee = ExpertFactory(
        naam="Zoë Twee", expertise=["Kansrijke Start", "Gecombineerde leefstijlinterventie"]
    )
    client.force_login(professional)
    r = client.get(reverse("inspanningen:detail", args=[7]))
    namen = [e.naam for e in r.context["passend"]]
    assert namen == [twee.naam] + [f"Een {i:02d}" for i in range(9)]
    assert [e.overlap for e in r.context["passend"]][:2] == [2, 1]


def test_every_theme_counts_however_many_an_inspanning_has(client, professional, referentie):
    # Review finding: an area beyond the sixth theme was left out.
    from experts.models import Expertisegebied

    preventieketen = Inspanning.objects.get(nummer=7)
    preventieketen.expertisegebieden.set(Expertisegebied.objects.all())
    laatste = Expertisegebied.objects.order_by("-naam").first()
    enige = ExpertFactory(naam="Enige Kenner", expertise=[laatste.naam])
    client.force_login(professional)
    r = client.get(reverse("inspanningen:detail", args=[7]))
    assert [e.naam for e in r.context["passend"]] == [enige.naam]
    assert r.context["passend"][0].overlap == 1
