"""Where the detectors of a full run run: in groups, the groups in worker processes.

A province of a million companies does not fit in one process's memory read whole, and one core
runs the detectors one after another. So the detectors run in groups, each group reading through
its own ``ReadCache`` that keeps only what the group's detectors plan to read (``plan``), and the
groups run in worker processes, as many at a time as there are cores. A worker opens the store
from its location, so each process reads its own part of the graph; a group's memory is given
back when its process ends. Detectors that derive the same value from the graph (the trademark
register and its assessments) are one group and derive it once.

Groups run side by side only while their expected memory (``BYTES_PER_ITEM``, measured) fits in
what the system has available; otherwise one after another. Small graphs run in this process:
starting interpreters costs more than it saves there. Either way the findings are the same and
come back in the order of the detectors asked for.
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import date
from functools import reduce
from pathlib import Path

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
COST = {"abnormal_patent.v1": 13.7, "agency_risk.v1": 7.1, "repeat_infringement.v1": 5.5,
        "shell_network.v1": 2.8, "filing_anomaly.v1": 2.3, "intentional_infringement.v1": 1.9,
        "malicious_litigation.v1": 0.9, "source_tracing.v1": 0.5, "bad_faith_trademark.v1": 0.1}
# A worker's memory: the interpreter with its libraries, plus bytes per node and edge of the
# graph for each detector it runs (peak RSS of each group's worker on a 100,000-company
# province, 1.82M nodes and edges, less the interpreter; a group's figure split among its
# members). Groups run side by side only while their estimates fit in the memory available.
WORKER_BASE_BYTES = 230 * 2**20
BYTES_PER_ITEM = {"abnormal_patent.v1": 470, "shell_network.v1": 360, "filing_anomaly.v1": 200,
                  "agency_risk.v1": 125, "bad_faith_trademark.v1": 125,
                  "malicious_litigation.v1": 125, "intentional_infringement.v1": 150,
                  "repeat_infringement.v1": 150, "source_tracing.v1": 150}


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


def _run_in_worker(location: str, names: list[str], policy: Policy, as_of: date,
                   stats: dict[str, dict] | None = None) -> list[Finding]:
    """A group run by a fresh interpreter (``python -m risk.parallel``): the arguments go in and
    the findings come out pickled through its standard streams, and all the memory it used goes
    when it exits. A fresh interpreter, not a fork: the parent may hold threads and connections.
    The worker's seconds and peak memory go into ``stats`` under the group's name."""
    done = subprocess.run([sys.executable, "-m", "risk.parallel"],
                          input=pickle.dumps((location, names, policy, as_of)),
                          capture_output=True, check=False)
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-20:]
        raise RuntimeError(f"detectors {', '.join(names)} failed in their worker:\n" + "\n".join(tail))
    findings, measured = pickle.loads(done.stdout)
    if stats is not None:
        stats[group_name(names)] = measured
    return findings


def _serve() -> None:
    """The worker's side of ``_run_in_worker``."""
    location, names, policy, as_of = pickle.loads(sys.stdin.buffer.read())
    started = time.perf_counter()
    with collector_paused():
        store = open_store(location)
        try:
            findings = run_group(store, names, policy, as_of)
        finally:
            store.close()
    measured = {"seconds": round(time.perf_counter() - started, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    sys.stdout.buffer.write(pickle.dumps((findings, measured), protocol=pickle.HIGHEST_PROTOCOL))


def group_name(names: Sequence[str]) -> str:
    return "+".join(names)


def default_workers(store: GraphStore, items: int | None = None) -> int:
    """One worker per core for a large graph that can be re-opened elsewhere; else none.
    ``items``: the graph's nodes and edges, when the caller has counted them already."""
    if not reopenable(store):
        return 1
    if items is None:
        items = sum(store.counts().values())
    return 1 if items < PARALLEL_FROM else os.cpu_count() or 1


def run_detectors(store: GraphStore, names: Sequence[str], policy: Policy, as_of: date,
                  workers: int | None = None, stats: dict[str, dict] | None = None) -> list[Finding]:
    """Every finding of the detectors ``names``, in that order of detectors.

    ``workers``: processes running groups at once (None: ``default_workers``); 1 runs every
    group here, one after another, each group's reads dropped before the next. ``stats``, if
    given, receives each group's seconds (and, in a worker, its peak memory) by group name.
    """
    unknown = [name for name in names if name not in DETECTORS]
    if unknown:
        raise KeyError(f"no detector named {unknown[0]!r}")
    batches = groups(names)
    may_spread = len(batches) > 1 and reopenable(store) and (workers is None or workers > 1)
    items = sum(store.counts().values()) if may_spread else 0  # counted once: a scan at scale
    workers = default_workers(store, items) if workers is None and may_spread else workers or 1
    if not may_spread or workers <= 1:
        found = {}
        for batch in batches:
            started = time.perf_counter()
            found[tuple(batch)] = run_group(store, batch, policy, as_of)
            if stats is not None:
                stats[group_name(batch)] = {"seconds": round(time.perf_counter() - started, 2)}
    else:
        found = schedule(batches, workers, available_memory(),
                         lambda batch: memory_needed(batch, items),
                         lambda batch: _run_in_worker(store.location, batch, policy, as_of, stats))
    by_detector: dict[str, list[Finding]] = {name: [] for name in names}
    for findings in found.values():
        for finding in findings:
            by_detector[finding.detector].append(finding)
    return [finding for name in names for finding in by_detector[name]]


def _expected_cost(batch: Sequence[str]) -> float:
    return sum(COST.get(name, 1.0) for name in batch)


def memory_needed(batch: Sequence[str], items: int) -> int:
    """Bytes a worker running ``batch`` is expected to peak at, for a graph of ``items`` nodes
    and edges (an unknown detector counts as the hungriest known one)."""
    hungriest = max(BYTES_PER_ITEM.values())
    return WORKER_BASE_BYTES + items * sum(BYTES_PER_ITEM.get(name, hungriest) for name in batch)


def available_memory() -> int | None:
    """Bytes the system can give without swapping (``MemAvailable``); None where unknown."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def schedule(batches: Sequence[Sequence[str]], workers: int, memory: int | None,
             need: Callable[[Sequence[str]], int],
             run: Callable[[Sequence[str]], list[Finding]]) -> dict[tuple[str, ...], list[Finding]]:
    """Run every batch (``run``, in a thread that waits on its worker), at most ``workers`` at
    once and, with ``memory`` known, only as many as their expected needs fit in it.

    The costliest batch that fits starts first; a batch that fits nowhere runs alone. So a
    province too large for two groups side by side runs them one after another instead of
    being killed for memory.
    """
    pending = sorted(batches, key=_expected_cost, reverse=True)
    running: dict[Future[list[Finding]], Sequence[str]] = {}
    found: dict[tuple[str, ...], list[Finding]] = {}
    with ThreadPoolExecutor(workers) as pool:
        while pending or running:
            free = None if memory is None else memory - sum(map(need, running.values()))
            while pending and len(running) < workers:
                fits = [b for b in pending if free is None or need(b) <= free]
                batch = fits[0] if fits else (pending[0] if not running else None)
                if batch is None:
                    break
                pending.remove(batch)
                running[pool.submit(run, batch)] = batch
                if free is not None:
                    free -= need(batch)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                found[tuple(running.pop(future))] = future.result()
    return found


if __name__ == "__main__":
    _serve()
