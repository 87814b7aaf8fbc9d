"""Export a round as CSV or XLSX, and import scores from either: a CSV file as Dutch Excel
writes it (`,` or `;`, UTF-8 or Windows-1252) or the XLSX export's sheet "Scores"."""

import csv
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from core.csv_import import Errors, read_spreadsheet
from core.spreadsheet import safe_cell, unsafe_cell
from inspanningen.forms import ScoreForm
from inspanningen.matrix import bouw_matrix
from inspanningen.models import Niveau, Ronde, RondeVastgesteld, Score
from inspanningen.services import ScoreInvoer, bewaar_scores

CSV_HEADER = ["inspanning", "aanbeveling", "score", "toelichting"]
XLSX_SHEET = "Scores"  # the export's flat sheet, in the CSV's columns: the one that is imported
KOLOMMEN = {"niveau": "score"}  # ScoreForm's field → the column, where they differ
MAX_UPLOAD = 2 * 1024 * 1024
HEEL_GETAL = re.compile(r"([0-9]{1,9})(?:[.,]0*)?")  # 3, or 3.0 and 3,0 as spreadsheets write it
KLEUREN = {"sterk": "1E6B34", "deels": "8FC9A3", "nauwelijks": "F3D27A", "onbekend": "D9D9D9"}


def _rijen(ronde: Ronde):
    scores = Score.objects.filter(ronde=ronde).select_related("inspanning", "aanbeveling")
    for s in sorted(scores, key=lambda s: (s.inspanning.nummer, s.aanbeveling.nummer)):
        yield [s.inspanning.nummer, s.aanbeveling.nummer, s.niveau, safe_cell(s.toelichting)]


def export_csv(ronde: Ronde) -> str:
    """The scores in the import format, after a byte order mark: without one, Excel reads
    UTF-8 as Windows-1252 and shows "ë" as "Ã«"."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_rijen(ronde))
    return buffer.getvalue()


def _kop(kop) -> str:
    """'3. Naam', and '(nu: …)' where a finalised round's name has changed since."""
    nu = " " + _("(nu: %(naam)s)") % {"naam": kop.nu} if kop.nu else ""
    return f"{kop.nummer}. {kop.naam}{nu}"


def export_xlsx(ronde: Ronde, user=None) -> bytes:
    """The matrix as a spreadsheet, each cell with its toelichting and the titles of the
    knowledge items it cites (those `user` may see), and the flat sheet that is imported."""
    return _bytes(_werkboek(ronde, user))


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _werkboek(ronde: Ronde, user=None) -> Workbook:
    matrix = bouw_matrix(ronde, user=user)
    wb = Workbook()
    ws = wb.active
    ws.title = "Matrix"
    dun = Side(style="thin", color="999999")
    rand = Border(left=dun, right=dun, top=dun, bottom=dun)
    ws.append([safe_cell(f"{ronde.jaar}: {ronde.titel}")])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_("Status: %(status)s") % {"status": ronde.get_status_display()}])
    if not ronde.is_vastgesteld:
        ws.append(
            [_("Let op: deze ronde is nog niet vastgesteld; de scores kunnen nog veranderen.")]
        )
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True, color="9C0006")
        ws.append(
            [
                _(
                    "Scores wijzigen en weer importeren? Doe dat op het blad ‘Scores’: dit blad "
                    "wordt bij importeren niet gelezen."
                )
            ]
        )
    ws.append([])
    ws.append(
        [
            _("Inspanningen / aanbevelingen"),
            *[safe_cell(_kop(a)) for a in matrix.aanbevelingen],
        ]
    )
    kop = ws.max_row
    for cell in ws[kop]:
        cell.font, cell.border = Font(bold=True), rand
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for rij in matrix.rijen:
        waarden = [safe_cell(_kop(rij.inspanning))]
        for _a, score in rij.scores:
            waarden.append(
                ""
                if score is None
                else safe_cell(
                    f"{score.symbool} {score.get_niveau_display()}"
                    + (f"\n{score.toelichting}" if score.toelichting else "")
                    + (
                        f"\n{_('Minderheidsstandpunt:')} {score.minderheidsstandpunt}"
                        if score.minderheidsstandpunt
                        else ""
                    )
                    + "".join(f"\n{_('Bron')}: {b.titel}" for b in score.bronnen)
                )
            )
        ws.append(waarden)
        for col, (_a, score) in enumerate(rij.scores, start=2):
            cell = ws.cell(row=ws.max_row, column=col)
            cell.alignment, cell.border = Alignment(wrap_text=True, vertical="top"), rand
            if score is not None:
                cell.fill = PatternFill("solid", fgColor=KLEUREN[score.niveau])
                if score.niveau == "sterk":
                    cell.font = Font(color="FFFFFF")
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        ws.cell(row=ws.max_row, column=1).border = rand
    ws.append([])
    # The legend, with the number of cells per level under each aanbeveling.
    ws.append(
        [
            _("Legenda en aantal cellen per niveau"),
            *[safe_cell(_kop(a)) for a in matrix.aanbevelingen],
        ]
    )
    for cell in ws[ws.max_row]:
        cell.font, cell.border = Font(bold=True), rand
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for niveau, per_aanbeveling in matrix.kolomtellingen:
        ws.append([f"{niveau.symbool} {niveau.label}", *[n for _a, n in per_aanbeveling]])
        for cell in ws[ws.max_row]:
            cell.border = rand
        ws.cell(row=ws.max_row, column=1).fill = PatternFill("solid", fgColor=KLEUREN[niveau])
        if niveau == "sterk":
            ws.cell(row=ws.max_row, column=1).font = Font(color="FFFFFF")
    ws.column_dimensions["A"].width = 38
    for col in range(2, len(matrix.aanbevelingen) + 2):
        ws.column_dimensions[get_column_letter(col)].width = 30
    ws.freeze_panes = f"B{kop + 1}"

    plat = wb.create_sheet(XLSX_SHEET)
    plat.append(CSV_HEADER)
    for rij in _rijen(ronde):
        plat.append(rij)
    return wb


