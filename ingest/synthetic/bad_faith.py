"""The trademark side of the province: well-known marks, bad-faith filers, risky agencies,
malicious litigants, and the look-alikes that make each of them hard to tell apart.

Province-wide (``province_wide``): some right holders' marks are recognised as well-known
(驰名商标) and listed in ``inbox/well_known_marks.csv``; a few agencies are risky, filing most
bad-faith marks. Per chunk (``plant``, called by ``Planter.build``): bad-faith filers (恶意注册,
REGULATIONS §3) file dozens of marks in a burst over unrelated classes, most of them near-copies
of well-known marks (any class) or of holders' marks (their class), sell many soon after
registration and lose oppositions and invalidations; some of them (恶意诉讼, 商标法 art 68(4))
sue many individual shops on their copies and mostly withdraw or lose. Look-alikes: companies
whose own trade word happens to sound like a well-known mark, and holders who sue many shops on
their own marks and mostly win. ``write_chunk`` writes the marks and the truth.

Every draw comes from streams of this module's own (``{seed}:marks`` and ``{seed}:marks:N``),
swapped into the registry and the filing mint while planting, so with all of this module's
shares at 0 the rest of the province is as it was.
"""

from __future__ import annotations

import csv
import random
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from graph.types import company_name as company_name_key
from ingest.synthetic import names
from ingest.synthetic.filings import Filings, Trademark
from ingest.synthetic.marks import vary
from ingest.synthetic.names import AGENCY, INDUSTRIES, TRADING, Industry
from ingest.synthetic.registry import Company, founding_date

if TYPE_CHECKING:
    from ingest.synthetic.behaviours import Case, Planter, Province

# A filer whose business is consulting: the classes it files in are none of its business.
CONSULTING = Industry("consulting", ("企业管理咨询", "商务咨询", "文化传播"),
                      "企业管理咨询、商务信息咨询、市场营销策划", 35, ("广告", "商业管理咨询"), (), "",
                      (), "")
WELL_KNOWN_COLUMNS = ("number", "mark", "nice_class", "owner", "owner_uscc", "recognised", "record")
UPHELD, REJECTED = "成立", "不成立"


@dataclass
class Copy:
    """One planted near-copy: the filed mark, the mark it copies and how it was varied."""

    mark: Trademark
    original: Trademark
    how: str


@dataclass
class Filer:
    company: Company
    marks: list[Trademark]
    copies: list[Copy]
    house: str | None  # the risky agency filing most of its marks
    litigant: bool = False
    cases: list = field(default_factory=list)  # behaviours.Case, set for litigants


@dataclass
class Lookalike:
    company: Company
    kind: str  # trade_word_lookalike | litigious_holder
    marks: list[Trademark]
    detail: dict[str, Any]
    cases: list = field(default_factory=list)


@dataclass
class ChunkMarks:
    """What ``plant`` added to one chunk, written by ``write_chunk``."""

    marks: list[Trademark] = field(default_factory=list)
    filers: list[Filer] = field(default_factory=list)
    lookalikes: list[Lookalike] = field(default_factory=list)


