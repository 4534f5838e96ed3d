"""The sample province after the real pipeline, copied into the store under test."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console

from graph.records import Edge, Node
from ipcredit.demo import run_demo


def demo_records(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Node], list[Edge]]:
    """The sample province after ingest, detect and grade, as records to copy into either store."""
    _, store = run_demo(tmp_path_factory.mktemp("demo"), date(2026, 11, 25), Console(quiet=True))
    labels = store.model.labels
    graph = ([n for label in labels for n in store.nodes(label)], list(store.edges()))
    store.close()
    return graph


@pytest.fixture(scope="module")
def demo_graph(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Node], list[Edge]]:
    """Built once per test module (the pipeline run is the slow part)."""
    return demo_records(tmp_path_factory)


@pytest.fixture
def graph(store, demo_graph):
    """The store under test holding the sample province."""
    store.write(*demo_graph)
    return store
