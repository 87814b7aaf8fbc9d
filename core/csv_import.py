"""Reading CSV and XLSX files for all-or-nothing imports: every error is collected and named by
line."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_ERRORS = 50  # shown; a file with thousands of errors would otherwise make a page of megabytes
ZIP_MAGIC = b"PK\x03\x04"  # an XLSX file is a ZIP file
MAX_XLSX_ROWS = 5000
MAX_XLSX_UNPACKED = 20 * 1024 * 1024  # a ZIP bomb unpacks to far more; ours to some kilobytes


class ImportRefused(Exception):
    """The file was refused; `errors` names the problems, with their lines where there are, the
    first MAX_ERRORS of them and then how many more."""

    def __init__(self, errors: list[str]):
        if len(errors) > MAX_ERRORS:
            meer = number_format(len(errors) - MAX_ERRORS, force_grouping=True)
            errors = [
                *errors[:MAX_ERRORS],
                _("Eerste %(n)s fouten getoond, %(meer)s meer.") % {"n": MAX_ERRORS, "meer": meer},
            ]
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Errors:
    source: str
    entries: list[tuple[int, str]] = field(default_factory=list)
    sheet: str | None = None  # in an XLSX file the lines are the rows of this sheet

    def add(self, line: int | None, message: str) -> None:
        where = (
            self.source
            if line is None
            else _("%(bron)s, regel %(regel)s") % {"bron": self.sheet or self.source, "regel": line}
        )
        self.entries.append((line or 0, f"{where}: {message}"))

    @property
    def messages(self) -> list[str]:
        """Every error, in the order of the file's lines."""
        return [message for _line, message in sorted(self.entries, key=lambda e: e[0])]

    def raise_if_any(self) -> None:
        if self.messages:
            raise ImportRefused(self.messages)


