"""Generated identifiers and spellings read back through the project's own parsers."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc

from graph.types import patent_no, trademark_no, uscc
from ingest.synthetic import identifiers, phrasing
from ingest.synthetic.regions import CITIES, DISTRICTS
from ingest.synthetic.registry import BIRTH_REGIONS
from ingest.synthetic.rulings import HIGH, basic_court, intermediate_court
from nlp.case_numbers import parse_case_number
from nlp.numerals import cn_to_int, parse_amount, parse_cn_date
from nlp.penalties import DECISION_NO, canonical_decision_no

counters = st.integers(min_value=1, max_value=3_000_000)
days = st.dates(min_value=date(1996, 1, 1), max_value=date(2026, 12, 31))
regions = st.sampled_from([d.code for d in DISTRICTS])


@given(counters, regions, days, st.sampled_from("12"))
def test_a_uscc_is_valid_and_carries_its_jiangsu_region(counter, region, founded, kind):
    code = identifiers.uscc(counter, region, founded, kind)
    assert stdnum_uscc.is_valid(code)
    assert code[:2] == "9" + kind and code[2:8] == region and region.startswith("32")


@given(counters, regions, days, st.integers(0, 1000))
def test_a_spoiled_uscc_fails_the_way_it_was_spoiled(counter, region, founded, salt):
    good = identifiers.uscc(counter, region, founded)
    rng = random.Random(salt)
    assert uscc.clean(identifiers.malformed_uscc(good, "check", rng)).check_digit_ok is False
    for defect in ("length", "alphabet"):
        with pytest.raises(ValueError):
            uscc.clean(identifiers.malformed_uscc(good, defect, rng))


def test_uscc_organisation_codes_never_repeat():
    codes = {identifiers.uscc(n, "320505", date(2020, 1, 1)) for n in range(1, 50_001)}
    old = {identifiers.uscc(n, "320505", date(2010, 1, 1)) for n in range(1, 50_001)}
    assert len(codes) == len(old) == 50_000


@given(st.integers(0, 10_000), st.sampled_from(BIRTH_REGIONS),
       st.dates(min_value=date(1955, 1, 1), max_value=date(2000, 12, 31)))
def test_resident_id_numbers_validate(seed, region, born):
    number = identifiers.resident_id(random.Random(seed), region, born)
    assert ric.is_valid(number) and ric.get_birth_date(number) == born


@given(counters, st.integers(2003, 2025), st.sampled_from("123"))
def test_patent_numbers_pass_the_graphs_check(counter, year, kind):
    number = identifiers.patent_number(counter, year, kind)
    parsed = patent_no.parse(number)
    assert parsed.application_no == number and parsed.kind == {"1": "发明", "2": "实用新型",
                                                                "3": "外观设计"}[kind]
    assert patent_no.parse("ZL" + number.replace(".", "")).application_no == number


def test_patent_and_trademark_numbers_are_unique_within_a_year():
    patents = {identifiers.patent_number(n, 2021, "1") for n in range(1, 30_001)}
    marks = {identifiers.trademark_number(n, year) for n in range(1, 30_001) for year in (2008, 2021)}
    assert len(patents) == 30_000 and len(marks) == 60_000
    assert all(trademark_no.clean(m) == m and len(m) <= 8 for m in marks)


@given(st.integers(2012, 2025), st.sampled_from(["苏05", "苏0505", "苏", "最高法"]),
       st.sampled_from(["民初", "知民初", "民终", "知民终", "民三初"]), st.integers(1, 99_999))
def test_case_numbers_parse_to_themselves(year, court, case_type, serial):
    old = "苏中" if year < 2016 and court != "最高法" else None
    number = identifiers.case_number(year, court, case_type, serial, old)
    assert parse_case_number(number).canonical == number
    assert parse_case_number(number.replace("(", "（").replace(")", "）")).canonical == number


@given(st.sampled_from(["苏市监罚", "锡市监处罚", "苏虎丘市监罚", "宁工商案字", "苏知执字"]),
       st.integers(2012, 2025), st.integers(1, 9999), st.booleans())
def test_decision_numbers_are_canonical(prefix, year, serial, di):
    number = identifiers.decision_number(prefix, year, serial, di)
    assert canonical_decision_no(DECISION_NO.fullmatch(number)) == number


@given(st.integers(1, 99_999_999), st.integers(0, 100))
def test_every_money_spelling_reads_back(yuan, seed):
    text = phrasing.money(random.Random(seed), yuan, upper_ok=True)
    head = text.split("（")[0]
    assert parse_amount(head) == yuan


@given(st.integers(0, 99_999_999))
def test_chinese_numerals_read_back(n):
    assert cn_to_int(phrasing.cn_number(n)) == n
    assert cn_to_int(phrasing.cn_number(n, upper=True)) == n


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 100))
def test_signature_dates_read_back(day, seed):
    assert parse_cn_date(phrasing.cn_date(random.Random(seed), day)) == day.isoformat()


def test_old_form_court_abbreviations_never_collide():
    courts = [basic_court(d) for d in DISTRICTS] + [intermediate_court(c) for c in CITIES] + [HIGH]
    abbreviations = [court.old for court in courts]
    assert len(abbreviations) == len(set(abbreviations))
    assert len({court.code for court in courts}) == len(courts)
