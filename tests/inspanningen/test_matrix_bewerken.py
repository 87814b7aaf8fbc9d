"""Editing the matrix of a round (inspanningen:matrix_bewerken): per score the level, the note
and 'beoordeeld', with no lost update when two people edit at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspanningen.models import Ronde, Score
from tests.markup import find, find_all, page_text, title

pytestmark = pytest.mark.django_db

URL = reverse("inspanningen:matrix_bewerken", args=[2026])


def _score(ronde_jaar, i, a):
    return Score.objects.select_related("inspanning", "aanbeveling").get(
        ronde__jaar=ronde_jaar, inspanning__nummer=i, aanbeveling__nummer=a
    )


def _post_data(client, url=URL, changes=None, **extra):
    """The edit form as loaded, with `changes` {(i, a): {field: value}} applied."""
    r = client.get(url)
    formset = r.context["form"]
    data = {k: v for k, v in formset.management_form.initial.items()}
    data = {f"form-{k}": v for k, v in data.items()}
    for n, form in enumerate(formset.forms):
        initial = form.initial
        score = Score.objects.select_related("inspanning", "aanbeveling").get(
            pk=initial["score_id"]
        )
        values = {
            "score_id": initial["score_id"],
            "versie": initial["versie"],
            "niveau": initial["niveau"],
            "toelichting": initial["toelichting"],
        }
        if initial.get("bevestigd"):
            values["bevestigd"] = "on"
        if initial.get("conflict"):
            values["conflict"] = "on"
        values.update((changes or {}).get((score.inspanning.nummer, score.aanbeveling.nummer), {}))
        for key, value in values.items():
            if value is not None:
                data[f"form-{n}-{key}"] = value
    data.update(extra)
    return data


def _choose(conflict_page, keuze):
    """The conflict page submitted again, with `keuze` ('mijn' or 'hun') for every conflicting
    score."""
    formset = conflict_page.context["form"]
    data = {f"form-{k}": v for k, v in formset.management_form.initial.items()}
    for n, form in enumerate(formset.forms):
        for key in ("score_id", "versie", "niveau", "toelichting"):
            data[f"form-{n}-{key}"] = form.initial[key]
        if form.initial.get("conflict"):
            data[f"form-{n}-conflict"] = "on"
            if keuze:
                data[f"form-{n}-keuze"] = keuze
    return data


def test_anonymous_users_are_sent_to_login(client, coordinator, ronde_2026):
    r = client.get(URL)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    client.force_login(coordinator)
    data = _post_data(client, changes={(5, 1): {"niveau": "nauwelijks"}})
    client.logout()
    r = client.post(URL, data)
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


def test_a_professional_gets_403_and_nothing_changes(client, professional, coordinator, ronde_2026):
    client.force_login(coordinator)
    data = _post_data(client, changes={(5, 1): {"niveau": "nauwelijks"}})
    client.force_login(professional)
    assert client.get(URL).status_code == 403
    assert client.post(URL, data).status_code == 403
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


@pytest.mark.parametrize("status", ["concept", "vastgesteld"])
def test_the_stuurgroep_cannot_edit_a_concept_or_finalised_round(
    client, stuurgroep, coordinator, ronde_2026, status
):
    client.force_login(coordinator)
    data = _post_data(client, changes={(5, 1): {"niveau": "nauwelijks"}})
    Ronde.objects.filter(pk=ronde_2026.pk).update(status=status)
    client.force_login(stuurgroep)
    assert client.post(URL, data).status_code == 403
    assert client.get(URL).status_code == 403
    assert _score(2026, 5, 1).niveau == "sterk"


def test_the_stuurgroep_edits_an_open_round(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    r = client.post(
        URL,
        _post_data(
            client, changes={(5, 1): {"niveau": "deels", "toelichting": "Regie verschuift"}}
        ),
    )
    assert r.status_code == 302 and r.url == URL
    assert "1 cel opgeslagen." in page_text(client.get(r.url))
    score = _score(2026, 5, 1)
    assert (score.niveau, score.toelichting, score.beoordelingsstatus, score.versie) == (
        "deels",
        "Regie verschuift",
        "gewijzigd",
        2,
    )
    assert score.bijgewerkt_door == stuurgroep


def test_the_coordinator_edits_a_concept_round(client, coordinator, concept_2026):
    client.force_login(coordinator)
    r = client.post(URL, _post_data(client, changes={(1, 1): {"toelichting": "Trekker gevonden"}}))
    assert r.status_code == 302
    score = _score(2026, 1, 1)
    assert (score.toelichting, score.bijgewerkt_door) == ("Trekker gevonden", coordinator)
    assert Score.objects.filter(ronde=concept_2026, versie__gt=1).count() == 1


def test_nobody_edits_a_finalised_round(client, coordinator, referentie):
    client.force_login(coordinator)
    url = reverse("inspanningen:matrix_bewerken", args=[2025])
    assert client.get(url).status_code == 403
    score = _score(2025, 5, 1)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-score_id": score.pk,
        "form-0-versie": score.versie,
        "form-0-niveau": "nauwelijks",
        "form-0-toelichting": "Toch anders",
    }
    assert client.post(url, data).status_code == 403
    score.refresh_from_db()
    assert (score.niveau, score.toelichting) == ("sterk", "Regie bij SportDrenthe")


def test_only_changed_scores_are_written_and_recorded(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    history_before = Score.history.count()
    client.post(
        URL,
        _post_data(
            client,
            changes={(5, 1): {"niveau": "deels"}, (7, 1): {"toelichting": "Nieuwe regiefunctie"}},
        ),
    )
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 2
    assert Score.history.count() == history_before + 2
    latest = _score(2026, 5, 1).history.first()
    assert (latest.niveau, latest.prev_record.niveau, latest.history_user) == (
        "deels",
        "sterk",
        stuurgroep,
    )


def test_confirming_a_score_marks_it_bevestigd(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    client.post(
        URL, _post_data(client, changes={(2, 1): {"bevestigd": "on"}, (2, 2): {"bevestigd": "on"}})
    )
    for score in (_score(2026, 2, 1), _score(2026, 2, 2)):
        assert (score.beoordelingsstatus, score.bijgewerkt_door) == ("bevestigd", stuurgroep)
    assert _score(2026, 2, 1).niveau == "deels"  # confirmed as it was
    r = client.get(URL)
    assert "2 van 55 beoordeeld" in r.content.decode()


def test_show_only_the_scores_still_to_review(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    client.post(URL, _post_data(client, changes={(2, 1): {"bevestigd": "on"}}))
    r = client.get(URL, {"alleen": "te_beoordelen"})
    assert len(r.context["form"].forms) == 54
    data = _post_data(
        client, url=URL + "?alleen=te_beoordelen", changes={(3, 1): {"niveau": "sterk"}}
    )
    client.post(URL + "?alleen=te_beoordelen", data)
    assert _score(2026, 3, 1).niveau == "sterk"
    assert "2 van 55 beoordeeld" in client.get(URL).content.decode()


def test_two_sessions_editing_the_same_score_lose_no_update(ronde_2026, stuurgroep, coordinator):
    eerste, tweede = Client(), Client()
    eerste.force_login(stuurgroep)
    tweede.force_login(coordinator)
    data_eerste = _post_data(
        eerste,
        changes={(5, 1): {"niveau": "deels"}, (6, 1): {"toelichting": "Gemeenten nemen regie"}},
    )
    data_tweede = _post_data(
        tweede, changes={(5, 1): {"niveau": "nauwelijks", "toelichting": "Regie weg"}}
    )
    assert tweede.post(URL, data_tweede).status_code == 302

    r = eerste.post(URL, data_eerste)
    assert r.status_code == 200
    score = _score(2026, 5, 1)
    assert (score.niveau, score.toelichting) == ("nauwelijks", "Regie weg")  # not overwritten
    assert _score(2026, 6, 1).toelichting == "Gemeenten nemen regie"  # the other change is saved
    content = r.content.decode()
    assert "1. Regie & eigenaarschap: intussen gewijzigd door Coördinator Test" in page_text(r)
    assert "Regie weg" in content
    assert score.pk in r.context["conflicten"]

    # The user chooses their own version.
    assert eerste.post(URL, _choose(r, "mijn")).status_code == 302
    assert _score(2026, 5, 1).niveau == "deels"


def test_choosing_the_stored_version_keeps_it(ronde_2026, stuurgroep, coordinator):
    eerste, tweede = Client(), Client()
    eerste.force_login(stuurgroep)
    tweede.force_login(coordinator)
    data_eerste = _post_data(eerste, changes={(5, 1): {"niveau": "deels"}})
    tweede.post(URL, _post_data(tweede, changes={(5, 1): {"niveau": "nauwelijks"}}))
    r = eerste.post(URL, data_eerste)
    assert r.status_code == 200 and _score(2026, 5, 1).pk in r.context["conflicten"]
    history_before = Score.history.count()
    r = eerste.post(URL, _choose(r, "hun"))
    assert r.status_code == 302
    score = _score(2026, 5, 1)
    assert (score.niveau, score.bijgewerkt_door, score.versie) == ("nauwelijks", coordinator, 2)
    assert Score.history.count() == history_before  # nothing of the first session written
    assert "De opgeslagen versie is behouden; van u is niets opgeslagen." in page_text(
        eerste.get(r.url)
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({(5, 1): {"niveau": "uitstekend"}}, "geen beschikbare keuze"),
        ({(5, 1): {"toelichting": "x" * 2001}}, "2000"),
        ({(5, 1): {"versie": "99"}}, "De versie van cel 5×1 klopt niet"),
        ({(5, 1): {"versie": "abc"}}, "Voer een geheel getal in"),
        ({(5, 1): {"score_id": "999999"}}, "onbekende cel"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(
    client, stuurgroep, ronde_2026, changes, message
):
    client.force_login(stuurgroep)
    data = _post_data(client, changes={**changes, (6, 1): {"niveau": "nauwelijks"}})
    r = client.post(URL, data)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert title(r).startswith("Fout: ")
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


def test_a_tampered_management_form_is_an_error_not_a_500(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    for data, message in [
        ({"form-TOTAL_FORMS": "100000", "form-INITIAL_FORMS": "0"}, "Verstuur maximaal"),
        ({"rommel": "1"}, "Het formulier is niet volledig verstuurd. Laad de pagina opnieuw"),
    ]:
        r = client.post(URL, data)
        assert r.status_code == 400
        assert title(r).startswith("Fout: ")
        assert message in page_text(r)
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


def test_a_score_of_another_round_cannot_be_edited_by_changing_the_id(
    client, stuurgroep, ronde_2026
):
    client.force_login(stuurgroep)
    other = _score(2025, 5, 1)
    r = client.post(
        URL,
        _post_data(client, changes={(5, 1): {"score_id": str(other.pk), "niveau": "nauwelijks"}}),
    )
    assert r.status_code == 400 and title(r).startswith("Fout: ")
    assert "onbekende cel" in page_text(r)
    assert _score(2025, 5, 1).niveau == "sterk"
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


def test_the_edit_page_runs_a_fixed_number_of_queries(
    client, stuurgroep, ronde_2026, django_assert_max_num_queries
):
    client.force_login(stuurgroep)
    with django_assert_max_num_queries(11):  # with the previous round's cells
        client.get(URL)
    data = _post_data(client, changes={(5, 1): {"niveau": "deels"}})
    with django_assert_max_num_queries(
        14
    ):  # reads as above, plus lock, check, update and history row
        client.post(URL, data)


def test_the_edit_page_works_without_javascript(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    r = client.get(URL)
    form = find(find(r, "main"), "form", method="post")
    assert find_all(form, type="submit")
    # The one script only helps (it unticks 'klopt nog' on a change); the server does the same.
    scripts = find_all(r, "script")
    assert [s.attrs.get("src") for s in scripts] == ["/static/js/bewerken.js"]
    assert all("defer" in s.attrs for s in scripts)


def test_a_changed_cell_is_gewijzigd_even_when_klopt_nog_stays_ticked(
    client, stuurgroep, ronde_2026
):
    client.force_login(stuurgroep)
    client.post(URL, _post_data(client, changes={(2, 1): {"bevestigd": "on"}}))
    data = _post_data(client, changes={(2, 1): {"niveau": "sterk", "bevestigd": "on"}})
    client.post(URL, data)
    assert _score(2026, 2, 1).beoordelingsstatus == "gewijzigd"


def test_klopt_nog_is_ticked_for_a_confirmed_cell_not_for_a_changed_one(
    client, stuurgroep, ronde_2026
):
    client.force_login(stuurgroep)
    client.post(
        URL,
        _post_data(client, changes={(2, 1): {"bevestigd": "on"}, (2, 2): {"niveau": "sterk"}}),
    )
    r = client.get(URL)
    for (i, a), aangevinkt in {(2, 1): True, (2, 2): False, (2, 3): False}.items():
        cel = find(r, "fieldset", id=f"cel-{_score(2026, i, a).pk}")
        vinkje = find(cel, "input", type="checkbox")
        assert ("checked" in vinkje.attrs) is aangevinkt, (i, a)


def test_each_cell_shows_last_rounds_level_and_note_and_the_recommendation(
    client, stuurgroep, ronde_2026
):
    client.force_login(stuurgroep)
    r = client.get(URL)
    cel = find(r, "fieldset", id=f"cel-{_score(2026, 5, 1).pk}")
    vorige = find(cel, cls="gg-cel__vorige").text
    assert "In 2025: ● sterk aanwezig" in vorige and "Regie bij SportDrenthe" in vorige
    aanbeveling = _score(2026, 5, 1).aanbeveling
    details = find(cel, "details")
    assert "Aanbeveling 1 lezen" in details.text and aanbeveling.titel in details.text


def test_in_only_to_review_mode_the_message_stays_when_the_inspanning_is_done(
    client, stuurgroep, ronde_2026
):
    client.force_login(stuurgroep)
    url = URL + "?alleen=te_beoordelen"
    data = _post_data(client, url=url, changes={(1, a): {"bevestigd": "on"} for a in range(1, 6)})
    r = client.post(url, {**data, "naar": "1"})
    assert r.status_code == 302 and "#" not in r.url  # inspanning 1 is no longer on the page
    assert "5 cellen opgeslagen." in page_text(client.get(r.url))


def test_the_conflict_page_runs_a_fixed_number_of_queries(ronde_2026, stuurgroep, coordinator):
    def conflict_met(n_andere: int):
        eerste, tweede = Client(), Client()
        eerste.force_login(stuurgroep)
        tweede.force_login(coordinator)
        andere = {(i, 2): {"toelichting": f"Ander {n_andere}"} for i in range(1, n_andere + 1)}
        data = _post_data(eerste, changes={(5, 1): {"niveau": "deels"}, **andere})
        # the other session changes the same cell, differently each time
        tweede.post(
            URL, _post_data(tweede, changes={(5, 1): {"toelichting": f"Tweede {n_andere}"}})
        )
        return eerste, data

    tellingen = {}
    for n in (1, 11):
        eerste, data = conflict_met(n)
        with CaptureQueriesContext(connection) as queries:
            assert eerste.post(URL, data).status_code == 200
        tellingen[n] = len(queries)
    # Each saved cell costs Score.save's check of its round, its update and its history row;
    # showing the page again, with who saved what, costs nothing per cell.
    assert tellingen[11] - tellingen[1] <= 10 * 3, tellingen


@pytest.mark.parametrize(("user", "heropenen"), [("coordinator", True), ("stuurgroep", False)])
def test_a_finalised_rounds_edit_page_says_so_and_offers_reopening_to_the_coordinator(
    client, referentie, user, heropenen, request
):
    client.force_login(request.getfixturevalue(user))
    r = client.get(reverse("inspanningen:matrix_bewerken", args=[2025]))
    assert r.status_code == 403
    assert "Ronde 2025 is vastgesteld" in title(r)
    link = find_all(r, "a", href=reverse("inspanningen:ronde_status", args=[2025, "heropenen"]))
    assert bool(link) is heropenen
