"""How documents write numbers, money and dates, and the noise publication adds.

Written here rather than borrowed from ``nlp/``: the generator must not share the extractor's
code, or a bug in one would hide in both the documents and the gold.
"""

from __future__ import annotations

import html
import io
import random
import zipfile
from datetime import date

from ingest.synthetic.names import (
    AGENCY,
    GIVEN_CHARS,
    INDUSTRIES,
    PLATFORM,
    SURNAMES,
    TRADE_CHARS,
    TRADING,
    to_fullwidth,
)
from ingest.synthetic.regions import DISTRICTS, PARKS, ROADS

_LOWER = "零一二三四五六七八九"
_UPPER = "零壹贰叁肆伍陆柒捌玖"
_ZEROS = (("〇", 70), ("○", 20), ("Ｏ", 5), ("零", 5))
# Look-alike characters an OCR pass confuses; never ones that occur in names or that the
# extractor keys on (进货, 购进, 侵害 …).
_OCR_PAIRS = (("已", "己"), ("士", "土"), ("拨", "拔"), ("戍", "戌"), ("末", "沫"), ("仓", "仑"),
              ("库", "厍"), ("场", "扬"), ("照", "熙"), ("现", "观"))
_NAME_CHARS = frozenset(
    TRADE_CHARS + SURNAMES + GIVEN_CHARS + "".join(ROADS + PARKS)
    + "".join(d.place for d in DISTRICTS)
    + "".join(w for i in (*INDUSTRIES, TRADING, AGENCY, PLATFORM) for w in i.words + (i.shop,)))
OCR_PAIRS = tuple((a, b) for a, b in _OCR_PAIRS if a not in _NAME_CHARS and a != b)


def _group(n: int, digits: str, units: tuple[str, str, str]) -> str:
    """0 < n < 10000 in Chinese numerals (一千零五, 壹仟零伍)."""
    out, zero = "", False
    for power, unit in ((1000, units[0]), (100, units[1]), (10, units[2]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        out += digits[d] + unit
    return out


def cn_number(n: int, upper: bool = False) -> str:
    """A whole number below 10^8 the way judgments (一十五万) and fines (壹拾伍万) write it."""
    digits = _UPPER if upper else _LOWER
    units = ("仟", "佰", "拾") if upper else ("千", "百", "十")
    if n == 0:
        return digits[0]
    high, low = divmod(n, 10_000)
    out = ""
    if high:
        out = _group(high, digits, units) + ("万" if not upper else "万")
    if low:
        out += (digits[0] if high and low < 1000 else "") + _group(low, digits, units)
    if not upper and out.startswith("一十"):
        out = out[1:]
    return out


def money(rng: random.Random, yuan: int, *, upper_ok: bool = False) -> str:
    """An amount in one of the usual spellings; every one reads back as ``yuan``."""
    styles = ["plain", "rmb", "comma"]
    if yuan % 1000 == 0:
        styles += ["wan", "wan", "cn"]
    if upper_ok and yuan % 100 == 0:
        styles.append("upper")
    style = rng.choice(styles)
    if style == "rmb":
        return f"人民币{yuan}元"
    if style == "comma":
        return f"{yuan:,}元"
    if style == "wan":
        wan = yuan / 10_000
        return f"{int(wan) if wan == int(wan) else wan:g}万元"
    if style == "cn":
        return f"人民币{cn_number(yuan)}元"
    if style == "upper":
        return f"人民币{cn_number(yuan, upper=True)}元（￥{yuan}元）"
    return f"{yuan}元"


def cn_date(rng: random.Random, day: date) -> str:
    """二〇二一年十月十二日, with the zero written the ways real signatures write it."""
    zero = rng.choices([z for z, _ in _ZEROS], weights=[w for _, w in _ZEROS])[0]
    year = "".join(zero if c == "0" else _LOWER[int(c)] for c in str(day.year))
    return f"{year}年{cn_number(day.month)}月{cn_number(day.day)}日"


def arabic_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def widen_digits(text: str) -> str:
    """Digits and brackets full-width: （２０２１）苏０５民初１２３４号."""
    return to_fullwidth(text)


def brackets(rng: random.Random, text: str) -> str:
    """Half-width brackets as half or full width, the way published numbers mix them."""
    return text.replace("(", "（").replace(")", "）") if rng.random() < 0.6 else text


def spaced(text: str) -> str:
    """民 事 判 决 书: letter-spaced headings."""
    return " ".join(text)


def ocr_noise(rng: random.Random, text: str, rate: float) -> str:
    """Confuse look-alike characters, split a word with a space, and mix punctuation widths."""
    out = []
    for ch in text:
        if rng.random() < rate:
            swap = next((b for a, b in OCR_PAIRS if a == ch), None)
            if swap:
                ch = swap
            elif ch == "，":
                ch = ","
            elif ch == "：":
                ch = ":"
            elif "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.3:
                ch = ch + " "
        out.append(ch)
    return "".join(out)


def to_html(title: str, blocks: list[tuple[str, str]]) -> str:
    """A published page: ``blocks`` are (kind, text), kind ``head`` | ``para`` | ``sign``."""
    lines = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
             f"<title>{html.escape(title)}</title>", "</head>", "<body>"]
    for kind, text in blocks:
        body = html.escape(text, quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
        if kind == "para":
            lines.append(f"<p>{body}</p>")
        elif kind == "sign":
            lines.append(f'<div align="right">{body.replace("　", "&nbsp;&nbsp;")}</div>')
        else:
            lines.append(f"<div>{body}</div>")
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"


_DOCX_PARTS = (
    ("[Content_Types].xml",
     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
     '<Default Extension="xml" ContentType="application/xml"/>'
     '<Override PartName="/word/document.xml" ContentType="application/'
     'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    ("_rels/.rels",
     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
     'officeDocument/2006/relationships/officeDocument"/></Relationships>'),
)
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def to_docx(lines: list[str]) -> bytes:
    """A minimal Word document, one paragraph per line, as a court's download offers it.

    Zip entries carry a fixed timestamp so the same text always gives the same bytes.
    """
    paragraphs = "".join(f'<w:p><w:r><w:t xml:space="preserve">{html.escape(line, quote=False)}'
                         "</w:t></w:r></w:p>" for line in lines)
    document = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{paragraphs}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in (*_DOCX_PARTS, ("word/document.xml", document)):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)), _XML_HEAD + xml)
    return buffer.getvalue()
