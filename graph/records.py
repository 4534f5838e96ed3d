"""Nodes and edges as plain records, each carrying where it came from.

A source reference is ``"<document sha256>@<position>"`` (a character span ``start-end`` for
text, ``rN`` for the N-th record of a structured file). Stores keep the union of all sources of a
node or edge, and ``loaded_at`` of its first load, so loading the same input again changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Scalar = str | int | float | bool
PropValue = Scalar | list[str] | list[int] | list[float] | None


class NodeRef(NamedTuple):
    """A node's identity. A named tuple, not a dataclass: detectors hash and compare refs
    millions of times per run, and tuple hashing and comparison run in C."""

    label: str
    id: str

    def __str__(self) -> str:
        return f"{self.label}:{self.id}"


@dataclass(slots=True)
class Node:
    """A labelled node. Slotted: a detection run holds millions of them in memory."""

    label: str
    id: str
    props: dict[str, PropValue] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    loaded_at: str | None = None

    @property
    def ref(self) -> NodeRef:
        return NodeRef(self.label, self.id)

    def caption(self, caption_property: str) -> str:
        value = self.props.get(caption_property)
        return str(value) if value not in (None, "") else self.id


@dataclass(slots=True)
class Edge:
    """A typed edge between two nodes. Slotted, like ``Node``."""

    type: str
    start: NodeRef
    end: NodeRef
    props: dict[str, PropValue] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    loaded_at: str | None = None

    @property
    def key(self) -> tuple[str, NodeRef, NodeRef]:
        """An edge is identified by its type and its two ends: re-stating it merges."""
        return (self.type, self.start, self.end)


@dataclass
class Subgraph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False  # the walk stopped at its node limit


@dataclass
class WriteStats:
    """What a write did: created, changed (props or sources grew) and unchanged items.

    A bulk write (``GraphStore.write_bulk``) skips the before/after comparison that tells these
    apart, and counts every item it merged as ``merged`` instead.
    """

    nodes_created: int = 0
    nodes_changed: int = 0
    nodes_unchanged: int = 0
    edges_created: int = 0
    edges_changed: int = 0
    edges_unchanged: int = 0
    nodes_merged: int = 0
    edges_merged: int = 0

    def __iadd__(self, other: WriteStats) -> WriteStats:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def writes(self) -> int:
        return (self.nodes_created + self.nodes_changed + self.edges_created + self.edges_changed
                + self.nodes_merged + self.edges_merged)

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def clean_props(props: Mapping[str, Any]) -> dict[str, PropValue]:
    """Drop empty values: a missing fact is absent, never stored as null or ''."""
    return {k: v for k, v in props.items() if v is not None and v != "" and v != []}


def merged_sources(old: list[str], new: list[str]) -> list[str]:
    """Union of source references in a stable (sorted) order, so equal sets compare equal.

    ``old`` is such a union already (as stored). An agency's or a court's grows with the
    province, so it is not re-sorted whole: when nothing is new it comes back as it is, else the
    new references are merged into its sorted run.
    """
    fresh = set(new).difference(old)
    return sorted(old + list(fresh)) if fresh else old
