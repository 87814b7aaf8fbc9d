"""The matrix in and out: CSV and XLSX exports (inspanningen:export_csv, export_xlsx,
`export_matrix`), and the score import (inspanningen:importeren, `importeer_scores`)."""

import codecs
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from inspanningen import uitwisseling
from inspanningen.models import Ronde, Score
from tests.markup import page_text, title

pytestmark = pytest.mark.django_db

REFERENCE = (
    Path(__file__).resolve().parents[2] / "inspanningen" / "referentiedata" / "scores-2025.csv"
)


def _reference_without_bron() -> str:
    import csv

    rows = list(csv.reader(io.StringIO(REFERENCE.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(row[:4] for row in rows)
    return out.getvalue()


def test_the_2025_csv_export_equals_the_reference_file(client, referentie):
    r = client.get(reverse("inspanningen:export_csv", args=[2025]))
    assert r.status_code == 200
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    assert r.content.startswith(codecs.BOM_UTF8)  # so that Excel reads it as UTF-8
    body = r.content.decode("utf-8-sig").replace("\r\n", "\n")
    assert body.splitlines()[0] == "inspanning,aanbeveling,score,toelichting"
    assert body == _reference_without_bron()


def test_the_shared_reference_file_is_the_same_as_ours():
    shared = Path(__file__).resolve().parents[3] / "shared" / "reference" / "scores-2025.csv"
    if not shared.exists():
        pytest.skip("shared/ is not next to this checkout")
    assert shared.read_text(encoding="utf-8") == REFERENCE.read_text(encoding="utf-8")


def test_the_xlsx_opens_and_holds_55_scores(client, referentie):
    r = client.get(reverse("inspanningen:export_xlsx", args=[2025]))
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Matrix", "Scores"]
    plat = list(wb["Scores"].iter_rows(values_only=True))
    assert plat[0] == ("inspanning", "aanbeveling", "score", "toelichting")
    assert len(plat) == 56
    matrix = wb["Matrix"]
    assert [matrix["A1"].value, matrix["A2"].value] == [
        "2025: Nulmeting uit het rapport Expertisebeheer Gezond Gewicht",
        "Status: Vastgesteld",
    ]
    assert matrix["A4"].value == "Inspanningen / aanbevelingen"  # no note: it is vastgesteld
    scores = [
        c.value
        for row in matrix.iter_rows(min_row=5, max_row=15, min_col=2, max_col=6)
        for c in row
    ]
    assert len(scores) == 55 and all(scores)
    assert matrix["B9"].value.startswith("● sterk aanwezig\nRegie bij SportDrenthe")
    assert matrix["B9"].fill.fgColor.rgb.endswith("1E6B34")
    assert matrix.freeze_panes == "B5"
    assert matrix["A17"].value == "Legenda en aantal cellen per niveau"
    tellingen = list(matrix.iter_rows(min_row=18, max_row=21, max_col=6, values_only=True))
    assert [rij[0] for rij in tellingen] == [
        "● sterk aanwezig",
        "◐ deels of indirect aanwezig",
        "○ (nog) nauwelijks aanwezig",
        "– nog niet bekend",
    ]
    assert [sum(kolom) for kolom in list(zip(*tellingen, strict=True))[1:]] == [11] * 5


def test_exports_neutralise_spreadsheet_formulas(ronde_2026):
    Score.objects.filter(ronde=ronde_2026, inspanning__nummer=1, aanbeveling__nummer=1).update(
        toelichting='=HYPERLINK("x")'
    )
    assert "'=HYPERLINK" in uitwisseling.export_csv(ronde_2026)
    wb = load_workbook(io.BytesIO(uitwisseling.export_xlsx(ronde_2026)))
    assert wb["Scores"]["D2"].value.startswith("'=")


def test_export_then_import_changes_nothing_and_writes_no_history(ronde_2026, coordinator):
    data = uitwisseling.export_csv(ronde_2026).encode("utf-8")
    before = Score.history.count()
    result = uitwisseling.importeer_scores(ronde=ronde_2026, data=data, door=coordinator)
    assert (result.gewijzigd, result.ongewijzigd) == (0, 55)
    assert Score.history.count() == before


def test_a_formula_note_survives_export_and_import(ronde_2026, coordinator):
    Score.objects.filter(ronde=ronde_2026, inspanning__nummer=1, aanbeveling__nummer=1).update(
        toelichting="-5% minder"
    )
    data = uitwisseling.export_csv(ronde_2026).encode("utf-8")
    assert (
        uitwisseling.importeer_scores(ronde=ronde_2026, data=data, door=coordinator).gewijzigd == 0
    )


def _csv(*rows, header="inspanning,aanbeveling,score,toelichting") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_csv("99,1,sterk,"), "CSV, regel 2: onbekende inspanning 99 in deze ronde."),
        (_csv("1,9,sterk,"), "CSV, regel 2: onbekende aanbeveling 9 in deze ronde."),
        (
            _csv("1,1,super,"),
            "CSV, regel 2: 'score': Selecteer een geldige keuze. super is geen beschikbare "
            "keuze. Kies uit sterk, deels, nauwelijks, onbekend.",
        ),
        (
            _csv("1,1,sterk,", "1,1,deels,"),
            "CSV, regel 3: cel 1×1 staat er dubbel in (ook op regel 2).",
        ),
        (
            _csv("1,1,sterk", header="inspanning,aanbeveling,score"),
            "CSV, regel 1: de kopregel moet precies",
        ),
        (
            b"inspanning,aanbeveling,score,toelichting\n1,1,sterk,\x81\n",  # not in cp1252 either
            "CSV, regel 2: het bestand is geen UTF-8 of Windows-1252",
        ),
        (_csv("een,1,sterk,"), "CSV, regel 2: 'inspanning' en 'aanbeveling' moeten nummers zijn."),
        (
            _csv("1,1,sterk," + "x" * 2001),
            "CSV, regel 2: 'toelichting': Zorg dat deze waarde niet meer dan 2000 tekens bevat",
        ),
    ],
)
def test_a_bad_file_imports_nothing_and_names_the_line(ronde_2026, coordinator, data, message):
    from core.csv_import import ImportRefused

    with pytest.raises(ImportRefused) as exc:
        uitwisseling.importeer_scores(ronde=ronde_2026, data=data, door=coordinator)
    assert any(message in e for e in exc.value.errors), exc.value.errors
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


