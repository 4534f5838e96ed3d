"""Criminal judgments: the crimes convicted of, each defendant's sentence, fines, turnover.

IP crimes (刑法 arts. 213–220) are judged on the operative part: ``一、被告人张某犯假冒注册商标罪，
判处有期徒刑三年，缓刑四年，并处罚金人民币十五万元。`` One item may convict of two crimes and
then fix the combined sentence (决定执行…), which is the one reported. The illegal turnover
(非法经营数额, 销售金额 for sales offences) is read from the court's own findings (经审理查明)
before the prosecution's figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from nlp.clauses import CRIME
from nlp.numerals import cn_to_int, find_amounts
from nlp.rulings import main_part
from nlp.text import Doc

_CHARGE = re.compile(r"犯(?P<c>[\u4e00-\u9fff、]{2,30}?罪)(?![\u4e00-\u9fff]{0,2}(?:以后|后|的))")
_FOUND_CHARGE = re.compile(r"构成(?P<c>[\u4e00-\u9fff、]{2,30}?罪)")
_ITEM = re.compile(r"(?:^|(?<=[。\n]))(?:[一二三四五六七八九十]+、|\d+[、.])")
_BREAK = re.compile(r"[。\n]")
_DEFENDANT_ROLE = (r"(?:被告单位|被告人|原审被告单位|原审被告人|上诉人(?:\(原审被告(?:人|单位)\))?)")
# a unit's name may hold brackets (某某（中国）有限公司): read up to 犯 first, else to a comma or bracket
_DEFENDANT_NAMED = re.compile(_DEFENDANT_ROLE + r"(?P<n>(?:[^,。;:()犯]|\([^()犯]{1,12}\)){2,40}?)(?=犯)")
_DEFENDANT = re.compile(_DEFENDANT_ROLE + r"(?P<n>[^,。;:()犯]{2,40}?)(?=犯|[,(])")
_TERM = r"(?P<t>(?:[一二两三四五六七八九十\d]+年)?零?(?:[一二两三四五六七八九十\d]+个月)?)"
_PUNISHMENT = re.compile(r"(?P<p>有期徒刑|拘役|管制)" + _TERM)
_COMBINED = re.compile(r"决定执行")
_PROBATION = re.compile(r"缓刑" + _TERM)
_EXEMPT = re.compile(r"免予刑事处罚")
_FINE = re.compile(r"(?:并处|单处|判处)?罚金(?:人民币)?")
_TURNOVER = re.compile(r"非法经营(?:数额|额)|销售金额|经营数额")
_TURNOVER_GAP = re.compile(r"^[^。;,]{0,10}?(?:共计|合计|总计|累计|为|达|计|约)?(?:人民币)?$")
_FINDINGS = re.compile(r"经审理查明|本院查明|经审理认定")
_ACQUITTED = re.compile(r"无罪")
_SENTENCE_END = "。;\n"


@dataclass
class CriminalFindings:
    """The ``criminal`` result, field spans for the result's ``spans``, and the conviction."""

    result: dict[str, Any]
    spans: dict[str, list[int]] = field(default_factory=dict)
    convicted: tuple[int, int] | None = None
    ip_crime: bool = False


def term_months(text: str) -> int | None:
    """``三年`` → 36, ``一年六个月`` → 18, ``十个月`` → 10; None for an empty term."""
    m = re.fullmatch(r"(?:(?P<y>[^年]+)年)?零?(?:(?P<m>[^个]+)个月)?", text)
    if not text or not m:
        return None
    years = cn_to_int(m.group("y")) if m.group("y") else 0
    months = cn_to_int(m.group("m")) if m.group("m") else 0
    return years * 12 + months


