import shutil
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from experts.models import Domein, Expertisegebied, Gemeente, Organisatie, Thesaurusterm
from inspanningen import referentiedata
from inspanningen.models import Aanbeveling, Inspanning, Ronde, Score

pytestmark = pytest.mark.django_db


def _history_rows() -> int:
    return sum(m.history.count() for m in (Score, Ronde, Inspanning))


def test_the_2025_round_holds_all_55_scores_with_the_report_counts(referentie):
    ronde = Ronde.objects.get(jaar=2025)
    assert ronde.status == Ronde.Status.VASTGESTELD
    assert ronde.scores.count() == 55
    counts = Counter(ronde.scores.values_list("niveau", flat=True))
    assert counts == {"sterk": 17, "deels": 25, "nauwelijks": 5, "onbekend": 8}


def test_score_notes_are_loaded_as_in_the_report(referentie):
    score = Score.objects.get(ronde__jaar=2025, inspanning__nummer=5, aanbeveling__nummer=1)
    assert (score.niveau, score.toelichting) == ("sterk", "Regie bij SportDrenthe")
    score = Score.objects.get(ronde__jaar=2025, inspanning__nummer=11, aanbeveling__nummer=4)
    assert (score.niveau, score.toelichting) == ("nauwelijks", "Participatie is beperkt")
    score = Score.objects.get(ronde__jaar=2025, inspanning__nummer=8, aanbeveling__nummer=3)
    assert (score.niveau, score.toelichting) == ("onbekend", "")


def test_the_round_says_it_is_the_baseline_and_names_the_inferred_scores(referentie):
    ronde = Ronde.objects.get(jaar=2025)
    assert "Nulmeting" in ronde.titel
    assert "22 van de 55 cellen" in ronde.toelichting
    assert "5×1" in ronde.toelichting  # inferred in the reference README's 'bron' column
    assert "2×1," not in ronde.toelichting  # 2×1 is in the report's text itself


def test_everything_else_is_loaded(referentie):
    assert Aanbeveling.objects.count() == 5
    assert Inspanning.objects.count() == 11
    assert Gemeente.objects.count() == 12
    assert Domein.objects.count() == 9
    assert Organisatie.objects.count() == 18
    assert Expertisegebied.objects.count() == 23
    assert Thesaurusterm.objects.get(term="Gecombineerde leefstijlinterventie").woorden()[:2] == [
        "Gecombineerde leefstijlinterventie",
        "GLI",
    ]
    aanbeveling = Aanbeveling.objects.get(nummer=1)
    assert aanbeveling.korte_naam == "Regie & eigenaarschap"
    assert aanbeveling.beschrijving.startswith("Richt een herkenbare, slanke structuur in")
    assert Inspanning.objects.get(nummer=5).organisaties.get().naam == "SportDrenthe"


def test_a_second_load_changes_nothing(referentie):
    before = (
        _history_rows(),
        list(Score.objects.values_list("pk", "niveau", "toelichting", "versie")),
    )
    tallies = referentiedata.load()
    after = (
        _history_rows(),
        list(Score.objects.values_list("pk", "niveau", "toelichting", "versie")),
    )
    assert before == after
    assert all(t.created == 0 for t in tallies.values())


def test_a_second_load_keeps_corrections_made_in_the_app(referentie):
    inspanning = Inspanning.objects.get(nummer=1)
    inspanning.naam = "Basisset interventies (hernoemd)"
    inspanning.save()
    referentiedata.load()
    assert Inspanning.objects.get(nummer=1).naam == "Basisset interventies (hernoemd)"


@pytest.fixture
def broken_dir(tmp_path):
    target = tmp_path / "ref"
    shutil.copytree(referentiedata.DEFAULT_DIR, target)
    return target


def _replace_line(path, line_no, new_line):
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_no - 1] = new_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_broken_file_loads_nothing_and_names_the_line(db, broken_dir):
    _replace_line(broken_dir / "scores-2025.csv", 7, "2,2,goed,Kennisdeling via onderwijs,rapport")
    with pytest.raises(CommandError) as exc:
        call_command("laad_referentiedata", "--map", str(broken_dir))
    assert "scores-2025.csv, regel 7: onbekende score 'goed'" in str(exc.value)
    assert Score.objects.count() == 0
    assert Gemeente.objects.count() == 0  # the good files were not loaded either
    assert Aanbeveling.objects.count() == 0


def test_every_error_in_every_file_is_named(db, broken_dir):
    _replace_line(broken_dir / "gemeenten.csv", 3, "Aa en Hunze")
    _replace_line(broken_dir / "scores-2025.csv", 2, "1,9,nauwelijks,Tekst,afgeleid")
    _replace_line(broken_dir / "organisaties.csv", 2, "Gemeente Emmen,stad,Omschrijving")
    with pytest.raises(CommandError) as exc:
        call_command("laad_referentiedata", "--map", str(broken_dir))
    message = str(exc.value)
    assert "gemeenten.csv, regel 3: 'Aa en Hunze' staat er dubbel in." in message
    assert "scores-2025.csv, regel 2: onbekende aanbeveling 9." in message
    assert "scores-2025.csv: cel 1×1 ontbreekt." in message
    assert "organisaties.csv, regel 2: onbekende soort 'stad'." in message
    assert Organisatie.objects.count() == 0


def test_a_missing_column_is_named(db, broken_dir):
    _replace_line(broken_dir / "aanbevelingen.csv", 1, "nummer,korte_naam,titel")
    with pytest.raises(CommandError) as exc:
        call_command("laad_referentiedata", "--map", str(broken_dir))
    assert "aanbevelingen.csv, regel 1:" in str(exc.value)
    assert "ontbrekende kolommen: beschrijving" in str(exc.value)


def test_a_file_that_is_not_utf8_is_refused(db, broken_dir):
    (broken_dir / "gemeenten.csv").write_bytes("naam\nAssen\nDi\xebtist\n".encode("latin-1"))
    with pytest.raises(CommandError) as exc:
        call_command("laad_referentiedata", "--map", str(broken_dir))
    assert "gemeenten.csv, regel 3: het bestand is geen UTF-8" in str(exc.value)
    assert Gemeente.objects.count() == 0


def test_the_command_reports_what_it_did(db, capsys):
    call_command("laad_referentiedata")
    call_command("laad_referentiedata")
    out = capsys.readouterr().out
    assert "scores: 55 nieuw, 0 al aanwezig" in out
    assert "scores: 0 nieuw, 55 al aanwezig" in out