def test_every_error_is_reported_and_good_rows_are_not_imported(ronde_2026, coordinator):
    from core.csv_import import ImportRefused

    with pytest.raises(ImportRefused) as exc:
        uitwisseling.importeer_scores(
            ronde=ronde_2026,
            data=_csv("5,1,deels,Goed", "99,1,sterk,", "1,1,super,"),
            door=coordinator,
        )
    assert len(exc.value.errors) == 2
    assert (
        Score.objects.get(ronde=ronde_2026, inspanning__nummer=5, aanbeveling__nummer=1).niveau
        == "sterk"
    )


def test_importing_changes_scores_and_records_them(ronde_2026, coordinator):
    result = uitwisseling.importeer_scores(
        ronde=ronde_2026, data=_csv("5,1,deels,Minder regie"), door=coordinator
    )
    assert result.gewijzigd == 1
    score = Score.objects.get(ronde=ronde_2026, inspanning__nummer=5, aanbeveling__nummer=1)
    assert (score.niveau, score.toelichting, score.beoordelingsstatus, score.bijgewerkt_door) == (
        "deels",
        "Minder regie",
        "gewijzigd",
        coordinator,
    )
    assert score.history.first().history_user == coordinator


def test_the_command_imports_and_exits_non_zero_on_a_bad_file(ronde_2026, tmp_path, capsys):
    good = tmp_path / "goed.csv"
    good.write_bytes(_csv("5,1,deels,Via command"))
    call_command("importeer_scores", "2026", str(good))
    assert "Import klaar: 1 cel gewijzigd," in capsys.readouterr().out
    bad = tmp_path / "fout.csv"
    bad.write_bytes(_csv("5,1,deels,Anders", "1,1,super,"))
    with pytest.raises(CommandError) as exc:
        call_command("importeer_scores", "2026", str(bad))
    assert "fout.csv, regel 3: 'score': Selecteer een geldige keuze." in str(exc.value)
    assert (
        Score.objects.get(ronde=ronde_2026, inspanning__nummer=5, aanbeveling__nummer=1).toelichting
        == "Via command"
    )
    with pytest.raises(CommandError, match="vastgesteld"):
        call_command("importeer_scores", "2025", str(good))


