"""Penalty decisions as different offices print them (fictional parties)."""

from __future__ import annotations

import pytest

from nlp.extract import extract_document

DECISION = """{authority}
行政处罚决定书
{number}
当事人：某某贸易有限公司
统一社会信用代码：91320505MA1MXK3L5G
法定代表人：赵某
　　{narrative}
　　{basis}
{decision}
{tail}
{signature}
{date}
"""

BASE = {
    "authority": "某某市市场监督管理局",
    "number": "某市监罚〔2021〕7号",
    "narrative": "本局于2021年3月1日对当事人经营场所进行检查，发现其销售标有“某某”字样的运动鞋。",
    "basis": "当事人的行为属于《中华人民共和国商标法》第五十七条第（三）项规定的销售侵犯注册商标"
             "专用权的商品的行为。依据《中华人民共和国商标法》第六十条第二款的规定，决定如下：",
    "decision": "一、没收侵权运动鞋20双；\n二、罚款人民币壹拾伍万元。",
    "tail": "当事人如不服本决定，可依法申请行政复议。",
    "signature": "某某市市场监督管理局",
    "date": "二〇二一年六月一日",
}


def _extract(**changes: str) -> dict:
    return extract_document(DECISION.format(**{**BASE, **changes}))


def test_reads_the_decision() -> None:
    result = _extract()
    penalty = result["penalty"]
    assert penalty == {
        "decision_no": "某市监罚〔2021〕7号", "authority": "某某市市场监督管理局",
        "violation": "销售侵犯注册商标专用权的商品", "fine": 150_000, "confiscation": True,
        "basis": "《中华人民共和国商标法》第六十条第二款", "decision_date": "2021-06-01"}
    assert result["judgment_date"] == "2021-06-01"
    assert result["case_no"] is None
    assert [(p["role"], p["name"], p["uscc"]) for p in result["parties"]] == [
        ("当事人", "某某贸易有限公司", "91320505MA1MXK3L5G")]
    assert result["infringement_found"] is True


@pytest.mark.parametrize(("number", "canonical"), [
    ("某市监罚[2021]7号", "某市监罚〔2021〕7号"),
    ("某市监罚【2021】7号", "某市监罚〔2021〕7号"),
    ("某市监罚（2021）7号", "某市监罚〔2021〕7号"),
    ("某市监罚〔2021〕第7号", "某市监罚〔2021〕第7号"),
    ("某 市 监 罚 〔 2021 〕 7 号", "某市监罚〔2021〕7号"),
])
def test_decision_number_forms(number: str, canonical: str) -> None:
    assert _extract(number=number)["penalty"]["decision_no"] == canonical


@pytest.mark.parametrize(("decision", "fine", "confiscation"), [
    ("罚款2万元。", 20_000, False),
    ("处以罚款人民币捌万元（¥80000元）。", 80_000, False),
    ("责令停止侵权行为，并处罚款30000元。", 30_000, False),
    ("没收侵权商品。", None, True),
])
def test_fines(decision: str, fine: int | None, confiscation: bool) -> None:
    penalty = _extract(decision=decision)["penalty"]
    assert (penalty["fine"], penalty["confiscation"]) == (fine, confiscation)


def test_a_fine_quoted_from_the_law_is_not_the_fine() -> None:
    narrative = "依照商标法，违法经营额不足五万元的，可处二十五万元以下的罚款。"
    assert _extract(narrative=narrative, decision="罚款1万元。")["penalty"]["fine"] == 10_000


def test_authority_from_the_signature_when_the_header_lacks_it() -> None:
    assert _extract(authority="")["penalty"]["authority"] == "某某市市场监督管理局"


def test_arabic_date() -> None:
    assert _extract(date="2021年6月1日")["penalty"]["decision_date"] == "2021-06-01"


def test_source_statement_in_a_penalty() -> None:
    narrative = "经查，当事人销售的运动鞋均购自某某鞋业有限公司，有送货单为证。"
    (statement,) = _extract(narrative=narrative)["source_statements"]
    assert statement["supplier"] == "某某鞋业有限公司"
