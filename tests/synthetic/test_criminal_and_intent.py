"""Criminal judgments, intent indicators and gold spans in the generated province: documents in
every format parse back to their gold, convictions and stated intent reach the graph, and the
truth agrees with what is ingested."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.records import NodeRef
from ingest.run import run_ingest
from ingest.synthetic.province import generate
from ipcredit.cli_eval import read_document
from nlp.evaluate import evaluate
from nlp.numerals import find_amounts
from risk.engine import detect
from risk.evaluate import truth_sets
from risk.policy import load_policy
from tests.synthetic.scoring import lines

MIX = {"criminal": 0.5, "criminal_staff": 0.01, "intent": 0.6, "intent_rejected": 0.4,
       "html": 0.2, "docx": 0.15, "pdf": 0.1}


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("criminal")
    return out, generate(out, 600, seed=21, mix=MIX)


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_every_field_and_span_of_every_format_reads_back_as_its_gold(rich):
    out, summary = rich
    assert summary["criminal_judgments"] >= 5 and set(summary["formats"]) == {"txt", "html", "docx", "pdf"}
    report = evaluate(out / "inbox", out / "truth" / "extraction_gold.jsonl", read=read_document)
    fields = report.as_dict()["fields"]
    for name in ("charges", "sentences", "illegal_turnover", "intent_indicators", "span.party",
                 "span.damages_awarded", "span.fine", "span.illegal_turnover", "span.case_no"):
        assert fields[name]["tp"] > 0, name
    assert not report.errors
    assert {name: s["f1"] for name, s in fields.items() if s["f1"] < 1.0} == {}


def test_spans_point_at_the_printed_party_and_amount_in_the_text_the_readers_give(rich):
    out, _ = rich
    checked = set()
    for gold in lines(out / "truth" / "extraction_gold.jsonl"):
        text = read_document(out / "inbox" / gold["file"])
        suffix = gold["file"].rsplit(".", 1)[1]
        for key, (start, end) in gold.get("spans", {}).items():
            shown = text[start:end]
            if key.startswith("party|"):
                assert _fold(shown) == _fold(key.split("|", 2)[2]), (gold["file"], key, shown)
                checked.add((suffix, "party"))
            elif key in ("damages_awarded", "fine", "illegal_turnover"):
                total = sum(a[0] for a in find_amounts(shown.replace("\n", ""), 0, len(shown)))
                assert gold[key] in (total, *(a[0] for a in find_amounts(shown, 0, len(shown)))), \
                    (gold["file"], key, shown)
                checked.add((suffix, key))
    assert {(s, "party") for s in ("txt", "html", "docx", "pdf")} <= checked
    assert {("txt", "fine"), ("txt", "damages_awarded"), ("txt", "illegal_turnover")} <= checked


def test_criminal_judgments_convict_the_company_and_its_manager_but_not_an_uncharged_employer(rich):
    out, _ = rich
    golds = [g for g in lines(out / "truth" / "extraction_gold.jsonl") if g.get("charges")]
    roles = {p["role"] for g in golds for p in g["parties"]}
    assert {"公诉机关", "被告单位", "被告人"} <= roles
    assert any(g["file"].split("-")[2] == "zhixingchu" for g in golds)
    assert any("字第" in g["case_no"] for g in golds) and any("字第" not in g["case_no"] for g in golds)
    charges = {c for g in golds for c in g["charges"]}
    assert {"假冒注册商标罪", "销售假冒注册商标的商品罪"} <= charges
    innocent = {line["uscc"] for line in lines(out / "truth" / "innocent.jsonl")
                if line["kind"] == "staff_convicted"}
    assert innocent
    store = EmbeddedStore(out / "store")
    store.ensure_schema()
    try:
        run_ingest(out / "inbox", store)
        infringers = {e.start.id for e in store.edges(("COMMITTED",))}
        assert not infringers & innocent
        convicted = [n.id.split("|", 1)[1] for n in store.nodes("Infringement")
                     if n.props.get("established_by") == "conviction"]
        assert any(who.startswith("person:") for who in convicted)
        units = {who for who in convicted if not who.startswith("person:")}
        unit_truth = {g["parties"][1]["name"] for g in golds if g["parties"][1]["role"] == "被告单位"}
        assert len(units) >= len(unit_truth) - 1 > 0
        assert not [n for n in store.nodes("Company") if "检察院" in str(n.props.get("name"))]
        case = next(n for n in store.nodes("Case") if n.props.get("charges"))
        assert case.props["prosecutor"].endswith("人民检察院") and case.props["illegal_turnover"] > 0
        stated = [n for n in store.nodes("Infringement") if n.props.get("intent_indicators")]
        assert stated
        truth = lines(out / "truth" / "intentional_infringers.jsonl")
        assert truth and all(line["indicators"] and line["cases"] for line in truth)
        assert store.get(NodeRef("Company", truth[0]["uscc"])) is not None
    finally:
        store.close()


def test_the_intentional_infringers_truth_is_what_detection_finds(tmp_path):
    out = tmp_path / "p"
    generate(out, 800, seed=8, mix={"intent": 0.5, "intent_rejected": 0.5})
    meta = json.loads((out / "truth" / "meta.json").read_text())
    as_of = date.fromisoformat(meta["as_of"])
    store = EmbeddedStore(tmp_path / "store")
    store.ensure_schema()
    try:
        run_ingest(out / "inbox", store)
        findings = detect(store, load_policy(), as_of,
                          ["intentional_infringement.v1", "repeat_infringement.v1"])
    finally:
        store.close()
    truth = truth_sets(out / "truth", as_of)
    for kind, goal in (("intentional_infringement", (0.95, 0.9)), ("repeat_infringement", (0.95, 0.95))):
        found = {f.entity.id for f in findings if f.kind == kind}
        right = found & truth[kind]
        assert len(truth[kind]) > 10
        assert len(right) / len(found) >= goal[0] and len(right) / len(truth[kind]) >= goal[1], kind
    assert meta["summary"]["intentional_infringers"] == len(truth["intentional_infringement"])
