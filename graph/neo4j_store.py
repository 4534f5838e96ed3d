"""The Neo4j store: the same GraphStore contract as the embedded store, over a Bolt server.

Label, relationship and property names in the Cypher text come only from the model (and are
checked against it first); every value travels as a query parameter. Writes are batched
``UNWIND`` statements inside one transaction per ``write()`` call, so a refused call leaves no
trace, exactly like the embedded store.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import graph as neo4j_graph
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable

from graph.collapse import collapse
from graph.model import KEY, GraphModel
from graph.records import Edge, Node, NodeRef, WriteStats, clean_props
from graph.snapshot import collector_paused
from graph.store import GraphStore
from graph.text import fold
from ipcredit.errors import Neo4jUnavailable, SchemaError, StoreError

BATCH = 5000
BULK_BATCH = 10000  # rows per statement of a bulk write
FULLTEXT_INDEX = "ipcredit_names"
# Folded copies of identifiers (``_fold_id``, ``_fold_uscc``...) let search match them the way
# the embedded store does (case, width and spaces ignored) through an ordinary index. They exist
# only where folding changes the value (e.g. upper-case USCCs), which keeps bulk writes cheap.
FOLD = "_fold_"
RESERVED = {KEY, "sources", "loaded_at"}
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_SPACE_NEAR_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
Item = TypeVar("Item", Node, Edge)
# Property-name tuples already checked against the reserved names (bounded: a model has few).
ACCEPTED_NAMES_MAX = 4096
_ACCEPTED_NAMES: set[tuple[str, ...]] = set()

# Sources stay a sorted set: insert each new one in place (the stored list is already sorted).
_MERGE_SOURCES = (
    "reduce(acc = coalesce({v}.sources, []), s IN r.sources | CASE WHEN s IN acc THEN acc "
    "ELSE [x IN acc WHERE x < s] + [s] + [x IN acc WHERE x > s] END)"
)
_TALLY = """
WITH before, properties({v}) AS after
RETURN sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN before <> after THEN 1 ELSE 0 END) AS changed,
       sum(CASE WHEN before = after THEN 1 ELSE 0 END) AS unchanged
"""
_NODE_MERGE = """
UNWIND $rows AS r
OPTIONAL MATCH (old:`{label}` {{id: r.id}})
WITH r, properties(old) AS before
MERGE (n:`{label}` {{id: r.id}})
ON CREATE SET n.loaded_at = r.loaded_at
SET n += r.props
SET n.sources = {sources}
""" + _TALLY.format(v="n")
_EDGE_MERGE = """
UNWIND $rows AS r
MATCH (a:`{start}` {{id: r.s}})
MATCH (b:`{end}` {{id: r.e}})
OPTIONAL MATCH (a)-[old:`{type}`]->(b)
WITH a, b, r, properties(old) AS before
MERGE (a)-[x:`{type}`]->(b)
ON CREATE SET x.loaded_at = r.loaded_at
SET x += r.props
SET x.sources = {sources}
""" + _TALLY.format(v="x")
# Bulk writes send each key once and skip the before/after comparison. One lookup finds which
# of the call's nodes and edge ends are stored (an end neither stored nor in the call refuses
# the call before anything is written); new nodes are CREATEd, stored ones updated, and edges
# with an end created by the call CREATEd too (they cannot exist yet), the others MERGEd. Nodes
# are then addressed by element id, which is cheaper than another index seek for every edge.
_BULK_EXISTING = """
UNWIND $ids AS id
MATCH (n:`{label}` {{id: id}})
RETURN collect(n.id) AS ids, collect(elementId(n)) AS eids
"""
_BULK_NODE_CREATE = """
UNWIND $rows AS r
CREATE (n:`{label}` {{id: r.id}})
SET n += r.props, n.sources = r.sources, n.loaded_at = r.loaded_at
RETURN collect(n.id) AS ids, collect(elementId(n)) AS eids
"""
_BULK_NODE_UPDATE = """
UNWIND $rows AS r
MATCH (n) WHERE elementId(n) = r.eid
SET n.sources = {sources}
SET n += r.props
RETURN count(*) AS written
"""
_BULK_EDGE_CREATE = """
UNWIND $rows AS r
MATCH (a) WHERE elementId(a) = r.s
MATCH (b) WHERE elementId(b) = r.e
CREATE (a)-[x:`{type}`]->(b)
SET x += r.props, x.sources = r.sources, x.loaded_at = r.loaded_at
RETURN count(*) AS written
"""
_BULK_EDGE = """
UNWIND $rows AS r
MATCH (a) WHERE elementId(a) = r.s
MATCH (b) WHERE elementId(b) = r.e
MERGE (a)-[x:`{type}`]->(b)
ON CREATE SET x.loaded_at = r.loaded_at, x.sources = r.sources
ON MATCH SET x.sources = {sources}
SET x += r.props
RETURN count(*) AS written
"""
_MISSING = """
UNWIND $ids AS id
OPTIONAL MATCH (n:`{label}` {{id: id}})
WITH id WHERE n IS NULL
RETURN collect(id) AS missing
"""
_EDGE_DELETE = """
UNWIND $rows AS r
MATCH (:`{start}` {{id: r.s}})-[x:`{type}`]->(:`{end}` {{id: r.e}})
DELETE x
RETURN count(*) AS deleted
"""
_EDGE_RETURN = ("RETURN type(x) AS type, labels(a) AS sl, a.id AS sid, labels(b) AS el, "
                "b.id AS eid, properties(x) AS props")


def lucene_phrase(text: str) -> str:
    """User text as one quoted Lucene phrase: operators and field syntax lose their meaning."""
    text = _SPACE_NEAR_CJK.sub("", " ".join(unicodedata.normalize("NFKC", text).split()))
    return '"' + _LUCENE_SPECIAL.sub(r"\\\1", text) + '"'


class _Rows(list):
    """Statement rows with a short ``repr``: the driver formats every RUN's parameters for its
    debug log even when that log is off, which cost as much as encoding them."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield _Rows(rows[start:start + BATCH])


