"""Uploads for the kennisbank: the type checked by content, limits on size and on what a file
may unpack to, and the text of PDF and DOCX files for search.

What a user uploads is refused with a Dutch message (Geweigerd) when it is not what it says it
is, too large, or a bomb: a PDF of more than MAX_PAGINAS pages, or whose pages unpack to more
than pypdf's limits or MAX_PDF_UITGEPAKT together; a zip-based document that unpacks to more
than MAX_UITGEPAKT, or a DOCX whose text part is over MAX_DOCX_TEKST (python-docx reads it
whole into memory). A file
that is fine but whose text cannot be read is kept, with a note that its text is not searched.
Reading the text stops after MAX_SECONDEN or MAX_TEKST characters; the rest is not searched."""

import hashlib
import io
import logging
import time
import zipfile
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGINAS = 2000
MAX_UITGEPAKT = 200 * 1024 * 1024  # what a DOCX, XLSX, PPTX or ODT may unpack to
MAX_DOCX_TEKST = 5 * 1024 * 1024  # … and a DOCX's text part, which python-docx reads whole
MAX_PDF_UITGEPAKT = 50 * 1024 * 1024  # what a PDF's pages may unpack to together
MAX_VERHOUDING = 200  # … and how much larger than the file itself
MAX_SECONDEN = 10.0
MAX_TEKST = 1_000_000  # characters of text searched per file

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIPSOORTEN = {
    DOCX: "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
    "application/vnd.oasis.opendocument.text": "ODT",
}
SOORTEN = {PDF: "PDF", **ZIPSOORTEN, "image/png": "PNG", "image/jpeg": "JPEG"}
EXTENSIES = {
    "PDF": {"pdf"},
    "DOCX": {"docx"},
    "XLSX": {"xlsx"},
    "PPTX": {"pptx"},
    "ODT": {"odt"},
    "PNG": {"png"},
    "JPEG": {"jpg", "jpeg"},
}


class Geweigerd(ValueError):
    """The file is refused; the message says why, in Dutch."""


@dataclass
class Gelezen:
    mime: str
    sha256: str
    tekst: str
    tekststatus: str  # Bestand.Tekst


def toegestaan() -> str:
    """'PDF, DOCX, …, PNG of JPEG'."""
    *eerst, laatste = SOORTEN.values()
    return _("%(lijst)s of %(laatste)s") % {"lijst": ", ".join(eerst), "laatste": laatste}


def lees(naam: str, inhoud: bytes) -> Gelezen:
    """Check an upload and read its text; raises Geweigerd."""
    if len(inhoud) > MAX_BYTES:
        raise Geweigerd(
            _("Het bestand is %(mb)s MB; het mag hoogstens %(max)s MB zijn.")
            % {
                "mb": f"{len(inhoud) / 1024 / 1024:.1f}".replace(".", ","),
                "max": MAX_BYTES // 2**20,
            }
        )
    if not inhoud:
        raise Geweigerd(_("Het bestand is leeg."))
    soort = filetype.guess(inhoud)
    mime = soort.mime if soort else ""
    if mime not in SOORTEN:
        raise Geweigerd(
            _(
                "Dit bestand is geen %(soorten)s-bestand (gekeken naar de inhoud, niet naar de "
                "naam)."
            )
            % {"soorten": toegestaan()}
        )
    extensie = naam.rsplit(".", 1)[-1].lower() if "." in naam else ""
    if extensie not in EXTENSIES[SOORTEN[mime]]:
        raise Geweigerd(
            _("De naam eindigt op .%(ext)s, maar de inhoud is een %(soort)s-bestand.")
            % {"ext": extensie or "…", "soort": SOORTEN[mime]}
        )
    if mime in ZIPSOORTEN:
        _controleer_zip(inhoud, mime)
    tekst, status = "", "geen"
    if mime == PDF:
        tekst, status = _pdf_tekst(inhoud)
    elif mime == DOCX:
        tekst, status = _docx_tekst(inhoud)
    return Gelezen(mime, hashlib.sha256(inhoud).hexdigest(), tekst, status)


