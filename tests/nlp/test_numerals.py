"""Chinese numerals, money and dates: tables of the forms documents use, and round trips."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.numerals import (
    cn_to_int,
    find_amounts,
    find_dates,
    format_cn_date,
    int_to_cn,
    parse_amount,
    parse_cn_date,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("十", 10),
    ("十二", 12),
    ("二十", 20),
    ("一百零五", 105),
    ("一千零五", 1005),
    ("两千", 2000),
    ("二十万零五百", 200500),
    ("捌万", 80000),
    ("壹拾伍万", 150000),
    ("贰佰叁拾肆", 234),
    ("一亿二千万", 120_000_000),
    ("二〇二一", 2021),
    ("二○○九", 2009),
    ("二零二二", 2022),
    ("二OO三", 2003),
    ("1,500", 1500),
    ("１５", 15),
    ("3万", 30000),
])
def test_cn_to_int(text: str, expected: int) -> None:
    assert cn_to_int(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "十x", "元"])
def test_cn_to_int_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("50万元", 500_000),
    ("5万元", 50_000),
    ("1.5万元", 15_000),
    ("150000元", 150_000),
    ("150,000元", 150_000),
    ("１５００００元", 150_000),
    ("人民币捌万元", 80_000),
    ("人民币捌万元整", 80_000),
    ("人民币壹拾伍万元整", 150_000),
    ("¥80000元", 80_000),
    ("￥80000元", 80_000),
    ("三十万元", 300_000),
    ("五十万元", 500_000),
    ("一千一百六十元", 1160),
    ("10万余元", 100_000),
    ("14438.5元", 14438.5),
    ("2 万元", 20_000),
])
def test_parse_amount(text: str, expected: int | float) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", ["万元", "元", "五十", "数万元", "人民币"])
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


def test_find_amounts_in_running_text() -> None:
    text = "罚款人民币捌万元（¥80000元），没收违法所得1.5万元。"
    assert [value for value, _, _ in find_amounts(text)] == [80000, 80000, 15000]
    value, start, end = find_amounts(text)[0]
    assert text[start:end] == "人民币捌万元"


@pytest.mark.parametrize(("text", "expected"), [
    ("二〇二一年十月十二日", "2021-10-12"),
    ("二○二二年六月八日", "2022-06-08"),
    ("二零二二年十一月三日", "2022-11-03"),
    ("二ＯＯ三年十二月三十一日", "2003-12-31"),
    ("二0一三年四月十日", "2013-04-10"),
    ("二〇二四年三月二十日", "2024-03-20"),
    ("2023年5月18日", "2023-05-18"),
    ("２０２３年５月１８日", "2023-05-18"),
    ("二 〇 二 一 年 十 月 十 二 日", "2021-10-12"),
    ("二○一六四月十二日", "2016-04-12"),  # 年 dropped in the published text
    ("二〇二一年十月廿一日", "2021-10-21"),
])
def test_parse_cn_date(text: str, expected: str) -> None:
    assert parse_cn_date(text) == expected


@pytest.mark.parametrize("text", [
    "二〇二一年十三月一日", "二〇二一年二月三十日", "二ＯＯ三年十二月日",
    "十月十二日", "2021-10-12",
])
def test_parse_cn_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_cn_date(text)


def test_find_dates_reports_incomplete_dates() -> None:
    assert find_dates("二OO三年十二月日") == [(None, 0, 9)]
    assert find_dates("于2021年6月2日立案")[0][0] == "2021-06-02"


@pytest.mark.parametrize(("n", "lower", "upper"), [
    (0, "零", "零"),
    (10, "十", "壹拾"),
    (15, "十五", "壹拾伍"),
    (105, "一百零五", "壹佰零伍"),
    (80000, "八万", "捌万"),
    (100000001, "一亿零一", "壹亿零壹"),
])
def test_int_to_cn(n: int, lower: str, upper: str) -> None:
    assert int_to_cn(n) == lower
    assert int_to_cn(n, upper=True) == upper


@given(st.integers(min_value=0, max_value=10**12 - 1), st.booleans())
def test_numeral_round_trip(n: int, upper: bool) -> None:
    assert cn_to_int(int_to_cn(n, upper=upper)) == n


@given(st.integers(min_value=0, max_value=10**11), st.booleans())
def test_amount_round_trip(n: int, upper: bool) -> None:
    assert parse_amount(f"{n}元") == n
    assert parse_amount(f"人民币{int_to_cn(n, upper=upper)}元整") == n
    assert parse_amount(f"{n:,}元") == n


@given(st.integers(min_value=1, max_value=10**9))
def test_wan_round_trip(hundreds: int) -> None:
    n = hundreds * 100
    assert parse_amount(f"{Decimal(n) / 10000}万元") == n


@given(st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_date_round_trip(day: dt.date) -> None:
    assert parse_cn_date(format_cn_date(day)) == day.isoformat()
    assert parse_cn_date(f"{day.year}年{day.month}月{day.day}日") == day.isoformat()
    assert parse_cn_date(format_cn_date(day).replace("〇", "○")) == day.isoformat()


@given(st.text())
def test_numeral_parsers_never_crash(text: str) -> None:
    for parse in (cn_to_int, parse_amount, parse_cn_date):
        with contextlib.suppress(ValueError):
            parse(text)
    for value, start, end in find_amounts(text):
        assert 0 <= start < end <= len(text)
        assert value >= 0
    for _iso, start, end in find_dates(text):
        assert 0 <= start < end <= len(text)
