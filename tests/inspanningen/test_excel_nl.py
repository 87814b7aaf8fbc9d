"""Excel, the Dutch way: the score import reads what Dutch spreadsheet programs write (CSV with
';' or ',', UTF-8 or Windows-1252, and the XLSX export), and the exports open well in Excel."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core.csv_import import ImportRefused
from core.forms import CsvUploadForm
from inspanningen import uitwisseling
from inspanningen.models import Score
from tests.markup import page_text, title

pytestmark = pytest.mark.django_db

KOP = ["inspanning", "aanbeveling", "score", "toelichting"]


def _stand(ronde) -> dict:
    """Every cell of the round: (inspanning, aanbeveling) → (niveau, toelichting, versie)."""
    return {
        (s.inspanning.nummer, s.aanbeveling.nummer): (s.niveau, s.toelichting, s.versie)
        for s in Score.objects.filter(ronde=ronde).select_related("inspanning", "aanbeveling")
    }


def _gewijzigd(voor: dict, na: dict) -> set:
    return {cel for cel in voor if voor[cel] != na[cel]}


def _nieuwe_geschiedenis(laatste: int) -> set:
    """The cells with history rows written after history_id `laatste`."""
    return set(
        Score.history.filter(history_id__gt=laatste).values_list(
            "inspanning__nummer", "aanbeveling__nummer"
        )
    )


def _laatste_geschiedenis() -> int:
    return Score.history.order_by("-history_id").values_list("history_id", flat=True)[0]


def _export_rijen(ronde) -> list[list[str]]:
    tekst = uitwisseling.export_csv(ronde)
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst.removeprefix("\ufeff"))))


def _bewerk(rijen, cel, score=None, toelichting=None) -> None:
    for rij in rijen:
        if rij[:2] == [str(cel[0]), str(cel[1])]:
            rij[2] = score or rij[2]
            rij[3] = rij[3] if toelichting is None else toelichting
            return
    raise AssertionError(cel)


def _als_excel(rijen, *, sep=";", encoding="cp1252") -> bytes:
    """As Dutch Excel saves 'CSV (gescheiden door lijstscheidingsteken)'."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rijen)
    return buffer.getvalue().encode(encoding)


def _xlsx(*rijen, blad="Scores") -> bytes:
    wb = Workbook()
    wb.active.title = blad
    for rij in rijen:
        wb.active.append(rij)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _importeer(ronde, data, bron="bestand"):
    return uitwisseling.importeer_scores(ronde=ronde, data=data, door=None, bron=bron)


# Export → edit in a spreadsheet → import: exactly the edited cells change.


def test_a_utf8_comma_csv_round_trip_changes_only_the_edited_cell(ronde_2026, coordinator):
    voor, laatste = _stand(ronde_2026), _laatste_geschiedenis()
    rijen = _export_rijen(ronde_2026)
    _bewerk(rijen, (5, 1), score="deels", toelichting="Minder regie")
    data = "\ufeff".encode() + _als_excel(rijen, sep=",", encoding="utf-8")
    assert _importeer(ronde_2026, data).gewijzigd == 1
    na = _stand(ronde_2026)
    assert _gewijzigd(voor, na) == {(5, 1)} == _nieuwe_geschiedenis(laatste)
    assert na[(5, 1)][:2] == ("deels", "Minder regie")


def test_a_semicolon_cp1252_csv_as_dutch_excel_writes_it(ronde_2026):
    voor, laatste = _stand(ronde_2026), _laatste_geschiedenis()
    rijen = _export_rijen(ronde_2026)
    _bewerk(rijen, (2, 3), toelichting="Diëtist; praktijkondersteuner, café")
    data = _als_excel(rijen)
    assert b"Di\xebtist" in data and b";" in data.splitlines()[0]  # really cp1252 and ';'
    assert _importeer(ronde_2026, data).gewijzigd == 1
    na = _stand(ronde_2026)
    assert _gewijzigd(voor, na) == {(2, 3)} == _nieuwe_geschiedenis(laatste)
    assert na[(2, 3)][1] == "Diëtist; praktijkondersteuner, café"
    assert (
        "ë"
        in Score.objects.get(
            ronde=ronde_2026, inspanning__nummer=2, aanbeveling__nummer=3
        ).toelichting
    )


