"""Batched reads (``get_many``, ``incident_many``): the same answers as ``get`` and ``incident``
node by node, on both stores."""

from __future__ import annotations

from graph.records import Edge, Node, NodeRef
from graph.snapshot import ReadCache
from tests.graph.test_store_contract import HENGDA, company, rep, small_graph

WANG = NodeRef("Person", "person:王建国|3205**********1234")
HENGSHENG = NodeRef("Company", "91320505MA27QW8T13")
MARK = NodeRef("Trademark", "TM12345678")
MISSING = NodeRef("Company", "nope")


def edge_set(edges: list[Edge]) -> list[tuple]:
    return sorted((e.type, e.start, e.end, sorted(e.props.items()), e.sources, e.loaded_at)
                  for e in edges)


def test_get_many_returns_the_stored_nodes_as_get_does_and_leaves_out_missing_ones(store):
    store.write(*small_graph())
    refs = [NodeRef("Company", HENGDA), WANG, MARK, MISSING, NodeRef("NoSuchLabel", "x"), WANG]
    got = store.get_many(refs)
    assert set(got) == {NodeRef("Company", HENGDA), WANG, MARK}
    for ref, node in got.items():
        assert node == store.get(ref)
    assert store.get_many([]) == {}


def test_incident_many_lists_each_nodes_edges_as_incident_does(store):
    store.write(*small_graph())
    refs = [NodeRef("Company", HENGDA), HENGSHENG, WANG, MARK, MISSING, NodeRef("NoSuchLabel", "x")]
    got = store.incident_many(refs)
    assert list(got) == refs  # every ref given is a key, in order, with or without edges
    for ref in refs:
        assert edge_set(got[ref]) == edge_set(store.incident(ref))
    assert got[MARK] == [] and got[MISSING] == []
    assert len(got[WANG]) == 3  # an edge between two of the refs is listed at both ends
    assert store.incident_many([]) == {}


def test_incident_many_lists_a_self_loop_once(store):
    store.write([company(HENGDA, "苏州恒达服饰有限公司")],
                [Edge("SUPPLIED_BY", NodeRef("Company", HENGDA), NodeRef("Company", HENGDA),
                      {"date": "2024-01-01"}, ["doc1@r1"])])
    loop = store.incident_many([NodeRef("Company", HENGDA)])[NodeRef("Company", HENGDA)]
    assert edge_set(loop) == edge_set(store.incident(NodeRef("Company", HENGDA)))
    assert len(loop) == 1


def test_batched_reads_of_more_nodes_than_one_query_takes(store):
    """More ids than one ``IN (…)`` chunk of the embedded store; both labels of an edge asked."""
    people = [f"person:p{i:04d}" for i in range(1203)]
    nodes = [company(HENGDA, "苏州恒达服饰有限公司")]
    nodes += [Node("Person", pid, {"name": pid[-4:]}, ["doc1@r1"]) for pid in people]
    store.write(nodes, [rep(pid, HENGDA) for pid in people])
    refs = [NodeRef("Person", pid) for pid in reversed(people)] + [NodeRef("Company", HENGDA)]
    nodes_got = store.get_many(refs)
    assert set(nodes_got) == set(refs)
    assert nodes_got[NodeRef("Person", "person:p0007")].props == {"name": "0007"}
    edges_got = store.incident_many(refs)
    assert all(len(edges_got[NodeRef("Person", pid)]) == 1 for pid in people)
    assert len(edges_got[NodeRef("Company", HENGDA)]) == len(people)
    assert edge_set(edges_got[NodeRef("Company", HENGDA)]) == edge_set(
        store.incident(NodeRef("Company", HENGDA)))


def test_the_read_cache_answers_batched_reads_like_the_store(store):
    store.write(*small_graph())
    cache = ReadCache(store)
    list(cache.nodes("Person"))  # one label held in memory, the others asked of the store
    refs = [NodeRef("Company", HENGDA), WANG, MARK, MISSING]
    assert cache.get_many(refs) == store.get_many(refs)
    assert {r: edge_set(e) for r, e in cache.incident_many(refs).items()} == {
        r: edge_set(e) for r, e in store.incident_many(refs).items()}


def test_incident_many_of_some_types_gives_only_those(store):
    nodes, edges = small_graph()
    store.write(nodes, edges)
    refs = [NodeRef("Company", HENGDA), WANG, MARK, MISSING]
    for types in (["SHAREHOLDER_OF"], ["LEGAL_REP_OF", "SHAREHOLDER_OF", "OWNS"], ["NO_SUCH_TYPE"], []):
        got = store.incident_many(refs, types)
        assert list(got) == refs
        for ref in refs:
            assert edge_set(got[ref]) == edge_set([e for e in store.incident(ref) if e.type in types])
    assert len(store.incident_many([WANG], ("LEGAL_REP_OF",))[WANG]) == 2
