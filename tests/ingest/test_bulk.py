"""A bulk first load ends in the same graph as a daily load, resumes, and merges into a graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.store import GraphStore
from ingest.run import plan_inbox, run_ingest
from tests.snapshot import snapshot


def full_snapshot(store: GraphStore) -> tuple[list, list, list]:
    """Nodes and edges with props and sources, plus each Document's accounting."""
    nodes, edges = snapshot(store)
    documents = sorted(
        (n.id, sorted((k, v) for k, v in n.props.items() if k != "received_at"), tuple(n.sources))
        for n in store.nodes("Document"))
    return nodes, edges, documents


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic province: registrations, filings and every document format."""
    from ingest.synthetic.province import generate

    out = tmp_path_factory.mktemp("province")
    generate(out, 150, seed=7)
    return out / "inbox"


@pytest.fixture(scope="module")
def expected(province: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The graph a daily (compared, per-file) load of the province makes."""
    with EmbeddedStore(tmp_path_factory.mktemp("reference")) as reference:
        report = run_ingest(province, reference)
        assert report.loaded > 300 and report.writes.writes > 1000
        return full_snapshot(reference), report


def test_a_bulk_load_makes_the_same_graph_as_a_daily_load(store, province, expected):
    graph, daily = expected
    report = run_ingest(province, store, bulk=True, workers=2)
    assert full_snapshot(store) == graph
    assert (report.records_in, report.loaded, report.quarantined) == \
        (daily.records_in, daily.loaded, daily.quarantined)
    assert report.quarantine == daily.quarantine
    assert report.writes.nodes_merged + report.writes.edges_merged > 0
    assert report.touched == daily.touched
    again = run_ingest(province, store)  # a daily load afterwards finds nothing to do
    assert again.unchanged == daily.loaded and again.writes.writes == 0


def test_a_bulk_load_without_worker_processes_is_the_same(store, province, expected):
    run_ingest(province, store, bulk=True, workers=0)
    assert full_snapshot(store) == expected[0]


class Interrupted(Exception):
    pass


def test_a_killed_bulk_load_restarted_ends_in_the_same_graph(store, province, expected,
                                                              tmp_path, monkeypatch):
    monkeypatch.setattr("ingest.bulk.BULK_ITEMS", 100)  # many writes, so the kill lands midway
    real_write, calls = store.write_bulk, []

    def failing_write(nodes=(), edges=()):
        calls.append(1)
        if len(calls) == 6:
            raise Interrupted("killed")
        return real_write(nodes, edges)

    store.write_bulk = failing_write
    with pytest.raises(Interrupted):
        run_ingest(province, store, bulk=True, workers=1)
    assert len(calls) == 6  # nothing is written after the failed write
    store.write_bulk = real_write
    partial = [n for n in store.nodes("Document") if n.props.get("complete")]
    assert partial  # some files were complete before the kill
    resumed = run_ingest(province, store, bulk=True, workers=1)
    assert resumed.unchanged > 0  # and are not redone
    assert resumed.records_in == resumed.loaded + resumed.unchanged + resumed.quarantined
    assert full_snapshot(store) == expected[0]


def test_a_bulk_load_onto_a_graph_holding_part_of_the_province_merges(store, province, expected,
                                                                      tmp_path):
    part = tmp_path / "part"
    shutil.copytree(province, part)
    _, planned = plan_inbox(part)
    for _, path in planned[len(planned) // 2:]:  # the first half in load order stays
        path.unlink()
    run_ingest(part, store)
    report = run_ingest(province, store, bulk=True, workers=1)
    assert report.unchanged > 0
    assert full_snapshot(store) == expected[0]