def test_the_export_command_writes_csv_and_xlsx(referentie, tmp_path, capsys):
    call_command("export_matrix", "2025", "--format", "csv")
    assert capsys.readouterr().out == "\ufeff" + _reference_without_bron()
    target = tmp_path / "m.xlsx"
    call_command("export_matrix", "2025", "--format", "xlsx", "--output", str(target))
    assert load_workbook(target)["Scores"].max_row == 56
    with pytest.raises(CommandError, match="Er is geen ronde voor 1990"):
        call_command("export_matrix", "1990")


def test_the_coordinator_imports_on_a_page(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    url = reverse("inspanningen:importeren", args=[2026])
    assert client.get(url).status_code == 200
    r = client.post(url, {"bestand": io.BytesIO(_csv("5,1,deels,Via pagina"))}, follow=True)
    assert r.redirect_chain == [(reverse("inspanningen:matrix_jaar", args=[2026]), 302)]
    assert "Import klaar: 1 cel gewijzigd, 0 ongewijzigd." in page_text(r)
    score = Score.objects.get(ronde=ronde_2026, inspanning__nummer=5, aanbeveling__nummer=1)
    assert (score.toelichting, score.history.first().history_user) == ("Via pagina", coordinator)

    upload = io.BytesIO(_csv("2,1,sterk,Goed", "1,1,super,"))
    upload.name = "scores.csv"
    r = client.post(url, {"bestand": upload})
    assert r.status_code == 400
    assert "scores.csv, regel 3: 'score': Selecteer een geldige keuze." in page_text(r)
    assert title(r).startswith("Fout: ")
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 1  # only 5×1


@pytest.mark.parametrize("user", ["professional", "stuurgroep"])
def test_only_the_coordinator_imports(client, ronde_2026, user, request):
    client.force_login(request.getfixturevalue(user))
    r = client.post(
        reverse("inspanningen:importeren", args=[2026]),
        {"bestand": io.BytesIO(_csv("5,1,deels,x"))},
    )
    assert r.status_code == 403
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


def test_anonymous_visitors_are_sent_to_login_to_import(client, ronde_2026):
    r = client.post(
        reverse("inspanningen:importeren", args=[2026]),
        {"bestand": io.BytesIO(_csv("5,1,deels,x"))},
    )
    assert r.status_code == 302 and "/accounts/login/" in r.url
    assert Score.objects.filter(ronde=ronde_2026, versie__gt=1).count() == 0


def test_no_import_into_a_finalised_round(client, coordinator, referentie):
    client.force_login(coordinator)
    url = reverse("inspanningen:importeren", args=[2025])
    assert client.get(url).status_code == 403
    r = client.post(url, {"bestand": io.BytesIO(_csv("5,1,deels,Toch anders"))})
    assert r.status_code == 403
    score = Score.objects.get(ronde__jaar=2025, inspanning__nummer=5, aanbeveling__nummer=1)
    assert (score.niveau, score.toelichting) == ("sterk", "Regie bij SportDrenthe")
    assert Ronde.objects.get(jaar=2025).status == "vastgesteld"
