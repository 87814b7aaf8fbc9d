import pytest
from django.urls import reverse

from tests.markup import find, find_all, page_text

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_coalitions_data(client, referentie):
    r = client.get(reverse("home"))
    assert r.status_code == 200
    assert find(r, "html").attrs["lang"] == "nl"
    tekst = page_text(r)
    assert "11 inspanningen afgezet tegen 5 aanbevelingen" in tekst
    assert "2025" in tekst


def test_the_home_page_shows_the_current_round_in_small(client, referentie):
    r = client.get(reverse("home"))
    assert "De matrix van 2025 in het klein" in page_text(r)
    assert len(find_all(r, "td", cls="gg-cel")) == 55


def test_the_layout_has_a_skip_link_header_and_footer(client):
    r = client.get(reverse("home"))
    skip = find(r, "a", cls="utrecht-skip-link")
    assert skip.attrs["href"] == "#inhoud"
    assert find(r, id="inhoud").tag == "main"
    assert find_all(r, "header") and find_all(r, "footer")
    find(r, "nav", aria_label="Hoofdmenu")


def test_the_navigation_links_to_the_matrix_pages(client, referentie):
    nav = find(client.get(reverse("home")), "nav", aria_label="Hoofdmenu")
    links = {a.attrs["href"]: a.text for a in find_all(nav, "a")}
    assert links[reverse("inspanningen:lijst")] == "Inspanningen"
    assert links[reverse("inspanningen:matrix")] == "Matrix"
    assert links[reverse("kennis:lijst")] == "Kennisbank"


def test_the_home_page_leads_to_the_kennisbank(client, referentie):
    kaarten = find_all(client.get(reverse("home")), "li", cls="gg-card")
    [kennis] = [k for k in kaarten if "Kennisbank" in k.text]
    assert "Naar de kennisbank" in kennis.text


def test_the_login_state_is_shown(client, professional):
    r = client.get(reverse("home"))
    assert "Inloggen" in page_text(r)
    assert not find_all(r, "form", action=reverse("account_logout"))
    client.force_login(professional)
    r = client.get(reverse("home"))
    assert "Ingelogd als Professional Test" in page_text(r)
    assert find(r, "form", action=reverse("account_logout")).attrs["method"] == "post"


def test_the_home_page_has_an_empty_state_without_data(client):
    assert "Er is nog geen vastgestelde ronde." in page_text(client.get(reverse("home")))


def test_static_assets_come_from_our_own_server(client):
    r = client.get(reverse("home"))
    stylesheets = [link.attrs["href"] for link in find_all(r, "link", rel="stylesheet")]
    assert "/static/vendor/utrecht/index.css" in stylesheets
    assert "https://" not in r.content.decode().split("<body")[0]
