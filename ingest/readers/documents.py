"""Document text: decode the encodings met in the wild and strip HTML to its readable text."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from html.parser import HTMLParser

_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "title", "section", "table"}


def decode(data: bytes, partial: bool = False) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312).

    ``partial``: the bytes are a file's head, so a character cut at the end is not an error.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if partial and exc.start >= len(data) - 3:
            return data[:exc.start].decode("utf-8")
        return data.decode("gb18030", errors="replace")


def pdf_to_text(data: bytes) -> str:
    """The text layer of a PDF (pypdf); a damaged or image-only PDF is a ValueError."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ValueError(f"unreadable PDF: {exc}") from None
    if not text.strip():
        raise ValueError("the PDF has no text layer (scanned image?)")
    return text


def docx_to_text(data: bytes) -> str:
    """Paragraphs and table cells of a Word document (python-docx), in reading order."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValueError(f"unreadable DOCX: {exc}") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    text = "\n".join(line for line in lines if line.strip())
    if not text.strip():
        raise ValueError("the DOCX holds no text")
    return text


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of a published page, one block per line."""
    collector = _TextCollector()
    collector.feed(html)
    text = "".join(collector.parts)
    lines = (line.strip() for line in text.splitlines())
    return re.sub(r"\n{2,}", "\n", "\n".join(line for line in lines if line)).strip() + "\n"
