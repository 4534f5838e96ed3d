"""The composition root: turn a ``--store`` spec into a store, and settings into components."""

from __future__ import annotations

from graph.locations import open_store

__all__ = ["open_store"]


