"""The organisations (experts:organisaties, experts:organisatie): a filtered list, and a page
per organisation with its experts and inspanningen."""

import pytest
from django.urls import reverse

from experts.models import Expert, Organisatie
from inspanningen.models import Inspanning
from tests.factories import BetrokkenheidFactory, ExpertFactory, OrganisatieFactory
from tests.markup import title

pytestmark = pytest.mark.django_db

LIJST = reverse("experts:organisaties")


def _namen(r):
    return [o.naam for o in r.context["page"].object_list]


def test_the_list_filters_by_soort_gemeente_and_domein(client, referentie):
    emmen = Organisatie.objects.get(naam="Gemeente Emmen")
    emmen.werkgebied.set(emmen.werkgebied.model.objects.filter(naam="Emmen"))
    emmen.domeinen.set(emmen.domeinen.model.objects.filter(naam__in=["Sociaal domein", "Zorg"]))
    assert "Gemeente Emmen" in _namen(client.get(LIJST))
    assert _namen(client.get(LIJST, {"soort": "gemeente", "gemeente": "emmen"})) == [
        "Gemeente Emmen"
    ]
    assert _namen(client.get(LIJST, {"domein": ["zorg", "onderwijs"]})) == ["Gemeente Emmen"]
    assert _namen(client.get(LIJST, {"soort": "ggd", "gemeente": "emmen"})) == []
    r = client.get(LIJST, {"soort": "ruimtevaart"})
    assert r.status_code == 200 and title(r).startswith("Fout:")


def test_the_list_counts_active_experts_without_duplicates(client, referentie):
    org = OrganisatieFactory(naam="Sportbedrijf Zuid")
    ExpertFactory(organisatie=org, gemeenten=["Emmen", "Assen"])
    ExpertFactory(organisatie=org, status=Expert.Status.VERTROKKEN)
    org.werkgebied.set(org.werkgebied.model.objects.filter(naam__in=["Emmen", "Assen"]))
    r = client.get(LIJST, {"gemeente": ["emmen", "assen"]})
    assert [(o.naam, o.aantal_experts) for o in r.context["page"].object_list] == [
        ("Sportbedrijf Zuid", 1)
    ]


def test_an_organisation_shows_its_experts_and_inspanningen(client, professional, referentie):
    org = OrganisatieFactory(naam="Sportbedrijf Zuid")
    expert = ExpertFactory(naam="Bram Bakker", organisatie=org)
    BetrokkenheidFactory(expert=expert, inspanning=Inspanning.objects.get(nummer=5))
    Inspanning.objects.get(nummer=8).organisaties.add(org)
    url = reverse("experts:organisatie", args=[org.slug])
    content = client.get(url).content.decode()
    assert "Bram Bakker" not in content  # names of people are for logged-in users
    assert "5. Beweegreis" in content and "8. Publiekscampagne" in content
    client.force_login(professional)
    assert "Bram Bakker" in client.get(url).content.decode()
    assert client.get(reverse("experts:organisatie", args=["bestaat-niet"])).status_code == 404


def test_the_organisation_pages_run_a_fixed_number_of_queries(
    client, professional, referentie, django_assert_max_num_queries
):
    org = OrganisatieFactory(naam="Sportbedrijf Zuid")
    client.force_login(professional)
    for _n in range(3):
        ExpertFactory(organisatie=org)
    with django_assert_max_num_queries(10) as lijst:
        client.get(LIJST)
    with django_assert_max_num_queries(10) as detail:
        client.get(reverse("experts:organisatie", args=[org.slug]))
    for n in range(30):
        ExpertFactory(organisatie=OrganisatieFactory() if n % 2 else org)
    with django_assert_max_num_queries(len(lijst.captured_queries)):
        client.get(LIJST)
    with django_assert_max_num_queries(len(detail.captured_queries)):
        client.get(reverse("experts:organisatie", args=[org.slug]))
