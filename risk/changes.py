"""What a load changed, and what a population-wide detector reads: enough to skip such a
detector when a load cannot move its findings.

Some detectors are fitted or indexed on the whole province (the anomaly forest, the index of
known marks, the near-duplicate groups of patents); their findings cannot be recomputed for a
few entities, only re-run whole. ``Reads`` declares what one of them looks at: the
relationships it follows (each counted only where one end has a given label, e.g. APPLIED_FOR to
a Trademark) and the node properties it uses, which it reads only on nodes those relationships
reach. ``Change`` says what a load wrote — precisely (each node with the properties written,
and the edges) when the caller has the records, or only as node references, in which case any
property and any relationship of those nodes may have changed. ``may_change`` compares the two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from graph.records import Edge, Node, NodeRef


@dataclass(frozen=True)
class Change:
    """Nodes written (with the property keys written; None when unknown) and edges written
    (``(type, start, end)``; None when unknown)."""

    nodes: Mapping[NodeRef, frozenset[str] | None]
    edges: frozenset[tuple[str, NodeRef, NodeRef]] | None = None

    @classmethod
    def written(cls, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> Change:
        """The change a write of these records makes, property by property."""
        keys: dict[NodeRef, frozenset[str]] = {}
        for node in nodes:
            keys[node.ref] = keys.get(node.ref, frozenset()) | frozenset(node.props)
        return cls(keys, frozenset((e.type, e.start, e.end) for e in edges))

    @classmethod
    def of(cls, refs: Iterable[NodeRef]) -> Change:
        """Only the nodes are known: each may have changed anywhere, and so may its edges."""
        return cls({ref: None for ref in refs}, None)

    @property
    def touched(self) -> set[NodeRef]:
        """The written nodes and both ends of every written edge: where local re-scoring starts."""
        return set(self.nodes) | {end for _, start, stop in self.edges or () for end in (start, stop)}

    def without(self, labels: Iterable[str]) -> Change:
        """The same change with nodes of ``labels`` (and edges touching them) left out."""
        drop = set(labels)
        edges = None if self.edges is None else frozenset(
            e for e in self.edges if e[1].label not in drop and e[2].label not in drop)
        return Change({r: k for r, k in self.nodes.items() if r.label not in drop}, edges)


@dataclass(frozen=True)
class Reads:
    """What a population-wide detector reads: relationship type → the labels one of its ends must
    have for the detector to follow it; label → the properties it uses (None: all of them and the
    node's sources) on the nodes those relationships reach."""

    rels: Mapping[str, frozenset[str]]
    props: Mapping[str, frozenset[str] | None]

    def follows(self, kind: str, start: NodeRef, end: NodeRef) -> bool:
        ends = self.rels.get(kind)
        return ends is not None and (start.label in ends or end.label in ends)

    def __or__(self, other: Reads) -> Reads:
        rels = {k: self.rels.get(k, frozenset()) | other.rels.get(k, frozenset())
                for k in {*self.rels, *other.rels}}
        props: dict[str, frozenset[str] | None] = {}
        for label in {*self.props, *other.props}:
            mine, theirs = self.props.get(label, frozenset()), other.props.get(label, frozenset())
            props[label] = None if mine is None or theirs is None else mine | theirs
        return Reads(rels, props)


def reads_of(rels: Mapping[str, Iterable[str]], props: Mapping[str, Iterable[str] | None]) -> Reads:
    """A ``Reads`` from plain collections."""
    return Reads({k: frozenset(v) for k, v in rels.items()},
                 {k: None if v is None else frozenset(v) for k, v in props.items()})


def may_change(what: Reads, change: Change, incident: Callable[[NodeRef], Iterable[Edge]]) -> bool:
    """Whether ``change`` can alter anything a detector reading ``what`` sees. ``incident`` gives a
    node's edges as stored now (after the load); it is asked about the ``examined`` nodes only."""
    if change.edges is not None and any(what.follows(*edge) for edge in change.edges):
        return True
    return any(what.follows(e.type, e.start, e.end) for ref in examined(what, change) for e in incident(ref))


def examined(what: Reads, change: Change) -> list[NodeRef]:
    """The written nodes whose stored edges ``may_change`` looks at: with the edges known, only
    nodes written with a property the detector uses; otherwise every written node."""
    refs = []
    for ref, keys in change.nodes.items():
        if change.edges is not None:  # edges known: only a property the detector uses counts
            if ref.label not in what.props:
                continue
            wanted = what.props[ref.label]
            if keys is not None and wanted is not None and not keys & wanted:
                continue
        refs.append(ref)
    return refs
