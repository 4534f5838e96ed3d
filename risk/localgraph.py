"""The part of the graph around a few entities, read edge by edge instead of projected whole.

An incremental run re-scores a handful of entities; projecting the whole graph for them would
cost as much as a full run. ``Neighbourhood`` reads each node's incident edges once (cached) and
builds the same kind of networkx graph ``graph.projection.project`` does, holding only the edges
the walk visited — so a detector's pure logic runs unchanged on it. Several detectors and the
re-grade walk around the same entities: reading through one ``LocalReads`` fetches each node
and each node's edges once for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.records import Edge, Node, NodeRef
from graph.snapshot import ReadCache
from graph.store import GraphStore

CONTROL = ("LEGAL_REP_OF", "SHAREHOLDER_OF")


class LocalReads(ReadCache):
    """A ``ReadCache`` that also remembers single nodes and each node's incident edges, the latter
    indexed by direction and type so a walk step looks at the edges it follows only.

    Unlike the plain cache it never reads a whole label because of many single gets: a local
    walk visits a few thousand nodes of labels with hundreds of thousands, where one query per
    node is cheaper than decoding the label. Keys are ``(label, id)`` tuples, which hash and
    compare in C, since a walk looks nodes up hundreds of thousands of times.
    """

    def __init__(self, store: GraphStore):
        super().__init__(store)
        self._single: dict[tuple[str, str], Node | None] = {}
        self._around: dict[tuple[str, str], tuple[list[Edge], dict[str, list[Edge]],
                                                  dict[str, list[Edge]]]] = {}

    def clear(self) -> None:
        super().clear()
        self._single.clear()
        self._around.clear()

    def get(self, ref: NodeRef) -> Node | None:
        if ref.label in self._labels:
            return self._labels[ref.label].get(ref)
        key = (ref.label, ref.id)
        if key not in self._single:
            self._single[key] = self.store.get(ref)
        return self._single[key]

    def _read(self, ref: NodeRef) -> tuple[list[Edge], dict[str, list[Edge]], dict[str, list[Edge]]]:
        key = (ref.label, ref.id)
        if key not in self._around:
            edges = list(self.store.incident(ref))
            outgoing: dict[str, list[Edge]] = {}
            incoming: dict[str, list[Edge]] = {}
            for edge in edges:  # a self-loop is both
                if edge.start.id == ref.id and edge.start.label == ref.label:
                    outgoing.setdefault(edge.type, []).append(edge)
                if edge.end.id == ref.id and edge.end.label == ref.label:
                    incoming.setdefault(edge.type, []).append(edge)
            self._around[key] = (edges, outgoing, incoming)
        return self._around[key]

    def incident(self, ref: NodeRef) -> list[Edge]:
        return self._read(ref)[0]

    def outgoing(self, ref: NodeRef, kind: str) -> list[Edge]:
        """``ref``'s edges of type ``kind`` that start at it."""
        return self._read(ref)[1].get(kind, [])

    def incoming(self, ref: NodeRef, kind: str) -> list[Edge]:
        """``ref``'s edges of type ``kind`` that end at it."""
        return self._read(ref)[2].get(kind, [])


class Neighbourhood:
    """One walk's visited edges, collected into a projection; reads go through ``LocalReads``
    (the one given, so walks share them, or a fresh one)."""

    def __init__(self, store: GraphStore):
        self.reads = store if isinstance(store, LocalReads) else LocalReads(store)
        self.kept: dict[tuple[str, str, str, str, str], Edge] = {}
        self.anchors: set[NodeRef] = set()

    def node(self, ref: NodeRef) -> Node | None:
        return self.reads.get(ref)

    def incident(self, ref: NodeRef) -> list[Edge]:
        return self.reads.incident(ref)

    def _keep(self, edge: Edge) -> None:
        self.kept[(edge.type, edge.start.label, edge.start.id, edge.end.label, edge.end.id)] = edge

    def out(self, ref: NodeRef, types: Iterable[str], keep: bool = True) -> list[NodeRef]:
        """Ends of ``ref``'s outgoing edges of ``types`` (kept in the projection when ``keep``)."""
        found = []
        for kind in types:
            for edge in self.reads.outgoing(ref, kind):
                found.append(edge.end)
                if keep:
                    self._keep(edge)
        return found

    def into(self, ref: NodeRef, types: Iterable[str], keep: bool = True) -> list[NodeRef]:
        """Starts of the edges of ``types`` that end at ``ref``."""
        found = []
        for kind in types:
            for edge in self.reads.incoming(ref, kind):
                found.append(edge.start)
                if keep:
                    self._keep(edge)
        return found

    def graph(self, bare: Iterable[str] = ()) -> nx.MultiDiGraph:
        """The kept edges (and anchors) as a projection like ``graph.projection.project``, in the
        order of the edges' keys (type, start, end), whatever order the walk found them in.
        Nodes of ``bare`` labels join without properties or sources — for a caller that reads only
        the edges at them — which spares reading them."""
        skip = set(bare)
        edges = [self.kept[key] for key in sorted(self.kept)]
        order = dict.fromkeys(sorted(self.anchors, key=lambda r: (r.label, r.id)))
        for edge in edges:  # nodes in the order project() meets them: anchors, then edge ends
            order.setdefault(edge.start)
            order.setdefault(edge.end)
        graph = nx.MultiDiGraph()
        graph.add_nodes_from((ref, self._attributes(ref, skip)) for ref in order)
        graph.add_edges_from((e.start, e.end, e.type,
                              {"type": e.type, "props": e.props, "sources": e.sources}) for e in edges)
        return graph

    def _attributes(self, ref: NodeRef, bare: set[str]) -> dict:
        node = None if ref.label in bare else self.node(ref)
        return {"props": node.props if node else {}, "sources": node.sources if node else []}


def qualifies(edge: Edge, min_stake: float) -> bool:
    """A control edge as ``control_groups`` counts it: legal rep, or a stake at the threshold."""
    if edge.start.label != "Person" or edge.end.label != "Company":
        return False
    stake = edge.props.get("stake")
    return edge.type == "LEGAL_REP_OF" or (edge.type == "SHAREHOLDER_OF" and stake is not None
                                           and float(stake) >= min_stake)  # type: ignore[arg-type]


def siblings(hood: Neighbourhood, company: NodeRef, keep: bool = True) -> set[NodeRef]:
    """Companies sharing any person with a control edge (legal rep or any stake) with ``company``."""
    found: set[NodeRef] = set()
    for person in hood.into(company, CONTROL, keep):
        if person.label == "Person":
            found.update(ref for ref in hood.out(person, CONTROL, keep) if ref.label == "Company")
    return found - {company}


def parties_of(hood: Neighbourhood, ref: NodeRef) -> set[NodeRef]:
    """The parties of an infringement, or of every infringement a case or penalty established."""
    if ref.label == "Infringement":
        return set(hood.into(ref, ("COMMITTED",), keep=False))
    if ref.label in ("Case", "Penalty"):
        found: set[NodeRef] = set()
        for inf in hood.into(ref, ("FOUND_IN", "PENALIZED_IN"), keep=False):
            found |= set(hood.into(inf, ("COMMITTED",), keep=False))
        return found
    return set()


def infringement_context(hood: Neighbourhood, entities: set[NodeRef]) -> nx.MultiDiGraph:
    """The entities with their own infringements and the decisions that established them."""
    hood.anchors |= entities
    for party in sorted(entities):
        for inf in hood.out(party, ("COMMITTED",)):
            hood.out(inf, ("FOUND_IN", "PENALIZED_IN"))
    return hood.graph()
