"""Full detection and grading as the province grows: 10k, 100k, 1M companies.

Usage: .venv/bin/python bench/detect_scale.py --sizes 10000 100000 --work /tmp/detect-scale \
           [--workers 2] [--breakdown]

Each size: generate the province (``ipcredit synth``), load it into an embedded store with the
bulk first-load path, then time detection as ``ipcredit detect`` runs it (detector groups in
worker processes for a large graph, ``--workers`` to choose; findings written), and grading
(without and with the officers' model); ``--breakdown`` also times each group alone. The
baseline is the smallest size of the same run: each later size reports its time as a ratio to
it, beside the ratio of sizes, so linear growth reads as equal ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections import Counter
from datetime import date
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.snapshot import collector_paused
from ingest.run import run_ingest
from ingest.synthetic.province import generate
from risk.detectors import DETECTORS
from risk.engine import detect, grade
from risk.models.officer import read_history, train
from risk.parallel import default_workers, groups, run_group
from risk.policy import load_policy


def load(size: int, work: Path, seed: int) -> tuple[EmbeddedStore, date, Path, dict]:
    province = work / f"p{size}"
    timings = {}
    if not (province / "truth" / "meta.json").exists():
        started = time.perf_counter()
        generate(province, size, seed)
        timings["generate_s"] = round(time.perf_counter() - started, 1)
    meta = json.loads((province / "truth" / "meta.json").read_text())
    store_dir = work / f"s{size}"
    fresh = not (store_dir / "graph.sqlite").exists()
    store = EmbeddedStore(store_dir)
    if fresh:
        started = time.perf_counter()
        run_ingest(province / "inbox", store, bulk=True)
        timings["ingest_s"] = round(time.perf_counter() - started, 1)
    return store, date.fromisoformat(meta["as_of"]), province, timings


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _cpu_all() -> float:
    """CPU seconds of this process and of its finished workers (``risk.parallel``)."""
    return _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)


@collector_paused()  # as risk.engine.detect and grade run
def breakdown(store: EmbeddedStore, as_of: date) -> dict:
    """Seconds per detector group, each run alone in this process (``--breakdown``)."""
    policy, out = load_policy(), {}
    for batch in groups(sorted(DETECTORS)):
        started = time.perf_counter()
        run_group(store, batch, policy, as_of)
        out["+".join(name.removesuffix(".v1") for name in batch)] = \
            round(time.perf_counter() - started, 2)
    return out


def measure(store: EmbeddedStore, as_of: date, province: Path, workers: int | None) -> dict:
    """Detection as ``ipcredit detect`` runs it (groups in ``workers`` processes, findings
    written), then grading without and with the officers' model."""
    policy = load_policy()
    out: dict = {"workers": workers or default_workers(store)}
    started, cpu = time.perf_counter(), _cpu_all()
    groups_run: dict[str, dict] = {}
    findings = detect(store, policy, as_of, workers=workers, stats=groups_run)
    out["detect_s"] = round(time.perf_counter() - started, 2)
    out["groups"] = groups_run
    out["detect_cpu_s"] = round(_cpu_all() - cpu, 2)
    out["findings"] = dict(sorted(Counter(f.detector for f in findings).items()))
    started, cpu = time.perf_counter(), _cpu_all()
    graded = grade(store, policy, as_of)
    out["grade_s"] = round(time.perf_counter() - started, 2)
    out["grade_cpu_s"] = round(_cpu_all() - cpu, 2)
    model = train(read_history(province / "truth" / "officer_decisions.jsonl"), policy)
    started = time.perf_counter()
    grade(store, policy, as_of, model)
    out["grade_with_model_s"] = round(time.perf_counter() - started, 2)
    out["graded"] = len(graded.grades)
    out["total_s"] = round(out["detect_s"] + out["grade_s"], 2)
    # CPU seconds of this process and its workers: what the run costs when the machine is shared
    out["total_cpu_s"] = round(out["detect_cpu_s"] + out["grade_cpu_s"], 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/detect-scale"))
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=None,
                        help="detection worker processes (default: as ipcredit detect decides)")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time each detector group alone, in this process")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base = None
    for size in args.sizes:
        store, as_of, province, timings = load(size, args.work, args.seed)
        row = {"companies": size, **timings, **measure(store, as_of, province, args.workers),
               "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
               "worker_peak_rss_mb":
                   round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}
        if args.breakdown:
            row["groups_s"] = breakdown(store, as_of)
        store.close()
        base = base or row
        row["size_ratio"] = round(size / base["companies"], 1)
        row["time_ratio"] = round(row["total_s"] / base["total_s"], 1)
        row["cpu_ratio"] = round(row["total_cpu_s"] / base["total_cpu_s"], 1)
        row["load_average"] = os.getloadavg()[0]
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
