"""Case numbers (案号) in the forms real documents print them."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.case_numbers import (
    canonical_case_number,
    find_case_numbers,
    format_case_number,
    parse_case_number,
)
from nlp.text import normalise_char

FIELDS = ("text", "canonical", "court", "case_type", "serial", "old", "procedure")


@pytest.mark.parametrize(FIELDS, [
    ("(2021)苏05民初1234号", "(2021)苏05民初1234号", "苏05", "民初", 1234, False, "first_instance"),
    ("（2022）苏01民终567号", "(2022)苏01民终567号", "苏01", "民终", 567, False, "appeal"),
    ("（２０２１）苏 05 民初 1234 号", "(2021)苏05民初1234号", "苏05", "民初", 1234, False,
     "first_instance"),
    ("（2024）苏0505民初789号", "(2024)苏0505民初789号", "苏0505", "民初", 789, False,
     "first_instance"),
    ("(2023)苏05知民初88号", "(2023)苏05知民初88号", "苏05", "知民初", 88, False, "first_instance"),
    ("（2019）最高法知民终123号", "(2019)最高法知民终123号", "最高法", "知民终", 123, False,
     "appeal"),
    ("（2020）苏民再45号", "(2020)苏民再45号", "苏", "民再", 45, False, "retrial"),
    ("（2013）江宁知民初字第127号", "(2013)江宁知民初字第127号", "江宁", "知民初", 127, True,
     "first_instance"),
    ("(2009)渝高法民终字第159号", "(2009)渝高法民终字第159号", "渝高法", "民终", 159, True,
     "appeal"),
    ("（2015）东民（知）初字第17996号", "(2015)东民(知)初字第17996号", "东", "民(知)初", 17996,
     True, "first_instance"),
    ("（2014）民提字第25号", "(2014)民提字第25号", "", "民提", 25, True, "retrial"),
    ("（2013）民申字第1642号", "(2013)民申字第1642号", "", "民申", 1642, True, "retrial_review"),
    ("（2015）长中民五初字第01129号", "(2015)长中民五初字第01129号", "长中", "民五初", 1129, True,
     "first_instance"),
    ("（2016）0115民初2651号", "(2016)0115民初2651号", "0115", "民初", 2651, False,
     "first_instance"),
    ("（2022）苏05刑初12号", "(2022)苏05刑初12号", "苏05", "刑初", 12, False, "first_instance"),
])
def test_parse(text: str, canonical: str, court: str, case_type: str, serial: int, old: bool,
               procedure: str) -> None:
    parsed = parse_case_number(text)
    assert parsed.canonical == canonical
    assert parsed.court_code == court
    assert parsed.case_type == case_type
    assert parsed.serial == serial
    assert parsed.old_form is old
    assert parsed.procedure == procedure


@pytest.mark.parametrize(("text", "branch"), [
    ("(2021)苏05民初1234号", "civil"),
    ("(2021)苏05知民初1号", "civil"),
    ("(2022)苏05刑初12号", "criminal"),
    ("(2022)苏05知刑初3号", "criminal"),
    ("(2022)苏01行终8号", "administrative"),
    ("(2022)苏0505执123号", "enforcement"),
])
def test_branch(text: str, branch: str) -> None:
    assert parse_case_number(text).branch == branch


def test_several_serials() -> None:
    assert parse_case_number("（2011）宁知民初字第310、311号").serials == (310, 311)
    assert parse_case_number("（2012）三亚民二初字第18-30号").serials == tuple(range(18, 31))


@pytest.mark.parametrize("text", [
    "（2011）三证内字第4488号",  # a notarial certificate
    "苏市监罚〔2023〕112号",  # a penalty decision
    "（2021）第1234号",
    "2021苏05民初1234号",
    "",
])
def test_not_case_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_case_number(text)


def test_find_in_running_text() -> None:
    text = ("不服江苏省南京市玄武区人民法院（2021）苏0102民初3344号民事判决，"
            "及(2011)三证内字第4号公证书")
    found = find_case_numbers("".join(normalise_char(c) for c in text))
    assert [cn.canonical for cn, _, _ in found] == ["(2021)苏0102民初3344号"]


_courts = st.sampled_from(["苏05", "苏0505", "苏", "最高法", "京73", "0115", "浙0110"])
_types = st.sampled_from(["民初", "民终", "知民初", "知民终", "民申", "刑初", "行终", "执"])


@given(st.integers(min_value=1990, max_value=2099), _courts, _types,
       st.integers(min_value=1, max_value=99999), st.booleans())
def test_format_parse_round_trip(year: int, court: str, case_type: str, serial: int,
                                 old: bool) -> None:
    text = format_case_number(year, court, case_type, serial, old_form=old)
    parsed = parse_case_number(text)
    assert (parsed.year, parsed.court_code, parsed.case_type, parsed.serial, parsed.old_form) == (
        year, court, case_type, serial, old)
    assert parsed.canonical == text


_WIDE = str.maketrans("()0123456789", "（）０１２３４５６７８９")


@given(st.integers(min_value=1990, max_value=2099), _courts, _types,
       st.integers(min_value=1, max_value=99999), st.lists(st.integers(0, 30), max_size=4))
def test_width_and_spaces_do_not_change_the_key(year: int, court: str, case_type: str,
                                                serial: int, cuts: list[int]) -> None:
    text = format_case_number(year, court, case_type, serial)
    noisy = text.translate(_WIDE)
    for cut in sorted(set(cuts), reverse=True):
        noisy = noisy[:cut] + " " + noisy[cut:]
    assert canonical_case_number(noisy) == text


@given(st.text())
def test_never_crashes(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_case_number(text)
    for cn, start, end in find_case_numbers(text):
        assert 0 <= start < end <= len(text)
        assert cn.canonical.endswith("号")
