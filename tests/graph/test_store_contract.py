"""The store contract: every behaviour a caller relies on, run unchanged against both stores."""

from __future__ import annotations

import pytest

from graph.records import Edge, Node, NodeRef
from ipcredit.errors import SchemaError, StoreError

HENGDA = "91320505MA1MXK3L5G"


def company(uscc: str, name: str, sources=("doc1@r1",), **props) -> Node:
    return Node("Company", uscc, {"name": name, "uscc": uscc, **props}, list(sources),
                "2026-01-01T00:00:00+00:00")


def person(pid: str, name: str) -> Node:
    return Node("Person", pid, {"name": name}, ["doc1@r1"], "2026-01-01T00:00:00+00:00")


def rep(pid: str, uscc: str, source: str = "doc1@r1") -> Edge:
    return Edge("LEGAL_REP_OF", NodeRef("Person", pid), NodeRef("Company", uscc), {}, [source],
                "2026-01-01T00:00:00+00:00")


def small_graph() -> tuple[list[Node], list[Edge]]:
    nodes = [
        company(HENGDA, "苏州恒达服饰有限公司", former_names=["苏州恒达服装厂"]),
        company("91320505MA27QW8T13", "苏州恒盛商贸有限公司"),
        person("person:王建国|3205**********1234", "王建国"),
        Node("Trademark", "TM12345678", {"number": "12345678", "mark": "澜湖", "nice_class": 25},
             ["doc2@r3"]),
    ]
    edges = [
        rep("person:王建国|3205**********1234", HENGDA),
        rep("person:王建国|3205**********1234", "91320505MA27QW8T13"),
        Edge("SHAREHOLDER_OF", NodeRef("Person", "person:王建国|3205**********1234"),
             NodeRef("Company", HENGDA), {"stake": 0.8}, ["doc1@r1"]),
    ]
    return nodes, edges


def test_write_then_read_round_trips_properties_sources_and_load_time(store):
    nodes, edges = small_graph()
    stats = store.write(nodes, edges)
    assert (stats.nodes_created, stats.edges_created) == (4, 3)
    got = store.get(NodeRef("Company", HENGDA))
    assert got.props == {"name": "苏州恒达服饰有限公司", "uscc": HENGDA,
                         "former_names": ["苏州恒达服装厂"]}
    assert got.sources == ["doc1@r1"]
    assert got.loaded_at == "2026-01-01T00:00:00+00:00"
    tm = store.get(NodeRef("Trademark", "TM12345678"))
    assert tm.props["nice_class"] == 25 and tm.loaded_at is None
    stake = [e for e in store.incident(NodeRef("Company", HENGDA)) if e.type == "SHAREHOLDER_OF"]
    assert stake[0].props == {"stake": 0.8}


def test_missing_node_reads_as_none(store):
    assert store.get(NodeRef("Company", "nope")) is None
    assert store.incident(NodeRef("Company", "nope")) == []


def test_writing_the_same_records_twice_changes_nothing(store):
    nodes, edges = small_graph()
    store.write(nodes, edges)
    before = store.counts()
    again = store.write(*small_graph())
    assert again.writes == 0
    assert (again.nodes_unchanged, again.edges_unchanged) == (4, 3)
    assert store.counts() == before


def test_a_new_source_for_a_known_fact_is_added_and_first_load_time_kept(store):
    store.write([company(HENGDA, "苏州恒达服饰有限公司")])
    later = company(HENGDA, "苏州恒达服饰有限公司", sources=("doc9@r4",))
    later.loaded_at = "2027-05-05T00:00:00+00:00"
    stats = store.write([later])
    assert stats.nodes_changed == 1
    got = store.get(NodeRef("Company", HENGDA))
    assert got.sources == ["doc1@r1", "doc9@r4"]
    assert got.loaded_at == "2026-01-01T00:00:00+00:00"


def test_new_property_values_update_and_absent_ones_are_kept(store):
    store.write([company(HENGDA, "苏州恒达服饰有限公司", address="苏州市虎丘区金山路88号")])
    store.write([company(HENGDA, "苏州恒达服饰有限公司", status="吊销", address=None)])
    got = store.get(NodeRef("Company", HENGDA))
    assert got.props["status"] == "吊销"
    assert got.props["address"] == "苏州市虎丘区金山路88号"


