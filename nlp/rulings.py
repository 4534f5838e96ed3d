"""What a court decided: the claim, the award, whether infringement was found, punitive damages.

The operative part (判决主文) follows the last ``判决如下`` / ``裁定如下``; earlier ones belong to
the first-instance judgment an appeal recounts. Amounts in the operative part count as this
document's award only in items that order payment (赔偿/支付), never court fees, and a
``共计``/``合计`` total wins over its parts (其中惩罚性赔偿… is a part, not an addition).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.numerals import cn_to_int, find_amounts

_MAIN_START = re.compile(r"(?:判决|裁定|调解协议|决定)如下:?")
_MAIN_END = re.compile(
    r"如不服本(?:判决|裁定)|本(?:判决|裁定)为终审|(?:一审|二审)?案件受理费|诉讼费用?(?:人民币)?\d|"
    r"审判长|审判员"
)
_ITEM = re.compile(r"(?:^|(?<=[。;\n]))(?:[一二三四五六七八九十]+、|\d+[、.])")
_PAY = re.compile(r"赔偿|支付|给付")
_FEE = re.compile(r"受理费|诉讼费|保全费|鉴定费|公告费")
_TOTAL = re.compile(r"(?:共计|合计|总计|总额为|共)(?:人民币)?$")
_RESTATE = re.compile(r"即(?:人民币)?$")
_SENTENCE = re.compile(r"[。;\n]")
_PART = re.compile(r"\((?:其中|含|包括|已包含|已含|包含)[^()]*\)|,(?:其中|包括|含)[^;。]*")
_STOP_ORDER = re.compile(
    r"停止[^。;]{0,60}?(?:侵害|侵犯|侵权|生产|销售|制造|使用|许诺销售|进口|宣传)|"
    r"不得[^。;]{0,20}?(?:使用|生产|销售|制造)"
)
_DISMISS_ALL = re.compile(r"驳回(?:原告|申请人|起诉人)?[^。;]{0,30}?(?:全部|所有)?诉讼请求")
_DISMISS_APPEAL = re.compile(r"驳回上诉,?维持原(?:判|判决|裁定)|驳回[^。;]{0,30}?再审申请")
_NEGATIVE = re.compile(
    r"不构成(?:对[^。;,]{0,40}?的)?(?:侵权|侵犯|侵害)|未(?:落入|侵犯|侵害)|不侵犯|没有落入|未构成侵权"
)
_POSITIVE = re.compile(
    r"构成(?:对[^。;,]{0,40}?的)?(?:侵权|侵犯|侵害)|侵犯了[^。;]{0,40}?(?:专用权|专利权|著作权)|"
    r"侵害了[^。;]{0,40}?(?:专用权|专利权|著作权)|落入[^。;]{0,30}?保护范围"
)
_REASONING = re.compile(r"本院认为")
_UNPROVEN = re.compile(r"(?:不能|未能|无法|不足以|没有证据|无证据|尚不足以)证明|是否")
_PUNITIVE = re.compile(r"惩罚性赔偿")
_MULTIPLE = re.compile(r"(?P<n>\d+(?:\.\d+)?|[一二两三四五])倍")


@dataclass
class Outcome:
    """Findings of one ruling, each with its ``(start, end)`` in ``doc.norm`` where it was read."""

    main: tuple[int, int] | None
    awarded: tuple[int | float, tuple[int, int]] | None
    claimed: tuple[int | float, tuple[int, int]] | None
    infringement: tuple[bool, tuple[int, int]] | None
    stop_order: tuple[int, int] | None
    punitive: tuple[int | float, tuple[int, int]] | None


def main_part(norm: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The operative part after the last ``判决如下``, up to fees, appeal notice or signatures."""
    end = len(norm) if end is None else end
    marks = list(_MAIN_START.finditer(norm, start, end))
    if not marks:
        return None
    a = marks[-1].end()
    stop = _MAIN_END.search(norm, a, end)
    return a, stop.start() if stop else end


