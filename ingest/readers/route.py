"""Route each inbox file to its reader by looking at its content, not only its name."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

from ingest.readers.documents import decode, html_to_text
from ingest.records import RawRecord

# Structured registries load first, so documents resolve against known companies.
SOURCE_ORDER = ("registry", "trademark", "patent", "document")

_TRADEMARK_COLUMNS = {"number", "mark", "nice_class"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def route(path: Path, text: str) -> str | None:
    """The source kind of a file (given its decoded text), or None when no reader takes it."""
    head = text[:4096].lstrip()
    first = head.splitlines()[0] if head else ""
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".json", ".ndjson"} or head.startswith("{"):
        try:
            keys = set(json.loads(first))
        except (json.JSONDecodeError, TypeError):
            keys = set()
        if "application_no" in keys:
            return "patent"
        if "uscc" in keys or "legal_rep" in keys:
            return "registry"
        return None
    if suffix == ".csv" or (suffix not in {".txt", ".html", ".htm"} and "," in first):
        header = {c.strip() for c in first.split(",")}
        if header >= _TRADEMARK_COLUMNS:
            return "trademark"
        return None
    if suffix in {".txt", ".html", ".htm"} or head.startswith("<"):
        return "document"
    return None


def read_file(path: Path, data: bytes, source: str) -> Iterator[RawRecord]:
    """Yield the raw records of one file; a row that cannot be parsed carries why."""
    digest = sha256(data)
    text = decode(data)
    if source == "document":
        if path.suffix.lower() in {".html", ".htm"} or text.lstrip().startswith("<"):
            text = html_to_text(text)
        yield RawRecord(source, path, digest, f"0-{len(text)}", text)
    elif source == "trademark":
        rows = csv.DictReader(io.StringIO(text))
        for number, row in enumerate(rows, start=1):
            yield RawRecord(source, path, digest, f"r{number}", row)
    else:
        lines = (line for line in text.splitlines())
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                value = Unparsed(f"not valid JSON ({exc.msg} at column {exc.colno})")
            yield RawRecord(source, path, digest, f"r{number}", value)


class Unparsed(str):
    """A line that is not JSON; the mapper quarantines it with this text as the reason."""
