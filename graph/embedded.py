"""The embedded store: one SQLite file on disk, no server, durable across restarts.

SQLite gives transactions and durability from the standard library; traversal for analytics goes
through networkx projections (graph/projection.py) built from ``edges()``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from sys import intern

import orjson

from graph.model import GraphModel
from graph.records import Edge, Node, NodeRef, WriteStats, clean_props, merged_sources
from graph.store import GraphStore
from graph.text import fold
from ipcredit.errors import StoreError

DB_FILE = "graph.sqlite"
CHUNK = 500  # keys per ``IN (…)`` or ``VALUES`` lookup, well under SQLite's limit on variables
PAGE = 5000  # rows per read of a whole label or relationship type (``nodes``, ``edges``)
# SQLite's page cache during a bulk load (KiB): keys arrive in no order, so each write touches
# pages all over the tables and indexes; with the default 2 MB a large load reads most of them
# back from the file for every chunk.
BULK_CACHE_KIB = 1024 * 1024

_DDL = """
CREATE TABLE IF NOT EXISTS nodes (
  label TEXT NOT NULL, id TEXT NOT NULL, props TEXT NOT NULL, sources TEXT NOT NULL,
  loaded_at TEXT, PRIMARY KEY (label, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (
  type TEXT NOT NULL, s_label TEXT NOT NULL, s_id TEXT NOT NULL, e_label TEXT NOT NULL,
  e_id TEXT NOT NULL, props TEXT NOT NULL, sources TEXT NOT NULL, loaded_at TEXT,
  PRIMARY KEY (type, s_label, s_id, e_label, e_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS idents (
  label TEXT NOT NULL, prop TEXT NOT NULL, value TEXT NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (label, prop, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS names (
  label TEXT NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (label, id));
"""
# Secondary indexes for reads (incident edges, identifier search, deletes by node). Writes never
# use them, so a first load into an empty store drops them and builds each once at the end, in
# one sorted pass, instead of keeping them in order through millions of random inserts. Opening a
# store creates any that are missing (after a first load that was killed, for instance).
_INDEXES = {
    "edges_by_end": "edges (e_label, e_id)",
    "edges_by_start": "edges (s_label, s_id)",
    "idents_by_value": "idents (value)",
    "idents_by_node": "idents (label, id)",
}


# Properties and sources are stored as JSON text, encoded and decoded with orjson: a detection
# run decodes every node and edge of the province and a grading run encodes every grade, several
# times faster than the standard library. Written and stored values are compared decoded.
_decode = orjson.loads


def _dump(value: object) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_SERIALIZE_NUMPY).decode()


def _merge_into(old: tuple[str, str], props: dict, sources: list[str]) -> tuple[dict, list[str]] | None:
    """A write merged into a stored row's (props, sources) text: properties update, sources
    unite. None when the merge changes nothing (the write counts as unchanged)."""
    old_props, old_sources = _decode(old[0]), _decode(old[1])
    new_props = {**old_props, **props}
    new_sources = merged_sources(old_sources, sources)
    if new_props == old_props and new_sources == old_sources:
        return None
    return new_props, new_sources


def _chunks_by_label(refs: Iterable[NodeRef]) -> Iterator[tuple[str, list[str]]]:
    """The distinct ids of ``refs``, label by label, in chunks of at most ``CHUNK``."""
    by_label: dict[str, list[str]] = defaultdict(list)
    for ref in dict.fromkeys(refs):
        by_label[ref.label].append(ref.id)
    for label, ids in by_label.items():
        for start in range(0, len(ids), CHUNK):
            yield label, ids[start:start + CHUNK]


def _marks(values: list[str]) -> str:
    return ",".join("?" * len(values))


class EmbeddedStore(GraphStore):
    """A GraphStore in ``PATH/graph.sqlite``; a restart finds everything written before."""

    def __init__(self, path: Path | str, model: GraphModel | None = None):
        super().__init__(model)
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path / DB_FILE, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_DDL)
        self._create_indexes()

    def _create_indexes(self) -> None:
        with self._db:
            for name, target in _INDEXES.items():
                self._db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")

    def _drop_indexes(self) -> None:
        with self._db:
            for name in _INDEXES:
                self._db.execute(f"DROP INDEX IF EXISTS {name}")

    @property
    def location(self) -> str:
        return f"embedded:{self.path}"

    def ensure_schema(self) -> None:
        """Tables and indexes are created on open; nothing more is needed."""

    def close(self) -> None:
        self._db.close()

    # writes ----------------------------------------------------------------------------------
    def write(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        """Merge item by item in the order given, as one transaction. The stored rows of the call's
        nodes, edges and edge ends are read a chunk of keys at a time, the merges run in memory
        (a key repeated in the call merges with its earlier copy), then one statement per table.

        An edge touching a node this call creates cannot be stored yet: only the others are
        looked up, each by its whole key (so an agency's thousands of stored edges are not read
        to find the few of one call)."""
        nodes, edges = list(nodes), list(edges)
        stats = WriteStats()
        with self._db:  # one transaction: all or nothing
            created = self._merge_nodes(nodes, stats)
            self._merge_edges(edges, {(node.label, node.id) for node in nodes}, created, stats)
        return stats

    def _merge_nodes(self, nodes: list[Node], stats: WriteStats) -> set[tuple[str, str]]:
        """Merge ``nodes``; the keys it created (new to the store)."""
        stored = self._stored_nodes((node.label, node.id) for node in nodes)
        merged: dict[tuple[str, str], tuple[str, str]] = {}  # (props, sources) as they will be stored
        created: dict[tuple[str, str], str | None] = {}  # new keys, with their first load time
        idents: list[tuple] = []
        names: list[tuple] = []
        for node in nodes:
            self.model.label(node.label)
            key = (node.label, node.id)
            old = merged.get(key) or stored.get(key)
            props = clean_props(node.props)
            if old is None:
                stats.nodes_created += 1
                created[key] = node.loaded_at
                new_props, new_sources = props, merged_sources([], node.sources)
            else:
                update = _merge_into(old, props, node.sources)
                if update is None:
                    stats.nodes_unchanged += 1
                    continue
                stats.nodes_changed += 1
                new_props, new_sources = update
            merged[key] = (_dump(new_props), _dump(new_sources))
            more_idents, more_names = self._index_rows(node.label, node.id, new_props)
            idents += more_idents
            names += more_names
        self._db.executemany("INSERT INTO nodes VALUES (?,?,?,?,?)",
                             [(*key, *merged[key], loaded_at) for key, loaded_at in created.items()])
        self._db.executemany("UPDATE nodes SET props=?, sources=? WHERE label=? AND id=?",
                             [(*text, *key) for key, text in merged.items() if key not in created])
        self._db.executemany("INSERT OR REPLACE INTO idents VALUES (?,?,?,?)", idents)
        self._db.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?)", names)
        return set(created)

    def _index_rows(self, label: str, node_id: str, props: dict) -> tuple[list[tuple], list[tuple]]:
        """Rows of the identifier and name search tables for a node's (merged) properties."""
        spec = self.model.label(label)
        idents = [(label, "id", fold(node_id), node_id)]
        for prop in spec.unique:
            if props.get(prop) not in (None, ""):
                idents.append((label, prop, fold(str(props[prop])), node_id))
        texts = []
        for prop in spec.fulltext:
            value = props.get(prop)
            texts.extend(value if isinstance(value, list) else [value] if value else [])
        names = [(label, node_id, "\n".join(fold(str(t)) for t in texts))] if texts else []
        return idents, names

    def _merge_edges(self, edges: list[Edge], written: set[tuple[str, str]],
                     new_nodes: set[tuple[str, str]], stats: WriteStats) -> None:
        """Merge ``edges`` after the call's nodes (``written``, of which ``new_nodes`` are new)."""
        present = self._present(NodeRef(*key) for edge in edges for end in (edge.start, edge.end)
                                if (key := (end.label, end.id)) not in written) | written
        stored = self._stored_edges(
            edge for edge in edges
            if (edge.start.label, edge.start.id) not in new_nodes
            and (edge.end.label, edge.end.id) not in new_nodes)
        merged: dict[tuple, tuple[str, str]] = {}
        created: dict[tuple, str | None] = {}
        for edge in edges:
            self.model.check_edge(edge.type, edge.start.label, edge.end.label)
            for end in (edge.start, edge.end):
                if (end.label, end.id) not in present:
                    raise StoreError(
                        f"edge {edge.type} {edge.start} -> {edge.end}: node {end} does not exist")
            key = (edge.type, edge.start.label, edge.start.id, edge.end.label, edge.end.id)
            old = merged.get(key) or stored.get(key)
            props = clean_props(edge.props)
            if old is None:
                stats.edges_created += 1
                created[key] = edge.loaded_at
                merged[key] = (_dump(props), _dump(merged_sources([], edge.sources)))
                continue
            update = _merge_into(old, props, edge.sources)
            if update is None:
                stats.edges_unchanged += 1
                continue
            stats.edges_changed += 1
            merged[key] = (_dump(update[0]), _dump(update[1]))
        self._db.executemany("INSERT INTO edges VALUES (?,?,?,?,?,?,?,?)",
                             [(*key, *merged[key], loaded_at) for key, loaded_at in created.items()])
        self._db.executemany(
            "UPDATE edges SET props=?, sources=? WHERE type=? AND s_label=? AND s_id=? "
            "AND e_label=? AND e_id=?",
            [(*text, *key) for key, text in merged.items() if key not in created])

    # bulk writes -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """No fsync and a large page cache while bulk writing, then a checkpoint folds the log
        into the file. Into an empty store (a first load), without the read indexes, built once
        at the end (``_INDEXES``).

        A killed process loses nothing committed (WAL); only an operating-system crash or power
        loss during the load could cost the last transactions, which a re-run then redoes.
        """
        self._db.execute("PRAGMA synchronous=OFF")
        cache = self._db.execute("PRAGMA cache_size").fetchone()[0]
        self._db.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB:d}")
        first_load = self._db.execute("SELECT 1 FROM nodes LIMIT 1").fetchone() is None
        if first_load:
            self._drop_indexes()
        try:
            yield
        finally:
            if first_load:
                self._create_indexes()
            self._db.execute(f"PRAGMA cache_size={int(cache):d}")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def write_bulk(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        """``write``'s merge (it already reads stored rows a chunk at a time and writes one
        statement per table); counted as merged, one per distinct key."""
        nodes, edges = list(nodes), list(edges)
        self.write(nodes, edges)
        return WriteStats(nodes_merged=len({(n.label, n.id) for n in nodes}),
                          edges_merged=len({(e.type, e.start, e.end) for e in edges}))

    def _stored_nodes(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
        """(props, sources) as stored, of those of the (label, id) ``keys`` that exist."""
        found: dict[tuple[str, str], tuple[str, str]] = {}
        for label, chunk in _chunks_by_label(NodeRef(*key) for key in keys):
            rows = self._db.execute(f"SELECT id, props, sources FROM nodes WHERE label=? AND id IN "
                                    f"({_marks(chunk)})", (label, *chunk))
            found.update(((label, node_id), (props, sources)) for node_id, props, sources in rows)
        return found

    def _stored_edges(self, edges: Iterable[Edge]) -> dict[tuple, tuple[str, str]]:
        """(props, sources) as stored of those of ``edges`` that exist, by their table key: one
        join of a chunk of keys with the table, each key found by the primary key."""
        keys = list(dict.fromkeys(
            (edge.type, edge.start.label, edge.start.id, edge.end.label, edge.end.id)
            for edge in edges))
        found: dict[tuple, tuple[str, str]] = {}
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start:start + CHUNK]
            rows = self._db.execute(
                f"WITH wanted(type, s_label, s_id, e_label, e_id) AS "
                f"(VALUES {','.join(['(?,?,?,?,?)'] * len(chunk))}) "
                "SELECT e.type, e.s_label, e.s_id, e.e_label, e.e_id, e.props, e.sources "
                "FROM wanted w CROSS JOIN edges e ON e.type = w.type AND e.s_label = w.s_label "
                "AND e.s_id = w.s_id AND e.e_label = w.e_label AND e.e_id = w.e_id",
                [value for key in chunk for value in key])
            found.update(((*row[:5],), (row[5], row[6])) for row in rows)
        return found

    def _present(self, refs: Iterable[NodeRef]) -> set[tuple[str, str]]:
        """The (label, id) keys of those of ``refs`` that are stored."""
        found: set[tuple[str, str]] = set()
        for label, chunk in _chunks_by_label(refs):
            found.update((label, node_id) for (node_id,) in self._db.execute(
                f"SELECT id FROM nodes WHERE label=? AND id IN ({_marks(chunk)})", (label, *chunk)))
        return found

    def delete_nodes(self, label: str, keep: set[str] | None = None) -> int:
        keep = keep or set()
        doomed = [
            node_id for (node_id,) in self._db.execute("SELECT id FROM nodes WHERE label=?", (label,))
            if node_id not in keep
        ]
        rows = [(label, node_id) for node_id in doomed]
        with self._db:  # every statement served by an index (idents_by_node for the identifiers)
            for statement in ("DELETE FROM nodes WHERE label=? AND id=?",
                              "DELETE FROM edges WHERE s_label=? AND s_id=?",
                              "DELETE FROM edges WHERE e_label=? AND e_id=?",
                              "DELETE FROM idents WHERE label=? AND id=?",
                              "DELETE FROM names WHERE label=? AND id=?"):
                self._db.executemany(statement, rows)
        return len(doomed)

    def delete_edges(self, keys: Iterable[tuple[str, NodeRef, NodeRef]]) -> int:
        """One ``DELETE`` by primary key per edge; the search tables hold nodes only."""
        rows = list(dict.fromkeys(
            (rel, start.label, start.id, end.label, end.id) for rel, start, end in keys))
        for rel, s_label, _, e_label, _ in rows:
            self.model.check_edge(rel, s_label, e_label)
        if not rows:
            return 0
        with self._db:
            cursor = self._db.executemany(
                "DELETE FROM edges WHERE type=? AND s_label=? AND s_id=? AND e_label=? AND e_id=?",
                rows)
        return cursor.rowcount

    # reads -----------------------------------------------------------------------------------
    # Labels, types and load times repeat on every row: one shared string each (``intern``), not
    # a new one per decoded row, keeps a province read into memory several hundred MB smaller.
    @staticmethod
    def _node(row: tuple) -> Node:
        label, node_id, props, sources, loaded_at = row
        return Node(intern(label), node_id, _decode(props), _decode(sources),
                    loaded_at and intern(loaded_at))

    @staticmethod
    def _edge(row: tuple) -> Edge:
        rel, s_label, s_id, e_label, e_id, props, sources, loaded_at = row
        return Edge(intern(rel), NodeRef(intern(s_label), s_id), NodeRef(intern(e_label), e_id),
                    _decode(props), _decode(sources), loaded_at and intern(loaded_at))

    def get(self, ref: NodeRef) -> Node | None:
        row = self._db.execute(
            "SELECT * FROM nodes WHERE label=? AND id=?", (ref.label, ref.id)
        ).fetchone()
        return self._node(row) if row else None

    # A whole label or type is read a page at a time, each page after the last key read: the
    # encoded rows of a million-node label are never all held beside the nodes decoded from them
    # (they were half a detection group's peak memory), and a write between pages cannot make a
    # row come twice or a stored row go missing. Pages come in key order, the order of a plain scan.
    def nodes(self, label: str) -> Iterator[Node]:
        rows = self._db.execute("SELECT * FROM nodes WHERE label=? ORDER BY id LIMIT ?",
                                (label, PAGE)).fetchall()
        while rows:
            yield from map(self._node, rows)
            if len(rows) < PAGE:
                return
            rows = self._db.execute(
                "SELECT * FROM nodes WHERE label=? AND id>? ORDER BY id LIMIT ?",
                (label, rows[-1][1], PAGE)).fetchall()

    def edges(self, types: Sequence[str] | None = None) -> Iterator[Edge]:
        for rel in self._types() if types is None else types:
            yield from self._edges_of(rel)

    def _types(self) -> list[str]:
        """Every relationship type stored, in order: one seek on the key per type."""
        found: list[str] = []
        row = self._db.execute("SELECT type FROM edges ORDER BY type LIMIT 1").fetchone()
        while row:
            found.append(row[0])
            row = self._db.execute("SELECT type FROM edges WHERE type>? ORDER BY type LIMIT 1",
                                   (row[0],)).fetchone()
        return found

    def _edges_of(self, rel: str) -> Iterator[Edge]:
        order = " ORDER BY s_label, s_id, e_label, e_id LIMIT ?"
        rows = self._db.execute("SELECT * FROM edges WHERE type=?" + order, (rel, PAGE)).fetchall()
        while rows:
            yield from map(self._edge, rows)
            if len(rows) < PAGE:
                return
            rows = self._db.execute(
                "SELECT * FROM edges WHERE type=? AND (s_label, s_id, e_label, e_id) > (?, ?, ?, ?)"
                + order, (rel, *rows[-1][1:5], PAGE)).fetchall()

    def incident(self, ref: NodeRef) -> list[Edge]:
        rows = self._db.execute(
            "SELECT * FROM edges WHERE s_label=? AND s_id=? UNION "
            "SELECT * FROM edges WHERE e_label=? AND e_id=?",
            (ref.label, ref.id, ref.label, ref.id),
        ).fetchall()
        return [self._edge(row) for row in rows]

    def get_many(self, refs: Iterable[NodeRef]) -> dict[NodeRef, Node]:
        """One ``IN (…)`` query per label and chunk of ids, served by the primary key."""
        found: dict[NodeRef, Node] = {}
        for label, chunk in _chunks_by_label(refs):
            rows = self._db.execute(f"SELECT * FROM nodes WHERE label=? AND id IN ({_marks(chunk)})",
                                    (label, *chunk)).fetchall()
            for row in rows:
                node = self._node(row)
                found[node.ref] = node
        return found

    def incident_many(self, refs: Iterable[NodeRef],
                      types: Iterable[str] | None = None) -> dict[NodeRef, list[Edge]]:
        """Two ``IN (…)`` queries per label and chunk of ids, one on each end's index (whose keys
        include the type, so ``types`` narrow the search); the second leaves out self-loops,
        which the first already found."""
        found: dict[NodeRef, list[Edge]] = {ref: [] for ref in refs}
        kinds = None if types is None else sorted(set(types))
        if kinds == []:
            return found
        only = "" if kinds is None else f" AND type IN ({_marks(kinds)})"
        for label, chunk in _chunks_by_label(found):
            marks = _marks(chunk)
            for row in self._db.execute(
                    f"SELECT * FROM edges WHERE s_label=? AND s_id IN ({marks}){only}",
                    (label, *chunk, *(kinds or ()))).fetchall():
                edge = self._edge(row)
                found[edge.start].append(edge)
            for row in self._db.execute(
                    f"SELECT * FROM edges WHERE e_label=? AND e_id IN ({marks}){only} "
                    "AND NOT (s_label = e_label AND s_id = e_id)",
                    (label, *chunk, *(kinds or ()))).fetchall():
                edge = self._edge(row)
                found[edge.end].append(edge)
        return found

    def search(self, text: str, limit: int = 20) -> list[Node]:
        query = fold(text)
        if not query:
            return []
        found: dict[NodeRef, None] = {}
        for label, node_id in self._db.execute(
            "SELECT label, id FROM idents WHERE value=? ORDER BY label, id", (query,)
        ):
            found[NodeRef(label, node_id)] = None
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        for label, node_id in self._db.execute(
            "SELECT label, id FROM names WHERE text LIKE ? ESCAPE '\\' "
            "ORDER BY length(text), label, id LIMIT ?", (pattern, limit),
        ):
            found.setdefault(NodeRef(label, node_id), None)
        refs = list(found)[:limit]
        return [node for node in (self.get(ref) for ref in refs) if node is not None]

    def counts(self) -> dict[str, int]:
        result = dict(self._db.execute("SELECT label, count(*) FROM nodes GROUP BY label"))
        result.update(self._db.execute("SELECT type, count(*) FROM edges GROUP BY type"))
        return result
