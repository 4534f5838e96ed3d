"""The less common containers: trademark rows as structured XML, rulings as PDF.

The XML is what ``ingest/readers/xml_records.py`` reads: a ``<trademarks>`` root with one
``<trademark>`` element per row, its children named like the CSV columns. The PDF is a text
layer in the STSong-Light CID font (reportlab), lines wrapped to the page width, pages added as
needed; ``invariant`` fixes the creation date and document ID so the bytes depend on the text
alone.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from ingest.synthetic.filings import TRADEMARK_COLUMNS

PDF_FONT = "STSong-Light"
_FONT_SIZE = 9.0
_LEADING = 13.0
_MARGIN = 40.0
_BREAKS = ("。；", "，：", "、）")


def trademarks_xml(rows: Sequence[Sequence[str]]) -> bytes:
    """``<trademarks>`` with one ``<trademark>`` per CSV-shaped row."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<trademarks>"]
    for row in rows:
        fields = "".join(f"<{name}>{escape(value)}</{name}>"
                         for name, value in zip(TRADEMARK_COLUMNS, row, strict=True))
        out.append(f"  <trademark>{fields}</trademark>")
    out.append("</trademarks>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))


def wrap(line: str, width: float) -> list[str]:
    """``line`` cut into pieces no wider than ``width`` points, after the last punctuation mark
    that fits where there is one (a typesetter's break; CJK text has no spaces to keep)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pieces: list[str] = []
    while line:
        used, cut = 0.0, len(line)
        for i, ch in enumerate(line):
            used += stringWidth(ch, PDF_FONT, _FONT_SIZE)
            if used > width:
                cut = i
                break
        if cut < len(line):
            for marks in _BREAKS:  # a sentence end if one fits, else a comma, else anywhere
                soft = max(line.rfind(mark, 0, cut) for mark in marks)
                if soft > cut // 3:
                    cut = soft + 1
                    break
            cut = max(cut, 1)
        pieces.append(line[:cut])
        line = line[cut:]
    return pieces or [""]


def pdf_pages(lines: Sequence[str]) -> list[list[tuple[int, str]]]:
    """Where each wrapped piece goes: pages of (index of its line, piece); empty pieces take a
    line on the page but draw nothing."""
    from reportlab.lib.pagesizes import A4, landscape

    _register()
    width, height = landscape(A4)
    pages: list[list[tuple[int, str]]] = [[]]
    y = height - _MARGIN
    for index, line in enumerate(lines):
        for piece in wrap(line, width - 2 * _MARGIN):
            if y < _MARGIN:
                pages.append([])
                y = height - _MARGIN
            pages[-1].append((index, piece))
            y -= _LEADING
    return pages


def pdf_text(pages: list[list[tuple[int, str]]]) -> list[tuple[int | None, str]]:
    """The text a reader takes from the PDF, as (line index, piece) with None for the breaks:
    each drawn piece ends with a line break, and pages are joined by one more."""
    out: list[tuple[int | None, str]] = []
    for number, page in enumerate(pages):
        if number:
            out.append((None, "\n"))
        for index, piece in page:
            if piece:
                out += [(index, piece), (None, "\n")]
    return out


def to_pdf(lines: Sequence[str]) -> bytes:
    """Landscape A4 pages holding ``lines`` (an empty string is an empty line), wrapped to the width."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    width, height = landscape(A4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
    for number, page in enumerate(pdf_pages(lines)):
        if number:
            pdf.showPage()
        pdf.setFont(PDF_FONT, _FONT_SIZE)
        y = height - _MARGIN
        for _, piece in page:
            if piece:
                pdf.drawString(_MARGIN, y, piece)
            y -= _LEADING
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
