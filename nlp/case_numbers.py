"""Court case numbers (案号): find them, split them, write them back.

Two forms are in use. Since 2016: ``（2021）苏05民初1234号`` = year, court code (province
abbreviation + region digits, 最高法, or bare digits), case-type code, serial. Before: ``（2013）
江宁知民初字第127号``, where the court is a free abbreviation and the serial follows 字第. Real
text mixes bracket widths, puts spaces inside the number, lists several serials (第310、311号)
and marks tribunals with brackets (东民（知）初字). The canonical form is the one the graph keys
cases on: half-width brackets, no spaces, everything else as written.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from nlp.text import normalise_char

_CJK = "\u4e00-\u9fff"
CASE_NO = re.compile(
    r"[(\[〔【](?P<year>(?:19|20)\d{2})[)\]〕】]"
    rf"(?P<body>(?:[{_CJK}0-9]|\([{_CJK}]{{1,2}}\)){{1,24}}?)"
    r"(?P<zi>字)?(?P<di>第)?(?P<serial>\d{1,6}(?:[-、,—－~]\d{1,6})*)号"
)
_TYPE_START = "民刑行执知赔审"
_BRANCH_MARKERS = (("刑", "criminal"), ("执", "enforcement"), ("行", "administrative"),
                   ("民", "civil"), ("知", "civil"), ("赔", "state_compensation"))
_PROCEDURES = (("辖", "jurisdiction"), ("初", "first_instance"), ("终", "appeal"),
               ("提", "retrial"), ("再", "retrial"), ("申", "retrial_review"),
               ("监", "retrial_review"), ("执", "enforcement"))
_MAX_RANGE = 1000


@dataclass(frozen=True)
class CaseNumber:
    """One parsed case number; ``canonical`` is the join key."""

    canonical: str
    year: int
    court_code: str
    case_type: str
    serial: int
    serials: tuple[int, ...]
    old_form: bool
    branch: str | None
    procedure: str | None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["serials"] = list(self.serials)
        return d


def _split_body(body: str) -> tuple[str, str] | None:
    """Court code and case type: the type starts at the first case-type character."""
    for i, ch in enumerate(body):
        if ch in _TYPE_START:
            return body[:i], body[i:]
    return None


def _serials(text: str) -> tuple[int, ...]:
    out: list[int] = []
    for part in re.split(r"[、,]", text):
        bounds = re.split(r"[-—－~]", part)
        if len(bounds) == 2 and bounds[0] and bounds[1]:
            lo, hi = int(bounds[0]), int(bounds[1])
            if lo <= hi and hi - lo < _MAX_RANGE:
                out.extend(range(lo, hi + 1))
                continue
        out.extend(int(b) for b in bounds if b)
    return tuple(out)


def _first(markers: tuple[tuple[str, str], ...], case_type: str) -> str | None:
    return next((name for mark, name in markers if mark in case_type), None)


def _from_match(m: re.Match[str]) -> CaseNumber | None:
    body = m.group("body")
    split = _split_body(body)
    if split is None:
        return None
    court_code, case_type = split
    old_form = bool(m.group("zi")) or bool(m.group("di"))
    zi = "字" if m.group("zi") else ""
    di = "第" if m.group("di") else ""
    serial_text = m.group("serial")
    serials = _serials(serial_text)
    canonical = f"({m.group('year')}){body}{zi}{di}{serial_text}号"
    return CaseNumber(
        canonical=canonical,
        year=int(m.group("year")),
        court_code=court_code,
        case_type=case_type,
        serial=serials[0],
        serials=serials,
        old_form=old_form,
        branch=_first(_BRANCH_MARKERS, case_type),
        procedure=_first(_PROCEDURES, case_type),
    )


def find_case_numbers(norm: str, start: int = 0,
                      end: int | None = None) -> list[tuple[CaseNumber, int, int]]:
    """Every case number in normalised text, as (parsed, start, end) offsets into ``norm``."""
    out = []
    for m in CASE_NO.finditer(norm, start, len(norm) if end is None else end):
        parsed = _from_match(m)
        if parsed is not None:
            out.append((parsed, m.start(), m.end()))
    return out


def parse_case_number(text: str) -> CaseNumber:
    """Parse one case number written any of the usual ways; ValueError if it is not one."""
    norm = "".join(normalise_char(ch) for ch in text).replace("\n", "")
    m = CASE_NO.fullmatch(norm)
    parsed = _from_match(m) if m else None
    if parsed is None:
        raise ValueError(f"not a court case number: {text!r}")
    return parsed


def format_case_number(year: int, court_code: str, case_type: str, serial: int,
                       old_form: bool = False) -> str:
    """The canonical text for the given parts (old form adds 字第)."""
    middle = "字第" if old_form else ""
    return f"({year}){court_code}{case_type}{middle}{serial}号"


def canonical_case_number(text: str) -> str:
    """Shorthand for ``parse_case_number(text).canonical``."""
    return parse_case_number(text).canonical
