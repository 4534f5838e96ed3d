"""Records and graph writes per second of a whole ingest: bulk, batched, and naive, same run.

Usage:
  .venv/bin/ipcredit synth --companies 10000 --seed 2026 --out /tmp/p10k
  .venv/bin/python bench/ingest_speed.py --province /tmp/p10k --store embedded:/tmp/bench-ingest
  .venv/bin/python bench/ingest_speed.py --province /tmp/p10k --store bolt://127.0.0.1:PORT \\
      --neo4j-home /tmp/n4j-bulk
  .venv/bin/python bench/ingest_speed.py --province /tmp/p10k --store embedded:/tmp/b --modes stages

Modes, each in its own process on an emptied store (so peak RSS is its own):
  bulk     ``run_ingest(bulk=True)``: the ``ipcredit ingest --bulk`` path
  batched  ``run_ingest``: the daily path (compared writes, 500 records per write)
  naive    the daily path with one record per write (one transaction each), on a sample of the
           same province (every line-file's first ``--sample-lines`` records, one trademark XML,
           every k-th document up to ``--sample-docs``); ratios are against its rates
  stages   the daily path with the time of each stage: read, extract, map/resolve, write

Graph writes are nodes + relationships written (created, changed or bulk-merged). CPU seconds
are given for this process (and, with ``--neo4j-home``, the Neo4j server) because on a shared
machine wall time also measures the neighbours.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def server_cpu(home: str | None) -> float:
    """CPU seconds used so far by the Neo4j server started with ``ipcredit neo4j start``."""
    if not home:
        return 0.0
    pid = (Path(home) / "neo4j.pid").read_text().strip()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sample_inbox(inbox: Path, out: Path, lines: int, docs: int) -> Path:
    """A smaller inbox with the same mix of sources as ``inbox``."""
    documents = sorted(p for p in inbox.rglob("*") if p.is_file() and p.parent != inbox)
    step = max(1, len(documents) // max(docs, 1))
    for path in documents[::step][:docs]:
        target = out / path.relative_to(inbox)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    xml = sorted(inbox.glob("*.xml"))[:1]
    for path in xml:
        shutil.copy(path, out / path.name)
    for path in sorted(inbox.glob("*.jsonl")) + sorted(inbox.glob("*.csv")):
        keep = lines + (1 if path.suffix == ".csv" else 0)
        with path.open(encoding="utf-8") as src, (out / path.name).open("w", encoding="utf-8") as dst:
            for number, line in enumerate(src):
                if number >= keep:
                    break
                dst.write(line)
    return out


def open_empty(spec: str):
    from graph.locations import open_store

    if spec.startswith("embedded:"):
        shutil.rmtree(spec.removeprefix("embedded:"), ignore_errors=True)
    store = open_store(spec)
    if hasattr(store, "clear"):
        store.clear()
    return store


def with_stage_timers(store, stages: dict[str, float]) -> None:
    """Wrap the daily path's stages in timers (time spent inside each, summed)."""
    import ingest.run as run

    def timer(name, fn):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                stages[name] += time.perf_counter() - started
        return timed

    real_read = run.read_file

    def read_file(*args):
        records = real_read(*args)
        while True:
            started = time.perf_counter()
            record = next(records, None)
            stages["read"] += time.perf_counter() - started
            if record is None:
                return
            yield record

    run.read_file = read_file
    run.extract_document = timer("extract", run.extract_document)
    run._map = timer("map_and_extract", run._map)
    store.write = timer("write", store.write)


def one(mode: str, inbox: Path, spec: str, neo4j_home: str | None, workers: int | None) -> dict:
    import ingest.run as run

    store = open_empty(spec)
    stages: dict[str, float] = {"read": 0.0, "extract": 0.0, "map_and_extract": 0.0, "write": 0.0}
    if mode == "naive":
        run.BATCH_RECORDS = 1
    if mode == "stages":
        with_stage_timers(store, stages)
    cpu, server = time.process_time(), server_cpu(neo4j_home)
    started = time.perf_counter()
    report = run.run_ingest(inbox, store, bulk=mode == "bulk", workers=workers)
    seconds = time.perf_counter() - started
    store.close()
    writes = report.writes.writes
    result = {
        "mode": mode, "store": spec.split(":")[0], "records": report.records_in,
        "loaded": report.loaded, "writes": writes, "seconds": round(seconds, 1),
        "records_per_s": round(report.records_in / seconds), "writes_per_s": round(writes / seconds),
        "cpu_s": round(time.process_time() - cpu, 1),
        "server_cpu_s": round(server_cpu(neo4j_home) - server, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "workers_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    if mode == "stages":
        stages["map"] = stages.pop("map_and_extract") - stages["extract"]
        stages["other"] = seconds - sum(stages.values())
        result["stages_s"] = {k: round(v, 1) for k, v in stages.items()}
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--province", type=Path, help="folder made by ipcredit synth (has inbox/)")
    parser.add_argument("--store", required=True)
    parser.add_argument("--modes", default="bulk,batched,naive")
    parser.add_argument("--sample-lines", type=int, default=300)
    parser.add_argument("--sample-docs", type=int, default=60)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--neo4j-home", default=None)
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--inbox", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.inbox, args.store, args.neo4j_home, args.workers)))
        return

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for mode in args.modes.split(","):
            inbox = args.province / "inbox"
            if mode == "naive":
                inbox = sample_inbox(inbox, Path(tmp) / "sample", args.sample_lines, args.sample_docs)
            command = [sys.executable, __file__, "--one", mode, "--inbox", str(inbox),
                       "--store", args.store]
            if args.neo4j_home:
                command += ["--neo4j-home", args.neo4j_home]
            if args.workers is not None:
                command += ["--workers", str(args.workers)]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    naive = next((r for r in results if r["mode"] == "naive"), None)
    if naive:
        for result in results:
            result["ratio_records"] = round(result["records_per_s"] / max(naive["records_per_s"], 1), 1)
            result["ratio_writes"] = round(result["writes_per_s"] / max(naive["writes_per_s"], 1), 1)
        print(json.dumps({"ratios_vs_naive": {r["mode"]: [r["ratio_records"], r["ratio_writes"]]
                                              for r in results}}))


if __name__ == "__main__":
    main()
