"""Graph writes per second into a store: batched and bulk writes against one record per call.

Usage: .venv/bin/python bench/store_write.py --store embedded:/tmp/b --companies 10000
       .venv/bin/python bench/store_write.py --store bolt://127.0.0.1:PORT --companies 10000
       .venv/bin/python bench/store_write.py --store bolt://… --companies 1000000 --skip-batched \
           --import-home /tmp/bench-import

Each company brings a person and a LEGAL_REP_OF edge (3 writes), generated already mapped. The
baseline writes the first ``--baseline`` companies one call (one transaction) each, in the same
run, so the ratios compare like with like. Batched: ``write`` (compared merges) with ``--batch``
companies per call; bulk: ``write_bulk`` inside ``bulk_load`` with ``--bulk-batch`` companies per
call, the way ``ingest --bulk`` writes. Offline import (``--import-home``): the same
``write_bulk`` calls into ``graph.neo4j_import.Neo4jImport`` for a new database in that home
(replaced if there), timed whole: staging, CSV, Neo4j's importer, starting the database, the
schema with its index population, stopping it (the way ``ipcredit neo4j import`` loads). The
figure is writes (nodes + relationships) per second.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from graph.locations import open_store
from graph.records import Edge, Node, NodeRef


def records(start: int, count: int):
    for i in range(start, start + count):
        company = Node("Company", f"C{i:08d}", {"name": f"苏州第{i}商贸有限公司"}, [f"bench@r{i}"])
        person = Node("Person", f"P{i:08d}", {"name": f"张{i}"}, [f"bench@r{i}"])
        yield company, person, Edge("LEGAL_REP_OF", NodeRef("Person", person.id), company.ref,
                                    {}, [f"bench@r{i}"])


def clear(store) -> None:
    if hasattr(store, "clear"):  # Neo4j: deletes in transactions of 10k rows
        store.clear()
        return
    for label in ("Company", "Person"):
        store.delete_nodes(label)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--companies", type=int, default=10000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--bulk-batch", type=int, default=7000)
    parser.add_argument("--skip-batched", action="store_true",
                        help="measure only the baseline and the bulk path (large runs)")
    parser.add_argument("--import-home", type=Path,
                        help="also measure the offline import into a new database there")
    args = parser.parse_args()
    store = open_store(args.store)
    clear(store)

    started = time.perf_counter()
    for company, person, edge in records(0, args.baseline):
        store.write([company, person], [edge])
    baseline_rate = 3 * args.baseline / (time.perf_counter() - started)
    clear(store)

    result = {"store": args.store.split(":")[0], "companies": args.companies,
              "writes": 3 * args.companies, "baseline_writes_per_s": round(baseline_rate)}
    if not args.skip_batched:
        elapsed = timed(store.write, args.companies, args.batch)
        result.update(batched_seconds=round(elapsed, 2),
                      batched_writes_per_s=round(3 * args.companies / elapsed),
                      batched_ratio=round(3 * args.companies / elapsed / baseline_rate, 1))
        clear(store)
    if args.import_home:
        result.update(offline_import(args.import_home, args.companies, args.bulk_batch,
                                     baseline_rate))
    with store.bulk_load():
        elapsed = timed(store.write_bulk, args.companies, args.bulk_batch)
    result.update(bulk_seconds=round(elapsed, 2),
                  bulk_writes_per_s=round(3 * args.companies / elapsed),
                  bulk_ratio=round(3 * args.companies / elapsed / baseline_rate, 1),
                  peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    if args.import_home:
        result["import_vs_bulk"] = round(result["import_writes_per_s"] / result["bulk_writes_per_s"], 1)
    print(json.dumps(result), flush=True)
    if hasattr(store, "clear"):  # an embedded store is a folder of the bench's own
        store.clear()
    store.close()


def offline_import(home: Path, companies: int, batch: int, baseline_rate: float) -> dict:
    """The whole offline import of the same records; peak memory of this process and of the
    largest child (the importer's or the database's JVM, or a CSV worker)."""
    from graph.neo4j_import import Neo4jImport

    started = time.perf_counter()
    with Neo4jImport(home, replace=True) as target:
        timed(target.write_bulk, companies, batch)
        report = target.finish()
    elapsed = time.perf_counter() - started
    assert report.writes == 3 * companies, report
    return {"import_seconds": round(elapsed, 2),
            "import_writes_per_s": round(3 * companies / elapsed),
            "import_ratio": round(3 * companies / elapsed / baseline_rate, 1),
            "import_steps": {k: round(v, 1) for k, v in report.seconds.items()},
            "import_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "import_child_peak_rss_mb": round(
                resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def timed(write, companies: int, batch: int) -> float:
    """Seconds to write ``companies`` records through ``write``, ``batch`` companies per call."""
    started = time.perf_counter()
    batch_nodes, batch_edges = [], []
    for company, person, edge in records(0, companies):
        batch_nodes += [company, person]
        batch_edges.append(edge)
        if len(batch_edges) >= batch:
            write(batch_nodes, batch_edges)
            batch_nodes, batch_edges = [], []
    write(batch_nodes, batch_edges)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
