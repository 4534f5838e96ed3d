"""Readers: files are routed by content, decoded whatever their encoding, every format read."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from ingest.readers import Routed, Unparsed, read_file, route
from ingest.readers.documents import decode, html_to_text
from ingest.run import run_ingest

REGISTRATION = {"uscc": "91320505MA1MXK3L5G", "name": "苏州恒达服饰有限公司"}
RULING_LINES = ["江苏省苏州市中级人民法院", "民事判决书", "（2021）苏05民初1234号",
                "原告：无锡澜湖纺织科技有限公司。", "被告：苏州恒达服饰有限公司。"]


def make_docx(lines: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pdf(lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 12)
    for number, line in enumerate(lines):
        page.drawString(50, 800 - 20 * number, line)
    page.save()
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("companies.jsonl", json.dumps(REGISTRATION, ensure_ascii=False).encode(), ("registry", "jsonl")),
    ("export.dat", json.dumps(REGISTRATION, ensure_ascii=False).encode(), ("registry", "jsonl")),
    ("p.jsonl", json.dumps({"application_no": "202110123456.7"}).encode(), ("patent", "jsonl")),
    ("marks.csv", "number,mark,nice_class\n1,澜湖,25\n".encode(), ("trademark", "csv")),
    ("marks.export", "number,mark,nice_class,goods\n1,澜湖,25,服装\n".encode(), ("trademark", "csv")),
    ("ruling.txt", "江苏省苏州市中级人民法院\n民事判决书\n".encode(), ("document", "text")),
    ("page.bin", "<html><body>判决书</body></html>".encode(), ("document", "html")),
    ("x.bin", b"%PDF-1.4\n...", ("document", "pdf")),
    ("y.bin", b"PK\x03\x04....", ("document", "docx")),
    ("c.dat", b"<?xml version='1.0'?><companies><company/></companies>", ("registry", "xml")),
    ("t.xml", b"<trademarks><trademark/></trademarks>", ("trademark", "xml")),
    ("other.csv", b"a,b,c\n1,2,3\n", None),
    ("unknown.jsonl", json.dumps({"foo": 1}).encode(), None),
    ("w.xml", b"<weather/>", None),
])
def test_route_picks_the_reader_by_content(name, data, expected):
    routed = route(Path(name), data)
    assert (routed and (routed.source, routed.format)) == (expected or None)


def test_a_utf8_head_cut_inside_a_character_still_routes():
    data = ("江苏省苏州市中级人民法院" * 400).encode()
    assert route(Path("r.txt"), data[:8191]) == Routed("document", "text")


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


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_docx_and_pdf_documents_yield_their_text(tmp_path, fmt):
    data = make_docx(RULING_LINES) if fmt == "docx" else make_pdf(RULING_LINES)
    routed = route(tmp_path / f"ruling.{fmt}", data[:8192])
    [record] = list(read_file(tmp_path / f"ruling.{fmt}", data, routed))
    for line in RULING_LINES:
        assert line in record.data


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_truncated_binary_document_is_an_unparsed_record_with_the_reason(tmp_path, fmt):
    data = make_docx(RULING_LINES) if fmt == "docx" else make_pdf(RULING_LINES)
    routed = Routed("document", fmt)
    [record] = list(read_file(tmp_path / f"bad.{fmt}", data[: len(data) // 3], routed))
    assert isinstance(record.data, Unparsed) and f"{fmt.upper()}" in record.data


def test_xml_records_read_like_their_json_lines_twins(tmp_path):
    xml = ("<?xml version='1.0' encoding='UTF-8'?><companies><company>"
           "<uscc>91320505MA1MXK3L5G</uscc><name>苏州恒达服饰有限公司</name>"
           "<former_names><name>苏州恒达服装厂</name></former_names>"
           "<legal_rep><name>王建国</name><id_number>320505197803121234</id_number></legal_rep>"
           "<shareholders><shareholder><name>王建国</name><kind>person</kind>"
           "<stake>0.8</stake></shareholder></shareholders></company><company/></companies>")
    data = xml.encode()
    records = list(read_file(tmp_path / "c.xml", data, route(tmp_path / "c.xml", data)))
    assert records[0].data == {
        "uscc": "91320505MA1MXK3L5G", "name": "苏州恒达服饰有限公司",
        "former_names": ["苏州恒达服装厂"],
        "legal_rep": {"name": "王建国", "id_number": "320505197803121234"},
        "shareholders": [{"name": "王建国", "kind": "person", "stake": "0.8"}]}
    assert isinstance(records[1].data, Unparsed)


def test_malformed_xml_and_entity_bombs_are_refused_not_expanded(tmp_path):
    bomb = (b"<?xml version='1.0'?><!DOCTYPE companies [<!ENTITY a 'aaaaaaaaaa'>"
            b"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]><companies><company><name>&b;</name>"
            b"</company></companies>")
    for data in (bomb, b"<?xml version='1.0'?><companies><company><name>x</name>"):
        [record] = list(read_file(tmp_path / "c.xml", data, Routed("registry", "xml")))
        assert isinstance(record.data, Unparsed)


def test_structured_rows_are_numbered_and_bad_lines_kept_for_quarantine(tmp_path):
    data = (json.dumps(REGISTRATION, ensure_ascii=False) + "\n\n{broken\n").encode()
    records = list(read_file(tmp_path / "c.jsonl", data, Routed("registry", "jsonl")))
    assert [r.position for r in records] == ["r1", "r3"]
    assert records[0].data == REGISTRATION
    assert "not valid JSON" in records[1].data
    assert records[0].doc_sha == records[1].doc_sha and len(records[0].doc_sha) == 64


def test_a_mixed_inbox_in_every_format_and_encoding_is_fully_accounted_for(tmp_path, samples_dir):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ruling = (samples_dir / "rulings" / "2021-su05-minchu-1234.txt").read_text(encoding="utf-8")
    (inbox / "ruling-gb.txt").write_bytes(ruling.encode("gb18030"))
    (inbox / "ruling.docx").write_bytes(make_docx(ruling.splitlines()))
    (inbox / "companies.jsonl").write_bytes(
        codecs.BOM_UTF8 + (samples_dir / "companies.jsonl").read_bytes())
    (inbox / "truncated.pdf").write_bytes(make_pdf(RULING_LINES)[:200])
    (inbox / "notes.md").write_text("# nothing to read\n")
    from graph.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "s") as store:
        report = run_ingest(inbox, store)
        assert report.records_in == report.loaded + report.unchanged + report.quarantined
        where = {(q.file, q.field) for q in report.quarantine}
        assert ("truncated.pdf", "(file)") in where and ("notes.md", "(file)") in where
        assert report.by_source["document"]["loaded"] == 2
        cases = [n.id for n in store.nodes("Case")]
        assert cases == ["(2021)苏05民初1234号"]
