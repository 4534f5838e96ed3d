"""Document headers and signature dates: what a document is, who issued it, when.

A judgment opens with court / 民事判决书 / case number on their own lines, and is signed with a
date line in Chinese numerals. Published pages often prepend a title or a commentary, and one
file may hold two documents; the header is the first court + form + number block, and the date
is the first signature date after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.case_numbers import CaseNumber, find_case_numbers
from nlp.numerals import find_dates
from nlp.text import Doc

_FORM_LINE = re.compile(
    r"^(?:中华人民共和国)?(?P<court>[\u4e00-\u9fff]{2,40}?法院)?"
    r"(?P<branch>民事|刑事|行政|执行|国家赔偿|赔偿)?(?P<form>判决书|裁定书|调解书|决定书)$"
)
_COURT_LINE = re.compile(r"^(?:中华人民共和国)?(?P<court>[\u4e00-\u9fff]{2,40}?(?:人民法院|法院))$")
_BRANCHES = {"民事": "civil", "刑事": "criminal", "行政": "administrative", "执行": "enforcement",
             "国家赔偿": "state_compensation", "赔偿": "state_compensation"}
_LOOKAHEAD = 3


@dataclass
class Header:
    """Where the header's parts stand in ``doc.norm``; ``end`` is where the parties begin."""

    start: int
    court: tuple[int, int] | None
    form: str | None
    branch: str | None
    case_no: CaseNumber | None
    case_span: tuple[int, int] | None
    end: int


def _standalone_case(doc: Doc, line: tuple[int, int]) -> tuple[CaseNumber, int, int] | None:
    a, b = line
    for found in find_case_numbers(doc.norm, a, b):
        if found[1] == a and found[2] >= b - 1:
            return found
    return None


def _court_before(doc: Doc, lines: list[tuple[int, int]], idx: int) -> tuple[int, int] | None:
    for j in range(idx - 1, max(-1, idx - 1 - _LOOKAHEAD), -1):
        a, b = lines[j]
        m = _COURT_LINE.match(doc.norm[a:b])
        if m:
            return a + m.start("court"), a + m.end("court")
    return None


def find_header(doc: Doc, start: int = 0) -> Header | None:
    """The first court / form / case-number block from ``start``; else a bare case-number line."""
    lines = doc.lines()
    norm = doc.norm
    for i, (a, b) in enumerate(lines):
        m = _FORM_LINE.match(norm[a:b]) if a >= start else None
        if not m:
            continue
        for j in range(i + 1, min(len(lines), i + 1 + _LOOKAHEAD)):
            found = _standalone_case(doc, lines[j])
            if found is None:
                continue
            court = ((a + m.start("court"), a + m.end("court")) if m.group("court")
                     else _court_before(doc, lines, i))
            branch = _BRANCHES.get(m.group("branch") or "") or found[0].branch
            first = court[0] if court and court[0] < a else a
            return Header(first, court, m.group("form"), branch, found[0],
                          (found[1], found[2]), lines[j][1])
    for i, line in enumerate(lines):
        found = _standalone_case(doc, line) if line[0] >= start else None
        if found is not None:
            form = re.search(r"判决书|裁定书|调解书", norm)
            court = _court_before(doc, lines, i)
            return Header(court[0] if court else line[0], court, form.group(0) if form else None,
                          found[0].branch, found[0], (found[1], found[2]), line[1])
    return None


def signature_date(doc: Doc, start: int, last: bool = False) -> tuple[str | None, int, int] | None:
    """The date on a line of its own after ``start`` (first one, or the last with ``last``).

    Returns (ISO date or None when the line lacks a day, start, end); falls back to the last
    date written in Chinese numerals anywhere after ``start``.
    """
    candidates = []
    for a, b in doc.lines():
        if b <= start:
            continue
        line = doc.norm[a:b].rstrip("。.")
        for iso, s, e in find_dates(doc.norm, a, a + len(line)):
            if s == a and e == a + len(line):
                candidates.append((iso, s, e))
    if candidates:
        return candidates[-1] if last else candidates[0]
    written = [d for d in find_dates(doc.norm, start) if not doc.norm[d[1]].isdigit()]
    return written[-1] if written else None
