"""The whole pipeline gives the same graph, findings and grades on both stores."""

from __future__ import annotations

from datetime import date

from graph.embedded import EmbeddedStore
from ingest.run import run_ingest
from risk.engine import detect, grade
from risk.policy import load_policy
from tests.snapshot import snapshot

AS_OF = date(2026, 11, 25)


def pipeline(store, samples_dir):
    run_ingest(samples_dir, store)
    findings = detect(store, load_policy(), AS_OF)
    grades = grade(store, load_policy(), AS_OF)
    return ({(str(f.entity), f.kind, round(f.score, 4)) for f in findings},
            {(str(g.entity), g.grade, g.score, g.candidate) for g in grades.grades})


def test_both_stores_end_with_the_same_graph_findings_and_grades(store, samples_dir, tmp_path):
    with EmbeddedStore(tmp_path / "reference") as reference:
        expected = pipeline(reference, samples_dir)
        expected_graph = snapshot(reference)
    assert pipeline(store, samples_dir) == expected
    assert snapshot(store) == expected_graph
