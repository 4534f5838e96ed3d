"""The one interface every graph store implements; the contract tests hold both stores to it."""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType

from graph.model import GraphModel, load_model
from graph.records import Edge, Node, NodeRef, Subgraph, WriteStats


class GraphStore(ABC):
    """A property graph of labelled nodes keyed by ``id`` and typed edges keyed by their ends.

    Writes merge: a node's properties are updated with the new values, its sources become the
    union of old and new, ``loaded_at`` keeps its first value. Writing the same records twice
    leaves the store unchanged and the second ``WriteStats`` reports everything unchanged.
    """

    def __init__(self, model: GraphModel | None = None):
        self.model = model or load_model()

    # lifecycle -------------------------------------------------------------------------------
    @abstractmethod
    def ensure_schema(self) -> None:
        """Create the constraints and indexes the model declares (idempotent)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the store lives, as the ``--store`` option spells it."""

    # writes ----------------------------------------------------------------------------------
    @abstractmethod
    def write(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        """Merge nodes, then edges, in one transaction per batch.

        Edges whose ends are missing (after the nodes of the same call are written) raise
        ``StoreError`` naming the edge; nothing of that call is then written.
        """

    @abstractmethod
    def write_bulk(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        """Merge like ``write`` (same final graph), faster, for large first loads.

        The stats count every distinct item as ``merged``; a store may skip the before/after
        comparison where it costs (Neo4j does, folding repeats first). One transaction per call;
        edges whose ends are missing raise ``StoreError`` naming the edge and nothing of that call
        is written.
        """

    def bulk_load(self) -> contextlib.AbstractContextManager[None]:
        """Settings a long run of ``write_bulk`` calls may use, restored when it ends.

        Whatever it changes, a run killed inside it leaves a store that opens and resumes.
        """
        return contextlib.nullcontext()

    @abstractmethod
    def delete_nodes(self, label: str, keep: set[str] | None = None) -> int:
        """Delete nodes of ``label`` (and their edges) whose id is not in ``keep``; return how many.

        Derived labels (findings, grades) are replaced wholesale by each run this way.
        """

    @abstractmethod
    def delete_edges(self, keys: Iterable[tuple[str, NodeRef, NodeRef]]) -> int:
        """Delete the edges with these keys (``Edge.key``: type, start, end); return how many.

        Keys of edges that do not exist are ignored, so repeating a deletion deletes nothing;
        nodes and every other edge (other types between the same nodes too) stay. A type the
        model does not know, or ends it does not allow for the type, raise ``SchemaError``
        before anything is deleted. One transaction per call.
        """

    # reads -----------------------------------------------------------------------------------
    @abstractmethod
    def get(self, ref: NodeRef) -> Node | None: ...

    @abstractmethod
    def nodes(self, label: str) -> Iterator[Node]: ...

    @abstractmethod
    def edges(self, types: Sequence[str] | None = None) -> Iterator[Edge]:
        """All edges of the given types (all types when None)."""

    @abstractmethod
    def incident(self, ref: NodeRef) -> list[Edge]:
        """Every edge that starts or ends at ``ref``."""

    def get_many(self, refs: Iterable[NodeRef]) -> dict[NodeRef, Node]:
        """The nodes of ``refs`` that exist, by reference: ``get`` for many nodes at once.

        A store answers it in a few queries (one per label and chunk of ids), where a walk
        reading a frontier of nodes one ``get`` at a time would issue one query per node.
        """
        found: dict[NodeRef, Node] = {}
        for ref in dict.fromkeys(refs):
            node = self.get(ref)
            if node is not None:
                found[ref] = node
        return found

    def incident_many(self, refs: Iterable[NodeRef],
                      types: Iterable[str] | None = None) -> dict[NodeRef, list[Edge]]:
        """``incident`` of each of ``refs`` at once, only edges of ``types`` when given: every ref
        given is a key (an empty list for a node without such edges or not stored), an edge
        between two of them is listed at both, a self-loop once. Like ``get_many``, a few
        queries instead of one per node."""
        wanted = None if types is None else set(types)
        return {ref: [e for e in self.incident(ref) if wanted is None or e.type in wanted]
                for ref in dict.fromkeys(refs)}

    @abstractmethod
    def search(self, text: str, limit: int = 20) -> list[Node]:
        """Nodes whose identifier equals ``text`` first, then nodes whose names contain it.

        Identifiers are the ``id`` and the ``unique`` properties of the model (USCC, trademark,
        patent, case and decision numbers); names are the ``fulltext`` properties.
        """

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Number of nodes per label and edges per type (only those present)."""

    # derived ---------------------------------------------------------------------------------
    def neighbourhood(self, ref: NodeRef, depth: int = 1, limit: int = 300,
                      skip_labels: frozenset[str] = frozenset()) -> Subgraph:
        """The nodes within ``depth`` hops of ``ref`` (either direction), at most ``limit``.

        Nodes with a label in ``skip_labels`` are neither kept nor walked through (the start
        node is always kept), so hiding them never leaves nodes only they connected.
        """
        start = self.get(ref)
        if start is None:
            return Subgraph()
        result = Subgraph()
        seen: dict[NodeRef, Node] = {ref: start}
        edges: dict[tuple, Edge] = {}
        frontier = [ref]
        for _ in range(max(depth, 0)):
            next_frontier: list[NodeRef] = []
            for current in frontier:
                for edge in self.incident(current):
                    other = edge.end if edge.start == current else edge.start
                    if other.label in skip_labels and other != ref:
                        continue
                    if other not in seen:
                        if len(seen) >= limit:
                            result.truncated = True
                            continue
                        node = self.get(other)
                        if node is None:
                            continue
                        seen[other] = node
                        next_frontier.append(other)
                    edges[edge.key] = edge
            frontier = next_frontier
        result.nodes = list(seen.values())
        result.edges = [e for e in edges.values() if e.start in seen and e.end in seen]
        return result
