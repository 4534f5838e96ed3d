"""Planting: who infringes, who only looks as if they did, and the disputes that say so.

The province is built chunk by chunk. Each chunk gets its share of every behaviour (repeat
infringers, shell switchers, shells that never infringe, one-time losers, acquitted defendants,
stale and future repeats, non-IP penalties, co-located companies) and the ``Case``s that record
them; right holders, agencies and the platform are province-wide and sue or are sued across
chunks. Shares are in ``Mix``; docs/SYNTHETIC.md states why each default is what it is.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from ingest.synthetic import bad_faith, patent_mills
from ingest.synthetic.filings import Patent, Trademark
from ingest.synthetic.names import INDUSTRIES, TRADING
from ingest.synthetic.registry import Company, Holding, Person, Registry, founding_date

FIRST_DOCUMENT = date(2012, 3, 1)


@dataclass(frozen=True)
class Mix:
    """Shares of all companies (roles) and of documents (phrasings); override any by name."""

    as_of: date = date(2025, 6, 30)
    holders: float = 0.03
    big_filers: float = 0.01
    agencies: float = 0.004
    repeat: float = 0.02
    shell_switch: float = 0.012
    shells: float = 0.02
    one_time: float = 0.05
    acquitted: float = 0.02
    stale: float = 0.01
    future: float = 0.006
    non_ip_penalty: float = 0.01
    co_located: float = 0.015
    individual: float = 0.12
    renamed: float = 0.06
    malformed: float = 0.006
    penalty_share: float = 0.35
    appeal_share: float = 0.1
    patent_share: float = 0.2
    both_instances: float = 0.25
    platform_codefendant: float = 0.06
    supplier_statement: float = 0.3
    uscc_printed: float = 0.85
    name_variants: float = 0.3
    unresolvable_name: float = 0.02
    rare_phrasing: float = 0.03
    html: float = 0.15
    docx: float = 0.05
    gb18030: float = 0.05
    utf8_bom: float = 0.03
    ocr_noise: float = 0.1
    pdf: float = 0.03
    trademark_xml: float = 0.05
    officer_noise: float = 0.07
    # --- trademark side (ingest/synthetic/bad_faith.py): well-known marks and risky agencies
    # are province-wide, the rest per chunk; docs/SYNTHETIC.md states the shares' grounds
    well_known: float = 0.004
    risky_agencies: float = 0.0003
    bad_faith_filers: float = 0.003
    malicious_litigants: float = 0.001
    litigious_holders: float = 0.001
    trade_lookalikes: float = 0.003
    # --- criminal judgments (ingest/synthetic/criminal.py) and intent (ingest/synthetic/intent.py)
    criminal: float = 0.08  # of established trademark judgments against companies
    criminal_staff: float = 0.002  # of companies: an employee convicted alone, the company not
    intent: float = 0.3  # of first-instance awards: the court states intent indicators
    intent_rejected: float = 0.15  # of first-instance judgments: a claim of intent rejected
    # --- abnormal patent applications (ingest/synthetic/patent_mills.py), per chunk
    patent_mills: float = 0.003
    patent_series: float = 0.01  # look-alikes: a family of related but distinct patents
    research_filers: float = 0.002  # look-alikes: many filings, large teams, own field
    dual_filers: float = 0.005  # look-alikes: 一案双报 pairs
    patent_sellers: float = 0.003  # look-alikes: a portfolio moved at once in a restructuring

    @classmethod
    def from_dict(cls, overrides: dict | None) -> Mix:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(overrides or {}) - known)
        if unknown:
            raise ValueError(f"unknown mix option(s): {', '.join(unknown)}")
        values = dict(overrides or {})
        if isinstance(values.get("as_of"), str):
            values["as_of"] = date.fromisoformat(values["as_of"])
        return cls(**values)


@dataclass
class Case:
    """One dispute over one right, decided on ``decided``; documents render it."""

    kind: str  # judgment | appeal | withdrawal | penalty | penalty_non_ip
    defendant: Company
    decided: date
    established: bool
    outcome: str  # award | stop_only | dismissed | upheld | plaintiff_appeal | reversed | withdrawn | fine
    holder: Company | None = None
    right: Trademark | Patent | None = None
    co_defendant: Company | None = None  # the platform, dismissed
    supplier: Company | None = None  # the seller says its goods came from here
    supplier_printed: str = ""  # how the document names the supplier
    first_decided: date | None = None  # an appeal's first-instance judgment
    publish_first: bool = False
    prior: Case | None = None  # an earlier decision against the same controller's group
    files: list[str] = field(default_factory=list)
    number: str = ""  # case or decision number, set when rendered
    first_number: str = ""
    fine: int = 0  # yuan, set when rendered
    damages: int = 0
    heavier: bool = False  # a heavier (从重) penalty or punitive damages
    # --- intent (ingest/synthetic/intent.py): indicator codes the published documents state
    intent: list[str] = field(default_factory=list)


@dataclass
class Network:
    """Companies sharing a controller (and often an address and a phone)."""

    controller: Person
    companies: list[Company]
    infringing: bool


@dataclass
class Chunk:
    companies: list[Company] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    co_located: list[list[Company]] = field(default_factory=list)
    trademarks: Any = None  # bad_faith.ChunkMarks: marks, filers and look-alikes planted here


@dataclass
class Province:
    """What every chunk shares: the registry, right holders and their rights, the platform."""

    mix: Mix
    registry: Registry
    rights: list[Trademark | Patent] = field(default_factory=list)
    platform: Company | None = None
    tm_side: Any = None  # bad_faith.TrademarkSide: well-known marks, risky agencies
    _by_trade: dict[tuple[str, bool], list[Trademark | Patent]] = field(default_factory=dict)

    @property
    def window_start(self) -> date:
        return self.mix.as_of - timedelta(days=1826)

    @property
    def latest(self) -> date:
        """No document is dated later than this (a little after ``as_of``)."""
        return self.mix.as_of + timedelta(days=300)

    def rights_for(self, industry: str, patent: bool) -> list[Trademark | Patent]:
        """Holders' rights in one trade (or of one kind), indexed once: cases ask many times."""
        if not self._by_trade:
            for right in self.rights:
                kind = isinstance(right, Patent)
                self._by_trade.setdefault((right.owner.industry.key, kind), []).append(right)
                self._by_trade.setdefault(("*", kind), []).append(right)
        return (self._by_trade.get((industry, patent)) or self._by_trade.get(("*", patent))
                or self.rights)