def test_edge_to_a_missing_node_is_refused_and_nothing_of_the_call_lands(store):
    with pytest.raises(StoreError, match="LEGAL_REP_OF"):
        store.write([company(HENGDA, "苏州恒达服饰有限公司")],
                    [rep("person:nobody", HENGDA)])
    assert store.get(NodeRef("Company", HENGDA)) is None


def test_schema_refuses_unknown_labels_and_wrong_edge_ends(store):
    with pytest.raises(SchemaError):
        store.write([Node("Spaceship", "x")])
    store.write([company(HENGDA, "苏州恒达服饰有限公司")])
    with pytest.raises(SchemaError, match="LEGAL_REP_OF"):
        store.write([], [Edge("LEGAL_REP_OF", NodeRef("Company", HENGDA),
                               NodeRef("Company", HENGDA))])


def test_search_finds_by_part_of_a_chinese_name_former_name_and_identifier(store):
    store.write(*small_graph())
    by_part = [n.id for n in store.search("恒达")]
    assert by_part[0] == HENGDA
    assert HENGDA in [n.id for n in store.search("恒达服装厂")]  # former name
    assert [n.id for n in store.search(HENGDA)][0] == HENGDA
    assert [n.id for n in store.search(HENGDA.lower())][0] == HENGDA
    assert [n.id for n in store.search("12345678")] == ["TM12345678"]
    both = {n.id for n in store.search("苏州")}
    assert {HENGDA, "91320505MA27QW8T13"} <= both
    assert store.search("南京") == []
    assert store.search("") == []


def test_search_treats_query_syntax_as_plain_text(store):
    store.write(*small_graph())
    for hostile in ['"', "恒达) OR (", "*", "name:苏州", "%", "_", "\\", "' MATCH (n) DETACH DELETE n //"]:
        store.search(hostile)  # must not raise
    assert store.counts()["Company"] == 2


def test_search_respects_the_limit(store):
    store.write([company(f"id{i:03d}", f"苏州第{i}服饰有限公司") for i in range(30)])
    assert len(store.search("服饰", limit=7)) == 7


def test_incident_and_neighbourhood_follow_edges_both_ways(store):
    store.write(*small_graph())
    ref = NodeRef("Company", HENGDA)
    assert {e.type for e in store.incident(ref)} == {"LEGAL_REP_OF", "SHAREHOLDER_OF"}
    one = store.neighbourhood(ref, depth=1)
    assert {n.id for n in one.nodes} == {HENGDA, "person:王建国|3205**********1234"}
    two = store.neighbourhood(ref, depth=2)
    assert {n.id for n in two.nodes} == {HENGDA, "person:王建国|3205**********1234",
                                         "91320505MA27QW8T13"}
    assert len(two.edges) == 3
    assert store.neighbourhood(NodeRef("Company", "missing")).nodes == []


def test_nodes_edges_and_counts_list_what_was_written(store):
    store.write(*small_graph())
    assert sorted(n.id for n in store.nodes("Company")) == sorted([HENGDA, "91320505MA27QW8T13"])
    assert len(list(store.edges(["LEGAL_REP_OF"]))) == 2
    assert len(list(store.edges())) == 3
    assert store.counts() == {"Company": 2, "Person": 1, "Trademark": 1,
                              "LEGAL_REP_OF": 2, "SHAREHOLDER_OF": 1}


def test_delete_nodes_keeps_the_named_ones_and_drops_their_edges(store):
    store.write(*small_graph())
    removed = store.delete_nodes("Company", keep={HENGDA})
    assert removed == 1
    assert store.get(NodeRef("Company", "91320505MA27QW8T13")) is None
    assert store.counts()["LEGAL_REP_OF"] == 1


def test_large_batches_are_written_completely(store):
    nodes = [company(f"C{i:05d}", f"公司{i}") for i in range(12000)]
    people = [person(f"P{i:05d}", f"人{i}") for i in range(12000)]
    edges = [rep(f"P{i:05d}", f"C{i:05d}") for i in range(12000)]
    stats = store.write(nodes + people, edges)
    assert (stats.nodes_created, stats.edges_created) == (24000, 12000)
    assert store.counts() == {"Company": 12000, "Person": 12000, "LEGAL_REP_OF": 12000}


