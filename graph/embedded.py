"""The embedded store: one SQLite file on disk, no server, durable across restarts.

SQLite gives transactions and durability from the standard library; traversal for analytics goes
through networkx projections (graph/projection.py) built from ``edges()``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from graph.collapse import collapse
from graph.model import GraphModel
from graph.records import Edge, Node, NodeRef, WriteStats, clean_props, merged_sources
from graph.store import GraphStore
from graph.text import fold
from ipcredit.errors import StoreError

DB_FILE = "graph.sqlite"
CHUNK = 500  # ids per ``IN (…)`` lookup, well under SQLite's limit on variables

_DDL = """
CREATE TABLE IF NOT EXISTS nodes (
  label TEXT NOT NULL, id TEXT NOT NULL, props TEXT NOT NULL, sources TEXT NOT NULL,
  loaded_at TEXT, PRIMARY KEY (label, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (
  type TEXT NOT NULL, s_label TEXT NOT NULL, s_id TEXT NOT NULL, e_label TEXT NOT NULL,
  e_id TEXT NOT NULL, props TEXT NOT NULL, sources TEXT NOT NULL, loaded_at TEXT,
  PRIMARY KEY (type, s_label, s_id, e_label, e_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_by_end ON edges (e_label, e_id);
CREATE INDEX IF NOT EXISTS edges_by_start ON edges (s_label, s_id);
CREATE TABLE IF NOT EXISTS idents (
  label TEXT NOT NULL, prop TEXT NOT NULL, value TEXT NOT NULL, id TEXT NOT NULL,
  PRIMARY KEY (label, prop, value)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idents_by_value ON idents (value);
CREATE TABLE IF NOT EXISTS names (
  label TEXT NOT NULL, id TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (label, id));
"""


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _dump(value: object) -> str:
    return _ENCODER.encode(value)


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

    @property
    def location(self) -> str:
        return f"embedded:{self.path}"

    def ensure_schema(self) -> None:
        """Tables and indexes are created on open; nothing more is needed."""

    def close(self) -> None:
        self._db.close()

    # writes ----------------------------------------------------------------------------------
    def write(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        stats = WriteStats()
        with self._db:  # one transaction: all or nothing
            for node in nodes:
                self.model.label(node.label)
                self._merge_node(node, stats)
            for edge in edges:
                self.model.check_edge(edge.type, edge.start.label, edge.end.label)
                self._merge_edge(edge, stats)
        return stats

    def _merge_node(self, node: Node, stats: WriteStats) -> None:
        row = self._db.execute(
            "SELECT props, sources FROM nodes WHERE label=? AND id=?", (node.label, node.id)
        ).fetchone()
        props = clean_props(node.props)
        if row is None:
            stats.nodes_created += 1
            new_props, new_sources = props, merged_sources([], node.sources)
            self._db.execute(
                "INSERT INTO nodes VALUES (?,?,?,?,?)",
                (node.label, node.id, _dump(new_props), _dump(new_sources), node.loaded_at),
            )
        else:
            old_props, old_sources = json.loads(row[0]), json.loads(row[1])
            new_props = {**old_props, **props}
            new_sources = merged_sources(old_sources, node.sources)
            if new_props == old_props and new_sources == old_sources:
                stats.nodes_unchanged += 1
                return
            stats.nodes_changed += 1
            self._db.execute(
                "UPDATE nodes SET props=?, sources=? WHERE label=? AND id=?",
                (_dump(new_props), _dump(new_sources), node.label, node.id),
            )
        self._index(node.label, node.id, new_props)

    def _index(self, label: str, node_id: str, props: dict) -> None:
        idents, names = self._index_rows(label, node_id, props)
        self._db.executemany("INSERT OR REPLACE INTO idents VALUES (?,?,?,?)", idents)
        self._db.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?)", names)

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

    def _merge_edge(self, edge: Edge, stats: WriteStats) -> None:
        for end in (edge.start, edge.end):
            if not self._exists(end):
                raise StoreError(
                    f"edge {edge.type} {edge.start} -> {edge.end}: node {end} does not exist"
                )
        key = (edge.type, edge.start.label, edge.start.id, edge.end.label, edge.end.id)
        row = self._db.execute(
            "SELECT props, sources FROM edges WHERE type=? AND s_label=? AND s_id=? "
            "AND e_label=? AND e_id=?", key
        ).fetchone()
        props = clean_props(edge.props)
        if row is None:
            stats.edges_created += 1
            self._db.execute(
                "INSERT INTO edges VALUES (?,?,?,?,?,?,?,?)",
                (*key, _dump(props), _dump(merged_sources([], edge.sources)), edge.loaded_at),
            )
            return
        old_props, old_sources = json.loads(row[0]), json.loads(row[1])
        new_props = {**old_props, **props}
        new_sources = merged_sources(old_sources, edge.sources)
        if new_props == old_props and new_sources == old_sources:
            stats.edges_unchanged += 1
            return
        stats.edges_changed += 1
        self._db.execute(
            "UPDATE edges SET props=?, sources=? WHERE type=? AND s_label=? AND s_id=? "
            "AND e_label=? AND e_id=?",
            (_dump(new_props), _dump(new_sources), *key),
        )

    # bulk writes -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """No fsync while bulk writing, then a checkpoint folds the log into the file.

        A killed process loses nothing committed (WAL); only an operating-system crash or power
        loss during the load could cost the last transactions, which a re-run then redoes.
        """
        self._db.execute("PRAGMA synchronous=OFF")
        try:
            yield
        finally:
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def write_bulk(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        """The merge of ``write`` with one lookup per chunk of keys and one statement per table."""
        nodes, edges = collapse(nodes), collapse(edges)
        for node in nodes:
            self.model.label(node.label)
        for edge in edges:
            self.model.check_edge(edge.type, edge.start.label, edge.end.label)
        with self._db:
            self._bulk_nodes(nodes)
            self._bulk_edges(edges, {(node.label, node.id) for node in nodes})
        return WriteStats(nodes_merged=len(nodes), edges_merged=len(edges))

    def _bulk_nodes(self, nodes: list[Node]) -> None:
        stored = self._stored_nodes([(node.label, node.id) for node in nodes])
        inserts, updates, idents, names = [], [], [], []
        for node in nodes:
            old = stored.get((node.label, node.id))
            if old is None:
                props = node.props
                inserts.append((node.label, node.id, _dump(props), _dump(node.sources),
                                node.loaded_at))
            else:
                old_props, old_sources = json.loads(old[0]), json.loads(old[1])
                props = {**old_props, **node.props}
                sources = merged_sources(old_sources, node.sources)
                if props == old_props and sources == old_sources:
                    continue
                updates.append((_dump(props), _dump(sources), node.label, node.id))
            more_idents, more_names = self._index_rows(node.label, node.id, props)
            idents += more_idents
            names += more_names
        self._db.executemany("INSERT INTO nodes VALUES (?,?,?,?,?)", inserts)
        self._db.executemany("UPDATE nodes SET props=?, sources=? WHERE label=? AND id=?", updates)
        self._db.executemany("INSERT OR REPLACE INTO idents VALUES (?,?,?,?)", idents)
        self._db.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?)", names)

    def _stored_nodes(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
        """(props, sources) as stored, of those of the (label, id) ``keys`` that exist."""
        by_label: dict[str, list[str]] = defaultdict(list)
        for label, node_id in keys:
            by_label[label].append(node_id)
        found: dict[tuple[str, str], tuple[str, str]] = {}
        for label, ids in by_label.items():
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                rows = self._db.execute(
                    f"SELECT id, props, sources FROM nodes WHERE label=? AND id IN "
                    f"({','.join('?' * len(chunk))})", (label, *chunk))
                found.update(((label, node_id), (props, sources))
                             for node_id, props, sources in rows)
        return found

    def _bulk_edges(self, edges: list[Edge], written: set[tuple[str, str]]) -> None:
        outside = {(end.label, end.id) for edge in edges for end in (edge.start, edge.end)} - written
        present = self._stored_nodes(outside).keys() if outside else set()
        for edge in edges:
            for end in (edge.start, edge.end):
                if (end.label, end.id) in outside and (end.label, end.id) not in present:
                    raise StoreError(
                        f"edge {edge.type} {edge.start} -> {edge.end}: node {end} does not exist")
        stored = self._stored_edges(edges)
        inserts, updates = [], []
        for edge in edges:
            key = (edge.type, edge.start.label, edge.start.id, edge.end.label, edge.end.id)
            old = stored.get(key)
            if old is None:
                inserts.append((*key, _dump(edge.props), _dump(edge.sources), edge.loaded_at))
                continue
            old_props, old_sources = json.loads(old[0]), json.loads(old[1])
            props = {**old_props, **edge.props}
            sources = merged_sources(old_sources, edge.sources)
            if props != old_props or sources != old_sources:
                updates.append((_dump(props), _dump(sources), *key))
        self._db.executemany("INSERT INTO edges VALUES (?,?,?,?,?,?,?,?)", inserts)
        self._db.executemany(
            "UPDATE edges SET props=?, sources=? WHERE type=? AND s_label=? AND s_id=? "
            "AND e_label=? AND e_id=?", updates)

    def _stored_edges(self, edges: list[Edge]) -> dict[tuple, tuple[str, str]]:
        """(props, sources) as stored of those of ``edges`` that exist, by their table key."""
        groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        wanted = set()
        for edge in edges:
            groups[(edge.type, edge.start.label, edge.end.label)].add(edge.start.id)
            wanted.add((edge.type, edge.start.label, edge.start.id, edge.end.label, edge.end.id))
        found: dict[tuple, tuple[str, str]] = {}
        for (rel, s_label, e_label), starts in groups.items():
            ids = sorted(starts)
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start:start + CHUNK]
                rows = self._db.execute(
                    f"SELECT s_id, e_id, props, sources FROM edges WHERE type=? AND s_label=? "
                    f"AND s_id IN ({','.join('?' * len(chunk))}) AND e_label=?",
                    (rel, s_label, *chunk, e_label))
                for s_id, e_id, props, sources in rows:
                    key = (rel, s_label, s_id, e_label, e_id)
                    if key in wanted:
                        found[key] = (props, sources)
        return found

    def _exists(self, ref: NodeRef) -> bool:
        return self._db.execute(
            "SELECT 1 FROM nodes WHERE label=? AND id=?", (ref.label, ref.id)
        ).fetchone() is not None

    def delete_nodes(self, label: str, keep: set[str] | None = None) -> int:
        keep = keep or set()
        doomed = [
            node_id for (node_id,) in self._db.execute("SELECT id FROM nodes WHERE label=?", (label,))
            if node_id not in keep
        ]
        with self._db:
            for node_id in doomed:
                self._db.execute("DELETE FROM nodes WHERE label=? AND id=?", (label, node_id))
                self._db.execute("DELETE FROM edges WHERE s_label=? AND s_id=?", (label, node_id))
                self._db.execute("DELETE FROM edges WHERE e_label=? AND e_id=?", (label, node_id))
                self._db.execute("DELETE FROM idents WHERE label=? AND id=?", (label, node_id))
                self._db.execute("DELETE FROM names WHERE label=? AND id=?", (label, node_id))
        return len(doomed)

    # reads -----------------------------------------------------------------------------------
    @staticmethod
    def _node(row: tuple) -> Node:
        label, node_id, props, sources, loaded_at = row
        return Node(label, node_id, json.loads(props), json.loads(sources), loaded_at)

    @staticmethod
    def _edge(row: tuple) -> Edge:
        rel, s_label, s_id, e_label, e_id, props, sources, loaded_at = row
        return Edge(rel, NodeRef(s_label, s_id), NodeRef(e_label, e_id), json.loads(props),
                    json.loads(sources), loaded_at)

    def get(self, ref: NodeRef) -> Node | None:
        row = self._db.execute(
            "SELECT * FROM nodes WHERE label=? AND id=?", (ref.label, ref.id)
        ).fetchone()
        return self._node(row) if row else None

    def nodes(self, label: str) -> Iterator[Node]:
        rows = self._db.execute("SELECT * FROM nodes WHERE label=? ORDER BY id", (label,))
        for row in rows.fetchall():
            yield self._node(row)

    def edges(self, types: Sequence[str] | None = None) -> Iterator[Edge]:
        if types is None:
            rows = self._db.execute("SELECT * FROM edges").fetchall()
        else:
            rows = []
            for rel in types:
                rows.extend(self._db.execute("SELECT * FROM edges WHERE type=?", (rel,)).fetchall())
        for row in rows:
            yield self._edge(row)

    def incident(self, ref: NodeRef) -> list[Edge]:
        rows = self._db.execute(
            "SELECT * FROM edges WHERE s_label=? AND s_id=? UNION "
            "SELECT * FROM edges WHERE e_label=? AND e_id=?",
            (ref.label, ref.id, ref.label, ref.id),
        ).fetchall()
        return [self._edge(row) for row in rows]

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
