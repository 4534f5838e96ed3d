"""An ingest run accounts for every record, is idempotent, and resumes to the same graph."""

from __future__ import annotations

import shutil

import pytest

from graph.embedded import EmbeddedStore
from graph.records import NodeRef
from ingest.run import run_ingest
from tests.snapshot import snapshot

HENGDA = "91320505MA1MXK3L5G"


def test_every_record_is_loaded_or_quarantined_with_file_record_and_field(store, samples_dir):
    report = run_ingest(samples_dir, store)
    assert report.records_in == report.loaded + report.unchanged + report.quarantined
    assert report.unchanged == 0
    where = {(q.file, q.record, q.field) for q in report.quarantine}
    assert ("companies.jsonl", "r10", "uscc") in where  # too short to be a USCC
    assert ("companies.jsonl", "r11", "name") in where  # empty name
    assert ("trademarks.csv", "r6", "number") in where
    assert ("trademarks.csv", "r7", "nice_class") in where
    assert ("patents.jsonl", "r4", "application_no") in where  # wrong check character
    assert report.by_source["registry"]["loaded"] == 9
    assert report.by_source["document"]["records_in"] >= 6


def test_a_bad_uscc_check_digit_warns_but_loads(store, samples_dir):
    run_ingest(samples_dir, store)
    kunshan = store.get(NodeRef("Company", "91320583MA1XX9Q7Y1"))
    assert kunshan is not None and kunshan.props["uscc_valid"] is False
    assert store.get(NodeRef("Company", HENGDA)).props["uscc_valid"] is True


def test_rulings_resolve_parties_to_registered_companies_and_keep_provenance(store, samples_dir):
    run_ingest(samples_dir, store)
    hengda = store.get(NodeRef("Company", HENGDA))
    assert hengda.props["name"] == "苏州恒达服饰有限公司"
    edges = store.incident(hengda.ref)
    party_to = {e.end.id: e for e in edges if e.type == "PARTY_TO"}
    assert "(2021)苏05民初1234号" in party_to
    doc_sha, position = party_to["(2021)苏05民初1234号"].sources[0].split("@")
    document = store.get(NodeRef("Document", doc_sha))
    assert document.props["path"].startswith("rulings/")
    assert document.props["received_at"]
    committed = [e for e in edges if e.type == "COMMITTED"]
    assert len(committed) == 2  # one judgment, one penalty
    # no company node was made up for a registered company named without its USCC
    assert not [n for n in store.nodes("Company") if n.props.get("name") == "苏州恒达服饰有限公司"
                and n.id != HENGDA]


def test_ingesting_the_same_input_twice_changes_nothing(store, samples_dir):
    first = run_ingest(samples_dir, store)
    before = snapshot(store)
    second = run_ingest(samples_dir, store)
    assert second.records_in == first.records_in
    assert second.unchanged == first.loaded and second.loaded == 0
    assert second.quarantined == first.quarantined
    assert second.writes.writes == 0
    assert snapshot(store) == before


class Interrupted(Exception):
    pass


def test_a_run_killed_halfway_and_restarted_ends_in_the_same_graph(store, samples_dir, tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(samples_dir, inbox)
    with EmbeddedStore(tmp_path / "reference") as reference:
        run_ingest(inbox, reference)  # an uninterrupted run
        expected = snapshot(reference)

    real_write, calls = store.write, []

    def failing_write(nodes=(), edges=()):
        calls.append(1)
        if len(calls) == 5:
            raise Interrupted("killed")
        return real_write(nodes, edges)

    store.write = failing_write
    with pytest.raises(Interrupted):
        run_ingest(inbox, store)
    store.write = real_write
    resumed = run_ingest(inbox, store)
    assert resumed.records_in == resumed.loaded + resumed.unchanged + resumed.quarantined
    assert resumed.unchanged > 0  # files completed before the kill are not redone
    assert snapshot(store) == expected
