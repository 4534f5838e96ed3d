"""Labelled history from the graph: closed leads as training examples, and a feature check.

A closed lead is an officer's judgement on an entity on the day it was closed; its features are
computed from the graph as of that day, the same way a live entity's are at grading time.
``feature_agreement`` measures that sameness on a history that recorded its own features.
"""

from __future__ import annotations

from datetime import date

from graph.projection import project
from graph.records import NodeRef
from graph.store import GraphStore
from risk.leads import labelled_history
from risk.models.features import FEATURES, RELATIONS, officer_features
from risk.models.officer import Example
from risk.policy import Policy


def _ref(entity: str) -> NodeRef:
    label, _, node_id = entity.partition(":")
    return NodeRef(label, node_id)


def lead_examples(store: GraphStore, policy: Policy) -> list[Example]:
    """Closed leads with a label, each with the officers' features as of its closing day."""
    rows = [r for r in labelled_history(store) if r["closed_on"]]
    if not rows:
        return []
    graph = project(store, RELATIONS)
    examples = []
    for row in rows:
        ref, on = _ref(row["entity"]), date.fromisoformat(row["closed_on"][:10])
        observed = officer_features(graph, policy, on, [ref])[ref]
        examples.append(Example(row["entity"], on.isoformat(), observed.features, int(row["label"]),
                                "lead"))
    return examples


def feature_agreement(store: GraphStore, policy: Policy, examples: list[Example]) -> dict:
    """Share of examples whose graph-computed feature equals the recorded one, per feature."""
    graph = project(store, RELATIONS)
    same = dict.fromkeys(FEATURES, 0)
    found = 0
    for example in examples:
        ref = _ref(example.entity)
        if ref not in graph:
            continue
        found += 1
        observed = officer_features(graph, policy, date.fromisoformat(example.on), [ref])[ref]
        for name in FEATURES:
            same[name] += float(example.features.get(name) or 0) == observed.features[name]
    return {"examples": len(examples), "in_graph": found,
            "agreement": {name: round(n / found, 4) if found else None for name, n in same.items()}}
