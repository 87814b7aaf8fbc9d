import pytest
from django.urls import reverse

from inspanningen.matrix import VERANDERINGEN, verandering
from inspanningen.models import Score
from tests.conftest import nog_een_ronde
from tests.markup import find, find_all, page_text, title

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
        nog_een_ronde(jaar, door=coordinator)
    with django_assert_max_num_queries(8):
        client.get(reverse("inspanningen:vergelijk"), {"van": 2025, "naar": 2028})


def _wijzigingen():
    """One or two of every kind of change from 2025 to 2026, and one new toelichting."""
    _set(2026, 1, 1, niveau="deels")  # nauwelijks → deels: beter
    _set(2026, 5, 1, niveau="deels")  # sterk → deels: slechter
    _set(2026, 10, 3, niveau="nauwelijks")  # sterk → nauwelijks: slechter
    _set(2026, 8, 2, niveau="sterk")  # onbekend → sterk: nieuw gescoord
    _set(2026, 9, 3, niveau="onbekend")  # sterk → onbekend: niet meer gescoord
    _set(2026, 2, 3, toelichting="Nu ook in het onderwijs")  # sterk → sterk: gelijk, new text
    Score.objects.filter(ronde__jaar=2026, inspanning__nummer=11, aanbeveling__nummer=5).delete()


def _vergelijk(client, **params):
    return client.get(reverse("inspanningen:vergelijk"), {"van": 2025, "naar": 2026, **params})


def test_the_page_opens_with_a_summary_of_the_changes(client, professional, ronde_2026):
    _wijzigingen()
    client.force_login(professional)
    r = _vergelijk(client)
    vergelijking = r.context["vergelijking"]
    assert [(v.code, n) for v, n in vergelijking.aantallen] == [
        ("beter", 1),
        ("slechter", 2),
        ("nieuw_gescoord", 1),
        ("niet_meer_gescoord", 1),
        ("vervallen_cel", 1),
        ("gelijk", 49),
    ]
    assert vergelijking.alleen_toelichting == 1
    samenvatting = (
        "55 cellen vergeleken: 1 beter, 2 slechter, 1 nieuw gescoord, 1 niet meer gescoord, "
        "1 niet meer in deze ronde, 49 gelijk (waarvan 1 met een andere toelichting)."
    )
    assert find(r, "p", cls="gg-samenvatting").text == samenvatting
    # Words, not the codes behind them.
    tekst = page_text(r)
    assert not any(code in tekst for code in VERANDERINGEN if "_" in code)


def test_a_summary_names_only_the_kinds_that_occur(client, professional, ronde_2026):
    _set(2026, 1, 1, niveau="deels")
    client.force_login(professional)
    r = _vergelijk(client)
    assert find(r, "p", cls="gg-samenvatting").text == "55 cellen vergeleken: 1 beter, 54 gelijk."


def test_the_changed_cells_come_first_level_changes_before_new_text(
    client, professional, ronde_2026
):
    _wijzigingen()
    client.force_login(professional)
    r = _vergelijk(client)
    gewijzigd = [
        (c.inspanning.nummer, c.aanbeveling.nummer, c.verandering.code)
        for c in r.context["vergelijking"].gewijzigd
    ]
    assert gewijzigd == [
        (1, 1, "beter"),
        (5, 1, "slechter"),
        (8, 2, "nieuw_gescoord"),
        (9, 3, "niet_meer_gescoord"),
        (10, 3, "slechter"),
        (11, 5, "vervallen_cel"),
        (2, 3, "gelijk"),  # the same level, another toelichting: last
    ]
    rijen = find_all(find(r, "table", cls="gg-gewijzigd"), "tr")[1:]
    assert rijen[-1].text.startswith("2. Drentse Gezonde School Aanpak × 3. Ketensamenwerking")
    assert "= gelijk, andere toelichting" in rijen[-1].text and "Nu ook in het onderwijs" in (
        rijen[-1].text
    )
    # The summary, then the changed cells, then the full grid, then the counts.
    html = r.content.decode()
    volgorde = ['class="utrecht-paragraph utrecht-paragraph--lead gg-samenvatting"',
                'id="gewijzigd-caption"', 'id="vergelijk-caption"', 'id="tellingen-caption"']  # fmt: skip
    posities = [html.index(stuk) for stuk in volgorde]
    assert posities == sorted(posities)
    assert find(r, "h2", id="gewijzigd").text == "7 gewijzigde cellen"


