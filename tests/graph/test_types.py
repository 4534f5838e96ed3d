"""Identifier types: valid ones normalise, invalid ones say why, nothing is silently fixed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from graph.types import company_name, court, patent_no, trademark_no, uscc

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@given(st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9),
       st.sampled_from(["320505", "320102", "320213"]))
def test_any_uscc_with_its_check_character_validates(org, region):
    base = "91" + region + org
    value = base + stdnum_uscc.calc_check_digit(base)
    checked = uscc.clean(value.lower())
    assert checked == uscc.UsccCheck(value, True)
    assert uscc.region(checked.value) == region


def test_a_wrong_check_character_is_kept_and_flagged_but_a_wrong_shape_is_refused():
    assert uscc.clean("91320583MA1XX9Q7Y1").check_digit_ok is False
    for bad in ("9132050", "91320583MA1ZZ9Q7Y1", ""):
        with pytest.raises(ValueError, match="not a USCC"):
            uscc.clean(bad)


@given(st.integers(min_value=2003, max_value=2030), st.sampled_from("12389"),
       st.integers(min_value=0, max_value=9_999_999))
def test_patent_numbers_round_trip_with_their_check_character(year, kind, serial):
    digits = f"{year}{kind}{serial:07d}"
    number = f"{digits}.{patent_no.check_char(digits)}"
    parsed = patent_no.parse("ZL" + number)
    assert parsed.application_no == number
    wrong = "0" if number[-1] != "0" else "1"
    with pytest.raises(ValueError, match="check character"):
        patent_no.parse(number[:-1] + wrong)


def test_patent_kinds_and_full_width_input():
    assert patent_no.parse("ＺＬ２０２１１０１２３４５６．７").kind == "发明"
    assert patent_no.parse("202220345678.3").kind == "实用新型"


@pytest.mark.parametrize(("raw", "expected"), [
    ("12345678", "12345678"), ("第12345678号", "12345678"), ("０１２３４５６７", "1234567"),
    ("G1234567", "G1234567"),
])
def test_trademark_numbers_normalise(raw, expected):
    assert trademark_no.clean(raw) == expected


@given(st.text(max_size=12))
def test_trademark_number_cleaning_either_normalises_or_says_why(raw):
    try:
        assert trademark_no.clean(raw).lstrip("G").isdigit()
    except ValueError as exc:
        assert "not a trademark number" in str(exc)


@pytest.mark.parametrize(("a", "b"), [
    ("苏州恒达服饰有限公司", "苏州恒达服饰有限责任公司"),
    ("苏州恒达服饰有限公司", "江苏省苏州恒达服饰有限公司"),
    ("苏州恒达服饰有限公司", "苏州恒达服饰有限公司 "),
    ("ＡＢＣ（苏州）有限公司", "ABC(苏州)有限公司"),
])
def test_variant_company_names_share_a_match_key(a, b):
    assert company_name.match_key(a) == company_name.match_key(b)


def test_different_companies_keep_different_keys():
    assert company_name.match_key("苏州恒达服饰有限公司") != company_name.match_key("苏州恒盛商贸有限公司")


def test_a_court_is_one_node_with_or_without_its_province():
    assert court.node_id("江苏省苏州市中级人民法院") == court.node_id("苏州市中级人民法院")
    assert court.node_id("江苏省高级人民法院") != court.node_id("苏州市中级人民法院")
