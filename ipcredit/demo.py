"""The main job: build the sample province, run every stage on an embedded store, summarise."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from rich.console import Console

from graph.embedded import EmbeddedStore
from graph.store import GraphStore
from ingest.run import run_ingest
from risk.engine import detect, grade
from risk.policy import load_policy

SAMPLE_PROVINCE = Path(__file__).resolve().parent.parent / "samples" / "province"
ENTITY_LABELS = ("Company", "Person", "Agency", "Trademark", "Patent", "Case", "Penalty")


def build_province(inbox: Path) -> int:
    """Copy the shipped sample province into ``inbox``; returns the number of files."""
    if inbox.exists():
        shutil.rmtree(inbox)
    shutil.copytree(SAMPLE_PROVINCE, inbox)
    return sum(1 for p in inbox.rglob("*") if p.is_file())


def run_demo(out: Path, as_of: date, console: Console) -> tuple[dict, GraphStore]:
    out.mkdir(parents=True, exist_ok=True)
    inbox = out / "inbox"
    files = build_province(inbox)
    console.print(f"sample province: {files} files in {inbox}")
    store = EmbeddedStore(out / "store")
    store.ensure_schema()
    report = run_ingest(inbox, store)
    console.print(f"ingest: {report.records_in} records, {report.loaded} loaded, "
                  f"{report.unchanged} unchanged, {report.quarantined} quarantined")
    policy = load_policy()
    findings = detect(store, policy, as_of)
    console.print(f"detect: {len(findings)} findings")
    grades = grade(store, policy, as_of)
    console.print(f"grade: {grades.distribution()}")
    counts = store.counts()
    summary = {
        "store": store.location,
        "as_of": as_of.isoformat(),
        "ingest": {k: v for k, v in report.as_dict().items() if k != "quarantine"},
        "quarantine": [q.as_dict() for q in report.quarantine],
        "entities": {label: counts.get(label, 0) for label in ENTITY_LABELS},
        "findings": [{"entity": str(f.entity), "kind": f.kind, "score": round(f.score, 3),
                      "summary": f.summary} for f in findings],
        "grades": grades.distribution(),
        "candidates": [str(g.entity) for g in grades.candidates],
        "policy_version": policy.version,
    }
    return summary, store
