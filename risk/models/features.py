"""What an officer saw when deciding on a list candidate, computed from the graph.

The labelled history (``truth/officer_decisions.jsonl``, closed leads) records, per candidate and
review day, the established infringements in the five years up to that day — its own and those
of companies its controllers control — whether one came after an earlier decision against the
same group, the fines and damages they carried, and whether any decision was heavier (从重 or
punitive). ``officer_features`` computes exactly these from a projection of the graph, so a live
entity is scored on the features the model was trained on (ingest/synthetic/officers.py defines
them for the synthetic history).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import networkx as nx

from graph.records import NodeRef
from risk.detectors.repeat_infringement import (
    Established,
    control_groups,
    established_infringements,
    window_start,
)
from risk.policy import Policy

FEATURES = ("infringements", "own", "via_shells", "intentional_repeat", "total_fines",
            "total_damages", "heavier_penalty")
RELATIONS = ("COMMITTED", "FOUND_IN", "PENALIZED_IN", "LEGAL_REP_OF", "SHAREHOLDER_OF")
_HEAVIER_WORDS = ("从重", "惩罚性赔偿")


@dataclass(frozen=True)
class Observed:
    """The features of one entity on one day, with the documents behind them."""

    features: dict[str, float]
    documents: tuple[str, ...]


def _heavier(props: dict) -> bool:
    if props.get("punitive"):
        return True
    return any(word in str(props.get(key) or "") for key in ("basis", "violation")
               for word in _HEAVIER_WORDS)


def _amounts(graph: nx.MultiDiGraph, item: Established) -> tuple[float, float, bool]:
    props = graph.nodes[item.decided_in]["props"]
    fine = float(props.get("fine") or 0) if item.decided_in.label == "Penalty" else 0.0
    damages = float(props.get("damages_awarded") or 0) if item.decided_in.label == "Case" else 0.0
    return fine, damages, _heavier(props)


def officer_features(graph: nx.MultiDiGraph, policy: Policy, on: date,
                     entities: Iterable[NodeRef]) -> dict[NodeRef, Observed]:
    """Per entity, the officers' features as of ``on`` (pure over the projection)."""
    everything = established_infringements(graph, on)
    by_party: dict[NodeRef, list[Established]] = {}
    for item in everything:
        by_party.setdefault(item.party, []).append(item)
    controllers = control_groups(graph, float(policy.value("repeat_infringement.controller_min_stake")))
    controlled_by: dict[NodeRef, set[NodeRef]] = {}
    for company, people in controllers.items():
        for person in people:
            controlled_by.setdefault(person, set()).add(company)
    earliest = window_start(policy, on)
    result = {}
    for entity in entities:
        own = by_party.get(entity, [])
        siblings = {s for p in controllers.get(entity, ()) for s in controlled_by.get(p, ())} - {entity}
        linked = [item for s in sorted(siblings) for item in by_party.get(s, [])]
        group = own + [item for item in linked if item not in own]
        recent = [item for item in group if earliest < item.on]
        recent_own = [item for item in recent if item.party == entity]
        firsts = min((item.on for item in group), default=None)
        fines = damages = 0.0
        heavier = False
        for item in recent:
            fine, award, heavy = _amounts(graph, item)
            fines, damages, heavier = fines + fine, damages + award, heavier or heavy
        intentional = any(item.on > firsts for item in recent) if firsts else False
        intentional = intentional or any(
            graph.nodes[item.infringement]["props"].get("intentional") for item in recent)
        result[entity] = Observed({
            "infringements": float(len(recent)), "own": float(len(recent_own)),
            "via_shells": float(len(recent) - len(recent_own)),
            "intentional_repeat": float(bool(intentional)), "total_fines": fines,
            "total_damages": damages, "heavier_penalty": float(heavier),
        }, tuple(sorted({doc for item in recent for doc in item.documents})))
    return result
