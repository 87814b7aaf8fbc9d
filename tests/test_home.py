import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_coalitions_data(client, referentie):
    r = client.get(reverse("home"))
    content = r.content.decode()
    assert r.status_code == 200
    assert '<html lang="nl"' in content
    assert "11 inspanningen afgezet tegen 5 aanbevelingen" in content
    assert "2025" in content


def test_the_layout_has_a_skip_link_header_and_footer(client):
    content = client.get(reverse("home")).content.decode()
    assert '<a class="utrecht-skip-link' in content and 'href="#inhoud"' in content
    assert 'id="inhoud"' in content
    assert "<header" in content and "<footer" in content
    assert 'aria-label="Hoofdmenu"' in content


def test_the_login_state_is_shown(client, professional):
    assert "Inloggen" in client.get(reverse("home")).content.decode()
    client.force_login(professional)
    content = client.get(reverse("home")).content.decode()
    assert "Ingelogd als Professional Test" in content
    assert 'action="/accounts/logout/"' in content


def test_the_home_page_has_an_empty_state_without_data(client):
    assert "Er is nog geen ronde" in client.get(reverse("home")).content.decode()


def test_static_assets_come_from_our_own_server(client):
    content = client.get(reverse("home")).content.decode()
    assert "/static/vendor/utrecht/index.css" in content
    assert "https://" not in content.split("<body")[0]


def test_the_health_check_answers_without_touching_the_database(
    client, professional, django_assert_num_queries
):
    client.force_login(professional)
    with django_assert_num_queries(0):
        r = client.get(reverse("gezond"))
    assert r.status_code == 200
    assert r.content == b"ok"
    assert r["Content-Type"].startswith("text/plain")
