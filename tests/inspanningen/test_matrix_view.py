import pytest
from django.urls import reverse

from inspanningen import services
from inspanningen.models import Score
from tests.factories import AanbevelingFactory, InspanningFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_read_a_finalised_round(client, referentie):
    r = client.get(reverse("inspanningen:matrix"))
    content = r.content.decode()
    assert r.status_code == 200
    assert (
        "Ronde 2025: Nulmeting uit het rapport Expertisebeheer Gezond Gewicht (status: Vastgesteld)"
        in content
    )
    assert (
        '<th scope="col" class="utrecht-table__header-cell"><a class="utrecht-link" href="/aanbevelingen/#aanbeveling-1">1. Regie &amp; eigenaarschap</a></th>'
        in content
    )
    assert '<a class="utrecht-link" href="/inspanningen/5/">5. Beweegreis</a>' in content
    assert "Regie bij SportDrenthe" in content
    assert content.count('<td class="utrecht-table__cell gg-cel gg-cel--') == 55


def test_each_cell_carries_symbol_and_level_as_text(client, referentie):
    content = client.get(reverse("inspanningen:matrix_jaar", args=[2025])).content.decode()
    assert (
        '<span class="gg-niveau__symbool" aria-hidden="true">●</span> <span class="gg-niveau__tekst">sterk aanwezig</span>'
        in content
    )
    assert (
        '<span class="gg-niveau__symbool" aria-hidden="true">–</span> <span class="gg-niveau__tekst">nog niet bekend</span>'
        in content
    )
    assert 'id="legenda"' in content


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


def test_the_most_recent_round_is_shown_to_logged_in_users(client, professional, ronde_2026):
    client.force_login(professional)
    r = client.get(reverse("inspanningen:matrix"))
    assert r.context["ronde"].jaar == 2026
    assert "0 van 55 beoordeeld" in r.content.decode()
    assert "Matrix bewerken" not in r.content.decode()


def test_anonymous_visitors_see_the_latest_finalised_round(client, ronde_2026):
    assert client.get(reverse("inspanningen:matrix")).context["ronde"].jaar == 2025


def test_an_unknown_year_is_a_404(client, referentie):
    assert client.get(reverse("inspanningen:matrix_jaar", args=[1999])).status_code == 404


def test_empty_state_without_rounds(client, db):
    r = client.get(reverse("inspanningen:matrix"))
    assert r.status_code == 200
    assert "Er is nog geen ronde" in r.content.decode()


def test_the_matrix_page_runs_a_fixed_number_of_queries(
    client, professional, referentie, coordinator, django_assert_max_num_queries
):
    client.force_login(professional)
    with django_assert_max_num_queries(8):
        client.get(reverse("inspanningen:matrix_jaar", args=[2025]))
    InspanningFactory(nummer=12, naam="Twaalfde inspanning")
    AanbevelingFactory(nummer=6, korte_naam="Zesde aanbeveling")
    for jaar in (2026, 2027, 2028):
        services.nieuwe_ronde(jaar=jaar, door=coordinator)
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
    content = client.get(reverse("inspanningen:matrix_jaar", args=[2026])).content.decode()
    assert "12. Twaalfde inspanning" in content and "6. Zesde aanbeveling" in content


def test_an_archived_inspanning_stays_in_old_rounds(client, coordinator, referentie):
    from inspanningen.models import Inspanning

    Inspanning.objects.filter(nummer=8).update(gearchiveerd=True)
    services.nieuwe_ronde(jaar=2026, door=coordinator)
    assert not Score.objects.filter(ronde__jaar=2026, inspanning__nummer=8).exists()
    content = client.get(reverse("inspanningen:matrix_jaar", args=[2025])).content.decode()
    assert "8. Publiekscampagne" in content