def _controleer_zip(inhoud: bytes, mime: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as zf:
            delen = {i.filename: i.file_size for i in zf.infolist()}
    except (zipfile.BadZipFile, ValueError) as exc:
        raise Geweigerd(_("Het bestand is beschadigd en kan niet worden geopend.")) from exc
    uitgepakt = sum(delen.values())
    if mime == DOCX and delen.get("word/document.xml", 0) > MAX_DOCX_TEKST:
        raise Geweigerd(
            _("De tekst van dit document pakt uit tot %(mb)s MB; dat nemen we niet aan.")
            % {"mb": delen["word/document.xml"] // 2**20}
        )
    if uitgepakt > MAX_UITGEPAKT or uitgepakt > MAX_VERHOUDING * len(inhoud):
        raise Geweigerd(
            _("Dit bestand pakt uit tot %(mb)s MB; dat nemen we niet aan.")
            % {"mb": uitgepakt // 2**20}
        )


def _pdf_tekst(inhoud: bytes) -> tuple[str, str]:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(inhoud))
        if reader.is_encrypted:
            return "", "onleesbaar"
        paginas = len(reader.pages)
    except LimitReachedError as exc:
        raise _bom() from exc
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise Geweigerd(_("Het PDF-bestand is beschadigd en kan niet worden geopend.")) from exc
    if paginas > MAX_PAGINAS:
        raise Geweigerd(
            _("Het PDF-bestand heeft %(n)s pagina's; het mag er hoogstens %(max)s hebben.")
            % {"n": paginas, "max": MAX_PAGINAS}
        )
    delen, lengte, uitgepakt, einde = [], 0, 0, time.monotonic() + MAX_SECONDEN
    try:
        for pagina in reader.pages:
            # Unpacked first, to see what it unpacks to: extract_text() would swallow the
            # limit and give an empty page.
            inhoud_pagina = pagina.get_contents()
            uitgepakt += len(inhoud_pagina.get_data()) if inhoud_pagina is not None else 0
            if uitgepakt > MAX_PDF_UITGEPAKT:
                raise _bom()
            delen.append(pagina.extract_text() or "")
            lengte += len(delen[-1])
            if lengte > MAX_TEKST or time.monotonic() > einde:
                return "\n".join(delen)[:MAX_TEKST], "afgekapt"
    except LimitReachedError as exc:
        raise _bom() from exc
    except Geweigerd:
        raise
    except Exception:  # noqa: BLE001 - a text we cannot read is not searched, the file is kept
        logger.warning("Tekst van een PDF niet gelezen", exc_info=True)
        return "", "onleesbaar"
    tekst = "\n".join(delen).strip()
    return (tekst, "gelezen") if tekst else ("", "onleesbaar")


def _bom():
    return Geweigerd(
        _(
            "Dit PDF-bestand pakt uit tot veel meer dan het lijkt (een 'PDF-bom'); dat nemen we niet aan."
        )
    )


def _docx_tekst(inhoud: bytes) -> tuple[str, str]:
    import docx

    try:
        document = docx.Document(io.BytesIO(inhoud))
        delen = [p.text for p in document.paragraphs]
        for tabel in document.tables:
            delen += [cel.text for rij in tabel.rows for cel in rij.cells]
    except Exception:  # noqa: BLE001 - as for a PDF: kept, not searched
        logger.warning("Tekst van een DOCX niet gelezen", exc_info=True)
        return "", "onleesbaar"
    tekst = "\n".join(d for d in delen if d).strip()
    if len(tekst) > MAX_TEKST:
        return tekst[:MAX_TEKST], "afgekapt"
    return (tekst, "gelezen") if tekst else ("", "onleesbaar")
