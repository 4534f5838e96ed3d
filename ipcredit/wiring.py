"""The composition root: turn a ``--store`` spec into a store, and settings into components."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from ipcredit.errors import ConfigError


def open_store(spec: str) -> GraphStore:
    """``embedded:PATH`` opens (or creates) an embedded store; ``bolt://…`` connects to Neo4j."""
    if spec.startswith("embedded:"):
        from graph.embedded import EmbeddedStore

        store: GraphStore = EmbeddedStore(Path(spec.removeprefix("embedded:")).expanduser())
    elif spec.startswith(("bolt://", "neo4j://", "bolt+s://", "neo4j+s://")):
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore(spec)
    else:
        raise ConfigError(f"--store must be embedded:PATH or a bolt:// URI, got {spec!r}")
    store.ensure_schema()
    return store
