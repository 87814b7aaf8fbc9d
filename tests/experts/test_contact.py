"""Contact in one tap (issue 16): e-mail and phone as links, a vCard for the phone's contacts,
and the way back from a profile to the search results it was found in."""

import pytest
from django.urls import reverse

from experts.models import Expert
from experts.vcard import vcard
from tests.factories import ExpertFactory, OrganisatieFactory
from tests.markup import find, find_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(db):
    return ExpertFactory(
        naam="Anna de Vries",
        email="anna.de.vries@example.org",
        telefoon="+31 (0)592 123-456",
        functie="Diëtist; kinderen, jongeren",
        organisatie=OrganisatieFactory(naam="Praktijk Noord, Assen"),
    )


def test_e_mail_and_phone_are_links_for_logged_in_users(client, professional, anna):
    client.force_login(professional)
    r = client.get(reverse("experts:detail", args=[anna.slug]))
    assert find(r, "a", href="mailto:anna.de.vries@example.org")
    assert find(r, "a", href="tel:+310592123456")
    knop = find(r, "button", data_kopieer="anna.de.vries@example.org")
    assert "hidden" in knop.attrs  # shown by the script, where copying works
    assert find(r, "a", href=reverse("experts:vcard", args=[anna.slug]))


def test_the_vcard_escapes_and_is_recorded(client, professional, anna, caplog):
    client.force_login(professional)
    with caplog.at_level("INFO", logger="gezondgewicht.security"):
        r = client.get(reverse("experts:vcard", args=[anna.slug]))
    assert r.status_code == 200 and r["Content-Type"] == "text/vcard; charset=utf-8"
    assert r["Content-Disposition"] == f'attachment; filename="{anna.slug}.vcf"'
    tekst = r.content.decode()
    assert tekst.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and tekst.endswith("END:VCARD\r\n")
    assert "N:de Vries;Anna;;;\r\n" in tekst and "FN:Anna de Vries\r\n" in tekst
    assert "ORG:Praktijk Noord\\, Assen\r\n" in tekst
    assert "TITLE:Diëtist\\; kinderen\\, jongeren\r\n" in tekst
    assert "EMAIL;TYPE=INTERNET,WORK:anna.de.vries@example.org\r\n" in tekst
    assert f"gebeurtenis=export gebruiker={professional.pk}" in caplog.text
    assert "wat=vcard" in caplog.text


def test_a_line_break_in_a_name_stays_inside_its_field_and_long_lines_fold():
    expert = ExpertFactory.build(
        naam="Bram\nEND:VCARD", email="b@example.org", functie="x" * 120, organisatie=None
    )
    tekst = vcard(expert)
    assert tekst.split("\r\n").count("END:VCARD") == 1  # the name cannot end the card
    assert "FN:Bram\\nEND:VCARD" in tekst
    assert all(len(regel.encode()) <= 75 for regel in tekst.split("\r\n"))
    assert "\r\n " in tekst  # the long function continues on the next line


def test_the_vcard_needs_a_login_and_an_unknown_profile_is_a_404(client, professional, anna):
    url = reverse("experts:vcard", args=[anna.slug])
    r = client.get(url)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    client.force_login(professional)
    assert client.get(reverse("experts:vcard", args=["bestaat-niet"])).status_code == 404


def test_a_public_profile_shows_visitors_no_card(client, anna):
    anna.zichtbaarheid = Expert.Zichtbaarheid.OPENBAAR
    anna.save()
    assert client.get(reverse("experts:detail", args=[anna.slug])).status_code == 200
    r = client.get(reverse("experts:vcard", args=[anna.slug]))
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert b"BEGIN:VCARD" not in r.content


def test_the_way_back_keeps_the_query_the_filters_and_the_page(client, professional, anna):
    client.force_login(professional)
    r = client.get(reverse("experts:zoeken"), {"q": "diëtist", "page": "1"})
    link = find_all(
        r, "a", href=f"{reverse('experts:detail', args=[anna.slug])}?q=di%C3%ABtist&page=1"
    )
    assert link
    r = client.get(link[0].attrs["href"])
    terug = find(r, "a", href=f"{reverse('experts:zoeken')}?q=di%C3%ABtist&page=1")
    assert terug.text == "Terug naar uw zoekresultaten"
