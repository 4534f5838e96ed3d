"""Detection in groups and worker processes finds exactly what one process finds, on both stores;
a worker that fails says which detectors failed and why."""

from __future__ import annotations

import threading
import time

import pytest

from graph.locations import reopenable
from graph.neo4j_store import Neo4jStore
from risk.detectors import DETECTORS
from risk.parallel import (
    _run_in_worker,
    default_workers,
    groups,
    memory_needed,
    run_detectors,
    schedule,
)
from risk.policy import load_policy
from tests.synthetic.scoring import build

COMPANIES, SEED = 400, 7
MIX = {"malicious_litigants": 0.006, "risky_agencies": 0.004}
NAMES = sorted(DETECTORS)


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    store, as_of, _ = build(tmp_path_factory.mktemp("parallel"), COMPANIES, SEED, MIX)
    yield store, as_of
    store.close()


def _keys(findings):
    return [(f.detector, f.entity, f.kind, round(f.score, 9), f.summary) for f in findings]


def test_workers_find_what_one_process_finds_in_detector_order(province):
    store, as_of = province
    policy = load_policy()
    alone = run_detectors(store, NAMES, policy, as_of, workers=1)
    assert {f.detector for f in alone} == set(NAMES), "every detector must find something"
    stats: dict = {}
    spread = run_detectors(store, NAMES, policy, as_of, workers=2, stats=stats)
    assert spread == alone
    assert set(stats) == {"+".join(batch) for batch in groups(NAMES)}  # each group's worker
    assert all(s["seconds"] > 0 and s["peak_rss_mb"] > 50 for s in stats.values())
    reordered = run_detectors(store, NAMES[::-1], policy, as_of, workers=2)
    assert [f.detector for f in reordered] == sorted((f.detector for f in alone),
                                                      key=NAMES[::-1].index)


def test_workers_read_a_neo4j_store_through_its_own_connection(province, neo4j_store: Neo4jStore):
    store, as_of = province
    neo4j_store.write([n for label in store.model.labels for n in store.nodes(label)],
                      list(store.edges()))
    assert reopenable(neo4j_store)
    policy = load_policy()
    names = ["repeat_infringement.v1", "shell_network.v1", "agency_risk.v1"]
    expected = run_detectors(store, names, policy, as_of, workers=1)
    assert expected
    assert _keys(run_detectors(neo4j_store, names, policy, as_of, workers=2)) == _keys(expected)


def test_detectors_sharing_a_register_run_in_one_group():
    batches = groups(NAMES)
    register = next(b for b in batches if "agency_risk.v1" in b)
    assert set(register) == {"agency_risk.v1", "bad_faith_trademark.v1", "malicious_litigation.v1"}
    assert sorted(n for b in batches for n in b) == NAMES  # each detector exactly once


def test_a_small_graph_stays_in_one_process(province):
    store, _ = province
    assert default_workers(store) == 1


def test_an_unknown_detector_is_refused_by_name(province):
    store, as_of = province
    with pytest.raises(KeyError, match="no_such.v1"):
        run_detectors(store, ["repeat_infringement.v1", "no_such.v1"], load_policy(), as_of)


def test_a_failing_worker_names_its_detectors_and_the_cause(province):
    _, as_of = province
    with pytest.raises(RuntimeError, match=r"(?s)shell_network\.v1 failed.*ConfigError.*nowhere:x"):
        _run_in_worker("nowhere:x", ["shell_network.v1"], load_policy(), as_of)


class _Recorder:
    """A ``run`` for ``schedule`` that notes which batches run at the same time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running: set[tuple[str, ...]] = set()
        self.together: list[set[tuple[str, ...]]] = []
        self.started: list[tuple[str, ...]] = []

    def __call__(self, batch):
        key = tuple(batch)
        with self.lock:
            self.started.append(key)
            self.running.add(key)
            self.together.append(set(self.running))
        time.sleep(0.05)
        with self.lock:
            self.running.discard(key)
        return [key]


BATCHES = [["filing_anomaly.v1"], ["abnormal_patent.v1"], ["shell_network.v1"],
           ["agency_risk.v1", "bad_faith_trademark.v1"]]


def test_groups_run_side_by_side_up_to_the_workers_and_costliest_first():
    run = _Recorder()
    found = schedule(BATCHES, 2, None, lambda batch: 1, run)
    assert found == {tuple(b): [tuple(b)] for b in BATCHES}
    assert max(map(len, run.together)) == 2
    assert run.started[0] == ("abnormal_patent.v1",)  # the costliest (COST) first


def test_groups_that_do_not_fit_in_memory_together_run_one_after_another():
    run = _Recorder()
    needs = {"abnormal_patent.v1": 6, "shell_network.v1": 7, "filing_anomaly.v1": 3,
             "agency_risk.v1": 4}
    schedule(BATCHES, 2, 10, lambda batch: needs[batch[0]], run)
    for together in run.together:
        assert sum(needs[key[0]] for key in together) <= 10, together
    assert any(len(t) == 2 for t in run.together)  # what fits still runs side by side
    alone = _Recorder()  # two fit nowhere, the other two not together: all one after another
    schedule(BATCHES, 2, 5, lambda batch: needs[batch[0]], alone)
    assert sorted(alone.started) == sorted(map(tuple, BATCHES))
    assert max(map(len, alone.together)) == 1


def test_a_larger_province_is_expected_to_need_more_memory():
    # a 1M-company province is about 18M nodes and edges: several GB for one group
    small, large = memory_needed(["shell_network.v1"], 10**5), memory_needed(["shell_network.v1"], 18 * 10**6)
    assert small < large and large > 4 * 2**30
    assert memory_needed(["no_such.v1"], 10**6) >= memory_needed(["shell_network.v1"], 10**6)