class FiledBefore:
    """Marks kept in their list order, answering "those filed before a day" without a scan.

    A merge-sort tree over the list: each node holds the sorted filing days of its span, so
    counting the marks filed before a day and finding the k-th of them (in list order) take
    O(log² n) bisects instead of a pass over every mark. ``before(day)`` is a read-only sequence
    of exactly the marks ``[m for m in marks if m.filed < day]`` would list, in that order, so
    ``rng.choice`` on it draws the same mark with the same draw.
    """

    LEAF = 32  # marks per leaf, scanned in order

    def __init__(self, marks: list[Trademark]):
        self.marks = marks
        leaves = max(1, -(-len(marks) // self.LEAF))
        size = 1
        while size < leaves:
            size *= 2
        self.size = size
        tree: list[array] = [array("i") for _ in range(2 * size)]
        for leaf in range(leaves):
            span = marks[leaf * self.LEAF:(leaf + 1) * self.LEAF]
            tree[size + leaf] = array("i", sorted(m.filed.toordinal() for m in span))
        for node in range(size - 1, 0, -1):
            tree[node] = array("i", sorted(tree[2 * node] + tree[2 * node + 1]))
        self.tree = tree

    def count(self, day: date) -> int:
        return bisect_left(self.tree[1], day.toordinal())

    def pick(self, k: int, day: date) -> Trademark:
        """The ``k``-th (from 0, in list order) of the marks filed before ``day``."""
        cut, node, tree = day.toordinal(), 1, self.tree
        while node < self.size:
            left = bisect_left(tree[2 * node], cut)
            if k < left:
                node = 2 * node
            else:
                k -= left
                node = 2 * node + 1
        start = (node - self.size) * self.LEAF
        for mark in self.marks[start:start + self.LEAF]:
            if mark.filed < day:
                if k == 0:
                    return mark
                k -= 1
        raise IndexError(k)

    def before(self, day: date) -> _Before:
        return _Before(self, day, self.count(day))


class _Before(Sequence):
    def __init__(self, index: FiledBefore, day: date, length: int):
        self.index, self.day, self.length = index, day, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(self.length))]
        if k < 0:
            k += self.length
        if not 0 <= k < self.length:
            raise IndexError(k)
        return self.index.pick(k, self.day)


@dataclass
class TrademarkSide:
    """Province-wide state: the mint, the well-known and prior marks, the risky agencies."""

    seed: int
    filings: Filings
    famous: list[Trademark] = field(default_factory=list)
    prior: list[Trademark] = field(default_factory=list)  # holders' other marks, in their class
    risky: list[str] = field(default_factory=list)
    chunks: int = 0
    # indexes of the two lists once they are final: chunks ask about them for every copy
    _index: tuple[FiledBefore, FiledBefore, frozenset[str]] | None = None

    def index(self) -> tuple[FiledBefore, FiledBefore, frozenset[str]]:
        """(famous by filing day, prior by filing day, the well-known marks' numbers)."""
        if self._index is None:
            self._index = (FiledBefore(self.famous), FiledBefore(self.prior),
                           frozenset(m.number for m in self.famous))
        return self._index


def _count(rng: random.Random, expected: float) -> int:
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _days(rng: random.Random, lo: int, hi: int) -> timedelta:
    return timedelta(days=rng.randrange(lo, max(lo + 1, hi)))


@contextmanager
def _streams(province: Province, filings: Filings, rng: random.Random) -> Iterator[None]:
    """Mint companies and marks from ``rng`` for a while, then give back the caller's streams."""
    saved = province.registry.rng, filings.rng
    province.registry.rng = filings.rng = rng
    try:
        yield
    finally:
        province.registry.rng, filings.rng = saved


# --- province-wide --------------------------------------------------------------------------

def province_wide(province: Province, filings: Filings, output: Any, seed: int,
                  companies: int) -> TrademarkSide:
    """Risky agencies and the well-known marks; returns the state the chunks plant from."""
    mix = province.mix
    side = TrademarkSide(seed, filings)
    province.tm_side = side
    rng = random.Random(f"{seed}:marks")
    marks = [r for r in province.rights if isinstance(r, Trademark)]
    with _streams(province, filings, rng):
        if mix.bad_faith_filers or mix.malicious_litigants:
            for _ in range(max(1, round(companies * mix.risky_agencies))):
                agency = province.registry.company(AGENCY, founding_date(rng, date(2014, 1, 1)))
                agency.role = "risky_agency"
                output.company(agency)
                output.line("risky_agencies", {"name": agency.name, "uscc": agency.uscc,
                                               "founded": agency.founded.isoformat()})
                side.risky.append(agency.name)
            filings.agencies += side.risky  # they file ordinary marks too
        first = list({id(m.owner): m for m in reversed(marks)}.values())[::-1]  # one per holder
        wanted = min(len(first), max(3, round(companies * mix.well_known))) if mix.well_known else 0
        famous = rng.sample(first, k=wanted)
        side.famous = sorted(famous, key=lambda m: m.number)
        chosen = {id(m) for m in famous}
        side.prior = [m for m in marks if id(m) not in chosen]
    side.index()
    _write_well_known(output, side.famous, rng, mix.as_of)
    return side


