"""Resident ID numbers as printed: full, 15-digit, masked, or with a wrong check character."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ingest.matching import idnumber
from ingest.resolve import CompanyResolver

FULL = "11010519491231002X"  # GB 11643's own example


def test_a_full_number_is_checked_and_kept_only_masked():
    parsed = idnumber.parse(FULL)
    assert parsed.kind == "full" and parsed.valid is True
    assert parsed.masked == "110105********002X"
    bad = idnumber.parse("110105194912310021")
    assert bad.kind == "full" and bad.valid is False  # reported, never "fixed"


def test_the_old_15_digit_form_meets_its_18_digit_form():
    old = idnumber.parse("110105491231002")
    assert old.kind == "old15" and old.valid is True
    assert old.pattern == FULL


def test_masked_prints_agree_where_both_show_digits():
    masked = idnumber.parse("110105********002X")
    assert masked.kind == "masked" and masked.valid is None
    assert idnumber.compatible(masked.pattern, FULL)
    assert not idnumber.compatible(idnumber.parse("110105********0031").pattern, FULL)


def test_text_that_is_not_an_id_number_is_refused():
    for text in ("", "12345", "11010519491231002Y", "******************", "ABCDEFGHIJKLMNOPQR"):
        assert idnumber.parse(text) is None, text


def test_a_keyed_hash_needs_a_secret_and_a_valid_full_number():
    parsed = idnumber.parse(FULL)
    assert idnumber.keyed_hash(parsed, None) is None
    assert idnumber.keyed_hash(idnumber.parse("110105********002X"), "s") is None
    assert idnumber.keyed_hash(parsed, "s") == idnumber.keyed_hash(idnumber.parse("110105491231002"), "s")
    assert FULL not in (idnumber.keyed_hash(parsed, "s") or "")


def test_a_person_in_a_document_meets_the_registered_person_by_name_and_number():
    resolver = CompanyResolver(id_secret="secret")
    resolver.learn_person("91320505MA1MXK3L5G", "王建国", "person:王建国|110105********002X")
    node_id, props = resolver.person_in_document("王建国", FULL, "(2024)苏05刑初1号")
    assert node_id == "person:王建国|110105********002X"
    assert props["id_number_masked"] == "110105********002X" and FULL not in str(props)
    assert props["id_number_hash"]
    # masked differently (birth date shown), still the same person
    assert resolver.person_in_document("王建国", "11010519491231****", "c")[0] == node_id
    # another number: another person, even with the same name
    other, _ = resolver.person_in_document("王建国", "320102198001010018", "c")
    assert other != node_id
    # no number: the person of that case, as before
    assert resolver.person_in_document("王建国", None, "c")[0] == "person:王建国|@c"


DIGITS17 = st.builds(
    lambda place, born, seq: place + born.strftime("%Y%m%d") + seq,
    st.sampled_from(["110105", "320102", "320505", "320583", "440305"]),
    st.dates(date(1920, 1, 1), date(2010, 12, 31)),
    st.text(alphabet="0123456789", min_size=3, max_size=3),
)


@given(DIGITS17)
def test_any_17_digits_with_their_check_character_are_valid(body):
    number = body + idnumber.check_char(body)
    parsed = idnumber.parse(number)
    assert parsed.kind == "full" and parsed.valid is True
    wrong = next(c for c in "0123456789X" if c != number[-1])
    assert idnumber.parse(body + wrong).valid is False


@given(DIGITS17, st.sets(st.integers(0, 17), max_size=12))
def test_masking_any_positions_keeps_a_print_compatible_with_the_number(body, hidden):
    number = body + idnumber.check_char(body)
    printed = "".join("*" if i in hidden else ch for i, ch in enumerate(number))
    parsed = idnumber.parse(printed)
    assert parsed is not None
    assert idnumber.compatible(parsed.pattern, number)
    assert parsed.masked == number[:6] + "********" + number[-4:] or "*" in printed


@given(st.text(max_size=30))
def test_parsing_never_fails_on_any_text(text):
    parsed = idnumber.parse(text)
    assert parsed is None or len(parsed.pattern) == 18
