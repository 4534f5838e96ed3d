"""Readers: files are routed by content, decoded whatever their encoding, and HTML is stripped."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from ingest.readers import read_file, route
from ingest.readers.documents import decode, html_to_text

REGISTRATION = {"uscc": "91320505MA1MXK3L5G", "name": "苏州恒达服饰有限公司"}


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("companies.jsonl", json.dumps(REGISTRATION, ensure_ascii=False), "registry"),
    ("export.dat", json.dumps(REGISTRATION, ensure_ascii=False), "registry"),  # by content
    ("p.jsonl", json.dumps({"application_no": "202110123456.7"}), "patent"),
    ("marks.csv", "number,mark,nice_class\n1,澜湖,25\n", "trademark"),
    ("marks.export", "number,mark,nice_class,goods\n1,澜湖,25,服装\n", "trademark"),
    ("ruling.txt", "江苏省苏州市中级人民法院\n民事判决书\n", "document"),
    ("page.bin", "<html><body>判决书</body></html>", "document"),
    ("other.csv", "a,b,c\n1,2,3\n", None),
    ("unknown.jsonl", json.dumps({"foo": 1}), None),
])
def test_route_picks_the_reader_by_content(name, text, expected):
    assert route(Path(name), text) == expected


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    lambda s: s.encode("gb18030"),
])
def test_decode_reads_utf8_with_or_without_bom_and_gb18030(encode):
    text = "江苏省苏州市中级人民法院（2021）苏05民初1234号"
    assert decode(encode(text)) == text


def test_html_to_text_keeps_the_visible_blocks_and_drops_scripts():
    html = ("<html><head><style>p{}</style><script>var a='隐藏';</script></head><body>"
            "<h1>民事判决书</h1><p>原告：无锡澜湖纺织科技有限公司</p><div>被告：苏州恒盛商贸有限公司</div>"
            "</body></html>")
    assert html_to_text(html).splitlines() == [
        "民事判决书", "原告：无锡澜湖纺织科技有限公司", "被告：苏州恒盛商贸有限公司"]


def test_structured_rows_are_numbered_and_bad_lines_kept_for_quarantine(tmp_path):
    data = (json.dumps(REGISTRATION, ensure_ascii=False) + "\n\n{broken\n").encode()
    records = list(read_file(tmp_path / "c.jsonl", data, "registry"))
    assert [r.position for r in records] == ["r1", "r3"]
    assert records[0].data == REGISTRATION
    assert "not valid JSON" in records[1].data
    assert records[0].doc_sha == records[1].doc_sha and len(records[0].doc_sha) == 64
