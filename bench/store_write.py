"""Graph writes per second into a store: batched ``write`` against one record per call.

Usage: .venv/bin/python bench/store_write.py --store embedded:/tmp/b --companies 10000
       .venv/bin/python bench/store_write.py --store bolt://127.0.0.1:PORT --companies 10000

Each company brings a person and a LEGAL_REP_OF edge (3 writes). The baseline writes the first
``--baseline`` companies one call (one transaction) each, in the same run, so the ratio compares
like with like; the figure is writes (nodes + relationships) per second.
"""

from __future__ import annotations

import argparse
import json
import resource
import time

from graph.records import Edge, Node, NodeRef
from ipcredit.wiring import open_store


def records(start: int, count: int):
    for i in range(start, start + count):
        company = Node("Company", f"C{i:08d}", {"name": f"苏州第{i}商贸有限公司"}, [f"bench@r{i}"])
        person = Node("Person", f"P{i:08d}", {"name": f"张{i}"}, [f"bench@r{i}"])
        yield company, person, Edge("LEGAL_REP_OF", NodeRef("Person", person.id), company.ref,
                                    {}, [f"bench@r{i}"])


def clear(store) -> None:
    for label in ("Company", "Person"):
        store.delete_nodes(label)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", required=True)
    parser.add_argument("--companies", type=int, default=10000)
    parser.add_argument("--baseline", type=int, default=500)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args()
    store = open_store(args.store)
    clear(store)

    started = time.perf_counter()
    for company, person, edge in records(0, args.baseline):
        store.write([company, person], [edge])
    baseline_rate = 3 * args.baseline / (time.perf_counter() - started)
    clear(store)

    started = time.perf_counter()
    batch_nodes, batch_edges = [], []
    for company, person, edge in records(0, args.companies):
        batch_nodes += [company, person]
        batch_edges.append(edge)
        if len(batch_edges) >= args.batch:
            store.write(batch_nodes, batch_edges)
            batch_nodes, batch_edges = [], []
    store.write(batch_nodes, batch_edges)
    elapsed = time.perf_counter() - started
    batched_rate = 3 * args.companies / elapsed
    clear(store)
    store.close()
    print(json.dumps({
        "store": args.store.split(":")[0], "companies": args.companies,
        "writes": 3 * args.companies, "seconds": round(elapsed, 2),
        "batched_writes_per_s": round(batched_rate), "baseline_writes_per_s": round(baseline_rate),
        "ratio": round(batched_rate / baseline_rate, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }))


if __name__ == "__main__":
    main()
