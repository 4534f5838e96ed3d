"""Where the detectors of a full run run: in groups, the groups in worker processes.

A province of a million companies does not fit in one process's memory read whole, and one core
runs the detectors one after another. So the detectors run in groups, each group reading through
its own ``ReadCache`` that keeps only what the group's detectors plan to read (``plan``), and the
groups run in worker processes, as many at a time as there are cores. A worker opens the store
from its location, so each process reads its own part of the graph; a group's memory is given
back when its process ends. Detectors that derive the same value from the graph (the trademark
register and its assessments) are one group and derive it once.

Small graphs run in this process: starting interpreters costs more than it saves there. Either
way the findings are the same and come back in the order of the detectors asked for.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import reduce

from graph.locations import open_store, reopenable
from graph.snapshot import ReadCache, ReadPlan, collector_paused
from graph.store import GraphStore
from risk.detectors import DETECTORS
from risk.finding import Finding
from risk.policy import Policy

# Detectors sharing what they derive, run in one group; every other detector is a group alone,
# except those that read the same labels and are each cheap (one read serves them all).
TOGETHER = (
    ("agency_risk.v1", "bad_faith_trademark.v1", "malicious_litigation.v1"),  # the register
    ("intentional_infringement.v1", "repeat_infringement.v1", "source_tracing.v1"),  # infringements
)
# Below this many nodes and edges a run stays in one process.
PARALLEL_FROM = 300_000
# Seconds each detector took on a 100,000-company province: the longest groups start first.
COST = {"abnormal_patent.v1": 20.0, "shell_network.v1": 10.7, "agency_risk.v1": 8.5,
        "repeat_infringement.v1": 6.9, "filing_anomaly.v1": 2.5, "intentional_infringement.v1": 2.4,
        "malicious_litigation.v1": 1.1, "source_tracing.v1": 0.6, "bad_faith_trademark.v1": 0.1}


def groups(names: Sequence[str]) -> list[list[str]]:
    """``names`` in groups (``TOGETHER``), each group in the order given, groups by first member."""
    out: dict[str, list[str]] = {}
    leader = {member: group[0] for group in TOGETHER for member in group}
    for name in names:
        out.setdefault(leader.get(name, name), []).append(name)
    return list(out.values())


def group_plan(names: Sequence[str]) -> ReadPlan:
    """What a group reads: the union of its detectors' plans."""
    return reduce(lambda a, b: a | b, (DETECTORS[name].plan for name in names))


def run_group(store: GraphStore, names: Sequence[str], policy: Policy, as_of: date) -> list[Finding]:
    """The findings of a group's detectors, read through one cache that keeps the group's plan."""
    reader = ReadCache(store, group_plan(names))
    try:
        return [f for name in names for f in DETECTORS[name].run(reader, policy, as_of)]
    finally:
        reader.clear()


def _run_in_worker(location: str, names: list[str], policy: Policy, as_of: date) -> list[Finding]:
    """A group run by a fresh interpreter (``python -m risk.parallel``): the arguments go in and
    the findings come out pickled through its standard streams, and all the memory it used goes
    when it exits. A fresh interpreter, not a fork: the parent may hold threads and connections."""
    done = subprocess.run([sys.executable, "-m", "risk.parallel"],
                          input=pickle.dumps((location, names, policy, as_of)),
                          capture_output=True, check=False)
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-20:]
        raise RuntimeError(f"detectors {', '.join(names)} failed in their worker:\n" + "\n".join(tail))
    return pickle.loads(done.stdout)


def _serve() -> None:
    """The worker's side of ``_run_in_worker``."""
    location, names, policy, as_of = pickle.loads(sys.stdin.buffer.read())
    with collector_paused():
        store = open_store(location)
        try:
            findings = run_group(store, names, policy, as_of)
        finally:
            store.close()
    sys.stdout.buffer.write(pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL))


def default_workers(store: GraphStore) -> int:
    """One worker per core for a large graph that can be re-opened elsewhere; else none."""
    if not reopenable(store) or sum(store.counts().values()) < PARALLEL_FROM:
        return 1
    return os.cpu_count() or 1


def run_detectors(store: GraphStore, names: Sequence[str], policy: Policy, as_of: date,
                  workers: int | None = None) -> list[Finding]:
    """Every finding of the detectors ``names``, in that order of detectors.

    ``workers``: processes running groups at once (None: ``default_workers``); 1 runs every
    group here, one after another, each group's reads dropped before the next.
    """
    unknown = [name for name in names if name not in DETECTORS]
    if unknown:
        raise KeyError(f"no detector named {unknown[0]!r}")
    batches = groups(names)
    workers = default_workers(store) if workers is None else workers
    if workers <= 1 or len(batches) == 1 or not reopenable(store):
        found = {tuple(batch): run_group(store, batch, policy, as_of) for batch in batches}
    else:
        with ThreadPoolExecutor(min(workers, len(batches))) as pool:  # each thread waits on a worker
            futures = {tuple(batch): pool.submit(_run_in_worker, store.location, batch, policy, as_of)
                       for batch in sorted(batches, key=_expected_cost, reverse=True)}
            found = {batch: future.result() for batch, future in futures.items()}
    by_detector: dict[str, list[Finding]] = {name: [] for name in names}
    for findings in found.values():
        for finding in findings:
            by_detector[finding.detector].append(finding)
    return [finding for name in names for finding in by_detector[name]]


def _expected_cost(batch: list[str]) -> float:
    return sum(COST.get(name, 1.0) for name in batch)


if __name__ == "__main__":
    _serve()
