"""The Neo4j launcher wrapper: it starts a reachable server, refuses a shared home, keeps data."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph import neo4j_server
from graph.neo4j_server import Neo4jServer, ensure_jars, start_background, status, stop_background
from graph.neo4j_store import Neo4jStore
from graph.records import Node, NodeRef
from ipcredit.errors import Neo4jUnavailable

pytestmark = pytest.mark.neo4j


def answers(uri: str) -> bool:
    with GraphDatabase.driver(uri, auth=None) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    return records[0]["one"] == 1


def test_the_ready_line_gives_a_reachable_bolt_uri(neo4j_server: Neo4jServer):
    assert neo4j_server.uri is not None
    assert neo4j_server.uri.startswith("bolt://127.0.0.1:")
    assert not neo4j_server.uri.endswith(":0")
    assert answers(neo4j_server.uri)


def test_a_first_load_does_not_keep_days_of_transaction_logs(neo4j_server: Neo4jServer):
    with GraphDatabase.driver(neo4j_server.uri, auth=None) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.listConfig('db.tx_log.rotation.retention_policy') YIELD name, value "
            "RETURN value")
    assert [r["value"] for r in records] == ["1G size"]


def test_a_second_server_on_the_same_home_is_refused_clearly(neo4j_server: Neo4jServer):
    with pytest.raises(Neo4jUnavailable, match="store lock") as refused:
        Neo4jServer(neo4j_server.home).start(timeout=120)
    assert "debug.log" in str(refused.value)
    assert answers(neo4j_server.uri)  # the first one is untouched


def test_data_survives_a_stop_and_start_of_the_same_home(neo4j_uri: str, tmp_path: Path):
    home = tmp_path / "persistent"
    company = Node("Company", "91320505MA1MXK3L5G", {"name": "苏州恒达服饰有限公司"}, ["doc1@r1"])
    with Neo4jServer(home) as server, Neo4jStore(server.uri) as store:
        store.write([company])
    with Neo4jServer(home) as server, Neo4jStore(server.uri) as store:
        got = store.get(company.ref)
    assert got is not None and got.props == company.props and got.sources == ["doc1@r1"]


def test_background_server_starts_once_reports_status_and_stops(neo4j_uri: str, tmp_path: Path):
    home = tmp_path / "dev"
    uri = start_background(home)
    try:
        assert (home / neo4j_server.PID_FILE).exists() and (home / neo4j_server.URI_FILE).exists()
        state = status(home)
        assert state["running"] and state["reachable"] and state["uri"] == uri
        with pytest.raises(Neo4jUnavailable, match="already running"):
            start_background(home)
        with Neo4jStore(uri) as store:
            store.write([Node("Court", "court:苏州市中级人民法院", {"name": "苏州市中级人民法院"})])
    finally:
        assert stop_background(home)
    state = status(home)
    assert not state["running"] and state["pid"] is None and not state["reachable"]
    assert not (home / neo4j_server.PID_FILE).exists()
    assert not stop_background(home)
    assert (home / neo4j_server.LOG_FILE).exists()

    uri = start_background(home)  # the data stays in the home between runs
    try:
        with Neo4jStore(uri) as store:
            assert store.get(NodeRef("Court", "court:苏州市中级人民法院")) is not None
    finally:
        stop_background(home)


def test_missing_tools_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("IPCREDIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(Neo4jUnavailable, match="'java' was not found"):
        ensure_jars("5.26.30")


def test_the_server_memory_comes_from_the_settings_and_a_bad_size_is_refused():
    from ipcredit.settings import Settings

    flags = neo4j_server.server_flags(Settings(store="embedded:x", neo4j_heap="4g",
                                               neo4j_pagecache="2g"))
    assert "-Xmx4g" in flags and "-Dipcredit.pagecache=2g" in flags and "-Xmx1g" not in flags
    default = neo4j_server.server_flags(Settings(store="embedded:x"))
    assert "-Xmx1g" in default and "-Dipcredit.pagecache=256m" in default
    with pytest.raises(Neo4jUnavailable, match="IPCREDIT_NEO4J_PAGECACHE"):
        neo4j_server.server_flags(Settings(store="embedded:x", neo4j_pagecache="2g -Xdebug"))
