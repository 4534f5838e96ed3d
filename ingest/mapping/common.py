"""Small builders every mapper shares, so provenance is attached the same way everywhere."""

from __future__ import annotations

from typing import Any

from graph.records import Edge, Node, NodeRef, clean_props
from ingest.records import RawRecord, RecordRejected


class FragmentBuilder:
    """Collects nodes and edges for one record, each stamped with the record's source."""

    def __init__(self, record: RawRecord, loaded_at: str):
        self.record = record
        self.loaded_at = loaded_at
        self.nodes: dict[tuple[str, str], Node] = {}
        self.edges: dict[tuple, Edge] = {}

    def node(self, label: str, node_id: str, position: str | None = None, **props: Any) -> NodeRef:
        key = (label, node_id)
        source = self._source(position)
        existing = self.nodes.get(key)
        if existing is None:
            self.nodes[key] = Node(label, node_id, clean_props(props), [source], self.loaded_at)
        else:
            existing.props.update(clean_props(props))
            if source not in existing.sources:
                existing.sources.append(source)
        return NodeRef(label, node_id)

    def edge(self, rel: str, start: NodeRef, end: NodeRef, position: str | None = None,
             **props: Any) -> None:
        key = (rel, start, end)
        source = self._source(position)
        existing = self.edges.get(key)
        if existing is None:
            self.edges[key] = Edge(rel, start, end, clean_props(props), [source], self.loaded_at)
        else:
            existing.props.update(clean_props(props))
            if source not in existing.sources:
                existing.sources.append(source)

    def _source(self, position: str | None) -> str:
        if position is None:
            return self.record.source_ref
        return f"{self.record.doc_sha}@{position}"


def require(data: dict, field: str) -> Any:
    value = data.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RecordRejected(field, "required field is missing or empty")
    return value.strip() if isinstance(value, str) else value


def as_object(record: RawRecord) -> dict:
    """The record's data as a mapping, or quarantine it (a line that was not a JSON object)."""
    if isinstance(record.data, dict):
        return record.data
    if isinstance(record.data, str):
        raise RecordRejected("(line)", str(record.data))
    raise RecordRejected("(line)", f"expected a JSON object, got {type(record.data).__name__}")
