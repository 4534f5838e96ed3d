"""Administrative penalty decisions (行政处罚决定书): number, authority, violation, fine, basis.

Decision numbers look like ``苏市监罚〔2023〕112号``; the year bracket is written 〔〕, [], 【】 or
() depending on the office, and is canonicalised to 〔〕. The decision proper follows
``决定如下`` / ``作出如下行政处罚``: the fine and confiscation are read there, not from the
narrative that quotes the law's ranges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.numerals import find_amounts
from nlp.text import Doc

DECISION_NO = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{2,16}?)[〔\[(【](?P<year>(?:19|20)\d{2})[〕\])】]"
    r"(?P<di>第)?(?P<serial>\d{1,6})号"
)
_NOT_PREFIX = re.compile(r"[以被的于在和与及为将对经由作出局院会]")
_TITLE = re.compile(r"行政处罚决定书|处罚决定书")
_AUTHORITY = re.compile(
    r"^(?P<a>[\u4e00-\u9fff]{2,30}?(?:市场监督管理局|市场监管局|工商行政管理局|知识产权局|"
    r"管理局|局|委员会|分局))(?:行政处罚决定书)?(?:\(印章\)|\(章\))?$"
)
_DECISION_START = re.compile(
    r"决定如下|处罚如下|作出如下(?:行政)?处罚|给予如下(?:行政)?处罚|决定对当事人[^。]{0,20}处罚:?"
)
_DECISION_END = re.compile(r"当事人(?:应|如|须)|如不服|逾期不")
_FINE = re.compile(r"罚款(?:人民币)?")
_BASIS = re.compile(r"(?:依据|根据|依照)(?=《)")
_BASIS_END = re.compile(r"的?规定|之规定|[,。;]本局|,决定")
_CONFISCATION = re.compile(r"没收")
_VIOLATION = (
    re.compile(r"属于[^,。;]{0,40}?(?:规定|所指|所称)的(?P<v>[^。;]{4,80}?)的?(?:违法)?行为"),
    re.compile(r"(?P<v>(?:销售|生产|制造|使用|加工|印制|提供|许诺销售)[^,。;]{0,20}?"
               r"(?:侵犯|侵害|假冒)[^,。;]{0,24}?(?:商品|标识|商标|专利))"),
)


@dataclass
class PenaltyParts:
    """Offsets in ``doc.norm`` of what a decision states; values are cut by the caller."""

    decision_no: str | None
    decision_span: tuple[int, int] | None
    authority: tuple[int, int] | None
    violation: tuple[int, int] | None
    fine: tuple[int | float, tuple[int, int]] | None
    confiscation: tuple[int, int] | None
    basis: tuple[int, int] | None
    header_end: int


def canonical_decision_no(m: re.Match[str]) -> str | None:
    """``苏市监罚[2023]112号`` → ``苏市监罚〔2023〕112号``; None if no issuing prefix is left.

    In running text the prefix match starts too early (被苏州市市场监督管理局以苏市监罚…); it is
    cut after the last word that cannot belong to a document-number prefix.
    """
    prefix = _NOT_PREFIX.split(m.group("prefix"))[-1]
    if len(prefix) < 2:
        return None
    return f"{prefix}〔{m.group('year')}〕{m.group('di') or ''}{m.group('serial')}号"


def is_penalty(doc: Doc) -> bool:
    """A penalty decision names itself, or opens with a decision number and a 当事人."""
    head = doc.norm[:800]
    return bool(_TITLE.search(head) or (DECISION_NO.search(head) and "当事人" in head))


def _header(doc: Doc) -> tuple[re.Match[str] | None, tuple[int, int] | None, int]:
    lines = doc.lines()[:12]
    number = None
    authority = None
    end = 0
    for a, b in lines:
        line = doc.norm[a:b]
        if authority is None and (m := _AUTHORITY.match(line)):
            authority = (a + m.start("a"), a + m.end("a"))
        if number is None and (m := DECISION_NO.search(doc.norm, a, b)):
            number = m
            end = b
        if line.startswith("当事人"):
            end = end or a
            break
    return number, authority, end


def _signature_authority(doc: Doc) -> tuple[int, int] | None:
    for a, b in reversed(doc.lines()[-8:]):
        if m := _AUTHORITY.match(doc.norm[a:b]):
            return a + m.start("a"), a + m.end("a")
    return None


def _basis(norm: str, decision_at: int) -> tuple[int, int] | None:
    """The citation clause nearest before the decision: 依据《…》第…条…的规定."""
    marks = list(_BASIS.finditer(norm, 0, decision_at))
    if not marks:
        return None
    a = marks[-1].end()
    m = _BASIS_END.search(norm, a, decision_at)
    return a, m.start() if m else decision_at


def read_penalty(doc: Doc) -> PenaltyParts:
    """Everything the decision states about itself and its outcome."""
    norm = doc.norm
    number, authority, header_end = _header(doc)
    starts = list(_DECISION_START.finditer(norm, header_end))
    decision_at = starts[-1].start() if starts else len(norm)
    stop = _DECISION_END.search(norm, decision_at)
    d_end = stop.start() if stop else len(norm)
    fine = None
    for m in _FINE.finditer(norm, decision_at, d_end):
        amounts = find_amounts(norm, m.end(), min(d_end, m.end() + 20))
        if amounts and amounts[0][1] == m.end():
            fine = (amounts[0][0], (amounts[0][1], amounts[0][2]))
            break
    seized = _CONFISCATION.search(norm, decision_at, d_end)
    violation = None
    for pattern in _VIOLATION:
        if m := pattern.search(norm, header_end, decision_at):
            violation = m.span("v")
            break
    return PenaltyParts(
        decision_no=canonical_decision_no(number) if number else None,
        decision_span=number.span() if number else None,
        authority=authority or _signature_authority(doc),
        violation=violation,
        fine=fine,
        confiscation=seized.span() if seized else None,
        basis=_basis(norm, decision_at),
        header_end=header_end,
    )
