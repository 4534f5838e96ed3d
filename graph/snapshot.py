"""A read cache over a store for the length of one detect or grade run.

Every detector projects the part of the graph it needs, and projecting fetches the ends of each
edge one by one. Nine detectors reading the same companies, marks and cases would decode the
same rows nine times over, one query per node. ``ReadCache`` reads each label and each
relationship type at most once per run: a label is read whole on its first ``nodes`` call, or
after a few single ``get``s of it, and served from memory afterwards. Writes go through to the
store and empty the cache, so a run never reads its own stale copy.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from graph.records import Edge, Node, NodeRef, WriteStats
from graph.store import GraphStore

T = TypeVar("T")

# Single gets of one label before the whole label is read at once.
_GETS_BEFORE_LOAD = 64


class ReadCache(GraphStore):
    """``store``'s reads, each label and relationship type fetched once; writes pass through."""

    def __init__(self, store: GraphStore):
        super().__init__(store.model)
        self.store = store
        self._labels: dict[str, dict[NodeRef, Node]] = {}
        self._edges: dict[str, list[Edge]] = {}
        self._misses: dict[str, int] = {}
        self._derived: dict[Hashable, Any] = {}

    def clear(self) -> None:
        self._labels.clear()
        self._edges.clear()
        self._misses.clear()
        self._derived.clear()

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value computed from the graph, once per run: several detectors build the same
        register (every trademark with its filers and events) and the same assessments of it."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    # lifecycle ---------------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        self.store.ensure_schema()

    def close(self) -> None:
        """The cache does not own the store: closing it only drops what it holds."""
        self.clear()

    @property
    def location(self) -> str:
        return self.store.location

    # writes ------------------------------------------------------------------------------------
    def write(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        self.clear()
        return self.store.write(nodes, edges)

    def write_bulk(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        self.clear()
        return self.store.write_bulk(nodes, edges)

    def delete_nodes(self, label: str, keep: set[str] | None = None) -> int:
        self.clear()
        return self.store.delete_nodes(label, keep)

    def delete_edges(self, keys: Iterable[tuple[str, NodeRef, NodeRef]]) -> int:
        self.clear()
        return self.store.delete_edges(keys)

    # reads -------------------------------------------------------------------------------------
    def _label(self, label: str) -> dict[NodeRef, Node]:
        if label not in self._labels:
            self._labels[label] = {node.ref: node for node in self.store.nodes(label)}
        return self._labels[label]

    def get(self, ref: NodeRef) -> Node | None:
        if ref.label in self._labels:
            return self._labels[ref.label].get(ref)
        return self.get_many((ref,)).get(ref)

    def nodes(self, label: str) -> Iterator[Node]:
        return iter(list(self._label(label).values()))

    def edges(self, types: Sequence[str] | None = None) -> Iterator[Edge]:
        if types is None:
            return self.store.edges(None)
        wanted = list(dict.fromkeys(types))
        missing = [t for t in wanted if t not in self._edges]
        if missing:
            for kind in missing:
                self._edges[kind] = []
            for edge in self.store.edges(missing):
                self._edges.setdefault(edge.type, []).append(edge)
        return iter([edge for kind in wanted for edge in self._edges.get(kind, [])])

    def get_many(self, refs: Iterable[NodeRef]) -> dict[NodeRef, Node]:
        """Nodes of labels held in memory from there, the others in one batch from the store."""
        found: dict[NodeRef, Node] = {}
        rest = []
        refs = list(dict.fromkeys(refs))
        per_label: dict[str, int] = {}
        for ref in refs:
            per_label[ref.label] = per_label.get(ref.label, 0) + 1
        for label, count in per_label.items():  # many of one label: read the label whole, once
            self._misses[label] = self._misses.get(label, 0) + count
            if label not in self._labels and self._misses[label] > _GETS_BEFORE_LOAD:
                self._label(label)
        for ref in refs:
            if ref.label in self._labels:
                node = self._labels[ref.label].get(ref)
                if node is not None:
                    found[ref] = node
            else:
                rest.append(ref)
        if rest:
            found.update(self.store.get_many(rest))
        return found

    def incident(self, ref: NodeRef) -> list[Edge]:
        return self.store.incident(ref)

    def incident_many(self, refs: Iterable[NodeRef],
                      types: Iterable[str] | None = None) -> dict[NodeRef, list[Edge]]:
        return self.store.incident_many(refs, types)

    def search(self, text: str, limit: int = 20) -> list[Node]:
        return self.store.search(text, limit)

    def counts(self) -> dict[str, int]:
        return self.store.counts()


def shared(store: GraphStore, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per run when the run reads through a ``ReadCache``, else every time."""
    if isinstance(store, ReadCache):
        return store.derived(key, compute)
    return compute()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a run that reads the graph into memory.

    A detect or grade run allocates millions of small objects (nodes, edges, property dicts)
    that all live until the run ends; the collector would rescan them again and again, finding
    nothing, at a cost that grows faster than the province (a third of the time at 100k
    companies). Reference counting still frees everything as usual; the collector resumes after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
