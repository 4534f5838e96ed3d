"""The pipeline on a schedule: ingest, detect, grade, expire listings — one cycle at a time.

apscheduler runs the cycle at a fixed interval; a cycle never overlaps the previous one
(max_instances=1, coalesced), and each stage is idempotent, so a failed cycle is simply run
again by the next tick.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from apscheduler.schedulers.blocking import BlockingScheduler

from graph.store import GraphStore
from ingest.run import run_ingest
from risk.engine import detect, grade
from risk.list_expiry import expire_due
from risk.policy import load_policy

log = logging.getLogger("ipcredit.schedule")


def run_cycle(store: GraphStore, inbox: Path) -> dict:
    """One pass of every stage; returns what each did."""
    report = run_ingest(inbox, store)
    policy = load_policy()
    today = date.today()
    findings = detect(store, policy, today)
    grades = grade(store, policy, today)
    expired = expire_due(store, today, policy)
    result = {"records_in": report.records_in, "loaded": report.loaded,
              "quarantined": report.quarantined, "findings": len(findings),
              "grades": grades.distribution(), "listings_expired": len(expired)}
    log.info("cycle done: %s", result)
    return result


def run_forever(store: GraphStore, inbox: Path, every_minutes: float) -> None:
    scheduler = BlockingScheduler()
    scheduler.add_job(run_cycle, "interval", args=(store, inbox), minutes=every_minutes,
                      max_instances=1, coalesce=True, id="pipeline", next_run_time=None)
    run_cycle(store, inbox)
    scheduler.start()
