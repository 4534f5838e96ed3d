"""The part of the graph around a few entities, read edge by edge instead of projected whole.

An incremental run re-scores a handful of entities; projecting the whole graph for them would
cost as much as a full run. ``Neighbourhood`` reads each node's incident edges once (cached) and
builds the same kind of networkx graph ``graph.projection.project`` does, holding only the edges
the walk visited — so a detector's pure logic runs unchanged on it. Several detectors and the
re-grade walk around the same entities: reading through one ``LocalReads`` fetches each node
and each node's edges once for all of them.

Walks go level by level: before following the edges of a frontier they ``prefetch`` it, which
reads the edges of all its nodes — of the relationship types walks follow (``WALKED``) — in a few
batched queries (``GraphStore.incident_many``), so a walk costs a query per level and chunk of
ids rather than one per node.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.records import Edge, Node, NodeRef
from graph.snapshot import ReadCache
from graph.store import GraphStore

CONTROL = ("LEGAL_REP_OF", "SHAREHOLDER_OF")
# What the local walks of the detectors and the re-grade follow: control, infringements and the
# decisions that established them, suppliers, addresses and phones. A walk along another type
# still reads it (every edge of that node), only not in a batch.
WALKED = (*CONTROL, "COMMITTED", "FOUND_IN", "PENALIZED_IN", "INFRINGES", "SUPPLIED_BY", "LOCATED_AT",
          "HAS_PHONE")


class LocalReads(ReadCache):
    """A ``ReadCache`` that also remembers single nodes and each node's incident edges, the latter
    indexed by direction and type so a walk step looks at the edges it follows only.

    Unlike the plain cache it never reads a whole label because of many gets: a local walk visits
    a few thousand nodes of labels with hundreds of thousands, where reading just those (a batch
    per frontier, ``get_many`` / ``prefetch``) is cheaper than decoding the label. Given the
    relationship types the walks follow (``walked``), a walk step reads only edges of those types
    (a company's filings, e-mails and grades are never read for a walk through its controllers);
    ``incident`` still gives every edge. Keys are ``(label, id)`` tuples, which hash and compare
    in C, since a walk looks nodes up hundreds of thousands of times.
    """

    def __init__(self, store: GraphStore, walked: Iterable[str] | None = None):
        super().__init__(store)
        self.walked = None if walked is None else frozenset(walked)
        self._single: dict[tuple[str, str], Node | None] = {}
        self._around: dict[tuple[str, str], list[Edge]] = {}  # every edge of a node
        # a node's outgoing and incoming edges by type, and whether of every type (else: walked)
        self._steps: dict[tuple[str, str], tuple[dict[str, list[Edge]], dict[str, list[Edge]], bool]] = {}

    def clear(self) -> None:
        super().clear()
        self._single.clear()
        self._around.clear()
        self._steps.clear()

    def get(self, ref: NodeRef) -> Node | None:
        if ref.label in self._labels:
            return self._labels[ref.label].get(ref)
        key = (ref.label, ref.id)
        if key not in self._single:
            self._single[key] = self.store.get(ref)
        return self._single[key]

    def get_many(self, refs: Iterable[NodeRef]) -> dict[NodeRef, Node]:
        """The nodes of ``refs`` that exist; those not read before in one batch, then remembered."""
        refs = list(dict.fromkeys(refs))
        missing = [ref for ref in refs
                   if ref.label not in self._labels and (ref.label, ref.id) not in self._single]
        if missing:
            found = self.store.get_many(missing)
            for ref in missing:
                self._single[(ref.label, ref.id)] = found.get(ref)
        result = {}
        for ref in refs:
            node = self.get(ref)
            if node is not None:
                result[ref] = node
        return result

    def prefetch(self, refs: Iterable[NodeRef], whole: bool = False) -> None:
        """Read, in one batch, the edges of those of ``refs`` not read yet (a walk's frontier): of
        the walked types, or of every type when ``whole`` or when no types were given."""
        if whole or self.walked is None:
            missing = [ref for ref in dict.fromkeys(refs) if (ref.label, ref.id) not in self._around]
            if missing:
                for ref, edges in self.store.incident_many(missing).items():
                    self._keep_all(ref, edges)
            return
        missing = [ref for ref in dict.fromkeys(refs) if (ref.label, ref.id) not in self._steps]
        if missing:
            for ref, edges in self.store.incident_many(missing, sorted(self.walked)).items():
                self._steps[(ref.label, ref.id)] = (*_sides(ref, edges), False)

    def incident_many(self, refs: Iterable[NodeRef],
                      types: Iterable[str] | None = None) -> dict[NodeRef, list[Edge]]:
        refs = list(dict.fromkeys(refs))
        self.prefetch(refs, whole=True)
        wanted = None if types is None else set(types)
        return {ref: [e for e in self.incident(ref) if wanted is None or e.type in wanted] for ref in refs}

    def _keep_all(self, ref: NodeRef, edges: list[Edge]) -> None:
        self._around[(ref.label, ref.id)] = edges
        self._steps[(ref.label, ref.id)] = (*_sides(ref, edges), True)

    def _fill(self, ref: NodeRef, kind: str) -> tuple[dict[str, list[Edge]], dict[str, list[Edge]], bool]:
        """Read ``ref``'s edges: of the walked types when ``kind`` is one of them, else of every type."""
        if self.walked is not None and kind in self.walked:
            self.prefetch((ref,))
        else:
            self.incident(ref)
        return self._steps[(ref.label, ref.id)]

    def incident(self, ref: NodeRef) -> list[Edge]:
        key = (ref.label, ref.id)
        if key not in self._around:
            self._keep_all(ref, list(self.store.incident(ref)))
        return self._around[key]

    def outgoing(self, ref: NodeRef, kind: str) -> list[Edge]:
        """``ref``'s edges of type ``kind`` that start at it."""
        steps = self._steps.get((ref.label, ref.id))
        if steps is None or not (steps[2] or kind in self.walked):  # type: ignore[operator]
            steps = self._fill(ref, kind)
        return steps[0].get(kind, [])

    def incoming(self, ref: NodeRef, kind: str) -> list[Edge]:
        """``ref``'s edges of type ``kind`` that end at it."""
        steps = self._steps.get((ref.label, ref.id))
        if steps is None or not (steps[2] or kind in self.walked):  # type: ignore[operator]
            steps = self._fill(ref, kind)
        return steps[1].get(kind, [])


def _sides(ref: NodeRef, edges: list[Edge]) -> tuple[dict[str, list[Edge]], dict[str, list[Edge]]]:
    """``ref``'s edges that start at it and that end at it, by type (a self-loop is both)."""
    outgoing: dict[str, list[Edge]] = {}
    incoming: dict[str, list[Edge]] = {}
    for edge in edges:
        if edge.start.id == ref.id and edge.start.label == ref.label:
            outgoing.setdefault(edge.type, []).append(edge)
        if edge.end.id == ref.id and edge.end.label == ref.label:
            incoming.setdefault(edge.type, []).append(edge)
    return outgoing, incoming


class Neighbourhood:
    """One walk's visited edges, collected into a projection; reads go through ``LocalReads``
    (the one given, so walks share them, or a fresh one)."""

    def __init__(self, store: GraphStore):
        self.reads = store if isinstance(store, LocalReads) else LocalReads(store, WALKED)
        self.kept: dict[tuple[str, str, str, str, str], Edge] = {}
        self.anchors: set[NodeRef] = set()

    def node(self, ref: NodeRef) -> Node | None:
        return self.reads.get(ref)

    def incident(self, ref: NodeRef) -> list[Edge]:
        return self.reads.incident(ref)

    def prefetch(self, refs: Iterable[NodeRef]) -> None:
        """Read the edges of a whole frontier at once (see ``LocalReads.prefetch``)."""
        self.reads.prefetch(refs)

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
        self.reads.get_many(ref for ref in order if ref.label not in skip)  # one batch, then cached
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


def siblings_of_all(hood: Neighbourhood, companies: Iterable[NodeRef], keep: bool = True) -> set[NodeRef]:
    """``siblings`` of each of ``companies``, together; the companies' edges, then their
    controllers' edges, each read in one batch."""
    companies = list(companies)
    hood.prefetch(companies)
    hood.prefetch(person for company in companies for person in hood.into(company, CONTROL, keep=False)
                  if person.label == "Person")
    found: set[NodeRef] = set()
    for company in companies:
        found |= siblings(hood, company, keep)
    return found


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


def parties_of_all(hood: Neighbourhood, refs: Iterable[NodeRef]) -> set[NodeRef]:
    """``parties_of`` each of ``refs``, together; each level of the walk read in one batch."""
    refs = list(refs)
    hood.prefetch(refs)
    hood.prefetch(inf for ref in refs if ref.label in ("Case", "Penalty")
                  for inf in hood.into(ref, ("FOUND_IN", "PENALIZED_IN"), keep=False))
    found: set[NodeRef] = set()
    for ref in refs:
        found |= parties_of(hood, ref)
    return found


def own_infringements(hood: Neighbourhood, parties: Iterable[NodeRef],
                      decided: tuple[str, ...] = ("FOUND_IN", "PENALIZED_IN")) -> None:
    """Keep the parties' COMMITTED edges and their infringements' ``decided`` edges; each level
    read in one batch."""
    parties = sorted(parties)
    hood.prefetch(parties)
    infringements = [inf for party in parties for inf in hood.out(party, ("COMMITTED",))]
    hood.prefetch(infringements)
    for inf in infringements:
        hood.out(inf, decided)


def infringement_context(hood: Neighbourhood, entities: set[NodeRef]) -> nx.MultiDiGraph:
    """The entities with their own infringements and the decisions that established them."""
    hood.anchors |= entities
    own_infringements(hood, entities)
    return hood.graph()
