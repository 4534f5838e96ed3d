"""A 500-company province through the whole pipeline: ingest, extract, resolve, detect.

The figures are printed (``pytest -s``) and in docs/SYNTHETIC.md; ``python -m
tests.synthetic.scoring`` prints them in full.
"""

from __future__ import annotations

import json

import pytest

from tests.synthetic.conftest import E2E_COMPANIES, E2E_SEED
from tests.synthetic.scoring import (
    build,
    extraction_scores,
    lines,
    repeat_scores,
    resolution_scores,
)

# Look-alikes the pipeline is known to get wrong (docs/SYNTHETIC.md, "What the province found").
KNOWN_DEFECTS_OFF = {"platform_codefendant": 0.0, "rare_phrasing": 0.0, "unresolvable_name": 0.0,
                     "non_ip_penalty": 0.0}


def test_repeat_infringement_findings_match_the_planted_truth(ingested):
    """Precision and recall ≥ 0.9 on the default province.

    Every error must have a planted cause (else the generator or the scoring is wrong); while
    errors caused by the known defects outside ingest/synthetic keep a figure below 0.9, the
    test is reported as an expected failure that names them.
    """
    out, store, as_of, _ = ingested
    scores = repeat_scores(store, out, as_of)
    print(json.dumps(scores, ensure_ascii=False))
    assert scores["truth"] >= 10
    errors = scores["false_positives"] + scores["false_negatives"]
    assert not [e for e in errors if e["cause"].startswith("unexplained")], errors
    if scores["precision"] < 0.9 or scores["recall"] < 0.9:
        causes = sorted({e["cause"] for e in errors})
        pytest.xfail(f"precision {scores['precision']}, recall {scores['recall']}: "
                     + "; ".join(causes))


def test_without_the_known_defect_cases_the_detector_finds_exactly_the_truth(tmp_path):
    store, as_of, _ = build(tmp_path, E2E_COMPANIES, E2E_SEED, KNOWN_DEFECTS_OFF)
    try:
        scores = repeat_scores(store, tmp_path, as_of)
    finally:
        store.close()
    print(json.dumps(scores, ensure_ascii=False))
    assert scores["truth"] >= 10
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9, scores


def test_extraction_reads_the_header_and_the_parties(ingested):
    out, *_ = ingested
    scores = extraction_scores(out)
    print(json.dumps(scores["accuracy"], ensure_ascii=False))
    for field in ("case_no", "court", "judgment_date", "party_names", "decision_no", "fine"):
        assert scores["accuracy"][field] >= 0.95, (field, [m for m in scores["misses"]
                                                           if m["field"] == field][:5])


def test_party_mentions_resolve_to_the_company_they_name(ingested):
    out, store, *_ = ingested
    by_variant = resolution_scores(store, out)
    print(json.dumps(by_variant, ensure_ascii=False))
    resolvable = [v for k, v in by_variant.items() if "no_region (no USCC)" not in k]
    right, total = sum(r for r, _ in resolvable), sum(t for _, t in resolvable)
    assert total > 100 and right / total >= 0.97


def test_ingest_quarantines_exactly_the_records_declared_malformed(ingested):
    out, _, _, report = ingested
    declared = {(m["file"], m["record"]) for m in lines(out / "truth" / "malformed.jsonl")
                if (m["file"], m["defect"]) != ("companies.jsonl", "check")}  # loads, flagged
    quarantined = {(q.file, q.record) for q in report.quarantine}
    assert quarantined == declared
    assert report.records_in == report.loaded + report.quarantined
