"""The matrix of a round (inspanningen:matrix, inspanningen:matrix_jaar): inspanningen against
aanbevelingen, each score with its level as a symbol and in words."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pytest_django.asserts import assertContains

from inspanningen import services
from inspanningen.models import Inspanning, Ronde, Score
from tests.conftest import nog_een_ronde
from tests.factories import AanbevelingFactory, InspanningFactory
from tests.markup import find, find_all, page_text

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_read_a_finalised_round(client, referentie):
    r = client.get(reverse("inspanningen:matrix"))
    assert r.status_code == 200
    assert find(r, "caption").text.startswith(
        "Ronde 2025: Nulmeting uit het rapport Expertisebeheer Gezond Gewicht (status: Vastgesteld)"
    )
    assertContains(
        r,
        '<th scope="col" class="utrecht-table__header-cell"><a class="utrecht-link" '
        'href="/aanbevelingen/#aanbeveling-1">1. Regie &amp; eigenaarschap</a></th>',
        html=True,
    )
    assertContains(
        r, '<a class="utrecht-link" href="/inspanningen/5/">5. Beweegreis</a>', html=True
    )
    assert "Regie bij SportDrenthe" in page_text(r)
    assert len(find_all(r, "td", cls="gg-cel")) == 55


def test_each_score_carries_symbol_and_level_as_text(client, referentie):
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2025]))
    for td in find_all(r, "td", cls="gg-cel"):
        symbool = find(td, "span", cls="gg-niveau__symbool")
        assert symbool.attrs["aria-hidden"] == "true" and symbool.text
        assert find(td, "span", cls="gg-niveau__tekst").text
    assertContains(
        r,
        '<span class="gg-niveau gg-niveau--sterk"><span class="gg-niveau__symbool" '
        'aria-hidden="true">●</span> <span class="gg-niveau__tekst">sterk aanwezig</span></span>',
        count=17,
        html=True,
    )
    assertContains(
        r,
        '<span class="gg-niveau gg-niveau--onbekend"><span class="gg-niveau__symbool" '
        'aria-hidden="true">–</span> <span class="gg-niveau__tekst">nog niet bekend</span></span>',
        count=8,
        html=True,
    )
    assert find(r, id="legenda").text == "Legenda"


def test_counts_per_level_for_every_column_and_row(client, referentie):
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2025]))
    matrix = r.context["matrix"]
    sterk_per_kolom = dict(matrix.kolomtellingen[0][1])
    assert sum(sterk_per_kolom.values()) == 17
    ketensamenwerking = next(a for a in sterk_per_kolom if a.nummer == 3)
    assert sterk_per_kolom[ketensamenwerking] == 8
    beweegreis = next(r for r in matrix.rijen if r.inspanning.nummer == 5)
    assert [n for _niveau, n in beweegreis.tellingen] == [4, 1, 0, 0]


def test_an_open_round_needs_a_login(client, ronde_2026):
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2026]))
    assert r.status_code == 302 and r.url.startswith("/accounts/login/")
    assert client.get(reverse("inspanningen:export_csv", args=[2026])).status_code == 302
    assert client.get(reverse("inspanningen:export_xlsx", args=[2026])).status_code == 302


def test_the_matrix_is_the_latest_finalised_round_also_for_logged_in_users(
    client, professional, ronde_2026
):
    client.force_login(professional)
    r = client.get(reverse("inspanningen:matrix"))
    assert r.context["ronde"].jaar == 2025
    tekst = page_text(r)
    # The round in progress is reached from the banner.
    assert "Ronde 2026 is open: 0 van 55 beoordeeld" in tekst
    banner = find(r, cls="gg-banner")
    assert find(banner, "a", href=reverse("inspanningen:matrix_jaar", args=[2026]))
    assert "Matrix bewerken" not in tekst
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2026]))
    assert r.context["ronde"].jaar == 2026
    assert "Ronde 2026 is nog niet vastgesteld (status: Open)" in page_text(r)


def test_a_new_concept_round_does_not_become_the_matrix(
    client, professional, coordinator, referentie
):
    services.nieuwe_ronde(jaar=2026, door=coordinator)
    for user in (None, professional, coordinator):
        if user:
            client.force_login(user)
        assert client.get(reverse("inspanningen:matrix")).context["ronde"].jaar == 2025
        assert client.get(reverse("home")).context["laatste_ronde"].jaar == 2025
    assert "Ronde 2026 wordt voorbereid (concept)" in page_text(
        client.get(reverse("inspanningen:matrix"))
    )


def test_the_banner_sends_who_may_edit_to_the_edit_page(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    r = client.get(reverse("inspanningen:matrix"))
    assert find(r, "a", href=reverse("inspanningen:matrix_bewerken", args=[2026]))


def test_anonymous_visitors_see_the_latest_finalised_round(client, ronde_2026):
    assert client.get(reverse("inspanningen:matrix")).context["ronde"].jaar == 2025


def test_an_unknown_year_is_a_404(client, referentie):
    assert client.get(reverse("inspanningen:matrix_jaar", args=[1999])).status_code == 404


def test_empty_state_without_rounds(client, db):
    r = client.get(reverse("inspanningen:matrix"))
    assert r.status_code == 200
    assert "Er is nog geen vastgestelde ronde." in page_text(r)
    assert not find_all(r, "table")


def test_the_matrix_page_runs_a_fixed_number_of_queries(
    client, professional, referentie, coordinator, django_assert_max_num_queries
):
    client.force_login(professional)
    with django_assert_max_num_queries(8):
        client.get(reverse("inspanningen:matrix_jaar", args=[2025]))
    InspanningFactory(nummer=12, naam="Twaalfde inspanning")
    AanbevelingFactory(nummer=6, korte_naam="Zesde aanbeveling")
    for jaar in (2026, 2027, 2028):
        nog_een_ronde(jaar, door=coordinator)
    with django_assert_max_num_queries(8):
        r = client.get(reverse("inspanningen:matrix_jaar", args=[2028]))
    assert len(r.context["matrix"].rijen) == 12
    assert len(r.context["matrix"].aanbevelingen) == 6


def test_a_new_inspanning_and_aanbeveling_appear_in_new_rounds_only(
    client, coordinator, referentie
):
    InspanningFactory(nummer=12, naam="Twaalfde inspanning")
    AanbevelingFactory(nummer=6, korte_naam="Zesde aanbeveling")
    services.nieuwe_ronde(jaar=2026, door=coordinator)
    assert Score.objects.filter(ronde__jaar=2026).count() == 12 * 6
    assert Score.objects.filter(ronde__jaar=2025).count() == 55
    client.force_login(coordinator)
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2026]))
    rijen = [th.text for th in find_all(find(r, "tbody"), "th", scope="row")]
    kolommen = [th.text for th in find_all(find(r, "thead"), "th", scope="col")]
    assert rijen[-1] == "12. Twaalfde inspanning" and "6. Zesde aanbeveling" in kolommen
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2025]))
    assert len(find_all(find(r, "tbody"), "th", scope="row")) == 11


def test_an_archived_inspanning_stays_in_old_rounds(client, coordinator, referentie):
    Inspanning.objects.filter(nummer=8).update(gearchiveerd=True)
    services.nieuwe_ronde(jaar=2026, door=coordinator)
    assert not Score.objects.filter(ronde__jaar=2026, inspanning__nummer=8).exists()
    r = client.get(reverse("inspanningen:matrix_jaar", args=[2025]))
    assert "8. Publiekscampagne" in [
        th.text for th in find_all(find(r, "tbody"), "th", scope="row")
    ]


def test_the_banner_shows_the_open_round_not_a_newer_concept(client, stuurgroep, ronde_2026):
    nog_een_ronde(2027)
    client.force_login(stuurgroep)
    banner = find(client.get(reverse("inspanningen:matrix")), cls="gg-banner")
    assert "Ronde 2026 is open" in banner.text
    assert find(banner, "a", href=reverse("inspanningen:matrix_bewerken", args=[2026]))


def test_the_banner_shows_progress_and_deadline(client, professional, ronde_2026):
    deadline = timezone.localdate() + timedelta(days=20)
    Ronde.objects.filter(pk=ronde_2026.pk).update(deadline=deadline)
    client.force_login(professional)
    banner = find(client.get(reverse("inspanningen:matrix")), cls="gg-banner")
    assert "Ronde 2026 is open: 0 van 55 beoordeeld" in banner.text
    assert f"deadline {date_format(deadline, 'j F Y')}" in banner.text
