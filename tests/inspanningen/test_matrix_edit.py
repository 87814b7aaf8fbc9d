import pytest
from django.test import Client
from django.urls import reverse

from inspanningen.models import Ronde, Score

pytestmark = pytest.mark.django_db

URL = reverse("inspanningen:matrix_bewerken", args=[2026])


def _cell(ronde_jaar, i, a):
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
        if initial.get("keuze"):
            values["keuze"] = initial["keuze"]
        values.update((changes or {}).get((score.inspanning.nummer, score.aanbeveling.nummer), {}))
        for key, value in values.items():
            if value is not None:
                data[f"form-{n}-{key}"] = value
    data.update(extra)
    return data


def _choose(conflict_page, keuze):
    """The conflict page submitted again, with `keuze` ('mijn' or 'hun') for every conflicting cell."""
    formset = conflict_page.context["form"]
    data = {f"form-{k}": v for k, v in formset.management_form.initial.items()}
    for n, form in enumerate(formset.forms):
        for key in ("score_id", "versie", "niveau", "toelichting"):
            data[f"form-{n}-{key}"] = form.initial[key]
        if form.initial.get("keuze"):
            data[f"form-{n}-keuze"] = keuze
    return data


def test_anonymous_users_are_sent_to_login(client, ronde_2026):
    r = client.get(URL)
    assert r.status_code == 302 and "/accounts/login/" in r.url


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
    assert _cell(2026, 5, 1).niveau == "sterk"


def test_the_stuurgroep_edits_an_open_round(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    r = client.post(
        URL,
        _post_data(
            client, changes={(5, 1): {"niveau": "deels", "toelichting": "Regie verschuift"}}
        ),
    )
    assert r.status_code == 302
    cell = _cell(2026, 5, 1)
    assert (cell.niveau, cell.toelichting, cell.beoordelingsstatus, cell.versie) == (
        "deels",
        "Regie verschuift",
        "gewijzigd",
        2,
    )
    assert cell.bijgewerkt_door == stuurgroep


def test_the_coordinator_edits_a_concept_round(client, coordinator, concept_2026):
    client.force_login(coordinator)
    r = client.post(URL, _post_data(client, changes={(1, 1): {"toelichting": "Trekker gevonden"}}))
    assert r.status_code == 302
    assert _cell(2026, 1, 1).toelichting == "Trekker gevonden"


def test_nobody_edits_a_finalised_round(client, coordinator, referentie):
    client.force_login(coordinator)
    assert client.get(reverse("inspanningen:matrix_bewerken", args=[2025])).status_code == 403


def test_only_changed_cells_are_written_and_recorded(client, stuurgroep, ronde_2026):
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
    latest = _cell(2026, 5, 1).history.first()
    assert (latest.niveau, latest.prev_record.niveau, latest.history_user) == (
        "deels",
        "sterk",
        stuurgroep,
    )


def test_confirming_a_cell_marks_it_bevestigd(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    client.post(
        URL, _post_data(client, changes={(2, 1): {"bevestigd": "on"}, (2, 2): {"bevestigd": "on"}})
    )
    assert _cell(2026, 2, 1).beoordelingsstatus == "bevestigd"
    assert _cell(2026, 2, 1).niveau == "deels"
    r = client.get(URL)
    assert "2 van 55 beoordeeld" in r.content.decode()


def test_show_only_the_cells_still_to_review(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    client.post(URL, _post_data(client, changes={(2, 1): {"bevestigd": "on"}}))
    r = client.get(URL, {"alleen": "te_beoordelen"})
    assert len(r.context["form"].forms) == 54
    data = _post_data(
        client, url=URL + "?alleen=te_beoordelen", changes={(3, 1): {"niveau": "sterk"}}
    )
    client.post(URL + "?alleen=te_beoordelen", data)
    assert _cell(2026, 3, 1).niveau == "sterk"
    assert "2 van 55 beoordeeld" in client.get(URL).content.decode()


def test_two_sessions_editing_the_same_cell_lose_no_update(ronde_2026, stuurgroep, coordinator):
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
    cell = _cell(2026, 5, 1)
    assert (cell.niveau, cell.toelichting) == ("nauwelijks", "Regie weg")  # not overwritten
    assert _cell(2026, 6, 1).toelichting == "Gemeenten nemen regie"  # the other change is saved
    content = r.content.decode()
    assert "Intussen gewijzigd door Coördinator Test" in content
    assert "Regie weg" in content
    assert cell.pk in r.context["conflicten"]

    # The user chooses their own version.
    assert eerste.post(URL, _choose(r, "mijn")).status_code == 302
    assert _cell(2026, 5, 1).niveau == "deels"


def test_choosing_the_stored_version_keeps_it(ronde_2026, stuurgroep, coordinator):
    eerste, tweede = Client(), Client()
    eerste.force_login(stuurgroep)
    tweede.force_login(coordinator)
    data_eerste = _post_data(eerste, changes={(5, 1): {"niveau": "deels"}})
    tweede.post(URL, _post_data(tweede, changes={(5, 1): {"niveau": "nauwelijks"}}))
    r = eerste.post(URL, data_eerste)
    assert eerste.post(URL, _choose(r, "hun")).status_code == 302
    assert _cell(2026, 5, 1).niveau == "nauwelijks"


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
    assert r.status_code == 200
    content = r.content.decode()
    assert message in content
    assert "<title>Fout: " in content
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


def test_a_tampered_management_form_is_an_error_not_a_500(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    r = client.post(URL, {"form-TOTAL_FORMS": "100000", "form-INITIAL_FORMS": "0"})
    assert r.status_code == 200
    r = client.post(URL, {"rommel": "1"})
    assert r.status_code == 200


def test_a_cell_of_another_round_cannot_be_edited_by_changing_the_id(
    client, stuurgroep, ronde_2026
):
    client.force_login(stuurgroep)
    other = _cell(2025, 5, 1)
    client.post(
        URL,
        _post_data(client, changes={(5, 1): {"score_id": str(other.pk), "niveau": "nauwelijks"}}),
    )
    assert _cell(2025, 5, 1).niveau == "sterk"


def test_the_edit_page_runs_a_fixed_number_of_queries(
    client, stuurgroep, ronde_2026, django_assert_max_num_queries
):
    client.force_login(stuurgroep)
    with django_assert_max_num_queries(10):
        client.get(URL)
    data = _post_data(client, changes={(5, 1): {"niveau": "deels"}})
    with django_assert_max_num_queries(
        13
    ):  # reads as above, plus lock, check, update and history row
        client.post(URL, data)


def test_the_edit_page_works_without_javascript(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    content = client.get(URL).content.decode()
    assert '<form method="post"' in content
    assert "<script" not in content
    assert content.count('type="submit"') >= 1


def test_every_cell_has_a_history_view(client, stuurgroep, ronde_2026):
    client.force_login(stuurgroep)
    client.post(
        URL,
        _post_data(client, changes={(5, 1): {"niveau": "deels", "toelichting": "Minder regie"}}),
    )
    cell = _cell(2026, 5, 1)
    r = client.get(reverse("inspanningen:score_history", args=[2026, cell.pk]))
    content = r.content.decode()
    assert r.status_code == 200
    assert "Stuurgroeplid Test" in content
    assert "<del>sterk</del> → <ins>deels</ins>" in content
    assert "<ins>Minder regie</ins>" in content
    assert (
        client.get(reverse("inspanningen:score_history", args=[2025, cell.pk])).status_code == 404
    )
