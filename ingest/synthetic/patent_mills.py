"""Abnormal patent applications (非正常专利申请): patent mills, and filers that only look like them.

A mill (CNIPA Order 77 art 3) files many applications drafted from a few templates with small
swaps or one feature added (type 1), usually in bursts, in numbers out of proportion to a tiny
applicant (type 5), with the same few people named as inventors across unrelated fields, and
often sells them soon after filing (type 7). Some mills are a cluster of unrelated small
companies whose filings one agency drafts from shared templates.

Look-alikes that must not be flagged: a family of related but distinct patents on one object
(``patent_series``), a research-style applicant with many filings and large inventor teams in its
own field (``research_filer``), the same invention filed as invention and utility model on one
day (一案双报, Patent Law art 9; ``dual_filer``), and a group restructuring that moves a whole
portfolio to a sister company at once (``patent_seller``). Big legitimate filers are planted
province-wide (``province._province_wide``).

``plant`` runs inside ``Planter.build`` (it registers companies, so capital and form are in the
register); ``chunk_filings`` runs when the chunk is written and draws every filing from its own
random stream, so the rest of the province does not depend on it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ingest.synthetic import names, patent_text
from ingest.synthetic.filings import Assignment, Filings, Patent
from ingest.synthetic.names import INDUSTRIES, Industry
from ingest.synthetic.registry import Company

if TYPE_CHECKING:
    from ingest.synthetic.behaviours import Planter

MILL = "patent_mill"
LOOK_ALIKES = ("patent_series", "research_filer", "dual_filer", "patent_seller")
INDICATORS = ("near_duplicates", "burst", "disproportion", "inventor_load", "quick_transfer")
PATENT_INDUSTRIES = tuple(i for i in INDUSTRIES if i.patent_objects)
SMALL_CAPITALS = ("3万元人民币", "10万元人民币", "30万元人民币", "50万元人民币")
LARGE_CAPITALS = ("500万元人民币", "800万元人民币", "1000万元人民币", "2000万元人民币")
_EFFECTS = ("结构简单，便于安装", "提高了使用寿命", "降低了生产成本", "使用安全可靠", "提高了工作效率")


def _count(rng: random.Random, expected: float) -> int:
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def plant(planter: Planter, size: int) -> None:
    """Register this chunk's mills and look-alikes; their filings come in ``chunk_filings``.

    Draws from a stream of its own (seeded from the chunk's), handed to the planter and the
    registry for the while, so the other behaviours' draws stay as they were.
    """
    mix = planter.mix
    rng = random.Random(f"patents:{planter.rng.getstate()[1][:8]}")
    saved = planter.rng, planter.reg.rng
    planter.rng = planter.reg.rng = rng
    try:
        young = mix.as_of - timedelta(days=5 * 365)
        for _ in range(_count(rng, size * mix.patent_mills)):
            small = rng.random() < 0.75  # out of proportion to its size: individual or tiny capital
            founded = young + timedelta(days=rng.randrange(0, 3 * 365))
            company = planter._company(founded, MILL, founded=founded,
                                       individual=small and rng.random() < 0.35)
            if not company.individual:
                company.capital = rng.choice(SMALL_CAPITALS if small else LARGE_CAPITALS)
        for role, share in (("patent_series", mix.patent_series),
                            ("research_filer", mix.research_filers),
                            ("dual_filer", mix.dual_filers), ("patent_seller", mix.patent_sellers)):
            for _ in range(_count(rng, size * share)):
                founded = date(2000, 1, 1) + timedelta(days=rng.randrange(0, 15 * 365))
                planter._company(founded, role, founded=founded, individual=False,
                                 big=role == "research_filer")
    finally:
        planter.rng, planter.reg.rng = saved


def capital_wan(text: str) -> float | None:
    """Registered capital in 万元 from the register's wording (50万元人民币, 1亿元人民币)."""
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    if not digits:
        return None
    return float(digits) * (10_000 if "亿" in text else 1)


@dataclass
class Written:
    """One chunk's filings with their truth lines."""

    patents: list[Patent] = field(default_factory=list)
    mills: list[dict] = field(default_factory=list)
    innocent: list[dict] = field(default_factory=list)


@dataclass
class _Mill:
    company: Company
    indicators: set[str]
    cluster: str | None = None
    agency: str | None = None
    groups: dict[str, list[str]] = field(default_factory=dict)  # template title → numbers
    transfers: int = 0


class _Writer:
    def __init__(self, filings: Filings, rng: random.Random, as_of: date, buyers: list[Company]):
        self.filings, self.rng, self.as_of, self.buyers = filings, rng, as_of, buyers
        self.out = Written()

    def patent(self, owner: Company, filed: date, kind_digit: str, tpl: patent_text.Template,
               industry: Industry, inventors: tuple[str, ...], agency: str | None,
               assignments: tuple[Assignment, ...] = ()) -> Patent:
        rng = self.rng
        kind = {"1": "发明", "2": "实用新型"}[kind_digit]
        grant_day = filed + timedelta(days=540 if kind == "发明" else 240)
        status = ("实质审查" if grant_day >= self.as_of
                  else rng.choices(("授权", "驳回", "视为撤回"), weights=(6, 2, 2))[0])
        patent = Patent(self.filings.patent_number(filed.year, kind_digit), kind, tpl.title(),
                        tpl.abstract(kind), industry.ipc + rng.choice(("1/00", "3/02", "5/15", "7/04")),
                        owner, inventors, agency, filed, status, claims=tpl.claims(),
                        assignments=assignments)
        self.out.patents.append(patent)
        return patent

    def people(self, owner: Company, count: int) -> tuple[str, ...]:
        return tuple(names.person_name(self.rng) for _ in range(count))

    def agency(self) -> str | None:
        return self.rng.choice(self.filings.agencies) if self.filings.agencies else None

    # --- mills -------------------------------------------------------------------------------

    def mills(self, companies: list[Company]) -> None:
        rng = self.rng
        pending = [_Mill(c, self._indicators(c)) for c in companies]
        clusters = 0
        while pending:
            if len(pending) >= 2 and rng.random() < 0.35:
                size = min(len(pending), rng.choice((2, 3)))
                members, pending = pending[:size], pending[size:]
                clusters += 1
                self._campaign(members, f"cluster-{clusters}")
            else:
                self._campaign([pending.pop(0)], None)

    def _indicators(self, company: Company) -> set[str]:
        """What this mill is meant to show besides near-duplicates (checked again once filed)."""
        rng = self.rng
        planted = {"near_duplicates"}
        for name, share in (("burst", 0.6), ("inventor_load", 0.5), ("quick_transfer", 0.4)):
            if rng.random() < share:
                planted.add(name)
        if not _small(company) and planted == {"near_duplicates"}:
            planted.add("burst")
        return planted

    def _campaign(self, members: list[_Mill], cluster: str | None) -> None:
        """Templates, their copies, dates, inventors and transfers for one mill or cluster."""
        rng = self.rng
        burst = cluster is not None or "burst" in members[0].indicators
        inventor_load = cluster is None and "inventor_load" in members[0].indicators
        agency = self.agency() if cluster is not None or rng.random() < 0.6 else None
        fields_ = rng.sample(PATENT_INDUSTRIES, rng.randrange(3, 6) if inventor_load else rng.randrange(2, 5))
        bases = [(f"{industry.ipc}:{i + 1}", industry,
                  patent_text.template(rng, rng.choice(industry.patent_objects), rng.choice(_EFFECTS),
                                       features=rng.randrange(4, 7)))
                 for i, industry in enumerate(fields_)]
        filings: list[tuple[_Mill, str, Industry, patent_text.Template]] = []
        for key, industry, base in bases:
            for i in range(rng.randrange(4, 10) * len(members)):
                filings.append((members[i % len(members)], key, industry,
                                patent_text.variant(rng, base) if i else base))
        minimum = 24 if inventor_load else (6 if cluster else 12)
        for member in members:  # enough filings to be out of scale with the applicant
            while sum(1 for f in filings if f[0] is member) < minimum:
                key, industry, base = rng.choice(bases)
                filings.append((member, key, industry, patent_text.variant(rng, base)))
        rng.shuffle(filings)
        latest_start = self.as_of - timedelta(days=700)
        start = max(max(m.company.founded for m in members) + timedelta(days=30),
                    self.as_of - timedelta(days=4 * 365))
        start += timedelta(days=rng.randrange(0, max(1, (latest_start - start).days)))
        pools = {id(m): self._inventor_pool(m) for m in members}
        day = start
        for owner, key, industry, tpl in filings:
            # a burst files everything within three weeks; otherwise filings are 5–7 days apart
            if burst:
                filed = start + timedelta(days=rng.randrange(0, 21))
            else:
                filed = day = day + timedelta(days=rng.randrange(5, 8))
            if inventor_load:
                pool = pools[id(owner)]
                inventors = (pool[0],) + tuple(rng.sample(pool[1:], rng.randrange(0, len(pool))))
            else:
                inventors = self.people(owner.company, rng.randrange(1, 4))
            assignments: tuple[Assignment, ...] = ()
            if "quick_transfer" in owner.indicators and self.buyers and (
                    owner.transfers < 3 or rng.random() < 0.5):
                on = min(filed + timedelta(days=rng.randrange(20, 300)), self.as_of)
                assignments = (Assignment(on, rng.choice(self.buyers)),)
                owner.transfers += 1
            patent = self.patent(owner.company, filed, rng.choices(("1", "2"), weights=(3, 7))[0], tpl,
                                 industry, inventors, agency, assignments)
            owner.groups.setdefault(key, []).append(patent.application_no)
        for m in members:
            filed = sum(len(v) for v in m.groups.values())
            m.indicators = {"near_duplicates"} | {
                name for name, present in (
                    ("burst", burst), ("disproportion", _small(m.company) and filed >= 12),
                    ("inventor_load", inventor_load and filed >= 24), ("quick_transfer", m.transfers >= 3))
                if present}
            m.cluster, m.agency = cluster, agency
            self.out.mills.append(_truth(m))

    def _inventor_pool(self, mill: _Mill) -> tuple[str, ...]:
        """The same few people named on everything (the nominee legal rep among them, often)."""
        pool = list(self.people(mill.company, self.rng.randrange(2, 4)))
        if self.rng.random() < 0.5:
            pool[0] = mill.company.legal_rep.name
        return tuple(pool)

    # --- look-alikes -------------------------------------------------------------------------

    def series(self, company: Company) -> None:
        """Related but distinct patents on one object: shared title words, claims drafted anew."""
        rng = self.rng
        industry = company.industry if company.industry.patent_objects else rng.choice(PATENT_INDUSTRIES)
        thing = rng.choice(industry.patent_objects)
        team = self.people(company, rng.randrange(2, 5))
        agency = self.agency()
        day = max(company.founded, date(2010, 1, 1)) + timedelta(days=rng.randrange(30, 400))
        for _ in range(rng.randrange(4, 10)):
            tpl = patent_text.template(rng, thing, rng.choice(_EFFECTS))
            self.patent(company, min(day, self.as_of), rng.choice(("1", "2")), tpl, industry,
                        tuple(rng.sample(team, rng.randrange(1, len(team) + 1))), agency)
            day += timedelta(days=rng.randrange(60, 300))

    def research(self, company: Company) -> None:
        """Many filings with large teams, steadily, in the applicant's own field."""
        rng = self.rng
        fields_ = [company.industry] if company.industry.patent_objects else []
        fields_ = (fields_ + rng.sample(PATENT_INDUSTRIES, 2))[:rng.choice((1, 2))]
        staff = self.people(company, rng.randrange(20, 50))
        director = company.legal_rep.name
        total = rng.randrange(25, 80)
        start = self.as_of - timedelta(days=rng.randrange(4 * 365, 8 * 365))
        span = (self.as_of - start).days
        for _ in range(total):
            industry = rng.choice(fields_)
            tpl = patent_text.template(rng, rng.choice(industry.patent_objects), rng.choice(_EFFECTS))
            team = tuple(rng.sample(staff, rng.randrange(3, 8)))
            if rng.random() < 0.6:
                team = (director, *team)
            self.patent(company, start + timedelta(days=rng.randrange(span)),
                        rng.choices(("1", "2"), weights=(8, 2))[0], tpl, industry, team, self.agency())

    def dual(self, company: Company) -> None:
        """一案双报: one invention filed the same day as an invention and as a utility model."""
        rng = self.rng
        industry = company.industry if company.industry.patent_objects else rng.choice(PATENT_INDUSTRIES)
        agency = self.agency()
        for _ in range(rng.randrange(1, 4)):
            tpl = patent_text.template(rng, rng.choice(industry.patent_objects), rng.choice(_EFFECTS))
            filed = self.as_of - timedelta(days=rng.randrange(200, 3000))
            team = self.people(company, rng.randrange(1, 4))
            for kind in ("1", "2"):
                self.patent(company, filed, kind, tpl, industry, team, agency)

    def seller(self, company: Company) -> None:
        """A restructuring: the whole portfolio moves to one company on one day, some of it new."""
        rng = self.rng
        if not self.buyers:
            return
        industry = company.industry if company.industry.patent_objects else rng.choice(PATENT_INDUSTRIES)
        moved_on = self.as_of - timedelta(days=rng.randrange(30, 700))
        buyer = rng.choice(self.buyers)
        agency = self.agency()
        count = rng.randrange(5, 13)
        for i in range(count):
            back = rng.randrange(20, 300) if i < 3 else rng.randrange(300, 2500)
            tpl = patent_text.template(rng, rng.choice(industry.patent_objects), rng.choice(_EFFECTS))
            self.patent(company, moved_on - timedelta(days=back), rng.choice(("1", "2")), tpl, industry,
                        self.people(company, rng.randrange(1, 4)), agency,
                        (Assignment(moved_on, buyer),))


def _small(company: Company) -> bool:
    """An individual business or a tiny registered capital (at most 100万元)."""
    return company.individual or (capital_wan(company.capital) or 0) <= 100


def _truth(mill: _Mill) -> dict:
    company = mill.company
    return {"uscc": company.uscc, "name": company.name, "cluster": mill.cluster, "agency": mill.agency,
            "individual": company.individual, "capital": company.capital,
            "filings": sum(len(v) for v in mill.groups.values()), "transfers": mill.transfers,
            "indicators": [i for i in INDICATORS if i in mill.indicators],
            "groups": [{"template": k, "application_nos": v} for k, v in sorted(mill.groups.items())]}


def chunk_filings(companies: list[Company], filings: Filings, rng: random.Random,
                  as_of: date) -> Written:
    """The filings of this chunk's mills and look-alikes, and their truth lines."""
    buyers = [c for c in companies if c.role == "ordinary" and c.usable and not c.individual]
    writer = _Writer(filings, rng, as_of, buyers)
    writer.mills([c for c in companies if c.role == MILL])
    for company in companies:
        if company.role in LOOK_ALIKES:
            getattr(writer, {"patent_series": "series", "research_filer": "research",
                             "dual_filer": "dual", "patent_seller": "seller"}[company.role])(company)
            writer.out.innocent.append({"uscc": company.uscc, "name": company.name, "kind": company.role,
                                        "established": 0, "established_in_window": 0})
    return writer.out