def verslag_xlsx(ronde: Ronde, user) -> bytes:
    """The report of a round scored together: the matrix and its flat sheet, the bespreekpunten
    with how they were settled, the agreement per aanbeveling, and the individual scores: with
    names only where samen.namen_zichtbaar allows, never with e-mail addresses."""
    from inspanningen import samen

    wb = _werkboek(ronde, user)
    cellen = samen.cellen(ronde, user)
    met_namen = samen.namen_zichtbaar(ronde, user)

    def cel_namen(cel):
        return [
            safe_cell(_kop_naam(ronde, cel.score.inspanning)),
            safe_cell(_kop_naam(ronde, cel.score.aanbeveling)),
        ]

    punten = wb.create_sheet(_("Bespreekpunten"))
    punten.append(
        [
            _("inspanning"),
            _("aanbeveling"),
            _("waarom"),
            _("scores"),
            _("mediaan"),
            _("vastgesteld"),
            _("toelichting"),
            _("minderheidsstandpunt"),
        ]
    )
    for cel in cellen:
        if cel.spreiding.is_bespreekpunt or cel.score.minderheidsstandpunt:
            punten.append(
                [
                    *cel_namen(cel),
                    "; ".join(cel.spreiding.waarom),
                    cel.spreiding.aantal,
                    cel.spreiding.mediaan_label,
                    cel.score.get_niveau_display(),
                    safe_cell(cel.score.toelichting),
                    safe_cell(cel.score.minderheidsstandpunt),
                ]
            )
    eens = wb.create_sheet(_("Instemming"))
    eens.append(
        [
            _("aanbeveling"),
            _("gescoorde cellen"),
            _("zonder bespreekpunt"),
            _("instemming (%)"),
            _("cellen met te weinig scores"),
        ]
    )
    for rij in samen.instemming(cellen):
        eens.append(
            [
                safe_cell(_kop_naam(ronde, rij.aanbeveling)),
                rij.cellen,
                rij.zonder_bespreekpunt,
                rij.aandeel,
                rij.zonder_scores,
            ]
        )
    individueel = wb.create_sheet(_("Individuele scores"))
    individueel.append(
        [_("inspanning"), _("aanbeveling"), _("perspectief")]
        + [_("naam")] * met_namen
        + [_("score"), _("reden")]
    )
    for cel in cellen:
        for stem in cel.spreiding.stemmen:
            individueel.append(
                [*cel_namen(cel), str(stem.perspectief_label)]
                + [safe_cell(stem.naam)] * met_namen
                + [str(stem.niveau_label), safe_cell(stem.reden)]
            )
    for blad in (punten, eens, individueel):
        for cell in blad[1]:
            cell.font = Font(bold=True)
    return _bytes(wb)


def _kop_naam(ronde: Ronde, obj) -> str:
    naam, _nu = ronde.naam_in_ronde(obj)
    return f"{obj.nummer}. {naam}"


