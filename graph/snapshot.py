"""A read cache over a store for the length of one detect or grade run.

Every detector projects the part of the graph it needs, and projecting fetches the ends of each
edge one by one. Nine detectors reading the same companies, marks and cases would decode the
same rows nine times over, one query per node. ``ReadCache`` reads each label and each
relationship type at most once per run: a label is read whole on its first ``nodes`` call, or
after a few single ``get``s of it, and served from memory afterwards. Writes go through to the
store and empty the cache, so a run never reads its own stale copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from graph.records import Edge, Node, NodeRef, WriteStats
from graph.store import GraphStore

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

    def clear(self) -> None:
        self._labels.clear()
        self._edges.clear()
        self._misses.clear()

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

    # reads -------------------------------------------------------------------------------------
    def _label(self, label: str) -> dict[NodeRef, Node]:
        if label not in self._labels:
            self._labels[label] = {node.ref: node for node in self.store.nodes(label)}
        return self._labels[label]

    def get(self, ref: NodeRef) -> Node | None:
        if ref.label in self._labels:
            return self._labels[ref.label].get(ref)
        self._misses[ref.label] = self._misses.get(ref.label, 0) + 1
        if self._misses[ref.label] > _GETS_BEFORE_LOAD:
            return self._label(ref.label).get(ref)
        return self.store.get(ref)

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

    def incident(self, ref: NodeRef) -> list[Edge]:
        return self.store.incident(ref)

    def search(self, text: str, limit: int = 20) -> list[Node]:
        return self.store.search(text, limit)

    def counts(self) -> dict[str, int]:
        return self.store.counts()
