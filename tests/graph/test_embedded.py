"""The embedded store is durable: closing and reopening the folder finds everything."""

from __future__ import annotations

from graph.embedded import EmbeddedStore
from graph.records import NodeRef
from tests.graph.test_store_contract import HENGDA, small_graph


def test_a_restart_finds_everything_written_before(tmp_path):
    with EmbeddedStore(tmp_path / "s") as store:
        store.write(*small_graph())
        counts = store.counts()
    with EmbeddedStore(tmp_path / "s") as reopened:
        assert reopened.counts() == counts
        assert reopened.get(NodeRef("Company", HENGDA)).props["name"] == "苏州恒达服饰有限公司"
        assert [n.id for n in reopened.search("恒达")][0] == HENGDA
