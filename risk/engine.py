"""The detect and grade stages: read the graph, run the pure rules, write results back.

Each stage replaces its own previous output (findings, grades) so a re-run leaves exactly what
the current graph and policy imply, and running it twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from graph.projection import project
from graph.records import Node, NodeRef
from graph.snapshot import ReadCache, collector_paused, read_plan
from graph.store import GraphStore
from risk.detectors import DETECTORS
from risk.detectors.repeat_infringement import established_infringements, window_start
from risk.finding import Finding, findings_to_graph
from risk.grades import FindingFact, Grade, InfringementFact, grade_entity
from risk.models.features import RELATIONS as MODEL_RELATIONS
from risk.models.officer import OfficerModel
from risk.parallel import run_detectors
from risk.policy import Policy

_INFRINGEMENT_RELS = ("COMMITTED", "FOUND_IN", "PENALIZED_IN")
# What grading reads: of a million companies only their identity, of decisions what dates,
# weighs and explains an infringement (the officers' model reads amounts and stakes too).
GRADE_PLAN = read_plan(
    {"Finding": None, "Company": (), "Person": (), "Trademark": (), "Patent": (),
     "Infringement": ("reversed", "effective_date", "date", "intentional"),
     "Case": ("damages_awarded", "punitive", "basis", "violation"),
     "Penalty": ("fine", "punitive", "basis", "violation")},
    {rel: ("stake",) if rel in ("LEGAL_REP_OF", "SHAREHOLDER_OF") else ()
     for rel in (*_INFRINGEMENT_RELS, *MODEL_RELATIONS)},
    sources=("Infringement", "Case", "Penalty"))


@collector_paused()
def detect(store: GraphStore, policy: Policy, as_of: date,
           detectors: list[str] | None = None, workers: int | None = None,
           stats: dict[str, dict] | None = None) -> list[Finding]:
    """Run the detectors and replace the stored findings with theirs.

    The detectors run in groups, in ``workers`` processes at once for a large graph
    (``risk.parallel``, which also fills ``stats``); the findings are the same either way.
    """
    findings = run_detectors(store, list(detectors or sorted(DETECTORS)), policy, as_of, workers,
                             stats)
    nodes, edges = findings_to_graph(findings, as_of.isoformat())
    store.delete_nodes("Finding", keep={f.id for f in findings})
    store.write_bulk(nodes, edges)  # a run's results as merges: nobody reads the counts
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


def finding_fact(node: Node) -> tuple[NodeRef, FindingFact]:
    """A stored Finding node as the grade reads it, with the entity it is about."""
    facts = json.loads(str(node.props.get("facts") or "{}"))
    ref = NodeRef(str(node.props["entity_label"]), str(node.props["entity_id"]))
    return ref, FindingFact(str(node.props["kind"]), str(node.props.get("summary", "")),
                            str(node.props.get("policy_entry", "")), bool(facts.get("intentional")),
                            tuple(node.props.get("documents") or ()))


def _stored_findings(store: GraphStore) -> dict[NodeRef, list[FindingFact]]:
    by_entity: dict[NodeRef, list[FindingFact]] = {}
    for node in store.nodes("Finding"):
        ref, fact = finding_fact(node)
        by_entity.setdefault(ref, []).append(fact)
    return by_entity


def infringement_facts(graph: nx.MultiDiGraph, policy: Policy,
                       as_of: date) -> dict[NodeRef, list[InfringementFact]]:
    """Established infringements inside the policy window before ``as_of`` (older ones lapse)."""
    earliest = window_start(policy, as_of)
    by_entity: dict[NodeRef, list[InfringementFact]] = {}
    for item in established_infringements(graph, as_of):
        if item.on > earliest:
            by_entity.setdefault(item.party, []).append(InfringementFact(
                item.decided_in.id, item.on.isoformat(), item.decided_in.label == "Penalty",
                item.documents))
    return by_entity


def grade_all(graph: nx.MultiDiGraph, policy: Policy, as_of: date, entities: Iterable[NodeRef],
              findings: dict[NodeRef, list[FindingFact]], model: OfficerModel | None = None,
              infringements: dict[NodeRef, list[InfringementFact]] | None = None) -> list[Grade]:
    """The grades of ``entities`` from a projection holding their infringements (and, with a
    model, their controllers' other companies) and their findings."""
    if infringements is None:
        infringements = infringement_facts(graph, policy, as_of)
    refs = sorted(entities)
    learned = {}
    if model is not None:
        from risk.models.factor import model_facts

        learned = model_facts(graph, policy, as_of, refs, model)
    grades = [grade_entity(ref, infringements.get(ref, []), findings.get(ref, []), policy,
                           learned.get(ref)) for ref in refs]
    for item in grades:
        item.model = model.version if model is not None else "none"
    return grades


def grade_inputs(reader: GraphStore, policy: Policy, as_of: date, model: OfficerModel | None
                 ) -> tuple[nx.MultiDiGraph, set[NodeRef], dict[NodeRef, list[FindingFact]],
                            dict[NodeRef, list[InfringementFact]]]:
    """What grading reads: the projection, the entities to grade, their findings and
    infringements (``GRADE_PLAN`` covers it; ``tests/risk/test_read_plans.py`` holds it to that)."""
    findings = _stored_findings(reader)
    graph = project(reader, MODEL_RELATIONS if model is not None else _INFRINGEMENT_RELS)
    infringements = infringement_facts(graph, policy, as_of)
    entities = {node.ref for node in reader.nodes("Company")} | set(findings) | set(infringements)
    return graph, entities, findings, infringements


@collector_paused()
def grade(store: GraphStore, policy: Policy, as_of: date,
          model: OfficerModel | None = None) -> GradeRun:
    """Grade every company, and every person with infringements or findings; store the grades.

    With ``model`` (the officers' decision model) each entity with an infringement in the window
    also gets the model's factor; list candidacy stays with the statutory triggers.
    """
    reader = ReadCache(store, GRADE_PLAN)
    graph, entities, findings, infringements = grade_inputs(reader, policy, as_of, model)
    reader.clear()
    grades = grade_all(graph, policy, as_of, entities, findings, model, infringements)
    nodes, edges = [], []
    for item in grades:
        node, edge = item.to_graph(as_of.isoformat())
        nodes.append(node)
        edges.append(edge)
    store.delete_nodes("Grade", keep={n.id for n in nodes})
    store.write_bulk(nodes, edges)
    return GradeRun(grades)