def _rounds(keyed: Iterable[tuple[Any, dict[str, Any]]]) -> list[dict[Any, list[dict]]]:
    """Group rows so that each round holds a key at most once, in input order.

    A record repeated within one call is then merged after its earlier copy, and counted the
    way a one-by-one write would count it.
    """
    rounds: list[dict[Any, list[dict]]] = []
    seen: dict[Any, int] = defaultdict(int)
    for (group, key), row in keyed:
        index = seen[key]
        seen[key] += 1
        if index == len(rounds):
            rounds.append(defaultdict(list))
        rounds[index][group].append(row)
    return rounds


def _merge_rounds(tx: ManagedTransaction, rounds: list[dict[Any, list[dict]]],
                  cypher_for: Callable[[Any], str]) -> tuple[int, int, int]:
    """Run the merge statement of each group batch by batch; sum created/changed/unchanged."""
    totals = [0, 0, 0]
    for groups in rounds:
        for group, rows in groups.items():
            cypher = cypher_for(group)
            for batch in _batches(rows):
                record = tx.run(cypher, rows=batch).single(strict=True)
                for i, key in enumerate(("created", "changed", "unchanged")):
                    totals[i] += record[key]
    return totals[0], totals[1], totals[2]


def _checked_props(props: dict[str, Any], item: Node | Edge) -> dict[str, Any]:
    """``clean_props`` (a copy), refusing the store's own names; the item names a refusal.

    Bulk rows are built for millions of items, so the common case is tested in C: no falsy
    value (else the exact ``clean_props``), a tuple of names already accepted (a few distinct
    ones per label); the error text is only formatted for a refusal.
    """
    props = dict(props) if all(props.values()) else clean_props(props)
    names = tuple(props)
    if names not in _ACCEPTED_NAMES:
        bad = [k for k in names if k in RESERVED or k.startswith(FOLD)]
        if bad:
            what = f"node {item.ref}" if isinstance(item, Node) else \
                f"edge {item.type} {item.start} -> {item.end}"
            raise SchemaError(f"{what}: property name {bad[0]!r} is reserved by the store")
        if len(_ACCEPTED_NAMES) < ACCEPTED_NAMES_MAX:
            _ACCEPTED_NAMES.add(names)
    return props


