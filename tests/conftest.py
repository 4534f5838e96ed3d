"""Shared fixtures: the store contract runs on every backend, each a real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from tests.fixtures_neo4j import *  # noqa: F403  (neo4j_uri, neo4j_store, summary hook)

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "province"


@pytest.fixture
def embedded_store(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "store")
    store.ensure_schema()
    yield store
    store.close()


@pytest.fixture(params=["embedded", "neo4j"])
def store(request):
    """The same test body runs once against each backend."""
    fixture = "embedded_store" if request.param == "embedded" else "neo4j_store"
    if request.param == "neo4j":
        request.applymarker(pytest.mark.neo4j)
    return request.getfixturevalue(fixture)


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES
