"""Published judgments no generator wrote: the header facts and the parties come out of each.

The documents are read from the shared development folder when it is there; the project does
not carry copies of them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nlp.extract import extract_document

REAL = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "judgments"
FILES = sorted(REAL.glob("*.txt")) if REAL.is_dir() else []

pytestmark = pytest.mark.skipif(not FILES, reason=f"no real judgments at {REAL}")


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[str, dict]]:
    out = {}
    for path in FILES:
        raw = path.read_text(encoding="utf-8")
        out[path.name] = (raw, extract_document(raw))
    return out


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_header_date_and_parties(name: str, extracted: dict) -> None:
    raw, result = extracted[name]
    assert result["doc_type"]["kind"] == "ruling"
    assert result["doc_type"]["form"] in ("判决书", "裁定书")
    assert result["case_no"] and result["case_no"].endswith("号")
    assert result["court"] and result["court"].endswith("法院")
    incomplete = any("date is incomplete" in w for w in result["warnings"])
    assert result["judgment_date"] or incomplete
    if result["judgment_date"]:
        assert re.fullmatch(r"(19|20)\d\d-\d\d-\d\d", result["judgment_date"])
        assert int(result["judgment_date"][:4]) - result["case_no_parts"]["year"] in (0, 1, 2)
    assert len(result["parties"]) >= 2
    assert all(p["name"] and len(p["name"]) <= 40 for p in result["parties"])


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_spans_are_in_the_document(name: str, extracted: dict) -> None:
    raw, result = extracted[name]
    court = raw[slice(*result["spans"]["court"])]
    assert "".join(court.split()).endswith(result["court"][-4:])
    for party in result["parties"]:
        start, end = party["span"]
        assert "".join(raw[start:end].split()).find("".join(party["name"].split())[:2]) >= 0


def test_the_only_missing_date_is_a_defective_one(extracted: dict) -> None:
    missing = [name for name, (_, result) in extracted.items() if not result["judgment_date"]]
    assert len(missing) <= 1
    for name in missing:
        raw, result = extracted[name]
        (a, b) = result["spans"]["judgment_date"]
        assert raw[a:b].endswith("月日")  # the published text itself omits the day


def test_both_sides_are_named(extracted: dict) -> None:
    """Each case has someone on the claimant's side and someone on the other side."""
    claimant = re.compile(r"^(原告|上诉人|再审申请人|申请人)$")
    for name, (_, result) in extracted.items():
        roles = [p["role"] for p in result["parties"]]
        assert any(claimant.match(r) for r in roles), name
        assert any(not claimant.match(r) for r in roles), name


def test_outcomes_are_plausible(extracted: dict) -> None:
    for name, (_, result) in extracted.items():
        claimed, awarded = result["damages_claimed"], result["damages_awarded"]
        assert awarded is None or 0 < awarded <= 10_000_000, name
        assert claimed is None or 0 < claimed <= 100_000_000, name
        if awarded is not None:
            assert result["infringement_found"] is True, name