def _fold(value: str) -> str:
    """``graph.text.fold``; ASCII text skips NFKC, which leaves every ASCII character as it is."""
    return "".join(value.lower().split()) if value.isascii() else fold(value)


def _sources(sources: list[str]) -> list[str]:
    return list(sources) if len(sources) < 2 else sorted(set(sources))


def node_row(model: GraphModel, node: Node) -> dict[str, Any]:
    """What a node write sends: id, props (with folded identifier copies), sources, loaded_at.

    A ``None`` in props removes the key (``SET n += r.props``); rows are shared with the offline
    import (``graph.neo4j_import``), which must leave the same properties.
    """
    props = _checked_props(node.props, node)
    for prop in (KEY, *model.label(node.label).unique):
        value = node.id if prop == KEY else props.get(prop)
        if value is not None:
            # Stored only where folding changes the value; null clears a stale copy.
            folded = _fold(str(value))
            props[FOLD + prop] = folded if folded != value else None
    return {"id": node.id, "props": props, "sources": _sources(node.sources),
            "loaded_at": node.loaded_at}


def edge_row(edge: Edge) -> dict[str, Any]:
    """What an edge write sends: end ids, props, sources, loaded_at (see ``node_row``)."""
    return {"s": edge.start.id, "e": edge.end.id, "props": _checked_props(edge.props, edge),
            "sources": _sources(edge.sources), "loaded_at": edge.loaded_at}


_NODE_KEY = attrgetter("label", "id")
_EDGE_KEY = attrgetter("type", "start", "end")


def _distinct(items: list[Item], key: Callable[[Item], Hashable]) -> list[Item]:
    """Each key once: the items of a repeated key folded by ``graph.collapse``, the others as
    they are (their rows are cleaned anyway), which spares copying every item of a large call."""
    if len(set(map(key, items))) == len(items):
        return items
    counts = Counter(map(key, items))
    return [item for item in items if counts[key(item)] == 1] + \
        collapse(item for item in items if counts[key(item)] > 1)