def _rijen(r) -> list[str]:
    return [th.text for th in find_all(find(r, "table", cls="gg-vergelijk"), "th", scope="row")]


def test_only_the_changes_leaves_out_the_rows_without_any(client, professional, ronde_2026):
    _wijzigingen()
    client.force_login(professional)
    alle = _rijen(_vergelijk(client))
    assert len(alle) == 11 and "3. Kansrijke Start" in alle
    r = _vergelijk(client, alleen="wijzigingen")
    assert [rij.split(".")[0] for rij in _rijen(r)] == ["1", "2", "5", "8", "9", "10", "11"]
    # Within a row kept, an unchanged cell is a muted '=', without its levels.
    rij = next(
        tr
        for tr in find_all(find(r, "table", cls="gg-vergelijk"), "tr")
        if tr.text.startswith("5. Beweegreis")
    )
    cellen = find_all(rij, "td")
    assert "slechter" in cellen[0].text and "sterk aanwezig" in cellen[0].text
    assert cellen[1].text == "= gelijk" and "gg-verandering--ongewijzigd" in cellen[1].classes
    # The checkbox stays on, and the way back keeps the two rounds.
    vinkje = find(r, "input", name="alleen")
    assert vinkje.attrs["value"] == "wijzigingen" and "checked" in vinkje.attrs
    terug = next(a for a in find_all(r, "a") if a.text == "Toon alle cellen")
    assert terug.attrs["href"] == "?van=2025&naar=2026#verandering-per-cel"
    # The changed cells and the summary stay whole.
    assert find(r, "h2", id="gewijzigd").text == "7 gewijzigde cellen"
    assert find(r, "p", cls="gg-samenvatting").text.startswith("55 cellen vergeleken: 1 beter")


def test_only_the_changes_works_with_the_default_rounds_too(client, professional, ronde_2026):
    _wijzigingen()
    client.force_login(professional)
    r = client.get(reverse("inspanningen:vergelijk"), {"alleen": "wijzigingen"})
    assert len(_rijen(r)) == 7
    assert "checked" in find(r, "input", name="alleen").attrs
    r = _vergelijk(client)
    assert "checked" not in find(r, "input", name="alleen").attrs
    naar_filter = next(a for a in find_all(r, "a") if a.text == "Toon alleen de wijzigingen")
    assert naar_filter.attrs["href"] == "?van=2025&naar=2026&alleen=wijzigingen#verandering-per-cel"


def test_when_nothing_changed_the_page_says_so(client, professional, ronde_2026):
    client.force_login(professional)
    r = _vergelijk(client, alleen="wijzigingen")
    assert find(r, "p", cls="gg-samenvatting").text == "55 cellen vergeleken: 55 gelijk."
    assert find(r, "h2", id="gewijzigd").text == "0 gewijzigde cellen"
    assert page_text(r).count("Er is geen enkele cel veranderd.") == 2
    assert not find_all(r, "table", cls="gg-vergelijk")
    assert not find_all(r, "table", cls="gg-gewijzigd")


def test_the_summary_and_the_filter_cost_no_extra_queries(
    client, professional, ronde_2026, django_assert_max_num_queries
):
    client.force_login(professional)
    with django_assert_max_num_queries(8):
        _vergelijk(client)
    _wijzigingen()
    for params in ({}, {"alleen": "wijzigingen"}):
        with django_assert_max_num_queries(8):
            _vergelijk(client, **params)


def test_anonymous_visitors_compare_only_finalised_rounds(client, ronde_2026):
    r = _vergelijk(client, alleen="wijzigingen")
    assert r.status_code == 302 and "/accounts/login/" in r.url
    r = client.get(reverse("inspanningen:vergelijk"), {"alleen": "wijzigingen"})
    assert r.status_code == 200 and r.context["vergelijking"] is None  # only 2025 to see
