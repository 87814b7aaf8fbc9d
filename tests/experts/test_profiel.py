"""The profile page of an expert (experts:detail)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from experts.models import Expert
from inspanningen.models import Inspanning
from tests.factories import (
    BetrokkenheidFactory,
    ExpertFactory,
    OrganisatieFactory,
    UserFactory,
    profiel_zoals_het_is,
)
from tests.markup import find, find_all, page_text

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
    r = client.get(_url(anna))
    content = r.content.decode()
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
        "laatst bevestigd op",
    ]:
        assert text in content, text
    rol = find(find(r, "ul", cls="gg-rollen"), "li")
    assert rol.text.startswith("Trekker — 3. Kansrijke Start")
    assertContains(
        r, '<a class="utrecht-link" href="/inspanningen/3/">3. Kansrijke Start</a>', html=True
    )


def test_contact_details_are_for_logged_in_users_only(client, anna):
    anna.zichtbaarheid = Expert.Zichtbaarheid.OPENBAAR
    anna.save()
    content = client.get(_url(anna)).content.decode()
    assert "Anna de Vries" in content and "Gezonde voeding" in content
    assert "anna.de.vries@example.org" not in content and "0591 123 456" not in content
    assert "Log in om de contactgegevens te zien" in content


def test_profiles_are_for_the_network_unless_their_owner_opts_in(client, anna):
    user = UserFactory(email=anna.email)
    anna.user = user
    anna.save()
    assert anna.zichtbaarheid == "netwerk"
    assert client.get(_url(anna)).status_code == 302

    client.force_login(user)
    r = client.post(
        reverse("experts:mijn_profiel"), profiel_zoals_het_is(anna, zichtbaarheid="openbaar")
    )
    assert r.status_code == 302
    client.logout()
    content = client.get(_url(anna)).content.decode()
    assert "Anna de Vries" in content and "Diëtist" in content and "Gezonde voeding" in content
    assert "anna.de.vries@example.org" not in content and "0591 123 456" not in content

    client.force_login(user)
    r = client.post(
        reverse("experts:mijn_profiel"), profiel_zoals_het_is(anna, zichtbaarheid="netwerk")
    )
    assert r.status_code == 302
    client.logout()
    assert client.get(_url(anna)).status_code == 302  # withdrawn


def test_a_network_profile_needs_a_login(client, anna):
    r = client.get(_url(anna))
    assert r.status_code == 302 and r.url == f"/accounts/login/?next={_url(anna)}"
    assert "Anna de Vries" not in r.content.decode()


def test_an_unknown_profile_is_404(client, professional, anna):
    # A visitor is sent to log in, as for a profile that is not public: whether a name is in
    # the app must not show without logging in.
    onbekend = client.get(reverse("experts:detail", args=["bestaat-niet"]))
    niet_openbaar = client.get(reverse("experts:detail", args=[anna.slug]))
    assert onbekend.status_code == niet_openbaar.status_code == 302
    assert onbekend["Location"].split("?")[0] == niet_openbaar["Location"].split("?")[0]
    client.force_login(professional)
    assert client.get(reverse("experts:detail", args=["bestaat-niet"])).status_code == 404


def test_a_leaver_points_to_the_successor(client, professional, anna):
    opvolger = ExpertFactory(naam="Bram Bakker")
    anna.status, anna.opvolger = Expert.Status.VERTROKKEN, opvolger
    anna.vertrokken_op = timezone.localdate()
    anna.save()
    client.force_login(professional)
    r = client.get(_url(anna))
    melding = find(r, "div", cls="utrecht-alert", role="status")
    assert melding.text.startswith("Vertrokken op ")
    assert melding.text.endswith("— opvolger: Bram Bakker")
    link = find(melding, "a")
    assert (link.attrs["href"], link.text) == (_url(opvolger), "Bram Bakker")


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
        r = client.get(page)
        assert r.status_code == 200, page
        urls = [
            e.attrs[naam]
            for e in find_all(r)
            for naam in ("href", "action", "src")
            if naam in e.attrs
        ]
        assert urls, page
        for url in urls:
            if url.startswith("mailto:"):
                continue  # opens the mail program; never sent to a server or logged
            assert "@" not in url and "%40" not in url, (page, url)
    r = client.get(_url(anna))
    assert "anna.de.vries@example.org" in page_text(r)  # shown, and written to in one tap
    assert [e.attrs["href"] for e in find_all(r, "a") if "@" in e.attrs.get("href", "")] == [
        "mailto:anna.de.vries@example.org"
    ]


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
        r = client.get(_url(anna))
    assert len(find_all(find(r, "ul", cls="gg-rollen"), "li")) == 9