class _BulkWrite:
    """One ``write_bulk`` call as a transaction function: one lookup, then pipelined writes.

    Rows are built statement by statement, just before each is sent, so the client's work on
    one statement overlaps the server's on the previous one (``tx.run`` returns once the server
    has accepted a statement; results are read later).
    """

    def __init__(self, model: GraphModel, nodes: list[Node], edges: list[Edge]):
        self.model = model
        self.nodes: dict[str, list[Node]] = defaultdict(list)
        for node in nodes:
            self.nodes[node.label].append(node)
        self.edges: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
        for edge in edges:
            self.edges[(edge.type, edge.start.label, edge.end.label)].append(edge)

    def run(self, tx: ManagedTransaction) -> None:
        stored = self._stored(tx)
        self._refuse_dangling(stored)
        creations, checks = [], []
        for cypher, rows, label in self._node_statements(stored):
            result = tx.run(cypher, rows=rows)
            if label is None:
                checks.append((result, len(rows), "nodes"))
            else:
                creations.append((label, result))
        located = dict(stored)
        for label, result in creations:  # the edges need the element ids of the new nodes
            record = result.single(strict=True)
            located.update(zip(((label, node_id) for node_id in record["ids"]), record["eids"],
                               strict=True))
        created = located.keys() - stored.keys()
        for cypher, rows, rel in self._edge_statements(located, created):
            checks.append((tx.run(cypher, rows=rows), len(rows), f"{rel} edges"))
        for result, given, what in checks:
            written = result.single(strict=True)["written"]
            if written != given:  # only if a node went away under this transaction
                raise StoreError(f"{what}: {given} given, {written} written")

    def _stored(self, tx: ManagedTransaction) -> dict[tuple[str, str], str]:
        """The element id of each of the call's nodes and edge ends that is stored."""
        ids: dict[str, dict[str, None]] = defaultdict(dict)
        for label, group in self.nodes.items():
            ids[label].update(dict.fromkeys(node.id for node in group))
        for (_, start, end), group in self.edges.items():
            ids[start].update(dict.fromkeys(edge.start.id for edge in group))
            ids[end].update(dict.fromkeys(edge.end.id for edge in group))
        checks = [(label, tx.run(_BULK_EXISTING.format(label=label), ids=_Rows(chunk)))
                  for label, wanted in ids.items() for chunk in _chunks(list(wanted))]
        stored: dict[tuple[str, str], str] = {}
        for label, result in checks:
            record = result.single(strict=True)
            stored.update(zip(((label, node_id) for node_id in record["ids"]), record["eids"],
                              strict=True))
        return stored

    def _refuse_dangling(self, stored: dict[tuple[str, str], str]) -> None:
        """An edge end neither stored nor written by the call refuses it, naming the edge."""
        for (_, start, end), group in self.edges.items():
            starts = {node.id for node in self.nodes.get(start, ())}
            ends = starts if end == start else {node.id for node in self.nodes.get(end, ())}
            for edge in group:
                for ref, written in ((edge.start, starts), (edge.end, ends)):
                    if ref not in stored and ref.id not in written:
                        raise StoreError(f"edge {edge.type} {edge.start} -> {edge.end}: "
                                         f"node {ref} does not exist")

    def _node_statements(self, stored: dict[tuple[str, str], str]
                         ) -> Iterator[tuple[str, _Rows, str | None]]:
        """(cypher, rows, label of created nodes or None for updates), built one at a time."""
        sources = _MERGE_SOURCES.format(v="n")
        for label, group in self.nodes.items():
            fresh = [node for node in group if (label, node.id) not in stored]
            for chunk in _chunks(fresh):
                yield (_BULK_NODE_CREATE.format(label=label),
                       _Rows(node_row(self.model, node) for node in chunk), label)
            known = [node for node in group if (label, node.id) in stored] if fresh else group
            for chunk in _chunks(known):
                rows = _Rows(node_row(self.model, node) for node in chunk)
                for row, node in zip(rows, chunk, strict=True):
                    row["eid"] = stored[(label, node.id)]
                yield _BULK_NODE_UPDATE.format(sources=sources), rows, None

    def _edge_statements(self, located: dict[tuple[str, str], str],
                         created: set[tuple[str, str]]) -> Iterator[tuple[str, _Rows, str]]:
        """(cypher, rows, type): CREATE where an end was created by the call, else MERGE."""
        sources = _MERGE_SOURCES.format(v="x")
        for (rel, _, _), group in self.edges.items():
            fresh, known = _edges_to_new_nodes(group, created)
            for cypher, part in ((_BULK_EDGE_CREATE, fresh), (_BULK_EDGE, known)):
                text = cypher.format(type=rel, sources=sources)
                for chunk in _chunks(part):
                    rows = _Rows(map(edge_row, chunk))
                    for row, edge in zip(rows, chunk, strict=True):
                        row["s"], row["e"] = located[edge.start], located[edge.end]
                    yield text, rows, rel


def _edges_to_new_nodes(edges: list[Edge], created: set[tuple[str, str]]
                        ) -> tuple[list[Edge], list[Edge]]:
    """(edges with an end created by the call: they cannot exist yet, the others)."""
    fresh: list[Edge] = []
    known: list[Edge] = []
    for edge in edges:
        (fresh if edge.start in created or edge.end in created else known).append(edge)
    return fresh, known


def _chunks(items: list[Item]) -> Iterator[list[Item]]:
    for start in range(0, len(items), BULK_BATCH):
        yield items[start:start + BULK_BATCH]


