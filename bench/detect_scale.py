"""Full detection and grading as the province grows: 10k, 100k (1M if time allows) companies.

Usage: .venv/bin/python bench/detect_scale.py --sizes 10000 100000 --work /tmp/detect-scale

Each size: generate the province (``ipcredit synth``), load it into an embedded store with the
bulk first-load path, then time every detector's full run, the writing of the findings, and
grading (without and with the officers' model). The baseline is the smallest size of the same
run: each later size reports its time as a ratio to it, beside the ratio of sizes, so linear
growth reads as equal ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from datetime import date
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.snapshot import ReadCache, collector_paused
from ingest.run import run_ingest
from ingest.synthetic.province import generate
from risk.detectors import DETECTORS
from risk.engine import grade
from risk.finding import findings_to_graph
from risk.models.officer import read_history, train
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


@collector_paused()  # as risk.engine.detect and grade run
def measure(store: EmbeddedStore, as_of: date, province: Path) -> dict:
    policy = load_policy()
    out: dict = {"detectors_s": {}}
    findings = []
    reader = ReadCache(store)  # as risk.engine.detect reads: each label and type once per run
    cpu = time.process_time()
    for name in sorted(DETECTORS):
        started = time.perf_counter()
        found = DETECTORS[name].run(reader, policy, as_of)
        out["detectors_s"][name] = round(time.perf_counter() - started, 2)
        out.setdefault("findings", {})[name] = len(found)
        findings += found
    started = time.perf_counter()
    nodes, edges = findings_to_graph(findings, as_of.isoformat())
    store.delete_nodes("Finding", keep={f.id for f in findings})
    store.write(nodes, edges)
    out["write_findings_s"] = round(time.perf_counter() - started, 2)
    out["detect_s"] = round(sum(out["detectors_s"].values()) + out["write_findings_s"], 2)
    out["detect_cpu_s"] = round(time.process_time() - cpu, 2)
    started, cpu = time.perf_counter(), time.process_time()
    graded = grade(store, policy, as_of)
    out["grade_s"] = round(time.perf_counter() - started, 2)
    out["grade_cpu_s"] = round(time.process_time() - cpu, 2)
    model = train(read_history(province / "truth" / "officer_decisions.jsonl"), policy)
    started = time.perf_counter()
    grade(store, policy, as_of, model)
    out["grade_with_model_s"] = round(time.perf_counter() - started, 2)
    out["graded"] = len(graded.grades)
    out["total_s"] = round(out["detect_s"] + out["grade_s"], 2)
    # CPU seconds of this process: what the run costs when the machine is shared
    out["total_cpu_s"] = round(out["detect_cpu_s"] + out["grade_cpu_s"], 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/detect-scale"))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base = None
    for size in args.sizes:
        store, as_of, province, timings = load(size, args.work, args.seed)
        row = {"companies": size, **timings, **measure(store, as_of, province),
               "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
        store.close()
        base = base or row
        row["size_ratio"] = round(size / base["companies"], 1)
        row["time_ratio"] = round(row["total_s"] / base["total_s"], 1)
        row["cpu_ratio"] = round(row["total_cpu_s"] / base["total_cpu_s"], 1)
        row["load_average"] = os.getloadavg()[0]
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
