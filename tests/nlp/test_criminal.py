"""Criminal judgments (fictional fixtures, real layouts): charges, sentences, fines, turnover."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.criminal import term_months
from nlp.extract import extract_document

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "criminal"


def _read(name: str) -> tuple[str, dict]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, extract_document(text)


EXPECTED = {
    "2021-su0505-xingchu-118.txt": {
        "case_no": "(2021)苏0505刑初118号", "court": "江苏省苏州市虎丘区人民法院",
        "judgment_date": "2021-06-18", "cause": "假冒注册商标罪",
        "parties": [("公诉机关", None, "江苏省苏州市虎丘区人民检察院"), ("被告人", None, "周某华")],
        "charges": ["假冒注册商标罪"],
        "sentences": [("周某华", "有期徒刑", 42, None, 470_000)],
        "illegal_turnover": 930_950, "trademark_numbers": ["12345678"],
    },
    "2019-su0102-xingchu-455.txt": {
        "case_no": "(2019)苏0102刑初455号", "court": "南京市玄武区人民法院",
        "judgment_date": "2019-09-20", "cause": "销售假冒注册商标的商品罪",
        "parties": [("公诉机关", None, "南京市玄武区人民检察院"),
                    ("被告单位", None, "南京雅韵商贸有限公司"), ("被告人", None, "吴某"),
                    ("被告人", None, "郑某")],
        "charges": ["销售假冒注册商标的商品罪"],
        "sentences": [("南京雅韵商贸有限公司", "罚金", None, None, 150_000),
                      ("吴某", "有期徒刑", 18, 24, 80_000), ("郑某", "拘役", 5, 6, 20_000)],
        "illegal_turnover": 286_000, "trademark_numbers": [],
    },
    "2014-suzhong-zhixingzhong-7.txt": {
        "case_no": "(2014)苏中知刑终字第7号", "court": "江苏省苏州市中级人民法院",
        "judgment_date": "2014-03-27", "cause": "非法制造注册商标标识罪",
        "parties": [("原公诉机关", None, "江苏省昆山市人民检察院"),
                    ("上诉人", "原审被告人", "许某明")],
        "charges": ["非法制造注册商标标识罪"],
        "sentences": [("许某明", "有期徒刑", 15, None, 30_000)],
        "illegal_turnover": 58_320, "trademark_numbers": [],
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_criminal_judgment(name: str) -> None:
    text, result = _read(name)
    want = EXPECTED[name]
    assert result["doc_type"] == {"kind": "ruling", "branch": "criminal", "form": "判决书"}
    for key in ("case_no", "court", "judgment_date", "cause", "trademark_numbers"):
        assert result[key] == want[key], key
    assert [(p["role"], p["qualifier"], p["name"]) for p in result["parties"]] == want["parties"]
    crime = result["criminal"]
    assert crime["charges"] == want["charges"]
    assert [(s["defendant"], s["punishment"], s["term_months"], s["probation_months"], s["fine"])
            for s in crime["sentences"]] == want["sentences"]
    assert [(f["defendant"], f["amount"]) for f in crime["fines"]] == \
        [(s[0], s[4]) for s in want["sentences"] if s[4] is not None]
    assert crime["illegal_turnover"] == want["illegal_turnover"]
    assert result["infringement_found"] is True  # convicted of an IP crime
    assert result["damages_awarded"] is None  # 罚金 is a fine, not damages
    for sentence in crime["sentences"]:
        start, end = sentence["span"]
        assert sentence["defendant"] in text[start:end]
    start, end = result["spans"]["illegal_turnover"]
    assert text[start:end].endswith("元")


def test_unit_defendant_keeps_its_representative_and_code() -> None:
    _, result = _read("2019-su0102-xingchu-455.txt")
    unit = result["parties"][1]
    assert (unit["kind"], unit["uscc"], unit["legal_rep"]) == \
        ("organisation", "91320102MA1NQR4U8X", "钱某")


def test_civil_judgments_have_no_criminal_part() -> None:
    text = (Path(__file__).resolve().parents[2] / "samples" / "province" / "rulings"
            / "2021-su05-minchu-1234.txt").read_text(encoding="utf-8")
    assert extract_document(text)["criminal"] is None


@pytest.mark.parametrize(("text", "months"), [
    ("三年", 36), ("一年六个月", 18), ("十个月", 10), ("两年", 24), ("一年零三个月", 15), ("", None),
])
def test_terms(text: str, months: int | None) -> None:
    assert term_months(text) == months


def test_acquittal_is_not_an_infringement() -> None:
    result = extract_document(
        "某某市某某区人民法院\n刑事判决书\n（2020）苏0505刑初9号\n公诉机关某某区人民检察院。\n"
        "被告人张某，男，1980年1月1日出生。\n本院认为，公诉机关指控被告人张某犯假冒注册商标罪的证据不足，"
        "指控的罪名不能成立。判决如下：\n被告人张某无罪。\n二〇二〇年五月六日")
    assert result["criminal"]["sentences"] == []
    assert result["infringement_found"] is not True
