"""USCCs, patent and trademark numbers named in running text."""

from __future__ import annotations

import pytest

from nlp.identifiers import find_patent_numbers, find_trademark_numbers, find_usccs
from nlp.text import Doc


def _norm(text: str) -> str:
    return Doc.from_text(text).norm


def test_usccs_with_and_without_label() -> None:
    found = find_usccs(_norm("统一社会信用代码：91320505MA1MXK3L5G；另913201001345637283"))
    assert [(f.value, f.valid, f.labelled) for f in found] == [
        ("91320505MA1MXK3L5G", True, True), ("913201001345637283", True, False)]


def test_a_failing_check_is_reported_not_dropped() -> None:
    found = find_usccs(_norm("统一社会信用代码91320505MA1MXK3L5H"))
    assert [(f.value, f.valid) for f in found] == [("91320505MA1MXK3L5H", False)]


def test_personal_id_numbers_are_not_usccs() -> None:
    assert find_usccs(_norm("公民身份号码为320505197803121234")) == []


@pytest.mark.parametrize(("text", "expected", "valid"), [
    ("专利号为ZL202110123456.7的发明专利", ["202110123456.7"], [True]),
    ("ZL 2021 1 0123456.7", ["202110123456.7"], [True]),
    ("ＺＬ２０２１１０１２３４５６．７", ["202110123456.7"], [True]),
    ("申请号为202220345678.3", ["202220345678.3"], [True]),
    ("专利号ZL202110123456.5", ["202110123456.5"], [False]),
    ("编号202110123456.7的合同", [], []),
])
def test_patent_numbers(text: str, expected: list[str], valid: list[bool]) -> None:
    found = find_patent_numbers(_norm(text))
    assert [f.value for f in found] == expected
    assert [f.valid for f in found] == valid


@pytest.mark.parametrize(("text", "expected"), [
    ("第12345678号“澜湖”注册商标", ["12345678"]),
    ("商标注册号为第1062398号", ["1062398"]),
    ("第3423691号、第3423690号、第1398561号、第3638526号等商标", [
        "3423691", "3423690", "1398561", "3638526"]),
    ("第8911270号“”和8228211号“小米”商标", ["8911270", "8228211"]),
    ("注册号为第G749540号", ["G749540"]),
    ("商评字〔2009〕第09640号决定", []),
    ("（2011）某证内字第4488号公证书，证明商标", []),
    ("第2号证据，证明原告商标", []),
    ("第56789号民事判决，涉及商标", []),
])
def test_trademark_numbers(text: str, expected: list[str]) -> None:
    assert [f.value for f in find_trademark_numbers(_norm(text))] == expected
