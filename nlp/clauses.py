"""Clauses both rulings and penalty decisions contain: statutes cited, cause, source statements.

All functions take normalised text (see ``nlp.text``) and return offsets into it; callers cut
readable values with ``Doc.value``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CN_NUM = "零〇一二三四五六七八九十百千"
_NUM = rf"[{_CN_NUM}\d]+"
_ITEM = rf"\(?{_NUM}\)?"
# 款 and 项 may be listed under one 第: 第一、二款, 第（一）、（二）项.
_PARTS = rf"(?:第{_ITEM}(?:、{_ITEM})*款)?(?:第{_ITEM}(?:、{_ITEM})*项)?"
# Some courts print the article without 第 (五十七条); the extractor writes it back with 第.
_ARTICLE = re.compile(rf"第?{_NUM}条(?:之[{_CN_NUM}]+)?{_PARTS}")
_ARTICLE_HEAD = re.compile(rf"第?{_NUM}条")
_SUB_ARTICLE = re.compile(_PARTS)
# A court-issued interpretation is sometimes named with the court outside the brackets
# (最高人民法院《关于…的解释》); a version note may follow the name (（2001年修正）).
_LAW = re.compile(
    r"(?:最高人民法院(?=《关于))?《(?P<law>[^《》\n]{2,60})》"
    r"(?:\((?=[^()\n]{0,30}?(?:年|修正|修订|施行))[^()\n]{1,30}\))?"
)
_JOIN = re.compile(r"(?:、|,|和|及|以及|与)")
CAUSE = re.compile(
    r"(?:确认不侵害|侵害|侵犯|假冒|商标|专利|著作权|不正当竞争|计算机软件|外观设计|实用新型|发明)"
    r"[^,。;:与诉司人店厂()\n]{0,24}?纠纷"
)
CRIME = re.compile(
    r"(?:假冒注册商标|销售假冒注册商标的商品|非法制造、销售非法制造的注册商标标识|"
    r"非法制造注册商标标识|销售非法制造的注册商标标识|侵犯著作权|销售侵权复制品|假冒专利|侵犯商业秘密)罪"
)
_ORG = r"[\u4e00-\u9fff()]{2,40}?(?:有限责任公司|股份有限公司|有限公司|公司|厂|商行|经营部|店)"
_SOURCE = (
    re.compile(rf"从(?P<sup>{_ORG})(?:处)?(?:进货|购进|购入|购买|采购|批发|购得|进购|拿货)"),
    re.compile(rf"(?:购自|进货自|来源于|来自于|来自|供货商为|供货方为|供应商为|进货渠道为)"
               rf"(?P<sup>{_ORG})(?![\u4e00-\u9fff])"),
    re.compile(rf"由(?P<sup>{_ORG})(?:提供|供货|供应|生产)"),
)
_SENTENCE_END = "。;\n"


def find_statutes(norm: str, start: int = 0,
                  end: int | None = None) -> list[tuple[int, int, int, int]]:
    """Citations as (law_start, law_end, article_start, article_end), one per article.

    ``第五十六条第一款、第二款`` cites two provisions of the same article; the second inherits
    第五十六条. The caller joins law and article text for display.
    """
    end = len(norm) if end is None else end
    out: list[tuple[int, int, int, int]] = []
    for law in _LAW.finditer(norm, start, end):
        pos = law.end()
        article_at: tuple[int, int] | None = None
        while pos < end:
            m = _ARTICLE.match(norm, pos, end)
            if m:
                article_at = (m.start(), m.end())
                out.append((law.start(), law.end(), m.start(), m.end()))
                pos = m.end()
            elif article_at and (sub := _SUB_ARTICLE.match(norm, pos, end)) and sub.end() > pos:
                out.append((law.start(), law.end(), -sub.start(), sub.end()))
                pos = sub.end()
            else:
                break
            join = _JOIN.match(norm, pos, end)
            if not join:
                break
            pos = join.end()
    return out


def _citations(norm: str, cites: list[tuple[int, int, int, int]],
               value: Callable[[int, int], str]) -> list[tuple[str, int, int]]:
    """Each distinct citation's text and its (law start, provision end) offsets."""
    out: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    article = ""
    for law_a, law_b, art_a, art_b in cites:
        if art_a >= 0:
            prefix = "" if norm[art_a] == "第" else "第"
            text = prefix + value(art_a, art_b)
            head = _ARTICLE_HEAD.match(norm, art_a, art_b)
            article = prefix + value(art_a, head.end()) if head else ""
        else:
            text = article + value(-art_a, art_b)
        citation = _law_text(value(law_a, law_b)) + text
        if citation not in seen:
            seen.add(citation)
            out.append((citation, law_a, art_b))
    return out


def _law_text(text: str) -> str:
    """The law's name as cited, the issuing court inside the brackets: 《最高人民法院关于…》."""
    at = text.find("《")
    return "《" + text[:at] + text[at + 1:] if at > 0 else text


def statute_texts(norm: str, cites: list[tuple[int, int, int, int]],
                  value: Callable[[int, int], str]) -> list[str]:
    """Readable citations; sub-provisions get their article prefixed (第五十六条第二款)."""
    return [text for text, _, _ in _citations(norm, cites, value)]


def statute_spans(norm: str, cites: list[tuple[int, int, int, int]],
                  value: Callable[[int, int], str],
                  span: Callable[[int, int], list[int]]) -> list[list[int]]:
    """Where each of ``statute_texts`` was read: from the law's name to the provision."""
    return [span(a, b) for _, a, b in _citations(norm, cites, value)]


def find_cause(norm: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The 案由: a civil ``…纠纷`` or a crime ``…罪``, first one from ``start``."""
    end = len(norm) if end is None else end
    found = [m for m in (CAUSE.search(norm, start, end), CRIME.search(norm, start, end)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return first.start(), first.end()


def find_source_statements(norm: str, start: int = 0,
                           end: int | None = None) -> list[tuple[int, int, int, int]]:
    """Statements of where goods came from: (sentence_start, sentence_end, sup_start, sup_end)."""
    end = len(norm) if end is None else end
    out: list[tuple[int, int, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for pattern in _SOURCE:
        for m in pattern.finditer(norm, start, end):
            sup = (m.start("sup"), m.end("sup"))
            if sup in seen:
                continue
            seen.add(sup)
            a = max(norm.rfind(ch, start, m.start()) for ch in _SENTENCE_END) + 1
            ends = [i for i in (norm.find(ch, m.end(), end) for ch in _SENTENCE_END) if i != -1]
            b = min(ends) + 1 if ends else end
            out.append((max(a, start), b, sup[0], sup[1]))
    return sorted(out)