def _write_well_known(output: Any, famous: list[Trademark], rng: random.Random, as_of: date) -> None:
    path = output.out / "inbox" / "well_known_marks.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(WELL_KNOWN_COLUMNS)
        for serial, mark in enumerate(famous, start=1):
            base = (mark.registered or mark.filed) + timedelta(days=1100)
            on = base + _days(rng, 0, max(1, (as_of - base).days))
            on = min(on, as_of)
            writer.writerow([mark.number, mark.mark, mark.nice, mark.owner.name, mark.owner.uscc,
                             on.isoformat(), f"商标驰字〔{on.year}〕{serial * 7 + 3}号"])
    output.counts["well_known_marks"] = len(famous)


# --- per chunk ------------------------------------------------------------------------------

class _Plant:
    def __init__(self, planter: Planter, side: TrademarkSide, rng: random.Random):
        self.planter, self.side, self.rng = planter, side, rng
        self.mix = planter.mix
        self.as_of = planter.mix.as_of
        self.reg = planter.reg
        self.out = ChunkMarks()

    def company(self, industry: Industry, founded: date, role: str, individual: bool = False,
                trade: str | None = None) -> Company:
        company = self.reg.company(industry, min(founded, self.as_of), individual=individual)
        if trade and not self._retrade(company, trade):
            raise _Retry
        company.role = role
        self.planter.chunk.companies.append(company)
        return company

    def _retrade(self, company: Company, trade: str) -> bool:
        """Give ``company`` the trade word ``trade`` (when no company already has the name)."""
        at = company.name.rfind(company.trade)
        name = company.name[:at] + trade + company.name[at + len(company.trade):]
        key = company_name_key.match_key(name)
        if at < 0 or key in self.reg.names:
            return False
        self.reg.names.add(key)
        company.name, company.trade = name, trade
        return True

    def agency(self) -> str | None:
        agencies = self.side.filings.agencies
        return self.rng.choice(agencies) if agencies and self.rng.random() < 0.7 else None

    # --- bad-faith filers ---------------------------------------------------------------------

    def bad_filer(self, litigant: bool) -> Filer:
        rng, as_of = self.rng, self.as_of
        latest = as_of - timedelta(days=1300 if litigant else 200)
        start = date(2014, 1, 1) + _days(rng, 0, (latest - date(2014, 1, 1)).days)
        industry = CONSULTING if rng.random() < 0.7 else TRADING
        company = self.company(industry, start - _days(rng, 30, 900), "bad_faith_filer")
        house = rng.choice(self.side.risky) if self.side.risky and rng.random() < 0.85 else None
        filer = Filer(company, [], [], house, litigant)
        count, span = rng.randrange(12, 61), rng.randrange(60, 420)
        copy_share = rng.uniform(0.45, 0.85)
        selling = rng.uniform(0.2, 0.6)
        buyers: list[Company] = []
        for i in range(count):
            filed = start + _days(rng, 0, span)
            copy = None
            if i < 3 or rng.random() < copy_share:  # at least three near-copies each
                copy = self._copy(company, filed, granted=litigant and i < 3)
            if copy is None:
                mark = self.side.filings.trademark(company, filed, as_of,
                                                   industry=rng.choice(INDUSTRIES),
                                                   mark=names.trade_word(rng))
            else:
                mark = copy.mark
            mark = replace(mark, agency=house if house and rng.random() < 0.9 else self.agency())
            protected = litigant and i < 3  # the marks it will sue on stay valid and its own
            mark = self._fate(mark, copy, selling, buyers, protected)
            if copy is not None:
                copy.mark = mark
                filer.copies.append(copy)
            filer.marks.append(mark)
        self.out.filers.append(filer)
        self.out.marks += filer.marks
        return filer

    def _copy(self, company: Company, filed: date, granted: bool) -> Copy | None:
        """A near-copy of a well-known mark (any class) or a holder's earlier mark (its class)."""
        rng, side = self.rng, self.side
        famous_by_day, prior_by_day, _ = side.index()
        prior = prior_by_day.before(filed - timedelta(days=180))
        famous = famous_by_day.before(filed - timedelta(days=180))
        if not famous and not prior:
            return None
        if famous and (not prior or rng.random() < 0.65):
            original = rng.choice(famous)
            other = [i for i in INDUSTRIES if i.nice != original.nice]
            industry = rng.choice(other) if rng.random() < 0.75 else _industry(original.nice)
            how = rng.choice(("same", "same", "homophone", "added", "traditional"))
        else:
            original = rng.choice(prior)
            industry = _industry(original.nice)
            how = rng.choice(("homophone", "added", "traditional"))
        if how == "same" and industry.nice == original.nice:
            how = "homophone"  # the examiner rejects the very same mark in the same class
        text, how = vary(rng, original.mark, how)
        mark = self.side.filings.trademark(company, filed, self.as_of, industry=industry, mark=text,
                                           granted=True if granted else None)
        return Copy(mark, original, how)

    def _fate(self, mark: Trademark, copy: Copy | None, selling: float, buyers: list[Company],
              protected: bool) -> Trademark:
        """Oppositions and invalidations by the copied mark's owner; sales soon after registration."""
        rng, as_of = self.rng, self.as_of
        if copy is not None and not protected:
            owner = copy.original.owner
            opposed = mark.filed + _days(rng, 100, 220)
            if mark.status == "已注册" and rng.random() < 0.25 and opposed < as_of:
                won = rng.random() < 0.75
                mark = replace(mark, oppositions=((opposed.isoformat(), owner.name, owner.uscc,
                                                    UPHELD if won else REJECTED),))
                if won:
                    return replace(mark, registered=None, status="驳回")
            elif mark.registered and rng.random() < 0.2:
                asked = mark.registered + _days(rng, 200, 1500)
                if asked < as_of:
                    won = rng.random() < 0.7
                    mark = replace(mark, invalidations=((asked.isoformat(), owner.name, owner.uscc,
                                                         UPHELD if won else REJECTED),))
                    if won:
                        return replace(mark, status="无效")
        if mark.registered and not protected and rng.random() < selling:
            sold = mark.registered + _days(rng, 20, 360)
            if sold < as_of:
                if not buyers or (len(buyers) < 4 and rng.random() < 0.4):
                    buyers.append(self.company(rng.choice(INDUSTRIES), sold - _days(rng, 60, 2000),
                                               "mark_buyer"))
                buyer = rng.choice(buyers)
                mark = replace(mark, assignments=((sold.isoformat(), buyer.name, buyer.uscc),))
        return mark

    # --- malicious litigants ------------------------------------------------------------------

    def litigant(self) -> None:
        from ingest.synthetic.behaviours import Case

        rng = self.rng
        filer = self.bad_filer(litigant=True)
        suable = [c.mark for c in filer.copies[:3] if c.mark.registered]
        start = max(m.registered for m in suable) + _days(rng, 30, 200)  # type: ignore[type-var]
        span = rng.randrange(120, 540)

        def outcome(shop: Company, day: date) -> Case:
            roll = rng.random()
            if roll < 0.55:
                return Case("withdrawal", shop, day, False, "withdrawn")
            if roll < 0.8:
                return Case("judgment", shop, day, False, "dismissed")
            return Case("judgment", shop, day, True, "stop_only" if rng.random() < 0.3 else "award")

        filer.cases += self._sue_shops(filer.company, suable, start, span,
                                       rng.randrange(8, 26), outcome)

    def _sue_shops(self, plaintiff: Company, marks: list, start: date, span: int, suits: int,
                   outcome: Callable[[Company, date], Case]) -> list[Case]:
        """``suits`` suits against new individual shops between ``start`` and ``start + span``
        (none after ``as_of``), each on one of ``marks``, decided as ``outcome`` draws."""
        rng, cases = self.rng, []
        for _ in range(suits):
            day = start + _days(rng, 0, span)
            if day > self.as_of:
                continue
            shop = self.company(rng.choice(INDUSTRIES), day - _days(rng, 200, 3000), "sued_shop",
                                individual=True)
            case = outcome(shop, day)
            case.holder, case.right = plaintiff, rng.choice(marks)
            self.planter.chunk.cases.append(case)
            cases.append(case)
        return cases

    # --- look-alikes --------------------------------------------------------------------------

    def litigious_holder(self) -> None:
        """A holder who sues many shops on its own marks and mostly wins (or settles)."""
        from ingest.synthetic.behaviours import Case

        rng, as_of = self.rng, self.as_of
        industry = rng.choice(INDUSTRIES)
        company = self.company(industry, founding_date(rng, as_of - timedelta(days=2600),
                                                       date(2000, 1, 1)), "litigious_holder")
        own = [self.side.filings.enforceable_mark(company, as_of) for _ in range(rng.randrange(1, 3))]
        own = [replace(m, agency=self.agency()) for m in own]
        start = max(m.registered for m in own) + _days(rng, 60, 900)  # type: ignore[type-var]
        span = rng.randrange(150, 700)
        look = Lookalike(company, "litigious_holder", own, {})

        def outcome(shop: Company, day: date) -> Case:
            roll = rng.random()
            if roll < 0.6:
                return Case("judgment", shop, day, True, "award")
            if roll < 0.95:
                return Case("withdrawal", shop, day, False, "withdrawn")  # settled
            return Case("judgment", shop, day, False, "dismissed")

        look.cases += self._sue_shops(company, own, start, span, rng.randrange(8, 21), outcome)
        self.out.lookalikes.append(look)
        self.out.marks += own

    def trade_word_lookalike(self) -> None:
        """A genuine business whose own trade word happens to be (or sound like) a well-known mark.

        Its marks are on its own trade word, in its own class: an unrelated class, or the same
        class but filed before the well-known mark. The well-known owner sometimes opposes and
        loses; sometimes the marks pass to an affiliate years later.
        """
        rng, as_of = self.rng, self.as_of
        original = rng.choice(self.side.famous)
        trade, how = vary(rng, original.mark, rng.choice(("same", "homophone")))
        earlier = original.filed - timedelta(days=400)
        if rng.random() < 0.3 and earlier > date(2000, 1, 1):
            industry = _industry(original.nice)
            founded = founding_date(rng, earlier, date(1996, 1, 1))
            first_filing = founded + _days(rng, 20, (earlier - founded).days)
        else:
            industry = rng.choice([i for i in INDUSTRIES if i.nice != original.nice])
            founded = founding_date(rng, as_of - timedelta(days=400), date(2005, 1, 1))
            first_filing = founded + _days(rng, 20, 300)
        try:
            company = self.company(industry, founded, "trade_word_lookalike", trade=trade)
        except _Retry:
            return
        marks = []
        for i in range(rng.randrange(1, 4)):
            filed = first_filing if i == 0 else first_filing + _days(rng, 100, 2000)
            if filed >= as_of:
                break
            mark = self.side.filings.trademark(company, filed, as_of, industry=industry, mark=trade)
            mark = replace(mark, agency=self.agency())
            opposed = filed + _days(rng, 100, 220)
            if rng.random() < 0.25 and opposed < as_of and mark.status != "申请中":
                owner = original.owner
                mark = replace(mark, oppositions=((opposed.isoformat(), owner.name, owner.uscc,
                                                    REJECTED),))
            if mark.registered and rng.random() < 0.3:
                moved = mark.registered + _days(rng, 700, 2200)
                if moved < as_of:
                    affiliate = self.company(industry, moved - _days(rng, 30, 600), "mark_buyer")
                    mark = replace(mark, assignments=((moved.isoformat(), affiliate.name,
                                                       affiliate.uscc),))
            marks.append(mark)
        self.out.lookalikes.append(Lookalike(company, "trade_word_lookalike", marks, {
            "resembles": {"number": original.number, "mark": original.mark,
                          "owner_uscc": original.owner.uscc}, "how": how,
            "same_class": industry.nice == original.nice}))
        self.out.marks += marks


