"""Identifiers named in documents: USCCs, patent application numbers, trademark numbers.

Found in normalised text (see ``nlp.text``); the checks themselves are the graph's value types
(``graph.types``). Check digits are verified, never "fixed": a code that fails its check is still
reported, with ``valid=False``, so a person can look at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.types import patent_no
from graph.types import uscc as uscc_type

_USCC_CHARS = "0-9A-HJ-NPQRTUWXY"
USCC = re.compile(
    rf"(?<![0-9A-Za-z])[{_USCC_CHARS}]{{2}}\d{{6}}[{_USCC_CHARS}]{{10}}(?![0-9A-Za-z])"
)
_USCC_LABEL = re.compile(r"信用代码|社会信用|注册号|USCC", re.I)
_ID_CONTEXT = re.compile(r"身份证|身份号码|证件号")
_PATENT_ZL = re.compile(
    r"ZL(?P<num>(?:19|20)\d{2}[12389]\d{7}|\d{2}[123]\d{5})\.?(?P<check>[0-9X])(?![0-9])", re.I
)
_PATENT_BARE = re.compile(
    r"(?<![0-9.])(?P<num>(?:19|20)\d{2}[12389]\d{7}|\d{2}[123]\d{5})\.(?P<check>[0-9X])(?![0-9])",
    re.I,
)
_PATENT_CONTEXT = re.compile(r"专利|申请号")
_TRADEMARK = re.compile(
    r"(?:(?<![字〕)\]】\d])第|(?<=[、和及]))(?P<num>G?[1-9]\d{3,7})号"
    r"(?!《?(?:公证书|决定|裁定|判决|通知|复函|批复|函|令|文|民事|行政|刑事))"
)
_TRADEMARK_LIST = re.compile(
    r"(?<![字〕)\]】\d])第(?P<nums>G?[1-9]\d{3,7}(?:[、,]G?[1-9]\d{3,7})+)号"
    r"(?!《?(?:公证书|决定|裁定|判决|通知|复函|批复|函|令|文|民事|行政|刑事))"
)
_TRADEMARK_BEFORE = re.compile(r"商标|注册号|注册证")
_TRADEMARK_AFTER = re.compile(r"^[^。;]{0,24}?商标")
_LIST_GAP = re.compile(r"(?:“[^”]{0,12}”|\"[^\"]{0,12}\")?[、和及与,]")


@dataclass(frozen=True)
class Found:
    """One identifier: its normal form, whether its check digit holds, and where it stands."""

    value: str
    valid: bool
    start: int
    end: int
    labelled: bool = False


def find_usccs(norm: str, start: int = 0, end: int | None = None) -> list[Found]:
    """18-character unified social credit codes, not personal ID numbers.

    ``labelled`` says the text names it (统一社会信用代码…); an unlabelled code that fails its
    check is more likely something else, and callers may ignore it.
    """
    end = len(norm) if end is None else end
    out = []
    for m in USCC.finditer(norm.upper(), start, end):
        before = norm[max(0, m.start() - 14):m.start()]
        if _ID_CONTEXT.search(before):
            continue
        try:
            checked = uscc_type.clean(m.group(0))
        except ValueError:
            continue
        out.append(Found(checked.value, checked.check_digit_ok, m.start(), m.end(),
                         bool(_USCC_LABEL.search(before))))
    return out


def find_patent_numbers(norm: str, start: int = 0, end: int | None = None) -> list[Found]:
    """ZL-prefixed numbers anywhere; bare application numbers only after 专利/申请号."""
    end = len(norm) if end is None else end
    out: list[Found] = []
    taken: set[int] = set()
    for m in _PATENT_ZL.finditer(norm, start, end):
        out.append(_patent(m))
        taken.add(m.start("num"))
    for m in _PATENT_BARE.finditer(norm, start, end):
        if m.start("num") in taken or not _PATENT_CONTEXT.search(norm, max(0, m.start() - 15),
                                                                 m.start()):
            continue
        out.append(_patent(m))
    return sorted(out, key=lambda f: f.start)


def _patent(m: re.Match[str]) -> Found:
    num, check = m.group("num"), m.group("check").upper()
    return Found(f"{num}.{check}", patent_no.check_char(num) == check, m.start(), m.end())


def find_trademark_numbers(norm: str, start: int = 0, end: int | None = None) -> list[Found]:
    """``第12345678号`` (or ``G749540``) said of a trademark, before or after the number.

    Lists (第3423691号、第3423690号等商标, or 第3423690、3638526号注册商标 with one 号) are judged
    as one: the word 商标 before the first or after the last number covers them all.
    """
    end = len(norm) if end is None else end
    groups: list[list[re.Match[str]]] = []
    for m in _TRADEMARK.finditer(norm, start, end):
        if groups and _LIST_GAP.fullmatch(norm, groups[-1][-1].end(), m.start()):
            groups[-1].append(m)
        else:
            groups.append([m])
    out: list[Found] = []
    for group in groups:
        first, last = group[0], group[-1]
        before = norm[max(0, first.start() - 12):first.start()]
        after = norm[last.end():last.end() + 30]
        if _TRADEMARK_BEFORE.search(before) or _TRADEMARK_AFTER.search(after):
            out.extend(Found(m.group("num"), True, m.start("num"), m.end()) for m in group)
    for m in _TRADEMARK_LIST.finditer(norm, start, end):
        before = norm[max(0, m.start() - 12):m.start()]
        if _TRADEMARK_BEFORE.search(before) or _TRADEMARK_AFTER.search(norm[m.end():m.end() + 30]):
            for num in re.finditer(r"G?\d+", m.group("nums")):
                at = m.start("nums") + num.start()
                out.append(Found(num.group(0), True, at, at + len(num.group(0))))
    return sorted(out, key=lambda f: f.start)
