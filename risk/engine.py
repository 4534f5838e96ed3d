"""The detect and grade stages: read the graph, run the pure rules, write results back.

Each stage replaces its own previous output (findings, grades) so a re-run leaves exactly what
the current graph and policy imply, and running it twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from graph.projection import project
from graph.records import Edge, Node, NodeRef
from graph.store import GraphStore
from risk.detectors import DETECTORS
from risk.detectors.repeat_infringement import established_infringements, window_start
from risk.finding import Finding
from risk.grades import FindingFact, Grade, InfringementFact, grade_entity
from risk.policy import Policy


def detect(store: GraphStore, policy: Policy, as_of: date,
           detectors: list[str] | None = None) -> list[Finding]:
    """Run the detectors and replace the stored findings with theirs."""
    chosen = [DETECTORS[name] for name in (detectors or sorted(DETECTORS))]
    findings = [finding for detector in chosen for finding in detector.run(store, policy, as_of)]
    nodes: list[Node] = []
    edges: list[Edge] = []
    for finding in findings:
        node, node_edges = finding.to_graph(as_of.isoformat())
        nodes.append(node)
        edges += node_edges
    store.delete_nodes("Finding", keep={f.id for f in findings})
    store.write(nodes, edges)
    return findings


@dataclass
class GradeRun:
    grades: list[Grade]

    def distribution(self) -> dict[str, int]:
        counts = {letter: 0 for letter in "ABCD"}
        for grade in self.grades:
            counts[grade.grade] += 1
        return counts

    @property
    def candidates(self) -> list[Grade]:
        return [g for g in self.grades if g.candidate]


def _stored_findings(store: GraphStore) -> dict[NodeRef, list[FindingFact]]:
    by_entity: dict[NodeRef, list[FindingFact]] = {}
    for node in store.nodes("Finding"):
        facts = json.loads(str(node.props.get("facts") or "{}"))
        ref = NodeRef(str(node.props["entity_label"]), str(node.props["entity_id"]))
        by_entity.setdefault(ref, []).append(FindingFact(
            str(node.props["kind"]), str(node.props.get("summary", "")),
            str(node.props.get("policy_entry", "")), bool(facts.get("intentional")),
            tuple(node.props.get("documents") or ())))
    return by_entity


def _infringements(store: GraphStore, policy: Policy,
                   as_of: date) -> dict[NodeRef, list[InfringementFact]]:
    """Established infringements inside the policy window before ``as_of`` (older ones lapse)."""
    graph = project(store, ("COMMITTED", "FOUND_IN", "PENALIZED_IN"))
    earliest = window_start(policy, as_of)
    by_entity: dict[NodeRef, list[InfringementFact]] = {}
    for item in established_infringements(graph, as_of):
        if item.on > earliest:
            by_entity.setdefault(item.party, []).append(InfringementFact(
                item.decided_in.id, item.on.isoformat(), item.decided_in.label == "Penalty",
                item.documents))
    return by_entity


def grade(store: GraphStore, policy: Policy, as_of: date) -> GradeRun:
    """Grade every company, and every person with infringements or findings; store the grades."""
    findings = _stored_findings(store)
    infringements = _infringements(store, policy, as_of)
    entities = {node.ref for node in store.nodes("Company")} | set(findings) | set(infringements)
    grades = [grade_entity(ref, infringements.get(ref, []), findings.get(ref, []), policy)
              for ref in sorted(entities)]
    nodes, edges = [], []
    for item in grades:
        node, edge = item.to_graph(as_of.isoformat())
        nodes.append(node)
        edges.append(edge)
    store.delete_nodes("Grade", keep={n.id for n in nodes})
    store.write(nodes, edges)
    return GradeRun(grades)