def read_csv(
    data: bytes,
    *,
    header: list[str],
    source: str,
    errors: Errors | None = None,
    excel: bool = False,
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UTF-8 CSV file whose header is exactly `header`, with their line numbers.

    With `excel`, also what Dutch spreadsheet programs write: ';' as separator (as the header
    line has it) and Windows-1252 where the bytes are not UTF-8.

    Raises ImportRefused for a wrong encoding or a wrong header. Rows with a wrong number of
    fields are left out and named in `errors`, so the caller can report them together with
    its own errors; without `errors`, they are raised here.
    """
    rij_fouten = errors
    errors = Errors(source)
    text = _decode(data, errors, excel)
    eerste = text.partition("\n")[0]
    sep = ";" if excel and eerste.count(";") > eerste.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        found = [name.strip() for name in next(reader)]
    except StopIteration:
        errors.add(None, _("het bestand is leeg."))
        errors.raise_if_any()
    except csv.Error as exc:
        errors.add(1, _("ongeldige CSV (%(fout)s).") % {"fout": exc})
        errors.raise_if_any()
    _check_header(found, header, errors, sep)
    rows = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                errors.add(line, _wrong_fields(values, len(header), sep, excel))
                continue
            rows.append(
                (line, {name: value.strip() for name, value in zip(header, values, strict=True)})
            )
    except csv.Error as exc:
        errors.add(reader.line_num, _("ongeldige CSV (%(fout)s).") % {"fout": exc})
    if rij_fouten is None:
        errors.raise_if_any()
    else:
        rij_fouten.entries.extend(errors.entries)
    return rows


def _decode(data: bytes, errors: Errors, excel: bool) -> str:
    """UTF-8 (a byte order mark dropped), with `excel` else Windows-1252; never a NUL."""
    encodings = ["utf-8-sig", "cp1252"] if excel else ["utf-8-sig"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
    else:
        errors.add(
            line,
            _("het bestand is geen UTF-8 of Windows-1252; sla het op als CSV (UTF-8).")
            if excel
            else _("het bestand is geen UTF-8; sla het op als CSV (UTF-8)."),
        )
        errors.raise_if_any()
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        errors.add(line, _("het bestand bevat een NUL-teken; is het wel een CSV-bestand?"))
        errors.raise_if_any()
    return text


def _wrong_fields(values: list[str], expected: int, sep: str, excel: bool) -> str:
    """Wrong number of fields; with `excel`, named as a mix of separators where the other
    separator gives the right number."""
    other = "," if sep == ";" else ";"
    regel = io.StringIO(sep.join(values), newline="")  # a field may hold a line break
    if excel and len(next(csv.reader(regel, delimiter=other), [])) == expected:
        return _(
            "deze regel gebruikt '%(ander)s' als scheidingsteken, de kopregel '%(sep)s'; "
            "gebruik in het hele bestand hetzelfde scheidingsteken."
        ) % {"ander": other, "sep": sep}
    return _("verwacht %(verwacht)s velden, gevonden %(gevonden)s.") % {
        "verwacht": expected,
        "gevonden": len(values),
    }


def _check_header(found: list[str], header: list[str], errors: Errors, sep: str) -> None:
    if found == header:
        return
    missing = [name for name in header if name not in found]
    extra = [name for name in found if name not in header]
    detail = []
    if missing:
        detail.append(_("ontbrekende kolommen: %(namen)s") % {"namen": ", ".join(missing)})
    if extra:
        detail.append(_("onbekende kolommen: %(namen)s") % {"namen": ", ".join(extra)})
    if not detail:
        detail.append(_("de kolommen staan in een andere volgorde"))
    errors.add(
        1,
        _("de kopregel moet precies '%(verwacht)s' zijn (%(detail)s).")
        % {"verwacht": sep.join(header), "detail": "; ".join(detail)},
    )
    errors.raise_if_any()


def read_xlsx(
    data: bytes, *, header: list[str], sheet: str, source: str, errors: Errors | None = None
) -> list[tuple[int, dict[str, str]]]:
    """The rows of the sheet `sheet` of an XLSX file, as read_csv reads a CSV file: the first
    row is exactly `header`, numbers come back as text ("3", also from 3.0) and empty cells as
    "". Errors name the sheet and the row ("Scores, regel 4: …"); a file that is not XLSX, is
    damaged, has no such sheet, unpacks to more than MAX_XLSX_UNPACKED bytes or has more than
    MAX_XLSX_ROWS rows is refused as a whole. The caller's `errors` name the sheet from here on,
    so that its own errors about these rows do too."""
    rij_fouten = errors
    errors = Errors(source, sheet=sheet)
    cells = _sheet_cells(data, sheet, len(header), errors)
    if len(cells) > MAX_XLSX_ROWS + 1:
        errors.add(
            None,
            _("het blad '%(blad)s' heeft meer dan %(max)s regels.")
            % {"blad": sheet, "max": number_format(MAX_XLSX_ROWS, force_grouping=True)},
        )
        errors.raise_if_any()
    if not cells:
        errors.add(None, _("het blad '%(blad)s' is leeg.") % {"blad": sheet})
        errors.raise_if_any()
    _check_header([_cell_text(v) for v in cells[0] if v is not None], header, errors, ", ")
    rows = []
    for line, values in enumerate(cells[1:], start=2):
        texts = [_cell_text(v) for v in values]
        if not any(texts):
            continue
        if any(texts[len(header) :]):
            errors.add(
                line,
                _("er staat iets rechts van de kolom '%(kolom)s'.") % {"kolom": header[-1]},
            )
            continue
        rows.append((line, dict(zip(header, texts, strict=False))))
    if rij_fouten is None:
        errors.raise_if_any()
    else:
        rij_fouten.sheet = sheet
        rij_fouten.entries.extend(errors.entries)
    return rows


def _sheet_cells(data: bytes, sheet: str, width: int, errors: Errors) -> list[tuple]:
    """At most MAX_XLSX_ROWS + 2 rows of `sheet`, one column wider than `width` (to see what
    is beside it). openpyxl reads the sheet as a stream, and the dimensions the file claims
    are ignored: they can be wrong, or enormous."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
                errors.add(
                    None,
                    _("het bestand is uitgepakt groter dan %(mb)s MB; is het wel de Excel-export?")
                    % {"mb": MAX_XLSX_UNPACKED // 2**20},
                )
                errors.raise_if_any()
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if sheet not in workbook.sheetnames:
                errors.add(
                    None,
                    _(
                        "het bestand heeft geen blad '%(blad)s'; gebruik de Excel-export van de matrix."
                    )
                    % {"blad": sheet},
                )
                errors.raise_if_any()
            ws = workbook[sheet]
            ws.reset_dimensions()
            return list(
                ws.iter_rows(max_row=MAX_XLSX_ROWS + 2, max_col=width + 1, values_only=True)
            )
        finally:
            workbook.close()
    except ImportRefused:
        raise
    except Exception:  # a damaged file fails anywhere in zipfile or openpyxl, in many ways
        errors.add(None, _("het bestand is geen geldig Excel-bestand (XLSX); het is beschadigd."))
        errors.raise_if_any()


def _cell_text(value) -> str:
    """A cell's value as the text a CSV file would hold: 3.0 is "3", an empty cell ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_spreadsheet(
    data: bytes, *, header: list[str], sheet: str, source: str, errors: Errors | None = None
) -> list[tuple[int, dict[str, str]]]:
    """The rows of an XLSX file (known by its content, not its name: a ZIP file) or of a CSV
    file as Excel writes it (read_csv with `excel`)."""
    if data.startswith(ZIP_MAGIC) or source.lower().endswith(".xlsx"):
        return read_xlsx(data, header=header, sheet=sheet, source=source, errors=errors)
    return read_csv(data, header=header, source=source, errors=errors, excel=True)


def split_values(value: str) -> list[str]:
    """'a; b;;c' -> ['a', 'b', 'c']: several values in one field are separated by ';'."""
    return [part.strip() for part in value.split(";") if part.strip()]


@dataclass
class Upload:
    """What became of an upload: the form (with its errors), the import's errors, or its result."""

    form: forms.Form
    errors: list[str] = field(default_factory=list)
    result: object = None

    @property
    def status(self) -> int:
        return 400 if self.errors or self.form.errors else 200


def csv_upload(
    request, *, header: list[str], max_bytes: int, importer, excel: bool = False
) -> Upload:
    """The upload page of an all-or-nothing CSV import: on a valid POST the file (at most
    `max_bytes`; a byte more is read so the importer can refuse it) goes to
    `importer(data=…, bron=file name)`; a refusal comes back as the errors to show. With
    `excel`, the form also offers XLSX files (for an importer that uses read_spreadsheet)."""
    from core.forms import CsvUploadForm

    form = CsvUploadForm(
        request.POST or None,
        request.FILES or None,
        header=header,
        excel=excel,
        max_bytes=max_bytes,
    )
    if request.method != "POST" or not form.is_valid():
        return Upload(form)
    bestand = form.cleaned_data["bestand"]
    try:
        return Upload(form, result=importer(data=bestand.read(max_bytes + 1), bron=bestand.name))
    except ImportRefused as refused:
        return Upload(form, errors=refused.errors)
