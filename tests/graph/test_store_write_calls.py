"""One ``write`` call holding many records, some of them repeated: merged and counted as the same
records written one call at a time, on both stores."""

from __future__ import annotations

import pytest

from graph.records import Edge, Node, NodeRef
from ipcredit.errors import SchemaError, StoreError
from tests.graph.test_store_contract import HENGDA, company, person, rep

WANG = "person:王建国|3205**********1234"


def test_a_record_repeated_in_one_call_merges_after_its_earlier_copy(store):
    first = company(HENGDA, "苏州恒达服饰有限公司", sources=("doc1@r1",))
    renamed = company(HENGDA, "苏州恒达服饰有限公司", sources=("doc2@r1",), capital="100万元")
    renamed.loaded_at = "2027-05-05T00:00:00+00:00"
    stake = Edge("SHAREHOLDER_OF", NodeRef("Person", WANG), NodeRef("Company", HENGDA),
                 {"stake": 0.5}, ["doc1@r1"])
    raised = Edge("SHAREHOLDER_OF", NodeRef("Person", WANG), NodeRef("Company", HENGDA),
                  {"stake": 0.8}, ["doc3@r2"])
    stats = store.write([first, person(WANG, "王建国"), renamed, first],
                        [stake, rep(WANG, HENGDA), raised, stake])
    assert (stats.nodes_created, stats.nodes_changed, stats.nodes_unchanged) == (2, 1, 1)
    # the second copy of ``stake`` sets the stake back and adds no source: a change
    assert (stats.edges_created, stats.edges_changed, stats.edges_unchanged) == (2, 2, 0)
    got = store.get(NodeRef("Company", HENGDA))
    assert got.props == {"name": "苏州恒达服饰有限公司", "uscc": HENGDA, "capital": "100万元"}
    assert got.sources == ["doc1@r1", "doc2@r1"]
    assert got.loaded_at == "2026-01-01T00:00:00+00:00"
    edges = {e.type: e for e in store.incident(NodeRef("Company", HENGDA))}
    assert edges["SHAREHOLDER_OF"].props == {"stake": 0.5}
    assert edges["SHAREHOLDER_OF"].sources == ["doc1@r1", "doc3@r2"]
    assert store.search(HENGDA)[0].ref == NodeRef("Company", HENGDA)
    again = store.write([first, renamed], [stake, raised])
    assert (again.nodes_changed, again.nodes_unchanged) == (0, 2)
    assert (again.edges_changed, again.edges_unchanged) == (1, 1)  # ``raised`` moves the stake again


def test_a_call_refused_late_leaves_nothing_of_its_earlier_records(store):
    store.write([company(HENGDA, "苏州恒达服饰有限公司")])
    before = store.counts()
    with pytest.raises(SchemaError):
        store.write([person(WANG, "王建国"), Node("NoSuchLabel", "x")])
    with pytest.raises(StoreError, match="does not exist"):
        store.write([person(WANG, "王建国"), company(HENGDA, "改名", sources=("doc9@r1",))],
                    [rep(WANG, HENGDA), rep("person:nobody", HENGDA)])
    assert store.counts() == before
    assert store.get(NodeRef("Company", HENGDA)).props["name"] == "苏州恒达服饰有限公司"