def test_a_semicolon_utf8_csv_is_read_too(ronde_2026):
    data = "inspanning;aanbeveling;score;toelichting\r\n5;1;deels;Één regel\r\n".encode()
    assert _importeer(ronde_2026, data).gewijzigd == 1
    score = Score.objects.get(ronde=ronde_2026, inspanning__nummer=5, aanbeveling__nummer=1)
    assert (score.niveau, score.toelichting) == ("deels", "Één regel")


def test_an_exported_xlsx_edited_in_two_cells_changes_those_two_through_the_page(
    client, coordinator, ronde_2026
):
    client.force_login(coordinator)
    r = client.get(reverse("inspanningen:export_xlsx", args=[2026]))
    wb = load_workbook(io.BytesIO(r.content))
    blad = wb["Scores"]
    for rij in blad.iter_rows(min_row=2):
        if (rij[0].value, rij[1].value) == (5, 1):
            rij[0].value = 5.0  # as a spreadsheet may give a number back
            rij[2].value, rij[3].value = "deels", "Via Excel"
        if (rij[0].value, rij[1].value) == (3, 2):
            rij[3].value = None  # an emptied cell
    buffer = io.BytesIO()
    wb.save(buffer)
    voor, laatste = _stand(ronde_2026), _laatste_geschiedenis()
    assert voor[(3, 2)][1]  # it had a toelichting

    r = client.post(
        reverse("inspanningen:importeren", args=[2026]),
        {"bestand": SimpleUploadedFile("matrix-2026.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert "Import klaar: 2 cellen gewijzigd, 53 ongewijzigd." in page_text(r)
    na = _stand(ronde_2026)
    assert _gewijzigd(voor, na) == {(5, 1), (3, 2)} == _nieuwe_geschiedenis(laatste)
    assert na[(5, 1)] == ("deels", "Via Excel", voor[(5, 1)][2] + 1)
    assert na[(3, 2)] == (voor[(3, 2)][0], "", voor[(3, 2)][2] + 1)
    assert {h.history_user for h in Score.history.filter(history_id__gt=laatste)} == {coordinator}


def test_the_xlsx_is_known_by_its_content_not_its_name(ronde_2026):
    data = _xlsx(KOP, [5, 1, "deels", "x"])
    assert _importeer(ronde_2026, data, bron="scores.csv").gewijzigd == 1


def test_the_command_reads_xlsx_and_dutch_csv(ronde_2026, tmp_path, capsys):
    xlsx = tmp_path / "scores.xlsx"
    xlsx.write_bytes(_xlsx(KOP, [5, 1, "deels", "Via command"]))
    call_command("importeer_scores", "2026", str(xlsx))
    dutch = tmp_path / "scores.csv"
    dutch.write_bytes(_als_excel([KOP, ["5", "2", "sterk", "Diëtist"]]))
    call_command("importeer_scores", "2026", str(dutch))
    assert capsys.readouterr().out.count("Import klaar: 1 cel gewijzigd,") == 2
    stand = _stand(ronde_2026)
    assert (stand[(5, 1)][1], stand[(5, 2)][1]) == ("Via command", "Diëtist")


# Refused files: a Dutch error naming the line (and the sheet), and nothing changes.


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        (
            b"inspanning;aanbeveling;score;toelichting\n5;1;deels;x\n2,1,deels,y\n",
            "bestand, regel 3: deze regel gebruikt ',' als scheidingsteken, de kopregel ';'",
        ),
        (
            b"inspanning,aanbeveling,score,toelichting\n5,1,deels,x\n2;1;deels;y\n",
            "bestand, regel 3: deze regel gebruikt ';' als scheidingsteken, de kopregel ','",
        ),
        (b"PK\x03\x04" + b"rommel" * 100, "bestand: het bestand is geen geldig Excel-bestand"),
        (
            _xlsx(KOP, [5, 1, "deels", "x"])[:3000],  # cut off
            "bestand: het bestand is geen geldig Excel-bestand",
        ),
        (
            _xlsx(KOP, [5, 1, "deels", "x"], blad="Blad1"),
            "bestand: het bestand heeft geen blad 'Scores'",
        ),
        (
            _xlsx(["cel", "score"], [1, "deels"]),
            "Scores, regel 1: de kopregel moet precies 'inspanning, aanbeveling, score, toelichting'",
        ),
        (
            _xlsx(KOP, [5, 1, "deels", "x"], [5, 2, "goed", None]),
            "Scores, regel 3: 'score': Selecteer een geldige keuze. goed is geen beschikbare keuze.",
        ),
        (_xlsx(KOP, [5.5, 1, "deels", "x"]), "Scores, regel 2: 'inspanning' en 'aanbeveling'"),
        (_xlsx(KOP, [5, 1, "deels", "x", "opmerking"]), "Scores, regel 2: er staat iets rechts"),
        (
            _xlsx(KOP, *([99, 1, "deels", ""] for _ in range(5001))),
            "bestand: het blad 'Scores' heeft meer dan 5.000 regels.",
        ),
        (b"inspanning,aanbeveling,score,toelichting\n" + b"x" * 2 * 1024 * 1024, "groter dan 2 MB"),
    ],
    ids=[
        "komma-in-puntkomma",
        "puntkomma-in-komma",
        "zip-rommel",
        "afgekapt",
        "geen-blad-scores",
        "verkeerde-kop",
        "foute-score",
        "geen-heel-getal",
        "kolom-te-veel",
        "te-veel-regels",
        "te-groot",
    ],
)
def test_a_refused_file_changes_nothing(ronde_2026, data, fout):
    voor, laatste = _stand(ronde_2026), _laatste_geschiedenis()
    with pytest.raises(ImportRefused) as refused:
        _importeer(ronde_2026, data)
    assert any(fout in e for e in refused.value.errors), refused.value.errors
    assert _stand(ronde_2026) == voor and _laatste_geschiedenis() == laatste


def test_a_zip_bomb_is_refused_before_it_is_unpacked(ronde_2026):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("xl/worksheets/sheet1.xml", b"\0" * (21 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ImportRefused) as refused:
        _importeer(ronde_2026, buffer.getvalue())
    assert refused.value.errors == [
        "bestand: het bestand is uitgepakt groter dan 20 MB; is het wel de Excel-export?"
    ]


@pytest.mark.parametrize(
    ("naam", "data", "fout"),
    [
        (
            "scores.csv",
            b"inspanning;aanbeveling;score;toelichting\r\n5;1;deels;x\r\n2,1,deels,y\r\n",
            "scores.csv, regel 3: deze regel gebruikt ','",
        ),
        (
            "matrix.xlsx",
            b"PK\x03\x04kapot",
            "matrix.xlsx: het bestand is geen geldig Excel-bestand",
        ),
        (
            "anders.xlsx",
            _xlsx(KOP, blad="Blad1"),
            "anders.xlsx: het bestand heeft geen blad 'Scores'",
        ),
        (
            "matrix.xlsx",
            _xlsx(KOP, [5, 1, "deels", "x"], [1, 1, "sterk", ""], [5, 1, "sterk", ""]),
            "Scores, regel 4: cel 5×1 staat er dubbel in (ook op regel 2).",
        ),
        ("groot.csv", b"x" * (2 * 1024 * 1024 + 1), "groot.csv: het bestand is groter dan 2 MB."),
    ],
)
def test_the_page_names_the_error_and_changes_nothing(
    client, coordinator, ronde_2026, naam, data, fout
):
    client.force_login(coordinator)
    voor, laatste = _stand(ronde_2026), _laatste_geschiedenis()
    r = client.post(
        reverse("inspanningen:importeren", args=[2026]),
        {"bestand": SimpleUploadedFile(naam, data)},
    )
    assert r.status_code == 400
    assert fout in page_text(r)
    assert title(r).startswith("Fout: ")
    assert _stand(ronde_2026) == voor and _laatste_geschiedenis() == laatste


def test_the_import_page_names_the_formats(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    tekst = page_text(client.get(reverse("inspanningen:importeren", args=[2026])))
    assert "de Excel-export (XLSX)" in tekst
    assert (
        "met puntkomma’s (;) of komma’s (,) tussen de kolommen, in UTF-8 of Windows-1252" in tekst
    )
    assert "Hoogstens 2 MB." in tekst


def test_the_upload_form_offers_xlsx_only_where_asked():
    excel = CsvUploadForm(header=KOP, excel=True, max_bytes=2 * 1024 * 1024)
    assert excel.fields["bestand"].widget.attrs["accept"].startswith(".csv,.xlsx")
    assert "Excel-export (XLSX)" in str(excel.fields["bestand"].help_text)
    assert "Hoogstens 2 MB." in str(excel.fields["bestand"].help_text)
    csv_alleen = CsvUploadForm(header=KOP)
    assert "accept" not in csv_alleen.fields["bestand"].widget.attrs
    assert str(csv_alleen.fields["bestand"].help_text) == (
        "Kopregel: inspanning,aanbeveling,score,toelichting (UTF-8)."
    )


# The exports.


def test_the_csv_export_starts_with_a_byte_order_mark(client, coordinator, ronde_2026):
    client.force_login(coordinator)
    r = client.get(reverse("inspanningen:export_csv", args=[2026]))
    assert r.content.startswith(b"\xef\xbb\xbfinspanning,aanbeveling,score,toelichting\n")


def test_the_xlsx_export_states_the_status_the_counts_and_that_it_is_not_final(ronde_2026):
    Score.objects.filter(ronde=ronde_2026, aanbeveling__nummer=1).update(niveau="deels")
    Score.objects.filter(ronde=ronde_2026, inspanning__nummer=1, aanbeveling__nummer=1).update(
        niveau="onbekend"
    )
    blad = load_workbook(io.BytesIO(uitwisseling.export_xlsx(ronde_2026)))["Matrix"]
    rijen = [rij for rij in blad.iter_rows(values_only=True)]
    assert rijen[0][0] == f"2026: {ronde_2026.titel}"
    assert rijen[1][0] == "Status: Open"
    assert rijen[2][0] == (
        "Let op: deze ronde is nog niet vastgesteld; de scores kunnen nog veranderen."
    )
    kop = next(n for n, rij in enumerate(rijen) if rij[0] == "Legenda en aantal cellen per niveau")
    assert rijen[kop][1].startswith("1. ")
    tellingen = {rij[0]: list(rij[1:6]) for rij in rijen[kop + 1 : kop + 5]}
    assert tellingen["◐ deels of indirect aanwezig"][0] == 10
    assert tellingen["– nog niet bekend"][0] == 1
    assert tellingen["● sterk aanwezig"][0] == tellingen["○ (nog) nauwelijks aanwezig"][0] == 0
    assert [sum(kolom) for kolom in zip(*tellingen.values(), strict=True)] == [11] * 5


def test_a_damaged_file_named_xlsx_is_called_a_damaged_excel_file(ronde_2026):
    voor = _stand(ronde_2026)
    with pytest.raises(ImportRefused, match="geen geldig Excel-bestand"):
        _importeer(ronde_2026, b"\x93\x02 willekeurige bytes", bron="kapot.xlsx")
    assert _stand(ronde_2026) == voor


@pytest.mark.parametrize(
    "score", ["◐", "deels of indirect aanwezig", "◐ deels of indirect aanwezig", " Deels "]
)
def test_a_level_may_be_typed_as_its_symbol_or_its_words(ronde_2026, score):
    rijen = _export_rijen(ronde_2026)
    _bewerk(rijen, (5, 1), score=score)
    data = _als_excel(rijen, encoding="utf-8")  # Windows-1252 has no symbols
    assert _importeer(ronde_2026, data).gewijzigd == 1
    assert _stand(ronde_2026)[(5, 1)][0] == "deels"


def test_a_line_break_in_a_row_with_a_wrong_field_count_is_named_in_dutch(ronde_2026):
    data = b'inspanning;aanbeveling;score;toelichting\n5;1;deels;"twee\nregels";extra\n'
    with pytest.raises(ImportRefused) as fout:
        _importeer(ronde_2026, data)
    # A record over two lines is named by the line it ends on, as the csv module counts.
    assert "regel 3: verwacht 4 velden, gevonden 5." in str(fout.value)
