"""Files for the kennisbank's tests: real PDFs and DOCX files, and the bad ones."""

import io
import zipfile
import zlib

import docx

from demo.kennis import minimale_pdf

__all__ = ["docx_met", "minimale_pdf", "pdf_bom", "pdf_met_paginas", "zip_bom"]


def docx_met(tekst: str) -> bytes:
    document = docx.Document()
    for regel in tekst.splitlines():
        document.add_paragraph(regel)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bom(megabytes: int = 250) -> bytes:
    """A PDF of 0.2 MB whose page unpacks to `megabytes`: a decompression bomb."""
    data = zlib.compress(b"BT " + b" " * (megabytes * 2**20) + b" ET", 9)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        ]
    )


def pdf_met_paginas(aantal: int) -> bytes:
    """A PDF of `aantal` empty pages (a small file with a huge page count)."""
    kids = b" ".join(b"%d 0 R" % (3 + n) for n in range(aantal))
    paginas = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>" for _ in range(aantal)]
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, aantal),
            *paginas,
        ]
    )


def _pdf(objecten: list[bytes]) -> bytes:
    uit, posities = b"%PDF-1.4\n", []
    for n, obj in enumerate(objecten, start=1):
        posities.append(len(uit))
        uit += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(uit)
    uit += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    uit += b"".join(b"%010d 00000 n \n" % p for p in posities)
    uit += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1,
        xref,
    )
    return uit


def zip_bom() -> bytes:
    """A DOCX of a few kilobytes that unpacks to 30 MB."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_met("x"))) as bron,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as doel,
    ):
        for info in bron.infolist():
            doel.writestr(info, bron.read(info))
        doel.writestr("word/media/leeg.bin", b"\0" * (30 * 2**20))
    return buffer.getvalue()
