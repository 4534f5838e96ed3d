"""What the trademark side plants: near-copies that are what they claim, filers who look like
squatters, litigants who sue shops and lose, and look-alikes that do not."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin

from ingest.synthetic.marks import traditional
from ingest.synthetic.province import generate

AS_OF = "2025-06-30"


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def tm_province(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tm")
    generate(out, 3000, seed=11)
    return out


def _rows(out: Path) -> dict[str, dict]:
    with (out / "inbox" / "trademarks.csv").open(encoding="utf-8") as handle:
        rows = {row["number"]: row for row in csv.DictReader(handle)}
    from ingest.readers.route import read_file, route

    for path in sorted((out / "inbox").glob("trademarks-*.xml")):
        data = path.read_bytes()
        rows.update({r.data["number"]: r.data for r in read_file(path, data, route(path, data))})
    return rows


def _companies(out: Path) -> dict[str, dict]:
    return {c["uscc"]: c for c in lines(out / "inbox" / "companies.jsonl")}


def test_every_copy_is_the_variation_it_claims_of_an_earlier_mark_of_someone_else(tm_province):
    filers = lines(tm_province / "truth" / "bad_faith_filers.jsonl")
    famous = {r["number"] for r in csv.DictReader(
        (tm_province / "inbox" / "well_known_marks.csv").open(encoding="utf-8"))}
    rows = _rows(tm_province)
    assert len(filers) >= 8 and len(famous) >= 10
    hows = set()
    for filer in filers:
        copies = [m for m in filer["marks"] if "copy_of" in m]
        assert len(copies) >= 3
        for mark in copies:
            original, text, how = mark["copy_of"], mark["mark"], mark["how"]
            source = original["mark"]
            assert original["owner_uscc"] != filer["uscc"]
            assert original["well_known"] == (original["number"] in famous)
            assert date.fromisoformat(rows[original["number"]]["filed"]) <= (
                date.fromisoformat(mark["filed"]) - timedelta(days=180))
            if not original["well_known"]:
                assert mark["nice_class"] == original["nice_class"]  # a prior mark: its own class
            if how == "same":
                assert text == source and mark["nice_class"] != original["nice_class"]
            elif how == "traditional":
                assert text == traditional(source) != source
            elif how == "added":
                assert source in text and len(text) > len(source)
            else:
                assert how == "homophone" and len(text) == len(source) and text != source
                assert lazy_pinyin(list(text)) == lazy_pinyin(list(source))
            hows.add(how)
    assert hows == {"same", "traditional", "added", "homophone"}


def test_filers_file_in_bursts_over_classes_outside_their_scope_and_sell_soon(tm_province):
    filers = lines(tm_province / "truth" / "bad_faith_filers.jsonl")
    companies = _companies(tm_province)
    for filer in filers:
        span = date.fromisoformat(filer["last_filed"]) - date.fromisoformat(filer["first_filed"])
        assert filer["filings"] >= 12 and span.days <= 420 and len(filer["classes"]) >= 4
        assert companies[filer["uscc"]]["scope"] in ("企业管理咨询、商务信息咨询、市场营销策划",
                                                     "日用百货、服装、电子产品的批发与零售")
    sold = [m for f in filers for m in f["marks"] if m["assignments"]]
    assert len(sold) >= 0.15 * sum(f["filings"] for f in filers)
    assert sum(f["oppositions_lost"] + f["invalidations_lost"] for f in filers) >= len(filers)


def test_events_are_dated_in_order_and_the_status_follows_the_outcome(tm_province):
    rows = _rows(tm_province)
    checked = 0
    for row in rows.values():
        for cell in ("assignments", "oppositions", "invalidations"):
            for item in filter(None, (row.get(cell) or "").split(";")):
                parts = item.split("|")
                on = parts[0]
                assert row["filed"] < on <= AS_OF
                if cell == "assignments":
                    assert row["registered"] and row["registered"] <= on
                elif parts[3] == "成立":
                    assert row["status"] == ("驳回" if cell == "oppositions" else "无效")
                checked += 1
    assert checked > 100


def test_risky_agencies_file_most_bad_faith_marks_and_ordinary_ones_too(tm_province):
    risky = {a["name"] for a in lines(tm_province / "truth" / "risky_agencies.jsonl")}
    marks = [m for f in lines(tm_province / "truth" / "bad_faith_filers.jsonl") for m in f["marks"]]
    by_risky = sum(1 for m in marks if m["agency"] in risky)
    assert by_risky / len(marks) > 0.5
    bad = {m["number"] for m in marks}
    ordinary = [r for n, r in _rows(tm_province).items() if r["agency"] in risky and n not in bad]
    assert ordinary  # they are agencies with ordinary clients as well


def test_litigants_sue_shops_and_mostly_withdraw_or_lose_holders_mostly_win(tm_province):
    companies = _companies(tm_province)
    litigants = lines(tm_province / "truth" / "malicious_litigants.jsonl")
    filers = {f["uscc"]: f for f in lines(tm_province / "truth" / "bad_faith_filers.jsonl")}
    assert len(litigants) >= 2
    cases = [c for lit in litigants for c in lit["cases"]]
    for lit in litigants:
        assert filers[lit["uscc"]]["litigant"] is True  # its marks are bad-faith filings
        assert set(lit["marks"]) <= {m["number"] for m in filers[lit["uscc"]]["marks"] if "copy_of" in m}
    assert all(companies[c["defendant_uscc"]]["legal_form"] == "个体工商户" for c in cases)
    assert all(c["files"] for c in cases)
    failed = sum(1 for c in cases if c["outcome"] in ("withdrawn", "dismissed"))
    assert 0.6 <= failed / len(cases) <= 0.95
    holders = [i for i in lines(tm_province / "truth" / "innocent.jsonl") if i["kind"] == "litigious_holder"]
    won = [c for h in holders for c in h["cases"] if c["established"]]
    assert holders and len(won) / sum(len(h["cases"]) for h in holders) >= 0.5


def test_trade_word_lookalikes_carry_a_well_known_sound_in_their_own_name_and_class(tm_province):
    looks = [i for i in lines(tm_province / "truth" / "innocent.jsonl")
             if i["kind"] == "trade_word_lookalike"]
    assert len(looks) >= 4
    for look in looks:
        word = look["marks"][0]["mark"] if look["marks"] else None
        assert word and word in look["name"]
        assert lazy_pinyin(list(word)) == lazy_pinyin(list(look["resembles"]["mark"]))
        assert all(m["mark"] == word for m in look["marks"])


def test_with_the_trademark_side_off_nothing_of_it_is_planted(tmp_path):
    off = {k: 0 for k in ("well_known", "bad_faith_filers", "malicious_litigants", "litigious_holders",
                          "trade_lookalikes")}
    summary = generate(tmp_path, 500, seed=3, mix=off)
    assert summary["bad_faith_filers"] == summary["risky_agencies"] == summary["malicious_litigants"] == 0
    assert (tmp_path / "inbox" / "well_known_marks.csv").read_text(encoding="utf-8").count("\n") == 1
