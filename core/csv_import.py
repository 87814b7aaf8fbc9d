"""Reading CSV files for all-or-nothing imports: every error is collected and named by line."""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _

MAX_ERRORS = 50  # shown; a file with thousands of errors would otherwise make a page of megabytes


class ImportRefused(Exception):
    """The file was refused; `errors` names the problems, with their lines where there are, the
    first MAX_ERRORS of them and then how many more."""

    def __init__(self, errors: list[str]):
        if len(errors) > MAX_ERRORS:
            meer = f"{len(errors) - MAX_ERRORS:,}".replace(",", ".")
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

    def add(self, line: int | None, message: str) -> None:
        where = (
            self.source
            if line is None
            else _("%(bron)s, regel %(regel)s") % {"bron": self.source, "regel": line}
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
    data: bytes, *, header: list[str], source: str, errors: Errors | None = None
) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UTF-8 CSV file whose header is exactly `header`, with their line numbers.

    Raises ImportRefused for a wrong encoding or a wrong header. Rows with a wrong number of
    fields are left out and named in `errors`, so the caller can report them together with
    its own errors; without `errors`, they are raised here.
    """
    rij_fouten = errors
    errors = Errors(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        errors.add(line, _("het bestand is geen UTF-8; sla het op als CSV (UTF-8)."))
        errors.raise_if_any()
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        errors.add(line, _("het bestand bevat een NUL-teken; is het wel een CSV-bestand?"))
        errors.raise_if_any()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        found = [name.strip() for name in next(reader)]
    except StopIteration:
        errors.add(None, _("het bestand is leeg."))
        errors.raise_if_any()
    except csv.Error as exc:
        errors.add(1, _("ongeldige CSV (%(fout)s).") % {"fout": exc})
        errors.raise_if_any()
    if found != header:
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
            % {
                "verwacht": ",".join(header),
                "detail": "; ".join(detail),
            },
        )
        errors.raise_if_any()
    rows = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                errors.add(
                    line,
                    _("verwacht %(verwacht)s velden, gevonden %(gevonden)s.")
                    % {"verwacht": len(header), "gevonden": len(values)},
                )
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


def csv_upload(request, *, header: list[str], max_bytes: int, importer) -> Upload:
    """The upload page of an all-or-nothing CSV import: on a valid POST the file (at most
    `max_bytes`; a byte more is read so the importer can refuse it) goes to
    `importer(data=…, bron=file name)`; a refusal comes back as the errors to show."""
    from core.forms import CsvUploadForm

    form = CsvUploadForm(request.POST or None, request.FILES or None, header=header)
    if request.method != "POST" or not form.is_valid():
        return Upload(form)
    bestand = form.cleaned_data["bestand"]
    try:
        return Upload(form, result=importer(data=bestand.read(max_bytes + 1), bron=bestand.name))
    except ImportRefused as refused:
        return Upload(form, errors=refused.errors)
