"""The entry point: shapes, refusals with reasons, and robustness on anything given to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.extract import extract_document

SAMPLE = (Path(__file__).resolve().parents[2] / "samples" / "province" / "rulings"
          / "2021-su05-minchu-1234.txt")
KEYS = {"doc_type", "case_no", "court", "judgment_date", "cause", "parties", "trademark_numbers",
        "patent_numbers", "damages_claimed", "damages_awarded", "infringement_found",
        "punitive_multiple", "stop_order", "statutes", "penalty", "source_statements", "spans"}


@pytest.mark.parametrize("text", [
    "", "   \n\t ", "短文",
    "这是一段与法律文书无关的普通文字，讲的是今天的天气很好，适合出门散步。",
])
def test_refuses_what_is_not_a_document(text: str) -> None:
    with pytest.raises(ValueError, match="empty document|not a court ruling"):
        extract_document(text)


def test_refuses_non_text() -> None:
    with pytest.raises(ValueError, match="expected the document's text as str"):
        extract_document(b"bytes")  # type: ignore[arg-type]


def _ruling(header: str, body: str) -> dict:
    return extract_document(header + "\n原告：甲有限公司\n被告：乙有限公司\n" + body)


def test_minimal_ruling_has_every_key() -> None:
    result = _ruling("某某市中级人民法院\n民事判决书\n（2020）苏02民初1号",
                     "原告甲有限公司诉被告乙有限公司侵害商标权纠纷一案。\n二〇二〇年五月六日")
    assert set(result) >= KEYS
    assert result["judgment_date"] == "2020-05-06"
    assert result["cause"] == "侵害商标权纠纷"


@pytest.mark.parametrize(("header", "branch", "form"), [
    ("某某市中级人民法院\n民事裁定书\n（2020）苏02民终1号", "civil", "裁定书"),
    ("某某市中级人民法院\n刑事判决书\n（2020）苏02刑初1号", "criminal", "判决书"),
    ("某某市中级人民法院\n行政判决书\n（2020）苏02行初1号", "administrative", "判决书"),
    ("某某市中级人民法院民事判决书\n(2020)苏02民初1号", "civil", "判决书"),
])
def test_document_type(header: str, branch: str, form: str) -> None:
    doc_type = _ruling(header, "本院认为…")["doc_type"]
    assert (doc_type["kind"], doc_type["branch"], doc_type["form"]) == ("ruling", branch, form)


@pytest.mark.parametrize(("main", "awarded", "found", "stop"), [
    ("一、乙有限公司立即停止侵权；\n二、乙有限公司赔偿甲有限公司经济损失5万元。", 50_000, True,
     True),
    ("乙有限公司赔偿甲有限公司经济损失三万元及合理开支一千一百六十元。", 31_160, True, False),
    ("乙有限公司赔偿经济损失200000元（其中惩罚性赔偿100000元）及合理开支20000元，合计220000元。",
     220_000, True, False),
    ("乙有限公司赔偿经济损失20000元及合理费用共计6520元。", 26_520, True, False),
    ("乙有限公司对丙应承担赔偿责任的人民币8000元的20%，即人民币1600元承担补充赔偿责任。", 1600,
     True, False),
    ("驳回甲有限公司的全部诉讼请求。", None, False, False),
    ("驳回上诉，维持原判。", None, None, False),
])
def test_operative_part(main: str, awarded: int | None, found: bool | None, stop: bool) -> None:
    result = _ruling("某某市中级人民法院\n民事判决书\n（2020）苏02民初1号",
                     f"本院认为…依照《中华人民共和国商标法》第六十三条之规定，判决如下：\n{main}\n"
                     "案件受理费1050元，由乙有限公司负担。\n二〇二〇年五月六日")
    assert result["damages_awarded"] == awarded
    assert result["infringement_found"] is found
    assert result["stop_order"] is stop
    assert result["statutes"] == ["《中华人民共和国商标法》第六十三条"]


def test_dismissed_appeal_of_a_defendant_confirms_the_infringement() -> None:
    result = extract_document(
        "某某市中级人民法院\n民事判决书\n（2020）苏02民终9号\n上诉人（原审被告）：乙有限公司\n"
        "被上诉人（原审原告）：甲有限公司\n上诉人乙有限公司因侵害商标权纠纷一案…\n判决如下：\n"
        "驳回上诉，维持原判。\n二〇二〇年五月六日")
    assert result["infringement_found"] is True
    assert result["damages_awarded"] is None


@pytest.mark.parametrize(("claim", "expected"), [
    ("请求判令：1.乙有限公司停止侵权；2.赔偿经济损失及合理开支共计50万元；3.诉讼费由被告负担。",
     500_000),
    ("请求判令：1、赔偿经济损失人民币10万元；2、赔偿合理费用2万元。被告承担本案诉讼费用。",
     120_000),
    ("请求判令赔偿原告经济损失及合理支出共计人民币20万元，包括经济损失198372元、公证费1160元。",
     200_000),
])
def test_claims(claim: str, expected: int) -> None:
    result = _ruling("某某市中级人民法院\n民事判决书\n（2020）苏02民初1号",
                     f"原告甲有限公司诉被告乙有限公司侵害商标权纠纷一案…\n甲有限公司诉称，{claim}\n"
                     "本院认为…")
    assert result["damages_claimed"] == expected


def test_punitive_multiple_is_read_from_the_reasoning() -> None:
    result = _ruling("某某市中级人民法院\n民事判决书\n（2020）苏02民初1号",
                     "甲有限公司请求按三倍适用惩罚性赔偿。\n本院认为，乙有限公司侵权故意明显，"
                     "本院按照1.5倍确定惩罚性赔偿数额。判决如下：…")
    assert result["punitive_multiple"] == 1.5


def test_a_document_holding_two_judgments_is_read_as_the_first() -> None:
    first = ("某某市中级人民法院\n民事判决书\n（2012）某中民三初字第1号\n"
             "原告：甲有限公司\n被告：乙\n"
             "判决如下：\n乙赔偿甲有限公司经济损失5000元。\n二〇一三年四月十日\n")
    second = ("某某省高级人民法院\n民事裁定书\n（2013）某民三终字第2号\n"
              "上诉人（原审原告）甲有限公司\n被上诉人（原审被告）乙\n"
              "裁定如下：\n准许甲有限公司撤回上诉。\n二〇一三年十一月二十二日\n")
    result = extract_document(first + second)
    assert result["case_no"] == "(2012)某中民三初字第1号"
    assert result["judgment_date"] == "2013-04-10"
    assert result["damages_awarded"] == 5000
    assert [p["name"] for p in result["parties"]] == ["甲有限公司", "乙"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_gives_a_result_or_a_value_error(text: str) -> None:
    try:
        result = extract_document(text)
    except ValueError:
        return
    assert set(result) >= KEYS


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_damaged_documents_never_crash(data: st.DataObject) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(0, 6))):
        start = data.draw(st.integers(0, len(text)))
        length = data.draw(st.integers(0, 80))
        insert = data.draw(st.text(max_size=10))
        text = text[:start] + insert + text[start + length:]
    try:
        result = extract_document(text)
    except ValueError:
        return
    for start, end in result["spans"].values():
        assert 0 <= start <= end <= len(text)
