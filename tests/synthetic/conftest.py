"""Provinces shared by the synthetic tests: generated once per session (they take well under a
second), one small for the file checks and one of 500 companies ingested for the end-to-end ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.synthetic.province import generate
from tests.synthetic.scoring import build

SMALL = 300
E2E_COMPANIES, E2E_SEED = 500, 2026


@pytest.fixture(scope="session")
def province(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("province")
    return out, generate(out, SMALL, seed=7)


@pytest.fixture(scope="session")
def ingested(tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e")
    store, as_of, report = build(out, E2E_COMPANIES, E2E_SEED)
    yield out, store, as_of, report
    store.close()