class _Retry(Exception):
    """The name a look-alike needs is taken: plant another one."""


def _industry(nice: int) -> Industry:
    return next(i for i in INDUSTRIES if i.nice == nice)


def plant(planter: Planter, size: int) -> None:
    """Add this chunk's share of the trademark-side behaviours to ``planter.chunk``."""
    side: TrademarkSide | None = planter.p.tm_side
    if side is None:
        return
    mix = planter.mix
    rng = random.Random(f"{side.seed}:marks:{side.chunks}")
    side.chunks += 1
    work = _Plant(planter, side, rng)
    with _streams(planter.p, side.filings, rng):
        if side.famous or side.prior:
            for _ in range(_count(rng, size * mix.bad_faith_filers)):
                work.bad_filer(litigant=False)
            for _ in range(_count(rng, size * mix.malicious_litigants)):
                work.litigant()
        for _ in range(_count(rng, size * mix.litigious_holders)):
            work.litigious_holder()
        if side.famous:
            for _ in range(_count(rng, size * mix.trade_lookalikes)):
                work.trade_word_lookalike()
    planter.chunk.trademarks = work.out


# --- writing --------------------------------------------------------------------------------

def _case_line(case: Any) -> dict:
    return {"number": case.number, "date": case.decided.isoformat(), "kind": case.kind,
            "outcome": case.outcome, "established": case.established,
            "defendant_uscc": case.defendant.uscc, "defendant_name": case.defendant.name,
            "mark": case.right.number if case.right is not None else None,
            "files": list(case.files)}


