"""The embedded store is durable: closing and reopening the folder finds everything."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

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


def _indexes(store: EmbeddedStore) -> set[str]:
    return {name for (name,) in store._db.execute(
        "SELECT name FROM sqlite_master WHERE type='index' AND name NOT LIKE 'sqlite_%'")}


def test_a_first_bulk_load_builds_the_read_indexes_at_its_end(tmp_path):
    with EmbeddedStore(tmp_path / "s") as store:
        full = _indexes(store)
        assert len(full) == 4
        with store.bulk_load():
            assert _indexes(store) == set()  # an empty store: indexes built once, at the end
            store.write_bulk(*small_graph())
        assert _indexes(store) == full
        plan = store._db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM edges WHERE e_label=? AND e_id=?", ("Company", HENGDA)
        ).fetchall()
        assert "edges_by_end" in str(plan)
        assert [n.id for n in store.search("恒达")][0] == HENGDA
        with store.bulk_load():
            assert _indexes(store) == full  # not a first load: a large store keeps its indexes


KILLED_MIDWAY = """
import os, sys
from graph.embedded import EmbeddedStore
from tests.graph.test_store_contract import small_graph
store = EmbeddedStore(sys.argv[1])
with store.bulk_load():
    store.write_bulk(*small_graph())
    os._exit(0)  # the process dies inside the first load: its indexes are never built
"""


def test_a_first_bulk_load_killed_midway_gets_its_indexes_back_on_reopen(tmp_path):
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", KILLED_MIDWAY, str(tmp_path / "s")], cwd=root, check=True)
    raw = sqlite3.connect(tmp_path / "s" / "graph.sqlite")
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE type='index' "
                       "AND name NOT LIKE 'sqlite_%'").fetchone() == (0,)
    raw.close()
    with EmbeddedStore(tmp_path / "s") as reopened:
        assert len(_indexes(reopened)) == 4
        assert reopened.incident(NodeRef("Company", HENGDA))
