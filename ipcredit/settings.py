"""Settings from ``IPCREDIT_*`` environment variables, with the defaults a single machine needs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

NEO4J_VERSION = "5.26.30"
# A local Neo4j's memory: small enough for tests and a laptop; a first load of a large province
# wants more (IPCREDIT_NEO4J_HEAP=4g IPCREDIT_NEO4J_PAGECACHE=2g), so its stores and indexes stay
# in the page cache and large write transactions cause fewer collections.
NEO4J_HEAP = "1g"
NEO4J_PAGECACHE = "256m"


def cache_dir() -> Path:
    """Where downloaded jars live between runs (``IPCREDIT_CACHE``, else ~/.cache/ipcredit)."""
    base = os.environ.get("IPCREDIT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "ipcredit"
    )
    return Path(base)


@dataclass(frozen=True)
class Settings:
    store: str
    neo4j_version: str = NEO4J_VERSION
    neo4j_heap: str = NEO4J_HEAP
    neo4j_pagecache: str = NEO4J_PAGECACHE
    dashboard_host: str = "127.0.0.1"
    dashboard_port: int = 8050

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            store=os.environ.get("IPCREDIT_STORE") or f"embedded:{Path.cwd() / 'ipcredit-data'}",
            neo4j_version=os.environ.get("IPCREDIT_NEO4J_VERSION", NEO4J_VERSION),
            neo4j_heap=os.environ.get("IPCREDIT_NEO4J_HEAP") or NEO4J_HEAP,
            neo4j_pagecache=os.environ.get("IPCREDIT_NEO4J_PAGECACHE") or NEO4J_PAGECACHE,
            dashboard_host=os.environ.get("IPCREDIT_HOST", "127.0.0.1"),
            dashboard_port=int(os.environ.get("IPCREDIT_PORT", "8050")),
        )
