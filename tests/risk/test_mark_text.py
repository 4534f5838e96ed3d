"""Near-copy matching of mark texts: the table of how, and the index finding what a full scan finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.synthetic.marks import HOWS, homophones, traditional, vary
from risk.detectors.mark_text import MarkIndex, compare, fold

TABLE = [
    ("恒达", "恒达", "same"),
    ("恆達", "恒达", "traditional"),
    ("ＨＥＮＧＤＡ", "hengda", "same"),  # full-width and case fold away
    ("衡达", "恒达", "homophone"),
    ("恒答", "恒达", "homophone"),
    ("新恒达", "恒达", "added"),
    ("恒达之星", "恒达", "added"),
    ("衡達之星", "恒达", "added_homophone"),
    ("恒 达", "恒达", "same"),
    ("华泰", "恒达", None),
    ("恒", "恒", None),  # one character is nobody's mark
    ("达恒", "恒达", None),  # the same characters in another order read differently
    ("恒", "恒达", None),  # a part of a mark does not copy the mark
]


@pytest.mark.parametrize(("candidate", "original", "how"), TABLE)
def test_how_a_candidate_copies_an_original(candidate, original, how):
    assert compare(candidate, original) == how


CHARS = "恒达衡答盛胜鑫新心欣华化泰太瑞锐丰峰凤之星家新老金国际"


@settings(max_examples=150, deadline=None)
@given(originals=st.lists(st.text(alphabet=CHARS, min_size=1, max_size=4), min_size=1, max_size=25),
       candidate=st.text(alphabet=CHARS, min_size=1, max_size=6))
def test_the_index_finds_exactly_what_comparing_with_every_original_finds(originals, candidate):
    index = MarkIndex()
    for key, text in enumerate(originals):
        index.add(key, text)
    found = {m.original: m.how for m in index.matches(candidate)}
    expected = {key: compare(candidate, text) for key, text in enumerate(originals)}
    assert found == {k: how for k, how in expected.items() if how is not None}


@settings(max_examples=200, deadline=None)
@given(mark=st.text(alphabet="恒达盛鑫华泰瑞丰源诚信隆兴宏嘉和佳锐金银宝汇", min_size=2, max_size=3),
       how=st.sampled_from(HOWS), seed=st.integers(0, 10_000))
def test_every_planted_variation_is_recognised_as_a_copy(mark, how, seed):
    import random

    text, done = vary(random.Random(seed), mark, how)
    assert compare(text, mark) is not None
    if done == "homophone":
        assert compare(text, mark) == "homophone" and fold(text) != fold(mark)


def test_every_trade_word_character_has_a_homophone_and_traditional_forms_fold_back():
    from ingest.synthetic.names import TRADE_CHARS

    assert all(homophones(ch) for ch in TRADE_CHARS)
    assert fold(traditional("恒达华丰龙凤")) == "恒达华丰龙凤"