def _clauses(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """Items (一、…) and sentences: amounts are judged clause by clause."""
    cuts = sorted({a, b, *(m.start() for m in _ITEM.finditer(norm, a, b)),
                   *(m.end() for m in _SENTENCE.finditer(norm, a, b))})
    return [(s, e) for s, e in zip(cuts, cuts[1:], strict=False) if norm[s:e].strip()]


def _clause_amounts(norm: str, s: int, e: int) -> list[tuple[int | float, int, int]]:
    """The amounts one clause orders or asks for, totals and restatements resolved.

    Skipped: parts in brackets (其中惩罚性赔偿…) and bases of a share (8000元的20%). A 共计
    amount replaces the amounts before it when it is at least their sum (otherwise it totals
    only its own item, 合理费用共计6520元); 即 restates what came before.
    """
    text = norm[s:e]
    parts = [p.span() for p in _PART.finditer(text)]
    amounts = [(v, x + s, y + s) for v, x, y in find_amounts(text)
               if not any(p0 <= x < p1 for p0, p1 in parts) and not text.startswith("的", y)]
    restated = [am for am in amounts if _RESTATE.search(norm, max(s, am[1] - 4), am[1])]
    if restated:
        return restated[-1:]
    kept: list[tuple[int | float, int, int]] = []
    for am in amounts:
        is_total = _TOTAL.search(norm, max(s, am[1] - 5), am[1])
        if is_total and kept and am[0] >= sum(v for v, _, _ in kept):
            kept = []
        kept.append(am)
    return kept


def _sum_clauses(norm: str, a: int, b: int,
                 wanted: re.Pattern[str]) -> tuple[int | float, tuple[int, int]] | None:
    """Sum over clauses that match ``wanted`` and are not about court fees."""
    total: int | float = 0
    span: tuple[int, int] | None = None
    for s, e in _clauses(norm, a, b):
        if not wanted.search(norm, s, e):
            continue
        for v, x, y in _clause_amounts(norm, s, e):
            if _FEE.search(norm, max(s, norm.rfind(",", s, x) + 1), x):
                continue
            total += v
            span = (x, y) if span is None else (span[0], y)
    return (total, span) if span else None


def _infringement(norm: str, region: tuple[int, int], main: tuple[int, int] | None,
                  appellant_was_defendant: bool | None, stop: tuple[int, int] | None,
                  awarded: object) -> tuple[bool, tuple[int, int]] | None:
    """The operative part decides when it can (an order to stop or pay, a dismissal, a failed
    appeal by the defendant); otherwise the court's reasoning, if it says only one thing."""
    if main:
        a, b = main
        if stop or awarded:
            return True, stop or (a, b)
        if m := _DISMISS_ALL.search(norm, a, b):
            return False, m.span()
        if (m := _DISMISS_APPEAL.search(norm, a, b)) and appellant_was_defendant:
            return True, m.span()
    reasoning = _REASONING.search(norm, *region)
    a = reasoning.start() if reasoning else region[0]
    b = main[0] if main else region[1]
    neg = list(_NEGATIVE.finditer(norm, a, b))
    pos = [m for m in _POSITIVE.finditer(norm, a, b)
           if not any(n.start() <= m.start() < n.end() for n in neg)
           and not _UNPROVEN.search(norm, max(a, norm.rfind(",", a, m.start()),
                                              norm.rfind("。", a, m.start())), m.start())]
    if neg and not pos:
        return False, neg[-1].span()
    if pos and not neg:
        return True, pos[-1].span()
    return None


def _punitive(norm: str, region: tuple[int, int]) -> tuple[int | float, tuple[int, int]] | None:
    """The multiple nearest to 惩罚性赔偿 in the court's reasoning, not the one a party asked."""
    reasoning = _REASONING.search(norm, *region)
    for m in _PUNITIVE.finditer(norm, reasoning.start() if reasoning else region[0], region[1]):
        window_a, window_b = max(region[0], m.start() - 40), min(region[1], m.end() + 40)
        multiples = list(_MULTIPLE.finditer(norm, window_a, window_b))
        if multiples:
            mult = min(multiples, key=lambda x: abs(x.start() - m.start()))
            n = mult.group("n")
            value = float(n) if n[0].isdigit() else cn_to_int(n)
            return (int(value) if value == int(value) else value), mult.span()
    return None


def decide(norm: str, parties_end: int, end: int,
           appellant_was_defendant: bool | None) -> Outcome:
    """Read the ruling's outcome from ``norm[parties_end:end]`` (the claim: ``nlp.claims``)."""
    main = main_part(norm, parties_end, end)
    awarded = _sum_clauses(norm, *main, _PAY) if main else None
    stop = None
    if main and (m := _STOP_ORDER.search(norm, *main)):
        stop = m.span()
    return Outcome(
        main=main,
        awarded=awarded,
        claimed=None,
        infringement=_infringement(norm, (parties_end, end), main, appellant_was_defendant,
                                   stop, awarded),
        stop_order=stop,
        punitive=_punitive(norm, (parties_end, end)),
    )