def _count(rng: random.Random, expected: float) -> int:
    """Stochastic rounding: small chunks still get their expected share on average."""
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _between(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randrange(max(1, (hi - lo).days)))


class Planter:
    """Builds one chunk: companies with their roles, and the cases that give them away."""

    def __init__(self, province: Province, rng: random.Random):
        self.p = province
        self.mix = province.mix
        self.rng = rng
        self.reg = province.registry
        self.latest = province.latest
        self.chunk = Chunk()

    # --- companies -------------------------------------------------------------------------

    def _company(self, founded_before: date, role: str, founded: date | None = None,
                 **kw) -> Company:
        rng = self.rng
        individual = kw.pop("individual", rng.random() < self.mix.individual)
        industry = TRADING if rng.random() < 0.25 and not individual else rng.choice(INDUSTRIES)
        founded = min(founded or founding_date(rng, founded_before), self.mix.as_of)
        company = self.reg.company(industry, founded, individual=individual, **kw)
        company.role = role
        if not individual and rng.random() < self.mix.renamed:
            self.reg.rename(company, _between(rng, founded + timedelta(days=200),
                                              max(self.mix.as_of, founded + timedelta(days=400))))
        self.chunk.companies.append(company)
        return company

    def build(self, size: int) -> Chunk:
        rng, mix, as_of = self.rng, self.mix, self.mix.as_of
        for _ in range(_count(rng, size * mix.repeat)):
            self._repeat()
        planted = 0
        while planted < _count(rng, size * mix.shell_switch):
            planted += self._shell_switch()
        planted = 0
        while planted < _count(rng, size * mix.shells):
            planted += self._shells()
        for _ in range(_count(rng, size * mix.one_time)):
            day = _between(rng, FIRST_DOCUMENT, as_of)
            self._infringement(self._company(day - timedelta(days=200), "one_time_loser"), day)
        for _ in range(_count(rng, size * mix.acquitted)):
            self._acquitted()
        for _ in range(_count(rng, size * mix.stale)):
            self._stale()
        for _ in range(_count(rng, size * mix.future)):
            day = _between(rng, self.p.window_start + timedelta(days=30), as_of - timedelta(days=30))
            company = self._company(day - timedelta(days=200), "future_repeat")
            self._infringement(company, day)
            later = _between(rng, as_of + timedelta(days=5), as_of + timedelta(days=300))
            self._infringement(company, later, appeal=False)
        for _ in range(_count(rng, size * mix.non_ip_penalty)):
            self._non_ip()
        bad_faith.plant(self, size)  # its own random stream: the draws above and below keep theirs
        patent_mills.plant(self, size)  # likewise
        planted = 0
        while planted < _count(rng, size * mix.co_located):
            planted += self._co_located()
        while len(self.chunk.companies) < size:
            company = self._company(as_of, "ordinary")
            if len(company.shareholders) == 2 and self.p.rights and rng.random() < 0.03:
                # a minority stake held by a right holder: a corporate shareholder, no control
                company.shareholders[1] = Holding(company.shareholders[1].stake,
                                                  company=rng.choice(self.p.rights).owner)
        ordinary = [c for c in self.chunk.companies if c.role == "ordinary"]
        for company in rng.sample(ordinary, k=min(len(ordinary), _count(rng, size * mix.malformed))):
            self.reg.spoil(company, rng.choice(("check", "length", "alphabet", "empty_name")))
        from ingest.synthetic import criminal  # it renders Cases, so it imports this module

        criminal.plant(self.chunk, random.Random(f"criminal:{rng.getstate()[1][:8]}"), mix)
        self._suppliers()
        rng.shuffle(self.chunk.companies)
        return self.chunk

    def _repeat(self) -> None:
        rng, as_of = self.rng, self.mix.as_of
        n = rng.choices((2, 3, 4), weights=(6, 3, 1))[0]
        day = _between(rng, self.p.window_start + timedelta(days=20), as_of - timedelta(days=120 * n))
        company = self._company(day - timedelta(days=300), "repeat_infringer")
        if rng.random() < 0.2:  # an older one, outside the window, adds nothing
            self._infringement(company, _between(rng, FIRST_DOCUMENT, self.p.window_start))
        prior = None
        for _ in range(n):
            prior = self._infringement(company, day, prior=prior)
            day = min(as_of, day + timedelta(days=rng.randrange(60, 700)))

    def _network(self, role: str) -> tuple[Person, Callable[[date | None], Company]]:
        """A controller and a maker of companies that share it (and often an address, a phone).

        Later companies are signed for by a nominee now and then; the controller then holds a
        controlling stake instead, so control still runs to the same person.
        """
        rng = self.rng
        boss = self.reg.person(1960, 1990)
        nominee = self.reg.person(1965, 2000)
        district = self.reg.district()
        address = self.reg.address(district, park=rng.random() < 0.4)
        phone = self.reg.phone(district)
        made: list[Company] = []

        def make(founded: date | None) -> Company:
            use_nominee = bool(made) and rng.random() < 0.4
            company = self._company(
                founded or self.mix.as_of, role, founded=founded,
                district=self.reg.district(near=district), individual=False,
                legal_rep=nominee if use_nominee else boss, owner=boss,
                address=address if rng.random() < 0.75 else None,
                phone=phone if rng.random() < 0.55 else None)
            made.append(company)
            return company

        return boss, make

    def _shell_switch(self) -> int:
        """A company infringes, its controller sets up another that infringes again."""
        rng, as_of = self.rng, self.mix.as_of
        day = _between(rng, self.p.window_start - timedelta(days=300), as_of - timedelta(days=500))
        count = rng.choices((2, 3), weights=(7, 3))[0]
        boss, make = self._network("shell_switcher")
        companies = [make(founding_date(rng, day - timedelta(days=200)))]
        self._infringement(companies[0], day)
        for i in range(1, count):
            if rng.random() < 0.5:
                companies[-1].status = rng.choice(("注销", "吊销，未注销"))
            founded = day + timedelta(days=rng.randrange(20, 300))
            companies.append(make(founded))
            day = min(founded + timedelta(days=rng.randrange(90, 500)), self.latest)
            if i < 2 or rng.random() < 0.5:
                self._infringement(companies[-1], day, prior=self._last_case(companies[:-1]))
        self.chunk.networks.append(Network(boss, companies, True))
        return count

    def _last_case(self, companies: list[Company]) -> Case | None:
        ids = {id(c) for c in companies}
        return next((c for c in reversed(self.chunk.cases) if id(c.defendant) in ids and c.established),
                    None)

    def _shells(self) -> int:
        """A controller's companies that share an address or phone and never infringe."""
        rng = self.rng
        boss, make = self._network("shell")
        start = _between(rng, date(2008, 1, 1), self.mix.as_of)
        companies = [make(start + timedelta(days=rng.randrange(0, 500) * i))
                     for i in range(rng.randrange(2, 5))]
        self.chunk.networks.append(Network(boss, companies, False))
        return len(companies)

    def _co_located(self) -> int:
        """Unrelated companies registered at one business-centre address (and phone)."""
        district = self.reg.district()
        address = self.reg.address(district, park=True)
        phone = self.reg.phone(district) if self.rng.random() < 0.3 else None
        group = [self._company(self.mix.as_of, "co_located", district=district, address=address,
                               phone=phone) for _ in range(self.rng.randrange(3, 7))]
        self.chunk.co_located.append(group)
        return len(group)

    def _acquitted(self) -> None:
        rng = self.rng
        day = _between(rng, FIRST_DOCUMENT, self.mix.as_of)
        company = self._company(day - timedelta(days=200), "acquitted")
        kind = rng.choices(("judgment", "appeal", "withdrawal"), weights=(5, 3, 2))[0]
        outcome = {"judgment": "dismissed", "withdrawal": "withdrawn"}.get(
            kind, rng.choice(("plaintiff_appeal", "reversed")))
        self._case(kind, company, day, False, outcome)
        if rng.random() < 0.3:  # lost one other case: still one infringement only
            self._infringement(company, _between(rng, FIRST_DOCUMENT, self.mix.as_of))

    def _stale(self) -> None:
        """Two infringements, but never two inside one five-year window ending by ``as_of``."""
        rng = self.rng
        old = _between(rng, FIRST_DOCUMENT, self.p.window_start - timedelta(days=400))
        company = self._company(old - timedelta(days=200), "stale_repeat")
        self._infringement(company, old)
        if rng.random() < 0.5:
            self._infringement(company, _between(rng, self.p.window_start + timedelta(days=5),
                                                 self.mix.as_of))
        else:
            self._infringement(company, _between(rng, FIRST_DOCUMENT, self.p.window_start))

    def _non_ip(self) -> None:
        rng = self.rng
        day = _between(rng, FIRST_DOCUMENT, self.mix.as_of)
        company = self._company(day - timedelta(days=200), "non_ip_penalty")
        self._case("penalty_non_ip", company, day, False, "fine")
        if rng.random() < 0.5:
            self._infringement(company, _between(rng, FIRST_DOCUMENT, self.mix.as_of))

    # --- cases -----------------------------------------------------------------------------

    def _right(self, day: date, patent: bool, company: Company) -> Trademark | Patent:
        """A holder's right in the defendant's trade (traders sell anything), granted by ``day``."""
        rng = self.rng
        pool = self.p.rights_for(company.industry.key, patent)
        for _ in range(8):
            right = rng.choice(pool)
            granted = right.registered if isinstance(right, Trademark) else right.granted_on
            if granted and granted < day:
                return right
        return rng.choice(pool)

    def _case(self, kind: str, company: Company, day: date, established: bool, outcome: str,
              prior: Case | None = None) -> Case:
        rng, mix = self.rng, self.mix
        patent = (kind != "penalty_non_ip" and not company.individual
                  and rng.random() < mix.patent_share)
        right = None if kind == "penalty_non_ip" else self._right(day, patent, company)
        case = Case(kind, company, day, established, outcome, right=right, prior=prior,
                    holder=right.owner if right is not None else None)
        if kind == "appeal":
            case.first_decided = day - timedelta(days=rng.randrange(120, 420))
            case.publish_first = rng.random() < mix.both_instances
        if (kind == "judgment" and isinstance(right, Trademark) and self.p.platform is not None
                and rng.random() < mix.platform_codefendant):
            case.co_defendant = self.p.platform
        self.chunk.cases.append(case)
        return case

    def _infringement(self, company: Company, day: date, prior: Case | None = None,
                      appeal: bool = True) -> Case:
        """An established infringement decided on ``day``: a judgment, an appeal or a penalty.

        ``appeal=False`` keeps the first instance from being dated before ``day``, for cases
        whose date must not move (an infringement that comes only after ``as_of``).
        """
        rng, mix = self.rng, self.mix
        roll = rng.random()
        if roll < mix.penalty_share:
            return self._case("penalty", company, day, True, "fine", prior)
        if appeal and roll < mix.penalty_share + mix.appeal_share:
            return self._case("appeal", company, day, True, "upheld", prior)
        outcome = "stop_only" if rng.random() < 0.12 else "award"
        return self._case("judgment", company, day, True, outcome, prior)

    def _suppliers(self) -> None:
        """Some sellers say where their goods came from: another company of the chunk."""
        rng = self.rng
        makers = [c for c in self.chunk.companies if not c.individual and c.usable]
        for case in self.chunk.cases:
            if case.kind in ("penalty", "judgment") and case.established and makers \
                    and rng.random() < self.mix.supplier_statement:
                supplier = rng.choice(makers)
                if supplier is not case.defendant and supplier.founded < case.decided:
                    case.supplier = supplier