def _refuse_dangling(tx: ManagedTransaction, edges: list[Edge], refs: list[NodeRef]) -> None:
    """Check edge ends not written by this call before anything is written."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for ref in refs:
        by_label[ref.label].append(ref.id)
    missing: set[NodeRef] = set()
    for label, ids in by_label.items():
        for start in range(0, len(ids), BATCH):
            record = tx.run(_MISSING.format(label=label),
                            ids=ids[start:start + BATCH]).single(strict=True)
            missing.update(NodeRef(label, node_id) for node_id in record["missing"])
    for edge in edges:
        for end in (edge.start, edge.end):
            if end in missing:
                raise StoreError(
                    f"edge {edge.type} {edge.start} -> {edge.end}: node {end} does not exist"
                )


class Neo4jStore(GraphStore):
    """A GraphStore on a Neo4j server reached over ``bolt://`` (auth off unless given)."""

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str = "neo4j", model: GraphModel | None = None):
        super().__init__(model)
        self.uri = uri
        self.database = database
        self.authenticated = bool(user)  # then not re-opened from its location alone
        auth = (user, password or "") if user else None
        try:
            self._driver: Driver = GraphDatabase.driver(
                uri, auth=auth, notifications_min_severity="OFF"
            )
            self._driver.verify_connectivity()
        except (ServiceUnavailable, OSError) as exc:
            raise Neo4jUnavailable(f"cannot reach Neo4j at {uri}: {exc}") from exc
        except (DriverError, Neo4jError, ValueError) as exc:
            raise Neo4jUnavailable(f"cannot connect to Neo4j at {uri}: {exc}") from exc

    @property
    def location(self) -> str:
        return self.uri

    def close(self) -> None:
        self._driver.close()

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver and server errors become the platform's StoreError family."""
        try:
            yield
        except ServiceUnavailable as exc:
            raise Neo4jUnavailable(f"Neo4j at {self.uri} is unreachable while {doing}: "
                                   f"{exc}") from exc
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"Neo4j failed while {doing}: {exc}") from exc

    def _query(self, cypher: str, doing: str, **params: Any) -> list[dict[str, Any]]:
        with self._errors(doing):
            records, _, _ = self._driver.execute_query(cypher, params, database_=self.database)
        return [dict(record.items()) for record in records]

    def _stream(self, cypher: str, doing: str, **params: Any) -> Iterator[dict[str, Any]]:
        with self._errors(doing), self._driver.session(database=self.database) as session:
            for record in session.run(cypher, params):
                yield dict(record.items())

    # schema ----------------------------------------------------------------------------------
    def _schema_statements(self) -> dict[str, str]:
        """Named DDL per schema object; the names let a repeated call skip existing ones."""
        statements = {}
        for label, spec in self.model.labels.items():
            for prop in (KEY, *spec.unique):
                name = f"ipcredit_{label}_{prop}"
                statements[name] = (f"CREATE CONSTRAINT `{name}` IF NOT EXISTS "
                                    f"FOR (n:`{label}`) REQUIRE n.`{prop}` IS UNIQUE")
                name = f"ipcredit_{label}_{FOLD}{prop}"
                statements[name] = (f"CREATE INDEX `{name}` IF NOT EXISTS "
                                    f"FOR (n:`{label}`) ON (n.`{FOLD}{prop}`)")
        return statements

    def _fulltext_statement(self) -> tuple[str, list[str], list[str]]:
        fulltext = self.model.fulltext_properties()
        labels = list(fulltext)
        props = list(dict.fromkeys(p for ps in fulltext.values() for p in ps))
        statement = (
            f"CREATE FULLTEXT INDEX `{FULLTEXT_INDEX}` IF NOT EXISTS "
            f"FOR (n:{'|'.join(f'`{label}`' for label in labels)}) "
            f"ON EACH [{', '.join(f'n.`{p}`' for p in props)}] "
            "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
        )
        return statement, labels, props

    def ensure_schema(self) -> None:
        """Constraints, folded-identifier indexes and the cjk full-text index, then wait for them.

        A full-text index left over from a different model is dropped and rebuilt.
        """
        statements = self._schema_statements()
        statements[FULLTEXT_INDEX], labels, props = self._fulltext_statement()
        indexes = {row["name"]: row for row in self._query(
            "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options "
            "RETURN name, type, labelsOrTypes, properties, options", "reading the schema")}
        old = indexes.get(FULLTEXT_INDEX)
        if old and (
            sorted(old["labelsOrTypes"]) != sorted(labels)
            or sorted(old["properties"]) != sorted(props)
            or old["options"]["indexConfig"].get("fulltext.analyzer") != "cjk"
        ):
            self._query(f"DROP INDEX `{FULLTEXT_INDEX}`", "dropping the old full-text index")
            del indexes[FULLTEXT_INDEX]
        for name, cypher in statements.items():
            if name not in indexes:  # a constraint's backing index carries its name
                self._query(cypher, f"creating {name}")
        self._query("CALL db.awaitIndexes(600)", "waiting for indexes to come online")

    def clear(self) -> None:
        """Delete every node and relationship; constraints and indexes stay."""
        with self._errors("clearing the database"), \
                self._driver.session(database=self.database) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } "
                        "IN TRANSACTIONS OF 10000 ROWS").consume()

    # writes ----------------------------------------------------------------------------------
    def write(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        nodes, edges = list(nodes), list(edges)
        for node in nodes:
            self.model.label(node.label)
        for edge in edges:
            self.model.check_edge(edge.type, edge.start.label, edge.end.label)
        node_rounds = _rounds(((n.label, n.ref), node_row(self.model, n)) for n in nodes)
        edge_rounds = _rounds((((e.type, e.start.label, e.end.label), e.key), edge_row(e))
                              for e in edges)
        written = {node.ref for node in nodes}
        outside = list(dict.fromkeys(ref for e in edges for ref in (e.start, e.end)
                                     if ref not in written))
        if not nodes and not edges:
            return WriteStats()

        def node_cypher(label: str) -> str:
            return _NODE_MERGE.format(label=label, sources=_MERGE_SOURCES.format(v="n"))

        def edge_cypher(group: tuple[str, str, str]) -> str:
            rel, start, end = group
            return _EDGE_MERGE.format(type=rel, start=start, end=end,
                                      sources=_MERGE_SOURCES.format(v="x"))

        def work(tx: ManagedTransaction) -> WriteStats:
            _refuse_dangling(tx, edges, outside)
            return WriteStats(*_merge_rounds(tx, node_rounds, node_cypher),
                              *_merge_rounds(tx, edge_rounds, edge_cypher))

        with self._errors("writing"), self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    def write_bulk(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        """Large ``UNWIND`` batches per label and relationship type, no comparison, one transaction.

        One lookup finds which of the call's nodes and edge ends are stored; an edge end neither
        stored nor written by the call refuses the whole call before anything is written. New
        nodes and their edges are ``CREATE``d (cheaper than ``MERGE`` for the server), the rest
        merged; each statement is sent while the server still runs the previous one.
        """
        nodes = _distinct(list(nodes), _NODE_KEY)
        edges = _distinct(list(edges), _EDGE_KEY)
        for node in nodes:
            self.model.label(node.label)
        for edge in edges:
            self.model.check_edge(edge.type, edge.start.label, edge.end.label)
        if nodes or edges:
            with self._errors("bulk writing"), collector_paused(), \
                    self._driver.session(database=self.database) as session:
                session.execute_write(_BulkWrite(self.model, nodes, edges).run)
        return WriteStats(nodes_merged=len(nodes), edges_merged=len(edges))

    def delete_nodes(self, label: str, keep: set[str] | None = None) -> int:
        if label not in self.model.labels:
            return 0
        keep = keep or set()
        ids = [row["id"] for row in self._query(f"MATCH (n:`{label}`) RETURN n.id AS id",
                                                f"listing {label} nodes")]
        doomed = [node_id for node_id in ids if node_id not in keep]
        cypher = f"UNWIND $ids AS id MATCH (n:`{label}` {{id: id}}) DETACH DELETE n"

        def work(tx: ManagedTransaction) -> None:
            for start in range(0, len(doomed), BATCH):
                tx.run(cypher, ids=doomed[start:start + BATCH]).consume()

        if doomed:
            with self._errors(f"deleting {label} nodes"), \
                    self._driver.session(database=self.database) as session:
                session.execute_write(work)
        return len(doomed)

    def delete_edges(self, keys: Iterable[tuple[str, NodeRef, NodeRef]]) -> int:
        """Batched ``UNWIND … MATCH … DELETE`` per (type, start label, end label), one transaction."""
        groups: dict[tuple[str, str, str], dict[tuple[str, str], None]] = defaultdict(dict)
        for rel, start, end in keys:
            self.model.check_edge(rel, start.label, end.label)  # checked before formatted in
            groups[(rel, start.label, end.label)][(start.id, end.id)] = None

        def work(tx: ManagedTransaction) -> int:
            deleted = 0
            for (rel, start_label, end_label), pairs in groups.items():
                cypher = _EDGE_DELETE.format(type=rel, start=start_label, end=end_label)
                rows = [{"s": s, "e": e} for s, e in pairs]
                for batch in _batches(rows):
                    deleted += tx.run(cypher, rows=batch).single(strict=True)["deleted"]
            return deleted

        if not groups:
            return 0
        with self._errors("deleting edges"), self._driver.session(database=self.database) as session:
            return session.execute_write(work)

    # reads -----------------------------------------------------------------------------------
    def _label_of(self, labels: Iterable[str]) -> str:
        return next((label for label in labels if label in self.model.labels), next(iter(labels)))

    def _node(self, n: neo4j_graph.Node) -> Node:
        data = dict(n)
        node_id = data.pop(KEY)
        sources = list(data.pop("sources", None) or [])
        loaded_at = data.pop("loaded_at", None)
        props = {k: v for k, v in data.items() if not k.startswith(FOLD)}
        return Node(self._label_of(n.labels), node_id, props, sources, loaded_at)

    def _edge(self, row: dict[str, Any]) -> Edge:
        props = dict(row["props"])
        sources = list(props.pop("sources", None) or [])
        loaded_at = props.pop("loaded_at", None)
        return Edge(row["type"], NodeRef(self._label_of(row["sl"]), row["sid"]),
                    NodeRef(self._label_of(row["el"]), row["eid"]), props, sources, loaded_at)

    def get(self, ref: NodeRef) -> Node | None:
        if ref.label not in self.model.labels:
            return None
        with self._errors(f"reading {ref}"):
            records, _, _ = self._driver.execute_query(
                f"MATCH (n:`{ref.label}` {{id: $id}}) RETURN n", {"id": ref.id},
                database_=self.database)
        return self._node(records[0]["n"]) if records else None

    def nodes(self, label: str) -> Iterator[Node]:
        if label not in self.model.labels:
            return
        with self._errors(f"reading {label} nodes"), \
                self._driver.session(database=self.database) as session:
            for record in session.run(f"MATCH (n:`{label}`) RETURN n ORDER BY n.id"):
                yield self._node(record["n"])

    def edges(self, types: Sequence[str] | None = None) -> Iterator[Edge]:
        wanted = list(self.model.relationships) if types is None else list(types)
        for rel in dict.fromkeys(wanted):
            if rel not in self.model.relationships:
                continue
            for row in self._stream(f"MATCH (a)-[x:`{rel}`]->(b) {_EDGE_RETURN}",
                                    f"reading {rel} edges"):
                yield self._edge(row)

    def incident(self, ref: NodeRef) -> list[Edge]:
        if ref.label not in self.model.labels:
            return []
        rows = self._query(
            f"MATCH (:`{ref.label}` {{id: $id}})-[x]-() WITH DISTINCT x "
            f"WITH x, startNode(x) AS a, endNode(x) AS b {_EDGE_RETURN}",
            f"reading edges of {ref}", id=ref.id)
        return [self._edge(row) for row in rows]

    def _by_label(self, refs: Iterable[NodeRef]) -> Iterator[tuple[str, list[str]]]:
        """The distinct ids of ``refs`` of labels the model knows, label by label, in batches."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for ref in dict.fromkeys(refs):
            if ref.label in self.model.labels:
                by_label[ref.label].append(ref.id)
        for label, ids in by_label.items():
            for start in range(0, len(ids), BATCH):
                yield label, ids[start:start + BATCH]

    def get_many(self, refs: Iterable[NodeRef]) -> dict[NodeRef, Node]:
        """One ``UNWIND $ids`` lookup per label and batch of ids, through the id constraint."""
        found: dict[NodeRef, Node] = {}
        for label, ids in self._by_label(refs):
            for row in self._query(f"UNWIND $ids AS id MATCH (n:`{label}` {{id: id}}) RETURN n",
                                   f"reading {label} nodes", ids=ids):
                node = self._node(row["n"])
                found[node.ref] = node
        return found

    def incident_many(self, refs: Iterable[NodeRef],
                      types: Iterable[str] | None = None) -> dict[NodeRef, list[Edge]]:
        """One ``UNWIND $ids`` query per label and batch of ids; each node's edges are distinct,
        so a self-loop (matched from both of its ends) is listed once. ``types`` (those the
        model knows) go into the pattern."""
        found: dict[NodeRef, list[Edge]] = {ref: [] for ref in refs}
        kinds = "" if types is None else "|".join(
            f"`{t}`" for t in sorted(set(types)) if t in self.model.relationships)
        if types is not None and not kinds:
            return found
        for label, ids in self._by_label(found):
            rows = self._query(
                f"UNWIND $ids AS id MATCH (:`{label}` {{id: id}})-[x{':' + kinds if kinds else ''}]-() "
                f"WITH DISTINCT id, x "
                f"WITH id, x, startNode(x) AS a, endNode(x) AS b {_EDGE_RETURN}, id AS of",
                f"reading edges of {label} nodes", ids=ids)
            for row in rows:
                found[NodeRef(label, row["of"])].append(self._edge(row))
        return found

    def search(self, text: str, limit: int = 20) -> list[Node]:
        """Identifier matches (folded, index-backed), then full-text, then a CONTAINS scan.

        The cjk analyzer indexes character pairs, so a phrase of two or more Chinese characters
        is fully answered by the index; shorter or Latin fragments also need the scan.
        """
        folded = fold(text)
        if not folded or limit <= 0:
            return []
        found: dict[NodeRef, Node] = {}

        def add(records: Iterable[dict[str, Any]]) -> None:
            for record in records:
                node = self._node(record["n"])
                found.setdefault(node.ref, node)

        add(sorted(self._identifier_matches(folded), key=lambda r: (
            self._label_of(r["n"].labels), r["n"][KEY])))
        fulltext_ok = True
        if len(found) < limit:
            try:
                add(self._query(
                    "CALL db.index.fulltext.queryNodes($index, $q, {limit: $k}) "
                    "YIELD node, score RETURN node AS n ORDER BY score DESC, n.id",
                    "searching names", index=FULLTEXT_INDEX, q=lucene_phrase(text),
                    k=limit + len(found)))
            except StoreError:
                fulltext_ok = False
        complete = fulltext_ok and len(folded) >= 2 and _CJK.fullmatch(folded) is not None
        if len(found) < limit and not complete:
            add(self._contains_matches(text, limit + len(found)))
        return list(found.values())[:limit]

    def _identifier_matches(self, folded: str) -> list[dict[str, Any]]:
        parts = [f"MATCH (n:`{label}`) WHERE n.`{prop}` = $v OR n.`{FOLD}{prop}` = $v RETURN n"
                 for label, props in self.model.identifier_properties().items()
                 for prop in props]
        return self._query(f"CALL {{ {' UNION '.join(parts)} }} RETURN n",
                           "searching identifiers", v=folded)

    def _contains_matches(self, text: str, limit: int) -> list[dict[str, Any]]:
        needle = " ".join(unicodedata.normalize("NFKC", text).lower().split())
        parts = []
        for label, props in self.model.fulltext_properties().items():
            names = ", ".join(f"n.`{p}`" for p in props)
            parts.append(
                f"MATCH (n:`{label}`) "
                f"WITH n, [v IN reduce(acc = [], value IN [{names}] | acc + CASE "
                f"WHEN value IS NULL THEN [] WHEN value IS :: LIST<ANY> THEN value "
                f"ELSE [value] END) WHERE toLower(toString(v)) CONTAINS $needle | "
                f"size(toString(v))] AS hits WHERE size(hits) > 0 "
                f"RETURN n, reduce(m = hits[0], h IN hits | CASE WHEN h < m THEN h ELSE m END) "
                f"AS length")
        return self._query(
            f"CALL {{ {' UNION '.join(parts)} }} RETURN n ORDER BY length, n.id LIMIT $k",
            "searching names", needle=needle, k=limit)

    def counts(self) -> dict[str, int]:
        parts = [f"MATCH (n:`{label}`) RETURN '{label}' AS k, count(n) AS c"
                 for label in self.model.labels]
        parts += [f"MATCH ()-[x:`{rel}`]->() RETURN '{rel}' AS k, count(x) AS c"
                  for rel in self.model.relationships]
        rows = self._query(" UNION ALL ".join(parts), "counting")
        return {row["k"]: row["c"] for row in rows if row["c"]}
