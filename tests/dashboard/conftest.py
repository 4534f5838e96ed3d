"""Fixtures for the dashboard tests: a real embedded store holding the factory graph."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from tests.dashboard.graph_factory import populate


@pytest.fixture
def graph_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "store")
    populate(store)
    yield store
    store.close()
