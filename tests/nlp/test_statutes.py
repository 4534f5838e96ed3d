"""Statute citations as courts print them: text of the basis clause → citations read."""

from __future__ import annotations

import pytest

from nlp.evaluate import statute_key
from nlp.extract import extract_document

TM = "《中华人民共和国商标法》"
SPC = "《最高人民法院关于审理商标民事纠纷案件适用法律若干问题的解释》"
CPL = "《中华人民共和国民事诉讼法》"


def statutes_of(basis: str) -> list[str]:
    result = extract_document(
        "某某市中级人民法院\n民事判决书\n（2020）苏02民初1号\n原告：甲有限公司\n被告：乙有限公司\n"
        f"本院认为…{basis}，判决如下：\n乙有限公司赔偿甲有限公司经济损失一万元。\n二〇二〇年五月六日")
    return result["statutes"]


@pytest.mark.parametrize("basis, expected", [
    # an item list under one 第 does not end the citation
    ("依照《中华人民共和国商标法》第五十二条第（一）、（二）项，第五十六条第一款之规定",
     [TM + "第五十二条第（一）、（二）项", TM + "第五十六条第一款"]),
    ("依照" + SPC + "第十六条第一、二款、第二十一条第一款之规定",
     [SPC + "第十六条第一、二款", SPC + "第二十一条第一款"]),
    ("依照《中华人民共和国商标法》第五十七条第（二）、（三）项、第六十三条第三款的规定",
     [TM + "第五十七条第（二）、（三）项", TM + "第六十三条第三款"]),
    ("依照《中华人民共和国民法通则》第一百三十四条第一款第（一）、（七）项，"
     "《中华人民共和国民事诉讼法》第六十四条第（一）款的规定",
     ["《中华人民共和国民法通则》第一百三十四条第一款第（一）、（七）项", CPL + "第六十四条第（一）款"]),
    ("依照" + SPC + "第二十二条第（一）、（二）款、第二十三条之规定",
     [SPC + "第二十二条第（一）、（二）款", SPC + "第二十三条"]),
    # an article printed without 第 is read and written with it
    ("依照《中华人民共和国商标法》五十七条第一款第（一）、（二）项、第六十三条第三款之规定",
     [TM + "第五十七条第一款第（一）、（二）项", TM + "第六十三条第三款"]),
    ("依照《中华人民共和国商标法》五十六条、第五十七条第（一）项、第六十条第一款、六十三条，"
     "《中华人民共和国反不正当竞争法》第九条第一款之规定",
     [TM + "第五十六条", TM + "第五十七条第（一）项", TM + "第六十条第一款", TM + "第六十三条",
      "《中华人民共和国反不正当竞争法》第九条第一款"]),
    # the issuing court outside the brackets is part of the name, written inside them
    ("依照最高人民法院《关于审理商标民事纠纷案件适用法律若干问题的解释》第十六条、第十七条之规定",
     [SPC + "第十六条", SPC + "第十七条"]),
    ("依照《中华人民共和国商标法实施条例》第三条、最高人民法院《关于审理商标民事纠纷案件适用法律若干问题的"
     "解释》第二十一条和《中华人民共和国民事诉讼法》第一百四十二条之规定",
     ["《中华人民共和国商标法实施条例》第三条", SPC + "第二十一条", CPL + "第一百四十二条"]),
    # a version note after the name
    ("依照《中华人民共和国商标法》（2001年修正）第五十二条第（一）项、第（二）项、第五十六条，"
     "《中华人民共和国民事诉讼法》第一百四十二条的规定",
     [TM + "（2001年修正）第五十二条第（一）项", TM + "（2001年修正）第五十二条第（二）项",
      TM + "（2001年修正）第五十六条", CPL + "第一百四十二条"]),
    # forms read before
    ("依照《中华人民共和国商标法》第五十六条第一款、第二款之规定",
     [TM + "第五十六条第一款", TM + "第五十六条第二款"]),
    ("依照《中华人民共和国商标法》第五十七条之二、第六十三条之规定",
     [TM + "第五十七条之二", TM + "第六十三条"]),
])
def test_basis_clause(basis: str, expected: list[str]) -> None:
    assert statutes_of(basis) == expected


@pytest.mark.parametrize("basis, expected", [
    ("依照《中华人民共和国商标法》五十六条、六十三条之规定",
     {("商标法", "第五十六条"), ("商标法", "第六十三条")}),
    ("依照最高人民法院《关于审理商标民事纠纷案件适用法律若干问题的解释》第十条之规定",
     {("最高人民法院关于审理商标民事纠纷案件适用法律若干问题的解释", "第十条")}),
])
def test_citations_compare_as_law_and_article(basis: str, expected: set) -> None:
    assert {statute_key(c) for c in statutes_of(basis)} == expected


@pytest.mark.parametrize("basis", [
    "依照《中华人民共和国商标法》的有关规定",
    "根据《诉讼费用交纳办法》（以下简称办法）预交上诉案件受理费",
])
def test_no_article_no_citation(basis: str) -> None:
    assert statutes_of(basis) == []
