"""Detection in groups and worker processes finds exactly what one process finds, on both stores;
a worker that fails says which detectors failed and why."""

from __future__ import annotations

import pytest

from graph.locations import reopenable
from graph.neo4j_store import Neo4jStore
from risk.detectors import DETECTORS
from risk.parallel import _run_in_worker, default_workers, groups, run_detectors
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
    spread = run_detectors(store, NAMES, policy, as_of, workers=2)
    assert spread == alone
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
