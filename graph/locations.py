"""A store from where it lives, as ``--store`` spells it (``GraphStore.location`` gives it back).

The detection workers open the store this way in their own processes: a store's connection
cannot cross a process boundary, its location can.
"""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from ipcredit.errors import ConfigError

NEO4J_SCHEMES = ("bolt://", "neo4j://", "bolt+s://", "neo4j+s://")


def open_store(spec: str) -> GraphStore:
    """``embedded:PATH`` opens (or creates) an embedded store; ``bolt://…`` connects to Neo4j."""
    if spec.startswith("embedded:"):
        from graph.embedded import EmbeddedStore

        store: GraphStore = EmbeddedStore(Path(spec.removeprefix("embedded:")).expanduser())
    elif spec.startswith(NEO4J_SCHEMES):
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore(spec)
    else:
        raise ConfigError(f"--store must be embedded:PATH or a bolt:// URI, got {spec!r}")
    store.ensure_schema()
    return store


def reopenable(store: GraphStore) -> bool:
    """Whether ``open_store(store.location)`` gives another connection to this very store: the
    two built-in stores on the default model (a store opened with credentials or another model
    is not re-created from its location alone)."""
    from graph.embedded import EmbeddedStore
    from graph.model import load_model
    from graph.neo4j_store import Neo4jStore

    if type(store) not in (EmbeddedStore, Neo4jStore) or store.model != load_model():
        return False
    return not getattr(store, "authenticated", False)
