"""Field-level precision / recall / F1 on tiny hand-made gold with known answers; the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipcredit.cli_eval import eval_app, real_sources
from nlp.evaluate import FieldScore, compare, evaluate, read_gold, score

SAMPLE = (Path(__file__).resolve().parents[2] / "samples" / "province" / "rulings"
          / "2021-su05-minchu-1234.txt")


def party(role: str, name: str, qualifier: str | None = None) -> dict:
    return {"role": role, "qualifier": qualifier, "name": name}


GOLD = [
    {"file": "a.txt", "case_no": "X", "court": "C", "damages_awarded": 100,
     "trademark_numbers": ["1", "2"], "parties": [party("原告", "甲"), party("被告", "乙")]},
    {"file": "b.txt", "case_no": "Y", "court": "D", "damages_awarded": None,
     "trademark_numbers": [], "parties": [party("原告", "丙"), party("被告", "丁")]},
]
PREDICTED = [
    {"case_no": "X", "court": "C wrong", "damages_awarded": 100, "trademark_numbers": ["1", "3"],
     "parties": [party("原告", "甲"), party("被告", "戊")], "penalty": None, "criminal": None,
     "doc_type": {"kind": "ruling"}},
    {"error": "not a court ruling or penalty decision"},
]


def test_known_answers() -> None:
    report = score(GOLD, PREDICTED)
    counts = {k: (v.tp, v.fp, v.fn) for k, v in report.fields.items()}
    assert counts == {"case_no": (1, 0, 1), "court": (0, 1, 2), "damages_awarded": (1, 0, 0),
                      "trademark_numbers": (1, 1, 1), "parties": (1, 1, 3),
                      "party_qualifiers": (1, 1, 3)}
    assert report.fields["case_no"].precision == 1.0
    assert report.fields["case_no"].recall == 0.5
    assert report.fields["case_no"].f1 == pytest.approx(2 / 3)
    assert report.fields["court"].f1 == 0.0
    assert report.fields["parties"].f1 == pytest.approx(1 / 3)
    micro = report.micro
    assert (micro.tp, micro.fp, micro.fn) == (5, 4, 10)
    assert report.errors == [{"file": "b.txt", "error": "not a court ruling or penalty decision"}]
    assert {"file": "a.txt", "field": "court", "gold": "C", "got": "C wrong"} in report.misses
    assert set(report.below_goal()) == set(counts) - {"damages_awarded"}


@pytest.mark.parametrize(("name", "gold", "got", "counts"), [
    ("infringement_found", False, None, (0, 0, 1)),
    ("infringement_found", None, True, (0, 1, 0)),
    ("infringement_found", None, None, (0, 0, 0)),
    ("stop_order", False, False, (1, 0, 0)),
    ("stop_order", True, 1, (0, 1, 1)),
    ("damages_awarded", 8000, 8000.0, (1, 0, 0)),
    ("damages_awarded", 8000, 9000, (0, 1, 1)),
    ("statutes", ["a", "b"], ["b", "c", "c"], (1, 1, 1)),
    ("parties", [party("原告", "松冈机电（中国）有限公司")], [party("原告", "松冈机电(中国)有限公司")],
     (1, 0, 0)),
    ("party_qualifiers", [party("上诉人", "甲", "原审被告")], [party("上诉人", "甲")], (0, 1, 1)),
])
def test_comparison_rules(name: str, gold: object, got: object, counts: tuple) -> None:
    result = compare(name, gold, got)
    assert (result.tp, result.fp, result.fn) == counts


def test_empty_counts_are_perfect_not_undefined() -> None:
    assert (FieldScore().precision, FieldScore().recall, FieldScore().f1) == (1.0, 1.0, 1.0)


def test_only_fields_in_the_gold_line_are_scored() -> None:
    report = score([{"file": "a.txt", "case_no": "X"}], [PREDICTED[0]])
    assert set(report.fields) == {"case_no"}


def test_penalty_and_criminal_fields_are_read_from_their_parts() -> None:
    got = {"penalty": {"decision_no": "苏市监罚〔2023〕112号", "fine": 80000, "authority": "局",
                       "decision_date": "2023-05-18"},
           "criminal": {"charges": ["假冒注册商标罪"], "illegal_turnover": 930950},
           "doc_type": {"kind": "penalty"}}
    gold = {"file": "p.txt", "kind": "penalty", "decision_no": "苏市监罚〔2023〕112号", "fine": 80000,
            "charges": ["假冒注册商标罪"], "illegal_turnover": 930950}
    report = score([gold], [got])
    assert report.micro.tp == 5 and report.micro.fp == report.micro.fn == 0


def test_gold_files_skip_comments_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("# conventions\n\n" + json.dumps(GOLD[0], ensure_ascii=False) + "\n", "utf-8")
    assert read_gold(path) == [GOLD[0]]
    path.write_text("{broken\n", encoding="utf-8")
    with pytest.raises(ValueError, match="gold.jsonl:1"):
        read_gold(path)


def _province(tmp_path: Path) -> Path:
    """A one-document province in the generator's layout, written in GB18030."""
    root = tmp_path / "province"
    (root / "inbox" / "rulings").mkdir(parents=True)
    (root / "truth").mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (root / "inbox" / "rulings" / "a.txt").write_bytes(text.encode("gb18030"))
    gold = {"file": "rulings/a.txt", "kind": "ruling", "case_no": "(2021)苏05民初1234号",
            "court": "江苏省苏州市中级人民法院", "judgment_date": "2021-10-12",
            "parties": [party("原告", "无锡澜湖纺织科技有限公司"), party("被告", "苏州恒达服饰有限公司")],
            "damages_awarded": 150000, "infringement_found": True, "trademark_numbers": ["12345678"],
            "patent_numbers": [], "decision_no": None, "authority": None, "fine": None,
            "decision_date": None}
    missing = {**gold, "file": "rulings/missing.txt"}
    lines = [json.dumps(g, ensure_ascii=False) for g in (gold, missing)]
    (root / "truth" / "extraction_gold.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def test_evaluate_a_folder(tmp_path: Path) -> None:
    from nlp.pipeline import extract_many

    root = _province(tmp_path)
    report = evaluate(root / "inbox", root / "truth" / "extraction_gold.jsonl",
                      lambda texts: extract_many(texts, n_process=1))
    assert report.documents == 2
    assert report.errors[0]["file"] == "rulings/missing.txt"
    assert "cannot read" in report.errors[0]["error"]
    assert all(s.fp == 0 for s in report.fields.values())
    assert report.fields["case_no"].tp == 1 and report.fields["case_no"].fn == 1


def test_cli_scores_synthetic_and_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _province(tmp_path)
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(SAMPLE, real / "one.txt")
    gold = tmp_path / "real_gold.jsonl"
    gold.write_text(json.dumps({"file": "one.txt", "case_no": "(2021)苏05民初1234号",
                                "stop_order": True}, ensure_ascii=False) + "\n", "utf-8")
    result = CliRunner().invoke(eval_app, ["nlp", "--synthetic", str(root), "--real", str(real),
                                           "--real-gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["real"]["micro"]["f1"] == 1.0
    assert out["synthetic"]["documents"] == 2 and out["synthetic"]["fields"]["court"]["fn"] == 1
    monkeypatch.setenv("IPCREDIT_REAL_GOLD", str(tmp_path / "absent.jsonl"))
    result = CliRunner().invoke(eval_app, ["nlp", "--synthetic", str(root), "--real", str(real)])
    assert result.exit_code == 0
    assert "skipped" in result.output


def test_cli_refuses_a_folder_without_gold(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_app, ["nlp", "--synthetic", str(tmp_path)])
    assert result.exit_code == 2
    assert "notfound" in "".join(result.output.split())


def test_real_sources_prefer_options_then_environment(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text("", encoding="utf-8")
    monkeypatch.setenv("IPCREDIT_REAL_DOCS", str(tmp_path))
    monkeypatch.setenv("IPCREDIT_REAL_GOLD", str(gold))
    assert real_sources(None, None) == (tmp_path, gold, "")
    docs, found, reason = real_sources(tmp_path, tmp_path / "nope.jsonl")
    assert found is None and "no real gold" in reason


def test_party_details_attorneys_statutes_and_punitive_known_answers() -> None:
    gold = [{"file": "a.txt", "punitive_multiple": 3,
             "party_details": [["甲公司", "uscc", "91320500MA1XXXXX0X"],
                               ["甲公司", "legal_rep", "张三"], ["乙", "address", "苏州市"]],
             "attorneys": [["甲公司", "王律"], ["乙", "李律"]],
             "statutes": ["《中华人民共和国商标法》第五十七条第（一）项", "《商标法》第六十三条",
                          "《民事诉讼法》第一百四十四条"]}]
    predicted = [{"punitive_multiple": 2, "penalty": None, "criminal": None, "doc_type": {},
                  "parties": [
                      {"name": "甲公司", "uscc": "91320500MA1XXXXX0X", "legal_rep": "张三",
                       "address": "苏州市工业园区", "operator": None,
                       "attorneys": [{"name": "王律", "firm": "某所"}]},
                      {"name": "乙", "address": "苏州市", "attorneys": [{"name": "赵律"}]}],
                  "statutes": ["《商标法》第57条", "《中华人民共和国商标法》第六十三条第三款",
                               "《侵权责任法》第十五条"]}]
    counts = {k: (v.tp, v.fp, v.fn) for k, v in score(gold, predicted).fields.items()}
    assert counts == {"punitive_multiple": (0, 1, 1), "party_details": (3, 1, 0),
                      "attorneys": (1, 1, 1), "statutes": (2, 1, 1)}


@pytest.mark.parametrize(("name", "gold", "got", "counts"), [
    ("party_details", [["松冈（中国）公司", "legal_rep", "甲"]],
     [["松冈(中国)公司", "legal_rep", "甲"]], (1, 0, 0)),
    ("party_details", [["乙", "operator", "丙"]], [], (0, 0, 1)),
    ("attorneys", [], [["乙", "丁"]], (0, 1, 0)),
    ("statutes", ["《中华人民共和国商标法（2001年修正）》第五十六条第一款"],
     ["《商标法》第五十六条第二款"], (1, 0, 0)),
    ("statutes", ["《商标法》第五十六条"], ["《商标法实施条例》第五十六条"], (0, 1, 1)),
    ("punitive_multiple", None, None, (0, 0, 0)),
    ("punitive_multiple", 2, 2.0, (1, 0, 0)),
])
def test_new_field_rules(name: str, gold: object, got: object, counts: tuple) -> None:
    result = compare(name, gold, got)
    assert (result.tp, result.fp, result.fn) == counts
