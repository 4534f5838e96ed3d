"""One scheduled cycle runs every stage; a second changes nothing."""

from __future__ import annotations

from ipcredit.schedule import run_cycle
from tests.snapshot import snapshot


def test_a_cycle_ingests_detects_grades_and_a_second_cycle_changes_nothing(embedded_store,
                                                                          samples_dir):
    first = run_cycle(embedded_store, samples_dir)
    assert first["loaded"] > 0 and first["findings"] > 0 and first["grades"]["D"] >= 1
    assert first["listings_expired"] == 0
    before = snapshot(embedded_store)
    second = run_cycle(embedded_store, samples_dir)
    assert second["loaded"] == 0 and second["findings"] == first["findings"]
    assert snapshot(embedded_store) == before
