"""Re-scoring after a small load: incremental against a full re-run, on the same store.

Usage: .venv/bin/python bench/incremental.py --store-dir /tmp/detect-scale/s100000 \
           --province /tmp/detect-scale/p100000 --changed 1000

Starts from a full detect + grade, then loads ``--changed`` new penalty decisions, each against a
different company (what a day of penalty decisions brings), and re-scores incrementally from what
the load wrote (``Change.written``: the records, property by property) — or, with ``--refs-only``,
from the touched nodes alone, as a load that reports only node references does. The baseline is
a full detect + grade of the same graph right after, in the same run; its results must equal the
incremental ones (checked, reported as ``identical``).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.records import Edge, Node
from risk.changes import Change
from risk.engine import detect, grade
from risk.incremental import rescore
from risk.policy import load_policy


def results(store: EmbeddedStore) -> tuple[dict, dict]:
    findings = {n.id: {k: v for k, v in n.props.items() if k != "as_of"} for n in store.nodes("Finding")}
    return findings, {n.id: n.props for n in store.nodes("Grade")}


def daily_load(store: EmbeddedStore, as_of: date, count: int, seed: int) -> Change:
    companies = sorted(n.ref for n in store.nodes("Company") if n.props.get("kind") == "registered")
    chosen = random.Random(seed).sample(companies, count)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    nodes, edges = [], []
    for i, company in enumerate(chosen):
        on = (as_of - timedelta(days=1 + i % 300)).isoformat()
        source = [f"bench-load-{seed}@r{i}"]
        penalty = Node("Penalty", f"苏市监罚〔2099〕B{seed}-{i}号", {"decision_date": on, "fine": 50000},
                       source, now)
        inf = Node("Infringement", f"inf:{penalty.id}|{company.id}",
                   {"date": on, "established_by": "penalty"}, source, now)
        nodes += [penalty, inf]
        edges += [Edge("COMMITTED", company, inf.ref, {}, source, now),
                  Edge("PENALIZED_IN", inf.ref, penalty.ref, {}, source, now)]
    store.write(nodes, edges)
    return Change.written(nodes, edges)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store-dir", type=Path, required=True)
    parser.add_argument("--province", type=Path, required=True)
    parser.add_argument("--changed", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--refs-only", action="store_true",
                        help="re-score from the touched nodes only, not the records written")
    args = parser.parse_args()
    as_of = date.fromisoformat(json.loads((args.province / "truth" / "meta.json").read_text())["as_of"])
    policy = load_policy()
    store = EmbeddedStore(args.store_dir)
    detect(store, policy, as_of)
    grade(store, policy, as_of)
    change = daily_load(store, as_of, args.changed, args.seed)
    run = rescore(store, policy, as_of, change.touched if args.refs_only else change)
    incremental = results(store)
    started = time.perf_counter()
    detect(store, policy, as_of)
    grade(store, policy, as_of)
    full_s = time.perf_counter() - started
    local_s = sum(float(v.split(", ")[-1].rstrip(" s")) for v in run.detectors.values()
                  if v.startswith("local"))
    print(json.dumps({"companies": store.counts().get("Company"), "loaded_decisions": args.changed,
                      "change": "refs-only" if args.refs_only else "records",
                      **run.as_dict(), "local_detectors_s": round(local_s, 2),
                      "full_rerun_s": round(full_s, 2), "ratio_full_over_incremental":
                      round(full_s / run.seconds, 1), "identical": results(store) == incremental},
                     ensure_ascii=False))
    store.close()


if __name__ == "__main__":
    main()
