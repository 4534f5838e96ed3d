"""The read cache a detect run reads through answers exactly as the store does, on both stores."""

from __future__ import annotations

from graph.records import NodeRef
from graph.snapshot import ReadCache
from tests.graph.test_store_contract import HENGDA, company, small_graph


def _edge_keys(edges) -> list:
    return sorted((e.type, e.start, e.end, tuple(sorted(e.props.items()))) for e in edges)


def test_reads_through_the_cache_equal_the_store(store):
    store.write(*small_graph())
    cache = ReadCache(store)
    assert {n.ref for n in cache.nodes("Company")} == {n.ref for n in store.nodes("Company")}
    ref = NodeRef("Company", HENGDA)
    assert cache.get(ref).props == store.get(ref).props
    assert cache.get(NodeRef("Company", "no-such-id")) is None
    types = ("LEGAL_REP_OF", "SHAREHOLDER_OF")
    assert _edge_keys(cache.edges(types)) == _edge_keys(store.edges(types))
    assert _edge_keys(cache.edges(types)) == _edge_keys(store.edges(types))  # served from memory


def test_a_write_through_the_cache_is_seen_by_the_next_read(store):
    store.write(*small_graph())
    cache = ReadCache(store)
    before = len(list(cache.nodes("Company")))
    cache.write([company("91320505MA1P0AAA0X", "苏州新开商贸有限公司")])
    assert len(list(cache.nodes("Company"))) == before + 1
    assert store.get(NodeRef("Company", "91320505MA1P0AAA0X")) is not None


def test_many_single_gets_of_one_label_stay_correct(store):
    nodes = [company(f"91320505MA1P{i:05d}X", f"苏州测试{i}商贸有限公司") for i in range(100)]
    store.write(nodes)
    cache = ReadCache(store)
    for node in nodes:  # past the threshold the label is read whole; answers must not change
        assert cache.get(node.ref).props["name"] == node.props["name"]
