"""A finding: what a detector concluded about one entity, with the evidence and rule behind it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from graph.records import Edge, Node, NodeRef


@dataclass(frozen=True)
class Evidence:
    ref: NodeRef
    why: str

    def as_dict(self) -> dict[str, str]:
        return {"label": self.ref.label, "id": self.ref.id, "why": self.why}


@dataclass
class Finding:
    kind: str
    detector: str
    entity: NodeRef
    score: float  # 0–1: how strong the finding is
    summary: str
    basis: str  # the legal basis in words
    policy_entry: str  # "key@version"
    evidence: list[Evidence] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # sha256 of the source documents
    facts: dict[str, object] = field(default_factory=dict)  # numbers a grade factor may use

    @property
    def id(self) -> str:
        return f"{self.detector}|{self.entity.label}|{self.entity.id}"

    def to_graph(self, as_of: str) -> tuple[Node, list[Edge]]:
        node = Node("Finding", self.id, {
            "kind": self.kind, "detector": self.detector, "entity_label": self.entity.label,
            "entity_id": self.entity.id, "score": round(self.score, 4), "summary": self.summary,
            "basis": self.basis, "policy_entry": self.policy_entry,
            "policy_version": self.policy_entry.rsplit("@", 1)[-1],
            "evidence": json.dumps([e.as_dict() for e in self.evidence], ensure_ascii=False),
            "documents": sorted(set(self.documents)), "as_of": as_of,
            "facts": json.dumps(self.facts, ensure_ascii=False, sort_keys=True),
        })
        me = NodeRef("Finding", self.id)
        edges = [Edge("FINDING_ABOUT", me, self.entity)]
        seen = set()
        for item in self.evidence:
            if item.ref not in seen and item.ref != self.entity:
                seen.add(item.ref)
                edges.append(Edge("EVIDENCED_BY", me, item.ref, {}))
        return node, edges


def findings_to_graph(findings: list[Finding], as_of: str) -> tuple[list[Node], list[Edge]]:
    """The Finding nodes and their edges for a batch of findings, ready for one store write."""
    nodes: list[Node] = []
    edges: list[Edge] = []
    for finding in findings:
        node, node_edges = finding.to_graph(as_of)
        nodes.append(node)
        edges += node_edges
    return nodes, edges
