"""The store contract for deleting edges, run unchanged against both stores."""

from __future__ import annotations

import pytest

from graph import neo4j_store
from graph.records import Edge, Node, NodeRef
from graph.snapshot import ReadCache
from ipcredit.errors import SchemaError
from tests.graph.test_store_contract import HENGDA, small_graph

WANG = NodeRef("Person", "person:王建国|3205**********1234")
HENGDA_REF = NodeRef("Company", HENGDA)
HENGSHENG_REF = NodeRef("Company", "91320505MA27QW8T13")


def _keys(store) -> set[tuple]:
    return {edge.key for edge in store.edges()}


def test_deletes_exactly_the_named_edges_and_leaves_nodes_and_other_edges(store):
    store.write(*small_graph())
    nodes_before = {label: {n.id for n in store.nodes(label)} for label in ("Company", "Person")}
    before = _keys(store)
    doomed = ("LEGAL_REP_OF", WANG, HENGDA_REF)
    assert store.delete_edges([doomed]) == 1
    # the SHAREHOLDER_OF edge between the same two nodes and the other LEGAL_REP_OF stay
    assert _keys(store) == before - {doomed}
    assert {e.type for e in store.incident(HENGDA_REF)} == {"SHAREHOLDER_OF"}
    assert {label: {n.id for n in store.nodes(label)} for label in ("Company", "Person")} \
        == nodes_before
    counts = store.counts()
    assert (counts["LEGAL_REP_OF"], counts["SHAREHOLDER_OF"], counts["Company"]) == (1, 1, 2)


def test_deleting_counts_each_edge_once_and_ignores_unknown_keys(store):
    store.write(*small_graph())
    keys = [("LEGAL_REP_OF", WANG, HENGDA_REF), ("LEGAL_REP_OF", WANG, HENGSHENG_REF),
            ("LEGAL_REP_OF", WANG, HENGDA_REF),  # repeated
            ("SHAREHOLDER_OF", WANG, HENGSHENG_REF),  # no such edge
            ("LEGAL_REP_OF", NodeRef("Person", "nobody"), HENGDA_REF)]  # no such node
    assert store.delete_edges(keys) == 2
    assert store.delete_edges(keys) == 0  # idempotent
    assert store.delete_edges([]) == 0
    assert _keys(store) == {("SHAREHOLDER_OF", WANG, HENGDA_REF)}


def test_an_unknown_type_or_ends_the_model_refuses_delete_nothing(store):
    store.write(*small_graph())
    before = _keys(store)
    with pytest.raises(SchemaError):
        store.delete_edges([("LEGAL_REP_OF", WANG, HENGDA_REF), ("KNOWS", WANG, HENGDA_REF)])
    with pytest.raises(SchemaError):
        store.delete_edges([("LEGAL_REP_OF", WANG, HENGDA_REF),
                            ("LEGAL_REP_OF", HENGDA_REF, WANG)])
    assert _keys(store) == before


def test_a_later_write_recreates_a_deleted_edge_as_new(store):
    nodes, edges = small_graph()
    store.write(nodes, edges)
    stake = next(e for e in edges if e.type == "SHAREHOLDER_OF")
    assert store.delete_edges([stake.key]) == 1
    again = Edge(stake.type, stake.start, stake.end, {"stake": 0.5}, ["doc7@r2"],
                 "2027-01-01T00:00:00+00:00")
    stats = store.write((), [again])
    assert stats.edges_created == 1
    (found,) = [e for e in store.incident(HENGDA_REF) if e.type == "SHAREHOLDER_OF"]
    # nothing of the deleted edge survives: not its props, sources or first load time
    assert (found.props, found.sources, found.loaded_at) == (
        {"stake": 0.5}, ["doc7@r2"], "2027-01-01T00:00:00+00:00")


def test_deleting_through_the_read_cache_empties_it(store):
    store.write(*small_graph())
    reader = ReadCache(store)
    assert len(list(reader.edges(["LEGAL_REP_OF"]))) == 2
    assert reader.delete_edges([("LEGAL_REP_OF", WANG, HENGDA_REF)]) == 1
    assert [e.end for e in reader.edges(["LEGAL_REP_OF"])] == [HENGSHENG_REF]


def test_deleting_many_edges_at_once(store, monkeypatch):
    monkeypatch.setattr(neo4j_store, "BATCH", 250)  # several batches in the one transaction
    nodes, _ = small_graph()
    trademarks = [n for n in nodes if n.label == "Trademark"]
    marks = [Node("Trademark", f"TM{i:08d}", {"number": f"{i:08d}"}) for i in range(1, 1201)]
    similar = [Edge("SIMILAR_TO", a.ref, b.ref, {"score": 0.9, "measure": "test"})
               for a, b in zip(marks, marks[1:], strict=False)]
    store.write_bulk([*trademarks, *marks], similar)
    assert store.delete_edges(e.key for e in similar[::2]) == 600
    assert store.counts()["SIMILAR_TO"] == len(similar) - 600
    assert store.counts()["Trademark"] == 1201
