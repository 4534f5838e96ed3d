"""Fixtures for tests against a real Neo4j, started once per test session.

A Neo4j that cannot start fails the run: the tests exist to prove the Neo4j path works, so a
skipped run must never look green by accident. ``IPCREDIT_SKIP_NEO4J=1`` skips them on purpose,
and the summary then says so in capitals.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.neo4j_server import Neo4jServer
from graph.neo4j_store import Neo4jStore
from ipcredit.errors import Neo4jUnavailable

__all__ = ["neo4j_server", "neo4j_store", "neo4j_uri", "pytest_terminal_summary"]

SKIP_ENV = "IPCREDIT_SKIP_NEO4J"
SKIP_BANNER = f"NEO4J TESTS SKIPPED ({SKIP_ENV}=1)"
_skipped: list[str] = []


def skip_requested() -> bool:
    return os.environ.get(SKIP_ENV) == "1"


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """One Neo4j for the session, in a temporary home, on a free port."""
    if skip_requested():
        _skipped.append(SKIP_BANNER)
        pytest.skip(f"{SKIP_BANNER}: nothing was checked against a real Neo4j")
    server = Neo4jServer(Path(tmp_path_factory.mktemp("neo4j")), port=0)
    try:
        server.start()
    except Neo4jUnavailable as exc:
        pytest.fail(f"Neo4j could not be started for the tests "
                    f"(set {SKIP_ENV}=1 to skip them on purpose):\n{exc}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_server: Neo4jServer) -> str:
    assert neo4j_server.uri is not None
    return neo4j_server.uri


@pytest.fixture
def neo4j_store(neo4j_uri: str) -> Iterator[Neo4jStore]:
    """An empty database with the model's schema in place."""
    store = Neo4jStore(neo4j_uri)
    store.clear()
    store.ensure_schema()
    yield store
    store.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> Iterator[None]:
    """Make a deliberate skip of the Neo4j tests impossible to overlook.

    A wrapper, so the banner comes after pytest's own summary, right above the final counts.
    """
    try:
        return (yield)
    finally:
        skipped = terminalreporter.stats.get("skipped", [])
        if _skipped or any(SKIP_BANNER in str(getattr(r, "longrepr", "")) for r in skipped):
            terminalreporter.write_sep("!", SKIP_BANNER, red=True, bold=True)
