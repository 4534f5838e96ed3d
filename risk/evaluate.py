"""Detector precision and recall against a synthetic province's ground truth.

Each detector with planted truth is scored on the set of entities it flags:
repeat infringement against ``repeat_infringers.jsonl``, shell networks against the members of
``shell_networks.jsonl`` (those founded by the as-of date), source tracing against the suppliers
of ``supply_chains.jsonl``. Innocent look-alikes are in the data, so precision means something.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from graph.store import GraphStore
from graph.text import fold
from risk.engine import detect
from risk.policy import load_policy


def _lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def truth_sets(truth: Path, as_of: date) -> dict[str, set[str]]:
    networks = set()
    for network in _lines(truth / "shell_networks.jsonl"):
        members = [c["uscc"] for c in network["companies"]
                   if str(c.get("founded") or "") <= as_of.isoformat()]
        if len(members) >= 2:
            networks |= set(members)
    return {
        "repeat_infringement": {r["uscc"] for r in _lines(truth / "repeat_infringers.jsonl")},
        "shell_network": networks,
        "source_tracing": {r["supplier_uscc"] for r in _lines(truth / "supply_chains.jsonl")
                           if str(r.get("date") or "") <= as_of.isoformat()},
        # the trademark side: agencies are keyed by their folded name, as ingest keys them
        "bad_faith_trademark": {r["uscc"] for r in _lines(truth / "bad_faith_filers.jsonl")},
        "agency_risk": {"agency:" + fold(r["name"]) for r in _lines(truth / "risky_agencies.jsonl")},
        "malicious_litigation": {r["uscc"] for r in _lines(truth / "malicious_litigants.jsonl")},
        "abnormal_patent": {r["uscc"] for r in _lines(truth / "patent_mills.jsonl")},
        "intentional_infringement": {r["uscc"] for r in
                                     _lines(truth / "intentional_infringers.jsonl")},
    }


def evaluate_detectors(province: Path, store: GraphStore) -> dict:
    """Run detection as of the province's date on a store holding it; score every detector."""
    meta = json.loads((province / "truth" / "meta.json").read_text(encoding="utf-8"))
    as_of = date.fromisoformat(meta["as_of"])
    findings = detect(store, load_policy(), as_of)
    truth = truth_sets(province / "truth", as_of)
    report: dict = {"as_of": as_of.isoformat(), "detectors": {}}
    for kind, expected in truth.items():
        found = {f.entity.id for f in findings if f.kind == kind}
        right = found & expected
        report["detectors"][kind] = {
            "flagged": len(found), "truth": len(expected), "true_positives": len(right),
            "precision": round(len(right) / len(found), 4) if found else 1.0,
            "recall": round(len(right) / len(expected), 4) if expected else 1.0,
            "false_positives": sorted(found - expected)[:20],
            "false_negatives": sorted(expected - found)[:20],
        }
    return report