def test_neighbourhood_skips_hidden_labels_and_reports_truncation(store):
    nodes, edges = small_graph()
    store.write(nodes, edges)
    ref = NodeRef("Company", HENGDA)
    hidden = store.neighbourhood(ref, depth=2, skip_labels=frozenset({"Person"}))
    assert [n.id for n in hidden.nodes] == [HENGDA]  # the shell is only reached through 王建国
    capped = store.neighbourhood(ref, depth=2, limit=2)
    assert len(capped.nodes) == 2 and capped.truncated
    assert not store.neighbourhood(ref, depth=2).truncated


# bulk writes: the same final graph as ``write``, without the comparison ---------------------
def test_a_bulk_write_leaves_exactly_what_a_normal_write_would(store):
    nodes, edges = small_graph()
    stats = store.write_bulk(nodes, edges)
    assert (stats.nodes_merged, stats.edges_merged) == (4, 3)
    assert stats.writes == 7
    again = store.write(*small_graph())  # compares with what the bulk write left: nothing differs
    assert again.writes == 0 and (again.nodes_unchanged, again.edges_unchanged) == (4, 3)
    got = store.get(NodeRef("Company", HENGDA))
    assert got.sources == ["doc1@r1"] and got.loaded_at == "2026-01-01T00:00:00+00:00"
    assert [n.id for n in store.search("恒达服装厂")][0] == HENGDA  # former name searchable
    assert [n.id for n in store.search(HENGDA.lower())][0] == HENGDA
    assert [n.id for n in store.search("12345678")] == ["TM12345678"]


def test_a_bulk_write_folds_repeats_in_order_and_merges_into_stored_facts(store):
    store.write([company(HENGDA, "苏州恒达服饰有限公司", address="苏州市虎丘区金山路88号")])
    first = company(HENGDA, "苏州恒达服饰有限公司", sources=("doc9@r4",), status="存续")
    first.loaded_at = "2027-05-05T00:00:00+00:00"
    second = company(HENGDA, "苏州恒达服饰有限公司", sources=("doc8@r1",), status="吊销", address="")
    rep_twice = [rep("person:王建国|3205**********1234", HENGDA, "doc8@r2"),
                 rep("person:王建国|3205**********1234", HENGDA, "doc8@r1")]
    stats = store.write_bulk([first, person("person:王建国|3205**********1234", "王建国"), second],
                             rep_twice)
    assert (stats.nodes_merged, stats.edges_merged) == (2, 1)
    got = store.get(NodeRef("Company", HENGDA))
    assert got.props["status"] == "吊销"  # the later value wins
    assert got.props["address"] == "苏州市虎丘区金山路88号"  # an empty value never erases
    assert got.sources == ["doc1@r1", "doc8@r1", "doc9@r4"]
    assert got.loaded_at == "2026-01-01T00:00:00+00:00"  # the first load stays
    [edge] = store.incident(NodeRef("Person", "person:王建国|3205**********1234"))
    assert edge.sources == ["doc8@r1", "doc8@r2"]


def test_a_bulk_edge_to_a_missing_node_is_refused_and_nothing_of_the_call_lands(store):
    store.write([person("person:王建国|3205**********1234", "王建国")])
    with pytest.raises(StoreError, match="LEGAL_REP_OF"):
        store.write_bulk([company(HENGDA, "苏州恒达服饰有限公司")],
                         [rep("person:王建国|3205**********1234", HENGDA),
                          rep("person:nobody", HENGDA)])
    assert store.get(NodeRef("Company", HENGDA)) is None
    with pytest.raises(SchemaError):
        store.write_bulk([Node("Spaceship", "x")])


def test_large_bulk_writes_are_written_completely(store):
    nodes = [company(f"C{i:05d}", f"公司{i}") for i in range(12000)]
    people = [person(f"P{i:05d}", f"人{i}") for i in range(12000)]
    edges = [rep(f"P{i:05d}", f"C{i:05d}") for i in range(12000)]
    with store.bulk_load():
        stats = store.write_bulk(people + nodes[:6000], edges[:6000])
        stats += store.write_bulk(nodes[::-1] + people[:10], edges)
    assert (stats.nodes_merged, stats.edges_merged) == (18000 + 12010, 18000)
    assert store.counts() == {"Company": 12000, "Person": 12000, "LEGAL_REP_OF": 12000}
