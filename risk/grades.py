"""Credit grades: a 0–1000 score built from named factors, each citing its policy entry.

Pure: ``grade_entity`` takes the facts about one entity and returns its grade with every factor
that moved the score, so "why is this company C?" is answered by the factor list itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import orjson

from graph.records import Edge, Node, NodeRef
from risk.policy import Policy


@dataclass(frozen=True)
class Factor:
    name: str
    points: int
    detail: str
    policy_entry: str
    basis: str
    documents: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"name": self.name, "points": self.points, "detail": self.detail,
                "policy_entry": self.policy_entry, "basis": self.basis,
                "documents": list(self.documents)}


def grade_ref(entity: NodeRef) -> NodeRef:
    """The one Grade node of an entity (the label is part of it: ids are unique per label only)."""
    return NodeRef("Grade", f"grade:{entity.label}:{entity.id}")


@dataclass
class Grade:
    entity: NodeRef
    score: int
    grade: str
    candidate: bool
    factors: list[Factor] = field(default_factory=list)
    policy_version: str = ""
    model: str = "none"  # the version of the learned model behind a factor, "none" without one

    def to_graph(self, as_of: str) -> tuple[Node, Edge]:
        node_id = grade_ref(self.entity).id
        node = Node("Grade", node_id, {
            "entity_label": self.entity.label, "entity_id": self.entity.id, "score": self.score,
            "grade": self.grade, "candidate": self.candidate,
            "factors": orjson.dumps([f.as_dict() for f in self.factors],
                                  option=orjson.OPT_SERIALIZE_NUMPY).decode(),
            "policy_version": self.policy_version, "as_of": as_of, "model": self.model,
        })
        return node, Edge("GRADE_OF", NodeRef("Grade", node_id), self.entity)


@dataclass(frozen=True)
class InfringementFact:
    """An established infringement of the entity, as the grade needs it."""

    decided_in: str
    on: str
    by_penalty: bool
    documents: tuple[str, ...]


@dataclass(frozen=True)
class FindingFact:
    kind: str
    summary: str
    policy_entry: str
    intentional: bool
    documents: tuple[str, ...]


@dataclass(frozen=True)
class ModelFact:
    """A learned signal about the entity: the probability and the words that explain it."""

    probability: float
    detail: str
    documents: tuple[str, ...] = ()


def letter(score: int, policy: Policy) -> str:
    cuts = policy.value("grade.cuts")
    for grade in ("A", "B", "C"):
        if score >= int(cuts[grade]):
            return grade
    return "D"


def grade_entity(entity: NodeRef, infringements: list[InfringementFact],
                 findings: list[FindingFact], policy: Policy, model: ModelFact | None = None) -> Grade:
    """The grade from its factors. ``model`` (the officers' decision model) adds a factor weighted
    by the policy; list candidacy comes from statutory triggers only, whatever the model says."""
    factors: list[Factor] = []
    v = policy.version
    findings = sorted(findings, key=lambda f: (f.kind, f.policy_entry, f.summary))
    for inf in sorted(infringements, key=lambda i: (i.on, i.decided_in)):
        key = "factor.ip_penalty" if inf.by_penalty else "factor.established_infringement"
        what = "行政处罚认定侵权" if inf.by_penalty else "生效判决认定侵权"
        factors.append(Factor(what, int(policy.value(key)), f"{inf.on} {inf.decided_in}",
                              policy.cite(key), policy.entry(key).basis, inf.documents))
    for finding in findings:
        key = f"factor.{finding.kind}"
        if key in policy.entries:
            factors.append(Factor(finding.kind, int(policy.value(key)), finding.summary,
                                  policy.cite(key), policy.entry(key).basis, finding.documents))
        if finding.kind == "repeat_infringement" and finding.intentional:
            key = "factor.intentional_repeat"
            factors.append(Factor("intentional_repeat", int(policy.value(key)),
                                  "在先前判决或处罚后再次侵权", policy.cite(key),
                                  policy.entry(key).basis, finding.documents))
    if model is not None:
        key = "model.officer.weight"
        factors.append(Factor("officer_model", round(float(policy.value(key)) * model.probability),
                              model.detail, policy.cite(key), policy.entry(key).basis,
                              model.documents))
    raw = int(policy.value("grade.base_score")) + sum(f.points for f in factors)
    score = max(0, min(1000, raw))
    triggers = set(policy.value("candidate.triggers"))
    candidate = any(f.kind in triggers for f in findings)
    return Grade(entity, score, letter(score, policy), candidate, factors, v)