def _mark_line(mark: Trademark) -> dict:
    return {"number": mark.number, "mark": mark.mark, "nice_class": mark.nice,
            "filed": mark.filed.isoformat(), "status": mark.status, "agency": mark.agency,
            "assignments": [list(a) for a in mark.assignments],
            "oppositions": [list(o) for o in mark.oppositions],
            "invalidations": [list(i) for i in mark.invalidations]}


def write_chunk(output: Any, chunk: Any, side: TrademarkSide | None) -> None:
    """The chunk's planted marks (trademark rows) and its truth lines; after cases are rendered."""
    planted: ChunkMarks | None = getattr(chunk, "trademarks", None)
    if planted is None or side is None:
        return
    famous = side.index()[2]
    for mark in planted.marks:
        output.trademark(mark)
    for filer in planted.filers:
        copies = {id(c.mark): c for c in filer.copies}
        marks = []
        for mark in filer.marks:
            line = _mark_line(mark)
            copy = copies.get(id(mark))
            if copy is not None:
                line["copy_of"] = {"number": copy.original.number, "mark": copy.original.mark,
                                   "nice_class": copy.original.nice,
                                   "owner_uscc": copy.original.owner.uscc,
                                   "well_known": copy.original.number in famous}
                line["how"] = copy.how
            marks.append(line)
        filed = sorted(m.filed for m in filer.marks)
        company = filer.company
        output.line("bad_faith_filers", {
            "uscc": company.uscc, "name": company.name, "scope": company.industry.scope,
            "litigant": filer.litigant, "house_agency": filer.house, "filings": len(filer.marks),
            "first_filed": filed[0].isoformat(), "last_filed": filed[-1].isoformat(),
            "classes": sorted({m.nice for m in filer.marks}), "copies": len(filer.copies),
            "assigned": sum(1 for m in filer.marks if m.assignments),
            "oppositions_lost": sum(1 for m in filer.marks
                                    if any(o[-1] == UPHELD for o in m.oppositions)),
            "invalidations_lost": sum(1 for m in filer.marks
                                      if any(o[-1] == UPHELD for o in m.invalidations)),
            "marks": marks})
        if filer.litigant:
            output.line("malicious_litigants", {
                "uscc": company.uscc, "name": company.name, "suits": len(filer.cases),
                "withdrawn": sum(1 for c in filer.cases if c.outcome == "withdrawn"),
                "dismissed": sum(1 for c in filer.cases if c.outcome == "dismissed"),
                "won": sum(1 for c in filer.cases if c.established),
                "marks": sorted({c.right.number for c in filer.cases}),
                "cases": [_case_line(c) for c in filer.cases]})
    for look in planted.lookalikes:
        output.line("innocent", {
            "uscc": look.company.uscc, "name": look.company.name, "kind": look.kind,
            "established": 0, "established_in_window": 0, **look.detail,
            "marks": [_mark_line(m) for m in look.marks],
            "cases": [_case_line(c) for c in look.cases]})
