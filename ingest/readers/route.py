"""Route each inbox file to its reader by looking at its content, not only its name."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.readers.documents import decode, docx_to_text, html_to_text, pdf_to_text
from ingest.readers.xml_records import XML_SOURCES, read_xml_records, xml_root_tag
from ingest.records import RawRecord

# Structured registries load first, so documents resolve against known companies.
SOURCE_ORDER = ("registry", "trademark", "patent", "document")

_TRADEMARK_COLUMNS = {"number", "mark", "nice_class"}
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Routed:
    source: str  # registry | trademark | patent | document
    format: str  # jsonl | csv | xml | text | html | docx | pdf


class Unparsed(str):
    """A record (or a whole file) that could not be parsed; the text says why."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def route(path: Path, data: bytes) -> Routed | None:
    """The source and format of a file, or None when no reader takes it."""
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return Routed("document", "pdf")
    if data.startswith(_ZIP_MAGIC) or suffix == ".docx":
        return Routed("document", "docx")
    text = decode(data[:8192], partial=True)
    head = text.lstrip()
    first = head.splitlines()[0] if head else ""
    if suffix in {".jsonl", ".json", ".ndjson"} or head.startswith("{"):
        return _route_json(first)
    if head.startswith("<?xml") or suffix == ".xml":
        source = XML_SOURCES.get(xml_root_tag(head) or "")
        return Routed(source, "xml") if source else None
    if suffix == ".csv" or (suffix not in {".txt", ".html", ".htm"} and "," in first):
        header = {c.strip() for c in first.split(",")}
        return Routed("trademark", "csv") if header >= _TRADEMARK_COLUMNS else None
    if suffix in {".html", ".htm"} or head.startswith("<"):
        return Routed("document", "html")
    if suffix == ".txt":
        return Routed("document", "text")
    return None


def _route_json(first_line: str) -> Routed | None:
    try:
        keys = set(json.loads(first_line))
    except (json.JSONDecodeError, TypeError):
        return None
    if "application_no" in keys:
        return Routed("patent", "jsonl")
    if "uscc" in keys or "legal_rep" in keys:
        return Routed("registry", "jsonl")
    return None


def read_file(path: Path, data: bytes, routed: Routed) -> Iterator[RawRecord]:
    """Yield the raw records of one file; what cannot be parsed is yielded as ``Unparsed``."""
    digest = sha256(data)
    source = routed.source
    if source == "document":
        try:
            text = document_text(data, routed.format)
        except ValueError as exc:
            yield RawRecord(source, path, digest, "(file)", Unparsed(str(exc)))
            return
        yield RawRecord(source, path, digest, f"0-{len(text)}", text)
    elif routed.format == "xml":
        for number, value in read_xml_records(data):
            yield RawRecord(source, path, digest, f"r{number}",
                            Unparsed(value.reason) if hasattr(value, "reason") else value)
    elif routed.format == "csv":
        rows = csv.DictReader(io.StringIO(decode(data)))
        for number, row in enumerate(rows, start=1):
            yield RawRecord(source, path, digest, f"r{number}", row)
    else:
        for number, line in enumerate(decode(data).splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                value = Unparsed(f"not valid JSON ({exc.msg} at column {exc.colno})")
            yield RawRecord(source, path, digest, f"r{number}", value)


def document_text(data: bytes, fmt: str) -> str:
    """The readable text of a document file in the given format; ValueError when unreadable."""
    if fmt == "pdf":
        return pdf_to_text(data)
    if fmt == "docx":
        return docx_to_text(data)
    text = decode(data)
    return html_to_text(text) if fmt == "html" else text
