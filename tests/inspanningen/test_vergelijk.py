import pytest
from django.urls import reverse

from inspanningen import services
from inspanningen.matrix import VERANDERINGEN, verandering
from inspanningen.models import Score
from tests.markup import title

pytestmark = pytest.mark.django_db


def _set(jaar, i, a, **values):
    score = Score.objects.get(ronde__jaar=jaar, inspanning__nummer=i, aanbeveling__nummer=a)
    for key, value in values.items():
        setattr(score, key, value)
    score.versie += 1
    score.save()


@pytest.mark.parametrize(
    ("oud", "nieuw", "code"),
    [
        ("deels", "sterk", "beter"),
        ("sterk", "nauwelijks", "slechter"),
        ("deels", "deels", "gelijk"),
        ("onbekend", "deels", "nieuw_gescoord"),
        ("sterk", "onbekend", "niet_meer_gescoord"),
        ("onbekend", "onbekend", "gelijk"),
    ],
)
def test_the_kind_of_change(oud, nieuw, code):
    assert verandering(Score(niveau=oud), Score(niveau=nieuw)) == VERANDERINGEN[code]


def test_the_comparison_shows_exactly_the_changed_scores(client, professional, ronde_2026):
    _set(2026, 1, 1, niveau="deels", toelichting="Trekker aangesteld")
    _set(2026, 5, 1, niveau="deels")
    _set(2026, 8, 2, niveau="sterk", toelichting="Campagne deelt kennis")
    client.force_login(professional)
    r = client.get(reverse("inspanningen:vergelijk"), {"van": 2025, "naar": 2026})
    vergelijking = r.context["vergelijking"]
    changed = {
        (c.inspanning.nummer, c.aanbeveling.nummer): c.verandering.code
        for c in vergelijking.gewijzigd
    }
    assert changed == {(1, 1): "beter", (5, 1): "slechter", (8, 2): "nieuw_gescoord"}
    content = r.content.decode()
    assert "3 gewijzigde cellen" in content
    assert "Deze inspanning is in voorbereiding en coalitiecoördinator is nu de trekker" in content
    assert "Trekker aangesteld" in content
    assert "▲" in content and "▼" in content
    regie = dict((a.nummer, rij) for a, rij in vergelijking.tellingen)[1]
    assert [(n.value, van, naar) for n, van, naar in regie] == [
        ("sterk", 2, 1),
        ("deels", 6, 8),
        ("nauwelijks", 3, 2),
        ("onbekend", 0, 0),
    ]


def test_the_default_compares_the_two_latest_rounds(client, professional, ronde_2026):
    client.force_login(professional)
    r = client.get(reverse("inspanningen:vergelijk"))
    assert (r.context["vergelijking"].van.jaar, r.context["vergelijking"].naar.jaar) == (2025, 2026)


def test_invalid_years_give_a_form_error(client, professional, ronde_2026):
    client.force_login(professional)
    for params in (
        {"van": "2025", "naar": "2025"},
        {"van": "abc", "naar": "2026"},
        {"van": "1900", "naar": "2026"},
    ):
        r = client.get(reverse("inspanningen:vergelijk"), params)
        assert r.status_code == 200
        assert r.context["vergelijking"] is None
        assert title(r).startswith("Fout: "), params


def test_anonymous_visitors_need_a_login_for_an_open_round(client, ronde_2026):
    r = client.get(reverse("inspanningen:vergelijk"), {"van": 2025, "naar": 2026})
    assert r.status_code == 302 and "/accounts/login/" in r.url


def test_the_comparison_runs_a_fixed_number_of_queries(
    client, professional, ronde_2026, coordinator, django_assert_max_num_queries
):
    client.force_login(professional)
    with django_assert_max_num_queries(8):
        client.get(reverse("inspanningen:vergelijk"), {"van": 2025, "naar": 2026})
    for jaar in (2027, 2028):
        services.nieuwe_ronde(jaar=jaar, door=coordinator)
    with django_assert_max_num_queries(8):
        client.get(reverse("inspanningen:vergelijk"), {"van": 2025, "naar": 2028})
