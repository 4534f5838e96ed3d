"""The damages a claimant asked for, as the document states them.

The explicit request (请求判令…, 诉讼请求:) is read to the end of its paragraph, item by item,
with the amounts of items about damages or costs added up. A later amendment (庭审中，原告将第二项
诉请中的合理开支变更为23170元) replaces the amount it names. An appeal or retrial brought by the
defendant asks for no damages: its request is skipped, and the claim is the first-instance one
the document recounts (原告主张的50万元…, 要求…赔偿损失50万元).
"""

from __future__ import annotations

import re

from nlp.numerals import cn_to_int
from nlp.rulings import _FEE, _clause_amounts, _clauses

Amount = tuple[int | float, int, int]

_CLAIM = re.compile(
    r"请求(?:人民法院|法院|本院)?(?:依法)?判(?:令|决)|诉请(?:人民法院|法院)?判令|要求判令|"
    r"诉讼请求(?:为|如下)?:|请求:|起诉请求|上诉请求:|请求事项|"
    r"请求(?:人民法院|法院|本院)?(?:依法)?(?:撤销|改判)"
)
_CLAIM_WEAK = re.compile(r"上诉称|起诉称|诉称|申请再审称")
_APPELLANT = re.compile(r"上诉(?:请求|称|理由)|申请再审称|再审请求|申请再审理由")
_PARAGRAPH_OPENER = re.compile(r"(?:原告|被告|上诉人|被上诉人|本院|经审理|一审|二审|原审|【)")
_CONTEXT = re.compile(r"赔偿|损失|开支|维权|费用|调查费|公证费|律师费|差旅费|取证费|支出")
_ITEM_NO = re.compile(r"(?:^|(?<=[。;:\n]))(?P<n>[一二三四五六七八九十]+|\d+)[、.]")
_AMEND = re.compile(r"变更")
_AMEND_CLAIM = re.compile(r"诉讼请求|诉请|请求事项|请求金额|索赔")
_AMEND_STOP = re.compile(r"本院认为|经审理查明|本院查明|经审理认定")
_AMEND_ITEM = re.compile(r"第(?P<n>[一二三四五六七八九十\d]+)项")
_KEYWORD = re.compile(r"([\u4e00-\u9fff]{2,4})(?:变更为|变更至|变更)")
_RECOUNTED = re.compile(r"(?:主张|要求)(?:的)?")
_RECOUNT_CONTEXT = re.compile(r"赔偿|损失")
_RECOUNT_AFTER = re.compile(r"^的?赔偿")


def _paragraph(norm: str, pos: int, end: int) -> int:
    """End of the paragraph at ``pos``; a line break inside a list of requests is skipped."""
    while (stop := norm.find("\n", pos, end)) != -1:
        nxt = norm[stop + 1:stop + 12]
        if not nxt or _PARAGRAPH_OPENER.match(nxt) or norm[stop - 1:stop] in ("。", ":"):
            return stop
        pos = stop + 1
    return end


def _number(text: str) -> int | None:
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def _requested(norm: str, a: int, b: int) -> list[tuple[Amount, int | None]]:
    """Amounts of the request clauses about damages or costs, each with its item number."""
    items = [(m.start(), _number(m.group("n"))) for m in _ITEM_NO.finditer(norm, a, b)]
    out: list[tuple[Amount, int | None]] = []
    for s, e in _clauses(norm, a, b):
        if not _CONTEXT.search(norm, s, e) or _AMEND.search(norm, s, e):
            continue
        for v, x, y in _clause_amounts(norm, s, e):
            if _FEE.search(norm, max(s, norm.rfind(",", s, x) + 1), x):
                continue
            item = next((n for pos, n in reversed(items) if pos <= x), None)
            out.append(((v, x, y), item))
    return out


def _amend(norm: str, found: list[tuple[Amount, int | None]], a: int,
           b: int) -> list[tuple[Amount, int | None]]:
    """Apply amendments of the request (…诉请中的合理开支变更为X元), up to the court's findings."""
    stop = _AMEND_STOP.search(norm, a, b)
    b = stop.start() if stop else b
    found = list(found)
    for m in _AMEND.finditer(norm, a, b):
        s = max(norm.rfind(ch, a, m.start()) for ch in "。\n") + 1
        e = norm.find("。", m.end(), b)
        e = b if e == -1 else e
        if not _AMEND_CLAIM.search(norm, s, e):
            continue
        keyword = _KEYWORD.search(norm, max(s, m.start() - 6), m.end() + 3)
        for v, x, y in _clause_amounts(norm, m.end(), e):
            if "为" not in norm[max(m.end(), x - 12):x]:
                continue
            item_mark = None
            for im in _AMEND_ITEM.finditer(norm, s, x):
                item_mark = _number(im.group("n"))
            targets = [i for i, (_, item) in enumerate(found)
                       if item_mark is None or item == item_mark]
            if keyword and len(targets) > 1:
                word = keyword.group(1)[-4:]
                named = [i for i in targets
                         if word in norm[max(0, found[i][0][1] - 12):found[i][0][1]]]
                targets = named or targets
            if len(targets) == 1:
                found[targets[0]] = ((v, x, y), found[targets[0]][1])
    return found


def _by_appellant(norm: str, at: int, start: int) -> bool:
    """The cue at ``at`` sits in the appellant's (or retrial applicant's) own statement."""
    para = max(start, norm.rfind("\n", start, at) + 1)
    return bool(_APPELLANT.search(norm, para, at + 8))


def _recounted(norm: str, start: int, end: int) -> Amount | None:
    """A first-instance claim told in passing: 原告主张的50万元赔偿…, 要求…赔偿损失50万元."""
    for m in _RECOUNTED.finditer(norm, start, end):
        stop = min([i for i in (norm.find(ch, m.end(), end) for ch in "。;\n") if i != -1]
                   or [end])
        for v, x, y in _clause_amounts(norm, m.end(), min(stop, m.end() + 70)):
            between = norm[m.end():x]
            if _RECOUNT_CONTEXT.search(between) or _RECOUNT_AFTER.match(norm[y:y + 4]):
                return v, x, y
            break
    return None


def claimed_amount(norm: str, start: int, end: int, appellant_was_defendant: bool | None = None
                   ) -> tuple[int | float, tuple[int, int]] | None:
    """The damages asked for in ``norm[start:end]``, and where they were read."""
    for pattern in (_CLAIM, _CLAIM_WEAK):
        for claim in pattern.finditer(norm, start, end):
            if appellant_was_defendant and _by_appellant(norm, claim.start(), start):
                continue
            stop = _paragraph(norm, claim.end(), end)
            found = _requested(norm, claim.end(), stop)
            if found:
                found = _amend(norm, found, claim.end(), end)
                amounts = [am for am, _ in found]
                total = sum(v for v, _, _ in amounts)
                return total, (min(x for _, x, _ in amounts), max(y for _, _, y in amounts))
    if appellant_was_defendant is not None:
        recounted = _recounted(norm, start, end)
        if recounted:
            return recounted[0], (recounted[1], recounted[2])
    return None
