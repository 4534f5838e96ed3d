"""Officers' decision history, trademark rows as XML, rulings as PDF, and the spans of header
fields in the extraction gold."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from ingest.readers import read_file, route
from ingest.synthetic.officers import rule
from ingest.synthetic.province import generate
from nlp.case_numbers import canonical_case_number
from nlp.numerals import parse_cn_date
from tests.synthetic.scoring import PENALTY_FIELDS, RULING_FIELDS, _extracted, lines

NOISE = 0.07


@pytest.fixture(scope="module")
def bigger(tmp_path_factory) -> tuple[Path, dict]:
    """Large enough for a few hundred officer decisions and a dozen PDF rulings."""
    out = tmp_path_factory.mktemp("bigger")
    return out, generate(out, 3000, seed=11, mix={"officer_noise": NOISE})


def _text(path: Path) -> str:
    data = path.read_bytes()
    return next(read_file(path, data, route(path, data))).data


def test_officer_decisions_are_deterministic_and_follow_the_rule_except_the_noise(bigger, tmp_path):
    out, summary = bigger
    decisions = lines(out / "truth" / "officer_decisions.jsonl")
    assert len(decisions) == summary["officer_decisions"] > 200
    again = generate(tmp_path, 3000, seed=11, mix={"officer_noise": NOISE})
    assert again == summary
    assert ((tmp_path / "truth" / "officer_decisions.jsonl").read_bytes()
            == (out / "truth" / "officer_decisions.jsonl").read_bytes())
    as_of = date.fromisoformat(json.loads((out / "truth" / "meta.json").read_text())["as_of"])
    for line in decisions:
        f = line["features"]
        assert date.fromisoformat(line["date"]) < as_of
        assert f["infringements"] == f["own"] + f["via_shells"]
        assert line["listed"] == (rule(f["own"], f["via_shells"]) != line["noise"])
    share = sum(line["noise"] for line in decisions) / len(decisions)
    assert abs(share - NOISE) < 0.05
    assert summary["officer_noise"] == sum(line["noise"] for line in decisions)


def test_candidates_are_repeat_infringers_and_look_alikes(bigger):
    out, _ = bigger
    reviewed = {line["uscc"]: line for line in lines(out / "truth" / "officer_decisions.jsonl")}
    repeat = {line["uscc"] for line in lines(out / "truth" / "repeat_infringers.jsonl")}
    kinds = {line["uscc"]: line["kind"] for line in lines(out / "truth" / "innocent.jsonl")}
    assert repeat <= set(reviewed)
    looked = {kinds[u] for u in reviewed if u in kinds}
    assert {"one_time_loser", "acquitted", "stale_repeat", "future_repeat"} <= looked
    assert set(reviewed) <= repeat | set(kinds)
    clean = [line for line in reviewed.values() if not line["noise"]]
    assert any(line["listed"] for line in clean) and not all(line["listed"] for line in clean)


def test_without_noise_every_decision_follows_the_rule(tmp_path):
    generate(tmp_path, 1000, seed=3, mix={"officer_noise": 0.0})
    decisions = lines(tmp_path / "truth" / "officer_decisions.jsonl")
    assert decisions and not any(line["noise"] for line in decisions)
    assert all(line["listed"] == rule(line["features"]["own"], line["features"]["via_shells"])
               for line in decisions)


def test_some_trademark_rows_are_xml_and_none_is_also_in_the_csv(bigger):
    out, summary = bigger
    inbox = out / "inbox"
    xml_numbers = []
    for path in sorted(inbox.glob("trademarks-*.xml")):
        data = path.read_bytes()
        routed = route(path, data)
        assert routed is not None and routed.format == "xml"
        xml_numbers += [record.data["number"] for record in read_file(path, data, routed)]
    with (inbox / "trademarks.csv").open(encoding="utf-8") as handle:
        csv_numbers = [row["number"] for row in csv.DictReader(handle)]
    assert len(xml_numbers) == summary["trademarks_xml"] > 0
    assert 0.02 < len(xml_numbers) / summary["trademarks"] < 0.09
    assert not set(xml_numbers) & set(csv_numbers)
    assert len(xml_numbers) + len(csv_numbers) == summary["trademarks"]


def test_pdf_rulings_read_back_and_extract_like_the_text_ones(bigger):
    out, summary = bigger
    assert summary["formats"].get("pdf", 0) >= 5
    golds = [g for g in lines(out / "truth" / "extraction_gold.jsonl") if g["file"].endswith(".pdf")]
    assert len(golds) == summary["formats"]["pdf"]
    for gold in golds:
        got = _extracted(_text(out / "inbox" / gold["file"]))
        want = {**gold, "party_names": [p["name"] for p in gold["parties"]],
                "party_roles": [[p["role"], p["qualifier"]] for p in gold["parties"]]}
        for name in RULING_FIELDS if gold["kind"] == "ruling" else PENALTY_FIELDS:
            assert got.get(name) == want[name], (gold["file"], name)
        assert "case_no" in gold["spans"]  # spans into the PDF's text layer


_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "（": "〔", "）": "〕"})


def test_spans_point_at_the_printed_header_fields(province):
    out, _ = province
    checked = 0
    for gold in lines(out / "truth" / "extraction_gold.jsonl"):
        if not gold["file"].endswith(".txt"):
            continue  # other formats: tests/synthetic/test_criminal_and_intent.py
        text = _text(out / "inbox" / gold["file"])
        spans = {k: v for k, v in gold["spans"].items()
                 if k in ("case_no", "court", "judgment_date", "decision_no")}
        expected = {"case_no", "court"} if gold["kind"] == "ruling" else {"decision_no", "judgment_date"}
        assert expected <= set(spans), gold["file"]
        for name, (start, end) in spans.items():
            shown = text[start:end]
            if name == "case_no":
                assert canonical_case_number(shown) == gold["case_no"]
            elif name == "court":
                assert "".join(shown.split()).removeprefix("中华人民共和国") == gold["court"]
            elif name == "judgment_date":
                assert parse_cn_date(shown) == gold["judgment_date"]
            else:
                assert re.sub(r"\s", "", shown).translate(_BRACKETS) == gold["decision_no"]
            checked += 1
    assert checked > 50
