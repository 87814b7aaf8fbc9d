"""Uploads for the kennisbank (kennis.bestanden): the type by content, the limits, the bombs,
and the text of PDF and DOCX files."""

import io

import openpyxl
import pytest

from kennis import bestanden
from tests.kennis.bestanden import docx_met, minimale_pdf, pdf_bom, pdf_met_paginas, zip_bom

pytestmark = pytest.mark.django_db


def test_the_text_of_a_pdf_is_read():
    gelezen = bestanden.lees("les.pdf", minimale_pdf("Vervoer naar de sporthal\nwas het probleem"))
    assert gelezen.mime == "application/pdf"
    assert gelezen.tekststatus == "gelezen"
    assert "sporthal" in gelezen.tekst and "probleem" in gelezen.tekst
    assert len(gelezen.sha256) == 64


def test_the_text_of_a_docx_is_read():
    gelezen = bestanden.lees("verslag.docx", docx_met("Intervisie over de beweegmaatjes"))
    assert gelezen.tekststatus == "gelezen"
    assert "beweegmaatjes" in gelezen.tekst


def test_a_spreadsheet_and_an_image_are_kept_without_text():
    wb = openpyxl.Workbook()
    buffer = io.BytesIO()
    wb.save(buffer)
    assert bestanden.lees("cijfers.xlsx", buffer.getvalue()).tekststatus == "geen"
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
    assert bestanden.lees("foto.png", png).mime == "image/png"


def test_a_file_that_claims_to_be_a_pdf_but_is_not_is_refused():
    with pytest.raises(bestanden.Geweigerd, match="geen PDF"):
        bestanden.lees("rapport.pdf", b"<html><script>alert(1)</script></html>")


def test_a_pdf_named_as_something_else_is_refused():
    with pytest.raises(bestanden.Geweigerd, match=r"eindigt op \.docx, maar de inhoud is een PDF"):
        bestanden.lees("rapport.docx", minimale_pdf("tekst"))


def test_a_file_over_20_mb_is_refused():
    with pytest.raises(bestanden.Geweigerd, match="hoogstens 20 MB"):
        bestanden.lees("groot.pdf", minimale_pdf("x") + b"\0" * (21 * 2**20))


def test_a_pdf_with_a_huge_page_count_is_refused():
    with pytest.raises(bestanden.Geweigerd, match=r"2001 pagina's; het mag er hoogstens 2000"):
        bestanden.lees("veel.pdf", pdf_met_paginas(bestanden.MAX_PAGINAS + 1))


def test_a_pdf_decompression_bomb_is_refused():
    with pytest.raises(bestanden.Geweigerd, match="PDF-bom"):
        bestanden.lees("bom.pdf", pdf_bom())


def test_a_docx_that_unpacks_to_far_more_than_it_is_is_refused():
    with pytest.raises(bestanden.Geweigerd, match="pakt uit tot 30 MB"):
        bestanden.lees("bom.docx", zip_bom())


def test_a_pdf_whose_text_cannot_be_read_is_kept_with_a_note():
    gelezen = bestanden.lees("scan.pdf", pdf_met_paginas(2))  # pages without text: a scan
    assert gelezen.tekststatus == "onleesbaar" and gelezen.tekst == ""


def test_reading_the_text_stops_at_the_size_limit(monkeypatch):
    monkeypatch.setattr(bestanden, "MAX_TEKST", 20)
    gelezen = bestanden.lees("lang.docx", docx_met("een lange tekst\n" * 20))
    assert gelezen.tekststatus == "afgekapt" and len(gelezen.tekst) == 20


def test_reading_the_text_stops_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(bestanden, "MAX_SECONDEN", -1)  # already past the deadline
    gelezen = bestanden.lees("les.pdf", minimale_pdf("eerste pagina"))
    assert gelezen.tekststatus == "afgekapt"
