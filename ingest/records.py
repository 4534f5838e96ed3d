"""What flows through ingest: raw records in, graph fragments or quarantine entries out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.records import Edge, Node


@dataclass(frozen=True)
class RawRecord:
    """One input record: a row of a structured file, or a whole document's text."""

    source: str  # registry | trademark | patent | document
    file: Path
    doc_sha: str
    position: str  # "r7" for the 7th row (1-based), "0-1532" for a document's text
    data: Any

    @property
    def source_ref(self) -> str:
        return f"{self.doc_sha}@{self.position}"

    @property
    def where(self) -> str:
        return f"{self.file.name} {self.position}"


@dataclass
class Fragment:
    """The nodes and edges one record contributes to the graph."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def extend(self, other: Fragment) -> None:
        self.nodes.extend(other.nodes)
        self.edges.extend(other.edges)


@dataclass(frozen=True)
class Quarantined:
    """A record that was not loaded, with a reason a person can act on."""

    file: str
    record: str
    field: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "record": self.record, "field": self.field, "reason": self.reason}


class RecordRejected(Exception):
    """Raised by a mapper: this record goes to quarantine for ``field`` with ``reason``."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
