"""The offline import leaves exactly the graph the same ``write_bulk`` calls leave through Bolt."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase

from graph.neo4j_import import Neo4jImport, database_exists
from graph.neo4j_server import Neo4jServer
from graph.neo4j_store import Neo4jStore
from graph.records import Edge, Node, NodeRef
from ipcredit.errors import SchemaError, StoreError

HARD = 'He said "hi", then\\left\r\nline two\rthree\n\ttab,  '
USCC = "91320500MA1ABCDE1X"


def calls() -> list[tuple[list[Node], list[Edge]]]:
    """Bulk writes with values that CSV finds hard, and merges across calls."""
    first = [
        Node("Company", USCC, {"name": HARD, "uscc": USCC, "capital": 5, "uscc_valid": True,
                               "former_names": ["甲公司", "乙😀", ""], "region": "3205"},
             ["doc2@r1"], "2025-01-01T00:00:00+00:00"),
        Node("Company", "name:半角,全角", {"name": "半角，全角 ＡＢＣ", "capital": 2.5,
                                          "short_names": [""], "founded": "\u001funit"},
             ["doc1@r2"], None),
        Node("Company", "name:strings", {"name": "'quoted'", "capital": "unknown",
                                         "status": 'a"b"', "scope": "nul\0inside"},
             ["doc1@r3", "doc1@r3"], "2025-01-01T00:00:00+00:00"),
        Node("Person", "person:张三|@" + USCC, {"name": "张三", "id_number_valid": False},
             ["doc2@r1"], "2025-01-01T00:00:00+00:00"),
        Node("Person", "  ", {"name": "blank id", "weird key": 1, "nationality": "中国"},
             ["doc2@r1"], "2025-01-01T00:00:00+00:00"),
        Node("Patent", "202110123456.7", {"number": "202110123456.7", "inventors": ["a", "b"],
                                          "claims": [1, 2.5], "kind": [True, False],
                                          "ipc": [3, -4], "filed": 1e-300, "status": -0.0,
                                          "abstract": 2 ** 62},
             ["doc3@0-10"], "2025-01-01T00:00:00+00:00"),
        Node("Document", "d" * 64, {"sha256": "d" * 64, "complete": True, "title": "t"}, [],
             "2025-01-01T00:00:00+00:00"),
        Node("Trademark", "TM1", {"number": "tm1", "mark": "ABC"}, ["doc4@r1"], "x"),
    ]
    edges = [
        Edge("LEGAL_REP_OF", NodeRef("Person", "person:张三|@" + USCC), NodeRef("Company", USCC),
             {}, ["doc2@r1"], "2025-01-01T00:00:00+00:00"),
        Edge("SHAREHOLDER_OF", NodeRef("Company", "name:半角,全角"), NodeRef("Company", USCC),
             {"stake": 0.5}, ["doc1@r2"], None),
        Edge("SHAREHOLDER_OF", NodeRef("Person", "  "), NodeRef("Company", USCC),
             {"stake": "一半\n"}, ["doc2@r1"], "2025-01-01T00:00:00+00:00"),
        Edge("APPLIED_FOR", NodeRef("Company", USCC), NodeRef("Patent", "202110123456.7"),
             {"roles": ["x", ""]}, ["doc3@0-10"], "2025-01-01T00:00:00+00:00"),
    ]
    second = [
        # the same node again: sources united, first loaded_at kept, None dropped, keys added
        Node("Company", USCC, {"capital": None, "status": "注销", "name": "新名"},
             ["doc1@r1", "doc9@r1"], "2026-01-01T00:00:00+00:00"),
        Node("Company", "name:半角,全角", {"capital": 7}, ["doc1@r2"], "later"),
        Node("Trademark", "TM1", {"number": "TM1"}, ["doc4@r2"], "y"),  # its folded copy goes
        Node("Person", "person:李四|@x", {"name": "李四"}, ["doc5@r1"], "z"),
        Node("Person", "person:李四|@x", {"nationality": ""}, ["doc5@r2"], "zz"),  # same call
    ]
    edges2 = [
        Edge("LEGAL_REP_OF", NodeRef("Person", "person:张三|@" + USCC), NodeRef("Company", USCC),
             {"since": "2020"}, ["doc1@r1"], "2026-01-01T00:00:00+00:00"),
        Edge("SHAREHOLDER_OF", NodeRef("Person", "person:李四|@x"), NodeRef("Company", USCC),
             {"stake": 1}, ["doc5@r1"], "z"),
    ]
    return [(first, edges), (second, edges2)]


def raw(uri: str) -> tuple[list, list, list]:
    """Every node and relationship with all its properties (folded copies too), and the schema."""
    with GraphDatabase.driver(uri, auth=None) as driver:
        nodes = driver.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")[0]
        rels = driver.execute_query(
            "MATCH (a)-[x]->(b) RETURN type(x) AS t, labels(a) AS al, a.id AS a, labels(b) AS bl, "
            "b.id AS b, properties(x) AS p")[0]
        schema = driver.execute_query("SHOW INDEXES YIELD name, type, labelsOrTypes, properties "
                                      "RETURN name, type, labelsOrTypes, properties")[0]
    return (sorted(repr((r["l"], sorted(r["p"].items()))) for r in nodes),
            sorted(repr((r["t"], r["al"], r["a"], r["bl"], r["b"], sorted(r["p"].items())))
                   for r in rels),
            sorted(repr(dict(r)) for r in schema))


def stored(store: Neo4jStore) -> list:
    """The graph as the store reads it back: nodes and edges with sources and loaded_at."""
    nodes = [(n.label, n.id, sorted(n.props.items(), key=repr), n.sources, n.loaded_at)
             for label in store.model.labels for n in store.nodes(label)]
    edges = sorted((e.type, str(e.start), str(e.end), sorted(e.props.items(), key=repr),
                    e.sources, e.loaded_at) for e in store.edges())
    return [sorted(nodes, key=repr), edges]


@pytest.mark.neo4j
def test_an_import_leaves_the_graph_the_same_bulk_writes_leave(neo4j_store, tmp_path):
    for nodes, edges in calls():
        neo4j_store.write_bulk(nodes, edges)
    expected, expected_store = raw(neo4j_store.uri), stored(neo4j_store)
    home = tmp_path / "home"
    target = Neo4jImport(home, partitions=3, workers=2)
    for nodes, edges in calls():
        target.write_bulk(nodes, edges)
    target.import_csv()
    assert target.report.nodes == 9 and target.report.relationships == 5
    assert target.report.set_after >= 4  # [""], U+001F, NUL, the odd key, the empty sources
    with Neo4jServer(home) as server:
        assert server.uri is not None
        target.complete(server.uri)
        assert raw(server.uri) == expected
        with Neo4jStore(server.uri) as store:
            assert stored(store) == expected_store
            company = store.get(NodeRef("Company", USCC))
            assert company is not None and company.props["name"] == "新名"
            assert company.sources == ["doc1@r1", "doc2@r1", "doc9@r1"]
            assert company.loaded_at == "2025-01-01T00:00:00+00:00"
            assert [n.id for n in store.search("半角")] == ["name:半角,全角"]
    assert not (home / "import").exists()


def test_an_existing_database_is_refused_unless_replaced(tmp_path):
    home = tmp_path / "home"
    (home / "data" / "databases" / "neo4j").mkdir(parents=True)
    (home / "data" / "databases" / "neo4j" / "neostore").write_bytes(b"")
    assert database_exists(home)
    with pytest.raises(StoreError, match="already holds a Neo4j database.*--replace"):
        Neo4jImport(home)
    Neo4jImport(home, replace=True).close()


def test_a_dangling_edge_fails_naming_the_edge(tmp_path):
    with Neo4jImport(tmp_path / "home", partitions=4, workers=1) as target:
        target.write_bulk([Node("Company", "c1", {}, ["s"])],
                          [Edge("LEGAL_REP_OF", NodeRef("Person", "p9"), NodeRef("Company", "c1"))])
        with pytest.raises(StoreError, match="edge LEGAL_REP_OF Person:p9 -> Company:c1: node "
                                             "Person:p9 does not exist"):
            target.import_csv()


def test_an_edge_written_before_its_end_node_fails_as_a_bulk_write_would(tmp_path):
    with Neo4jImport(tmp_path / "home", partitions=2, workers=1) as target:
        target.write_bulk([Node("Person", "p1")],
                          [Edge("LEGAL_REP_OF", NodeRef("Person", "p1"), NodeRef("Company", "c1"))])
        target.write_bulk([Node("Company", "c1")])
        with pytest.raises(StoreError, match="Company:c1 does not exist yet"):
            target.import_csv()


@pytest.mark.parametrize("value, message", [([1, "a"], "type list"), (2 ** 64, "64 bits"),
                                            ({"a": 1}, "type dict")])
def test_values_a_property_cannot_hold_are_refused_naming_the_node(tmp_path, value, message):
    with Neo4jImport(tmp_path / "home") as target:
        with pytest.raises(SchemaError, match="reserved"):
            target.write_bulk([Node("Company", "c1", {"sources": "x"})])
        target.write_bulk([Node("Company", "c1", {"capital": value})])
        with pytest.raises(SchemaError, match=f"node Company:c1: .*{message}"):
            target.import_csv()
