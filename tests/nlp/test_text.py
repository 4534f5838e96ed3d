"""Normalised matching text, readable values and spans back into what the caller passed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nlp.text import Doc, html_to_text, looks_like_html, tidy


def test_width_and_spacing_fold_for_matching() -> None:
    doc = Doc.from_text("（２０２１）苏 05 民初 1234 号\n江 苏 省 高 级 人 民 法 院")
    assert doc.norm == "(2021)苏05民初1234号\n江苏省高级人民法院"


def test_values_and_spans_come_from_the_original() -> None:
    raw = "被告：松冈机电（中国）有限公司，住所地　上海市。"
    doc = Doc.from_text(raw)
    start = doc.norm.index("松冈")
    end = doc.norm.index(",")
    assert doc.value(start, end) == "松冈机电（中国）有限公司"
    a, b = doc.span(start, end)
    assert raw[a:b] == "松冈机电（中国）有限公司"


def test_tidy_keeps_spaces_only_between_latin_words() -> None:
    assert tidy("LOUIS  VUITTON MALLETIER") == "LOUIS VUITTON MALLETIER"
    assert tidy("审 判 长　王 某") == "审判长王某"
    assert tidy("2 万元") == "2万元"


def test_html_pages_are_read_with_spans_into_the_page() -> None:
    page = ("<html><head><title>标题</title><style>p{}</style></head><body>"
            "<div>某某市人民法院</div><p>原告&ldquo;甲&rdquo;公司&nbsp;</p></body></html>")
    assert looks_like_html(page)
    text, origin = html_to_text(page)
    assert "标题" not in text and "p{}" not in text
    assert "某某市人民法院\n" in text
    doc = Doc.from_text(page)
    start = doc.norm.index("某某")
    a, b = doc.span(start, start + len("某某市人民法院"))
    assert page[a:b] == "某某市人民法院"
    assert doc.value(doc.norm.index("原告"), doc.norm.index("公司") + 2) == "原告“甲”公司"


def test_plain_text_is_not_taken_for_html() -> None:
    assert not looks_like_html("江苏省苏州市中级人民法院\n民事判决书")
    assert not looks_like_html("<2021>年的文书")


@given(st.text())
def test_every_normalised_character_maps_into_the_original(raw: str) -> None:
    doc = Doc.from_text(raw)
    assert len(doc.norm_origin) == len(doc.norm)
    for i in range(len(doc.norm)):
        a, b = doc.span(i, i + 1)
        assert 0 <= a < b <= len(raw)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_html_conversion_never_crashes(page: str) -> None:
    text, origin = html_to_text("<html><body>" + page + "</body></html>")
    assert len(text) == len(origin)
