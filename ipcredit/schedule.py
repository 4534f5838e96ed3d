"""The pipeline on a schedule: ingest, detect, grade, expire listings — one cycle at a time.

apscheduler runs the cycle at a fixed interval; a cycle never overlaps the previous one
(max_instances=1, coalesced), and each stage is idempotent, so a failed cycle is simply run
again by the next tick.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

from apscheduler.schedulers.blocking import BlockingScheduler

from graph.store import GraphStore
from ingest.run import run_ingest
from risk.changes import Change
from risk.incremental import rescore
from risk.list_expiry import expire_due
from risk.models.officer import load_model
from risk.policy import load_policy

log = logging.getLogger("ipcredit.schedule")


MODEL_ENV = "IPCREDIT_OFFICER_MODEL"  # path of a trained officers' decision model, if any


def run_cycle(store: GraphStore, inbox: Path) -> dict:
    """One pass of every stage; returns what each did.

    Detection and grading are incremental: only what the load touched is re-scored, and a cycle
    that loaded nothing re-scores nothing — unless the day or the policy moved on, when the
    whole graph is re-scored (``risk.incremental.rescore`` decides).
    """
    report = run_ingest(inbox, store)
    policy = load_policy()
    today = date.today()
    model = load_model(Path(os.environ[MODEL_ENV])) if os.environ.get(MODEL_ENV) else None
    # the load's own record of what it wrote lets detectors that read none of it be skipped
    change = Change(report.written_keys, frozenset(report.written_edges))
    run = rescore(store, policy, today, change, model)
    expired = expire_due(store, today, policy)
    result = {"records_in": report.records_in, "loaded": report.loaded,
              "quarantined": report.quarantined,
              "findings": store.counts().get("Finding", 0),
              "grades": run.as_dict()["distribution"], "rescore": run.as_dict(),
              "listings_expired": len(expired)}
    log.info("cycle done: %s", result)
    return result


def run_forever(store: GraphStore, inbox: Path, every_minutes: float) -> None:
    scheduler = BlockingScheduler()
    scheduler.add_job(run_cycle, "interval", args=(store, inbox), minutes=every_minutes,
                      max_instances=1, coalesce=True, id="pipeline", next_run_time=None)
    run_cycle(store, inbox)
    scheduler.start()