@dataclass
class ImportResultaat:
    gewijzigd: int
    ongewijzigd: int

    def samenvatting(self) -> str:
        return ngettext(
            "Import klaar: %(gewijzigd)s cel gewijzigd, %(ongewijzigd)s ongewijzigd.",
            "Import klaar: %(gewijzigd)s cellen gewijzigd, %(ongewijzigd)s ongewijzigd.",
            self.gewijzigd,
        ) % {"gewijzigd": self.gewijzigd, "ongewijzigd": self.ongewijzigd}


def _niveau(waarde: str) -> str:
    """The level's code for what a spreadsheet user may type: the code ('deels'), the symbol
    ('◐'), the label ('deels of indirect aanwezig') or both, as the grid sheet shows them."""
    gelezen = " ".join(waarde.split()).lower()
    for niveau in Niveau:
        namen = {niveau.value, niveau.symbool}
        for taal in {translation.get_language(), settings.LANGUAGE_CODE}:  # the page's and Dutch
            with translation.override(taal):
                namen |= {str(niveau.label).lower(), f"{niveau.symbool} {niveau.label}".lower()}
        if gelezen in namen:
            return niveau.value
    return waarde


def importeer_scores(*, ronde: Ronde, data: bytes, door, bron: str = "CSV") -> ImportResultaat:
    """All or nothing: every error is named by line, and a file that only repeats what the
    round already says writes nothing (no history rows). Each row is checked by the matrix
    page's form (ScoreForm), so a row obeys exactly the rules of a cell on that page."""
    if ronde.is_vastgesteld:
        raise RondeVastgesteld()
    errors = Errors(bron)
    if len(data) > MAX_UPLOAD:
        errors.add(None, _("het bestand is groter dan %(mb)s MB.") % {"mb": MAX_UPLOAD // 2**20})
        errors.raise_if_any()
    rows = read_spreadsheet(data, header=CSV_HEADER, sheet=XLSX_SHEET, source=bron, errors=errors)
    scores = {
        (s.inspanning.nummer, s.aanbeveling.nummer): s
        for s in Score.objects.filter(ronde=ronde).select_related("inspanning", "aanbeveling")
    }
    uitleg = {"niveau": " " + _("Kies uit %(keuzes)s.") % {"keuzes": ", ".join(Niveau.values)}}
    gezien, invoer = {}, []
    for line, row in rows:
        nummers = [HEEL_GETAL.fullmatch(row[kolom]) for kolom in ("inspanning", "aanbeveling")]
        if not all(nummers):
            errors.add(line, _("'inspanning' en 'aanbeveling' moeten nummers zijn."))
            continue
        key = (int(nummers[0][1]), int(nummers[1][1]))
        score = scores.get(key)
        if score is None:
            known_i = {k[0] for k in scores}
            if key[0] not in known_i:
                errors.add(
                    line, _("onbekende inspanning %(nummer)s in deze ronde.") % {"nummer": key[0]}
                )
            else:
                errors.add(
                    line, _("onbekende aanbeveling %(nummer)s in deze ronde.") % {"nummer": key[1]}
                )
            continue
        if key in gezien:
            errors.add(
                line,
                _("cel %(i)s×%(a)s staat er dubbel in (ook op regel %(regel)s).")
                % {"i": key[0], "a": key[1], "regel": gezien[key]},
            )
            continue
        gezien[key] = line
        form = ScoreForm(
            {
                "score_id": score.pk,
                "versie": score.versie,
                "niveau": _niveau(row["score"]),
                "toelichting": unsafe_cell(row["toelichting"]),
            }
        )
        if not form.is_valid():
            for veld, meldingen in form.errors.items():
                for melding in meldingen:
                    errors.add(
                        line, f"'{KOLOMMEN.get(veld, veld)}': {melding}{uitleg.get(veld, '')}"
                    )
            continue
        invoer.append(
            ScoreInvoer(
                score.pk,
                score.versie,
                form.cleaned_data["niveau"],
                form.cleaned_data["toelichting"],
            )
        )
    errors.raise_if_any()
    with transaction.atomic():
        resultaat = bewaar_scores(ronde=ronde, invoer=invoer, door=door)
        if resultaat.conflicten:  # only if someone saved between reading and locking: undo all
            errors.add(
                None,
                _("iemand anders wijzigde tegelijk cellen in deze ronde; probeer het opnieuw."),
            )
            errors.raise_if_any()
    return ImportResultaat(
        gewijzigd=len(resultaat.opgeslagen), ongewijzigd=len(invoer) - len(resultaat.opgeslagen)
    )
