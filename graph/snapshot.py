"""A read cache over a store for the length of one detect or grade run.

Every detector projects the part of the graph it needs, and projecting fetches the ends of each
edge one by one. Nine detectors reading the same companies, marks and cases would decode the
same rows nine times over, one query per node. ``ReadCache`` reads each label and each
relationship type at most once per run: a label is read whole on its first ``nodes`` call, or
after a few single ``get``s of it, and served from memory afterwards. Writes go through to the
store and empty the cache, so a run never reads its own stale copy.

At province scale the cache is the run's memory: a million companies bring millions of nodes
and edges. Given a ``ReadPlan`` (what the run's detectors declare they read), it keeps only the
declared properties and sources of each label and relationship type, and every edge end is one
shared ``NodeRef`` instead of a new tuple and id string per edge.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graph.records import Edge, Node, NodeRef, WriteStats
from graph.store import GraphStore

T = TypeVar("T")

# Single gets of one label before the whole label is read at once.
_GETS_BEFORE_LOAD = 64


@dataclass(frozen=True)
class ReadPlan:
    """What a run reads of the labels and relationship types it names: the properties of each
    (None: all of them) and, for those in ``sources``, the sources. Names it does not mention
    are read whole. ``tests/risk/test_read_plans.py`` holds each detector to its plan."""

    nodes: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    edges: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    sources: frozenset[str] = frozenset()

    def __or__(self, other: ReadPlan) -> ReadPlan:
        return ReadPlan(_union(self.nodes, other.nodes), _union(self.edges, other.edges),
                        self.sources | other.sources)


def _union(a: Mapping[str, frozenset[str] | None],
           b: Mapping[str, frozenset[str] | None]) -> dict[str, frozenset[str] | None]:
    out: dict[str, frozenset[str] | None] = {}
    for name in {*a, *b}:
        mine, theirs = a.get(name, frozenset()), b.get(name, frozenset())
        out[name] = None if mine is None or theirs is None else mine | theirs
    return out


def read_plan(nodes: Mapping[str, Iterable[str] | None] | None = None,
              edges: Mapping[str, Iterable[str] | None] | None = None,
              sources: Iterable[str] = ()) -> ReadPlan:
    """A ``ReadPlan`` from plain collections: ``{"Company": ("name",), "Patent": None}``."""
    def frozen(spec: Mapping[str, Iterable[str] | None] | None) -> dict[str, frozenset[str] | None]:
        return {k: None if v is None else frozenset(v) for k, v in (spec or {}).items()}
    return ReadPlan(frozen(nodes), frozen(edges), frozenset(sources))


def _trim(item: Node | Edge, name: str, planned: Mapping[str, frozenset[str] | None],
          sources: frozenset[str]) -> None:
    """Drop from ``item`` (a label's node or a type's edge) what the plan does not keep."""
    if name not in planned:
        return
    wanted = planned[name]
    if wanted is not None:
        item.props = {k: v for k, v in item.props.items() if k in wanted}
    if name not in sources:
        item.sources = []


class ReadCache(GraphStore):
    """``store``'s reads, each label and relationship type fetched once; writes pass through.

    With a ``plan``, nodes and edges of the names it mentions keep only the planned properties,
    and sources only where planned (an empty list otherwise).
    """

    def __init__(self, store: GraphStore, plan: ReadPlan | None = None):
        super().__init__(store.model)
        self.store = store
        self.plan = plan
        self._labels: dict[str, dict[NodeRef, Node]] = {}
        self._edges: dict[str, list[Edge]] = {}
        self._misses: dict[str, int] = {}
        self._derived: dict[Hashable, Any] = {}
        self._refs: dict[NodeRef, NodeRef] = {}

    def clear(self) -> None:
        self._labels.clear()
        self._edges.clear()
        self._misses.clear()
        self._derived.clear()
        self._refs.clear()

    def _ref(self, ref: NodeRef) -> NodeRef:
        """The one shared copy of ``ref``: edges of a province name the same ends millions of times."""
        return self._refs.setdefault(ref, ref)

    def _kept_node(self, node: Node) -> Node:
        """The node as the plan keeps it (the cache owns the freshly read object)."""
        if self.plan is not None:
            _trim(node, node.label, self.plan.nodes, self.plan.sources)
        return node

    def _kept_edge(self, edge: Edge) -> Edge:
        if self.plan is not None:
            _trim(edge, edge.type, self.plan.edges, self.plan.sources)
        edge.start, edge.end = self._ref(edge.start), self._ref(edge.end)
        return edge

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
            kept = self._kept_node
            self._labels[label] = {self._ref(node.ref): kept(node) for node in self.store.nodes(label)}
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
            kept = self._kept_edge
            for edge in self.store.edges(missing):
                self._edges.setdefault(edge.type, []).append(kept(edge))
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
            found.update((self._ref(ref), self._kept_node(node))
                         for ref, node in self.store.get_many(rest).items())
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
