import re

import pytest
from django.urls import reverse
from django.utils import timezone

from experts.models import Expert
from inspanningen.models import Inspanning
from tests.factories import BetrokkenheidFactory, ExpertFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def _url(expert):
    return reverse("experts:detail", args=[expert.slug])


@pytest.fixture
def anna(referentie):
    return ExpertFactory(
        naam="Anna de Vries",
        email="anna.de.vries@example.org",
        telefoon="0591 123 456",
        functie="Diëtist",
        beroepsgroep=Expert.Beroepsgroep.DIETIST,
        organisatie=OrganisatieFactory(naam="Diëtistenpraktijk Zuid"),
        expertise=["Gezonde voeding"],
        domein=["Zorg"],
        gemeenten=["Emmen", "Coevorden"],
        beschikbaar_voor=["advies", "intervisie"],
        toelichting="Ik begeleid gezinnen.",
        laatst_bevestigd_op=timezone.now(),
    )


def test_the_profile_shows_everything_about_the_expert(client, professional, anna):
    BetrokkenheidFactory(expert=anna, inspanning=Inspanning.objects.get(nummer=3), rol="trekker")
    client.force_login(professional)
    content = client.get(_url(anna)).content.decode()
    for text in [
        "Anna de Vries",
        "Diëtist",
        "Diëtistenpraktijk Zuid",
        "Gezonde voeding",
        "Zorg",
        "Coevorden, Emmen",
        "Advies, Intervisie",
        "Ik begeleid gezinnen.",
        "anna.de.vries@example.org",
        "0591 123 456",
        "3. Kansrijke Start",
        "laatst bevestigd op",
    ]:
        assert text in content, text
    assert re.search(r"<strong>Trekker</strong>", content)


def test_contact_details_are_for_logged_in_users_only(client, anna):
    anna.zichtbaarheid = Expert.Zichtbaarheid.OPENBAAR
    anna.save()
    content = client.get(_url(anna)).content.decode()
    assert "Anna de Vries" in content and "Gezonde voeding" in content
    assert "anna.de.vries@example.org" not in content and "0591 123 456" not in content
    assert "Log in om de contactgegevens te zien" in content


def test_a_network_profile_needs_a_login(client, anna):
    r = client.get(_url(anna))
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert client.get(reverse("experts:detail", args=["bestaat-niet"])).status_code in (302, 404)


def test_an_unknown_profile_is_404(client, professional):
    client.force_login(professional)
    assert client.get(reverse("experts:detail", args=["bestaat-niet"])).status_code == 404


def test_a_leaver_points_to_the_successor(client, professional, anna):
    opvolger = ExpertFactory(naam="Bram Bakker")
    anna.status, anna.opvolger = Expert.Status.VERTROKKEN, opvolger
    anna.vertrokken_op = timezone.localdate()
    anna.save()
    client.force_login(professional)
    content = client.get(_url(anna)).content.decode()
    assert "Vertrokken" in content
    assert (
        f'opvolger: <a class="utrecht-link" href="/experts/{opvolger.slug}/">Bram Bakker</a>'
        in (content)
    )


def test_no_email_address_appears_in_any_url(client, coordinator, anna):
    client.force_login(coordinator)
    pages = [
        _url(anna),
        reverse("experts:zoeken"),
        reverse("experts:zoeken") + "?q=anna",
        reverse("experts:bewerken", args=[anna.slug]),
        reverse("experts:organisatie", args=[anna.organisatie.slug]),
        reverse("inspanningen:detail", args=[3]),
    ]
    for page in pages:
        content = client.get(page).content.decode()
        for url in re.findall(r'(?:href|action|src)="([^"]*)"', content):
            assert "@" not in url and "%40" not in url, (page, url)


def test_the_profile_page_runs_a_fixed_number_of_queries(
    client, professional, anna, django_assert_max_num_queries
):
    client.force_login(professional)
    BetrokkenheidFactory(expert=anna, inspanning=Inspanning.objects.get(nummer=1))
    with django_assert_max_num_queries(12) as first:
        client.get(_url(anna))
    for n in range(2, 10):
        BetrokkenheidFactory(expert=anna, inspanning=Inspanning.objects.get(nummer=n))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(_url(anna))