def _items(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """Numbered items and sentences of the operative part (； joins one defendant's crimes)."""
    cuts = sorted({a, b, *(m.start() for m in _ITEM.finditer(norm, a, b)),
                   *(m.end() for m in _BREAK.finditer(norm, a, b))})
    return [(s, e) for s, e in zip(cuts, cuts[1:], strict=False) if norm[s:e].strip()]


def _sentence(doc: Doc, s: int, e: int) -> dict[str, Any] | None:
    """One defendant's sentence from an operative item, or None if it convicts no one."""
    norm = doc.norm
    charges = list(_CHARGE.finditer(norm, s, e))
    if not charges:
        return None
    who = (_DEFENDANT_NAMED.search(norm, s, charges[0].start() + 1)
           or _DEFENDANT.search(norm, s, charges[0].start() + 1))
    combined = _COMBINED.search(norm, s, e)
    at = combined.start() if combined else s
    punishment = _PUNISHMENT.search(norm, at, e)
    probation = _PROBATION.search(norm, at, e)
    fine = _fine(norm, at, e)
    kind = punishment.group("p") if punishment else None
    if kind is None and _EXEMPT.search(norm, s, e):
        kind = "免予刑事处罚"
    elif kind is None and fine:
        kind = "罚金"
    return {
        "defendant": doc.value(who.start("n"), who.end("n")) if who else None,
        "charges": _unique(doc.value(m.start("c"), m.end("c")) for m in charges),
        "punishment": kind,
        "term": doc.value(*punishment.span("t")) if punishment and punishment.group("t")
        else None,
        "term_months": term_months(punishment.group("t")) if punishment else None,
        "probation_months": term_months(probation.group("t")) if probation else None,
        "fine": fine[0] if fine else None,
        "span": doc.span(s, _trim(norm, s, e)),
    }


def _fine(norm: str, a: int, b: int) -> tuple[int | float, int, int] | None:
    for m in _FINE.finditer(norm, a, b):
        amounts = find_amounts(norm, m.end(), min(b, m.end() + 24))
        if amounts and amounts[0][1] == m.end():
            return amounts[0]
    return None


def _trim(norm: str, s: int, e: int) -> int:
    while e > s and norm[e - 1] in "\n;。":
        e -= 1
    return e


def _unique(values: Any) -> list[str]:
    out: list[str] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


def illegal_turnover(norm: str, start: int, end: int) -> tuple[int | float, int, int] | None:
    """非法经营数额 / 销售金额 as the court found it: first after 经审理查明, else anywhere."""
    findings = _FINDINGS.search(norm, start, end)
    for a in ([findings.end()] if findings else []) + [start]:
        for m in _TURNOVER.finditer(norm, a, end):
            for value, x, y in find_amounts(norm, m.end(), min(end, m.end() + 30)):
                if _TURNOVER_GAP.match(norm[m.end():x]):
                    return value, x, y
                break
    return None


def read_criminal(doc: Doc, start: int, end: int) -> CriminalFindings:
    """Charges, sentences, fines and turnover of the criminal judgment in ``norm[start:end]``."""
    norm = doc.norm
    main = main_part(norm, start, end)
    sentences: list[dict[str, Any]] = []
    if main:
        for s, e in _items(norm, *main):
            if (found := _sentence(doc, s, e)) is not None:
                sentences.append(found)
    charges = _unique(c for s in sentences for c in s["charges"])
    convicted = None
    if main and sentences:
        first = _CHARGE.search(norm, *main)
        convicted = first.span() if first else None
    if not charges:
        found = [m for m in _FOUND_CHARGE.finditer(norm, start, main[0] if main else end)
                 if not _ACQUITTED.search(norm, max(start, m.start() - 4), m.start())]
        charges = _unique(doc.value(m.start("c"), m.end("c")) for m in found)
        if found and main and not _ACQUITTED.search(norm, *main):
            convicted = main
    fines = [{"defendant": s["defendant"], "amount": s["fine"], "span": s["span"]}
             for s in sentences if s["fine"] is not None]
    result: dict[str, Any] = {"charges": charges, "sentences": sentences, "fines": fines,
                              "illegal_turnover": None}
    out = CriminalFindings(result, convicted=convicted,
                           ip_crime=any(CRIME.fullmatch(c) for c in charges))
    turnover = illegal_turnover(norm, start, main[0] if main else end)
    if turnover:
        result["illegal_turnover"] = turnover[0]
        out.spans["illegal_turnover"] = doc.span(turnover[1], turnover[2])
    return out
