"""Trademark and patent filings: the rights disputes are about, and the rows that describe them.

Right holders' marks and patents are granted well before they are enforced; a few rows are
deliberately malformed (a trademark number a spreadsheet turned into a float, Nice class 99, a patent number
with a wrong check digit) so the quarantine path is exercised and counted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ingest.synthetic import identifiers, names, patent_text
from ingest.synthetic.names import INDUSTRIES, Industry
from ingest.synthetic.registry import Company, Registry

TRADEMARK_COLUMNS = ("number", "mark", "nice_class", "goods", "applicant", "applicant_uscc",
                     "agency", "filed", "registered", "status",
                     "assignments", "oppositions", "invalidations")  # events: docs/FORMATS.md
PATENT_KINDS = (("1", "发明"), ("2", "实用新型"), ("3", "外观设计"))
_PATENT_PARTS = ("结构", "装置", "组件", "制备方法", "连接结构", "安装结构")
_PATENT_EFFECTS = ("结构简单，便于安装", "提高了使用寿命", "降低了生产成本", "使用安全可靠", "提高了工作效率")


@dataclass(frozen=True)
class Trademark:
    number: str
    mark: str
    nice: int
    goods: tuple[str, ...]
    owner: Company
    agency: str | None
    filed: date
    registered: date | None
    status: str
    defect: str | None = None
    # (date, assignee, uscc) / (date, party, uscc, outcome 成立|不成立): ingest/synthetic/bad_faith.py
    assignments: tuple[tuple[str, ...], ...] = ()
    oppositions: tuple[tuple[str, ...], ...] = ()
    invalidations: tuple[tuple[str, ...], ...] = ()

    def row(self) -> list[str]:
        number = self.number + ".0" if self.defect == "number" else self.number  # a spreadsheet float
        nice = "99" if self.defect == "nice_class" else str(self.nice)
        return [number, self.mark, nice, ";".join(self.goods), self.owner.name_on(self.filed),
                self.owner.uscc, self.agency or "", self.filed.isoformat(),
                self.registered.isoformat() if self.registered else "", self.status,
                *(";".join("|".join(item) for item in events)
                  for events in (self.assignments, self.oppositions, self.invalidations))]


@dataclass(frozen=True)
class Assignment:
    """A recorded transfer of a patent application or patent (转让) to ``assignee`` on ``on``."""

    on: date
    assignee: Company


@dataclass(frozen=True)
class Patent:
    application_no: str
    kind: str
    title: str
    abstract: str
    ipc: str
    owner: Company
    inventors: tuple[str, ...]
    agency: str | None
    filed: date
    status: str
    defect: str | None = None
    claims: str = ""  # 权利要求书 (designs have none)
    assignments: tuple[Assignment, ...] = ()

    @property
    def granted_on(self) -> date:
        return self.filed + timedelta(days=540 if self.kind == "发明" else 240)

    def record(self) -> dict:
        number = self.application_no
        if self.defect == "check":
            wrong = next(c for c in "0123456789" if c != number[-1])
            number = number[:-1] + wrong
        out = {"application_no": number, "title": self.title, "abstract": self.abstract,
               "kind": self.kind, "ipc": self.ipc,
               "applicants": [{"name": self.owner.name_on(self.filed), "uscc": self.owner.uscc}],
               "inventors": list(self.inventors)}
        if self.claims:
            out["claims"] = self.claims
        if self.agency:
            out["agency"] = self.agency
        out.update(filed=self.filed.isoformat(), status=self.status)
        if self.assignments:
            out["assignments"] = [{"date": a.on.isoformat(), "assignee": a.assignee.name_on(a.on),
                                   "assignee_uscc": a.assignee.uscc} for a in self.assignments]
        return out


@dataclass
class Filings:
    """Mints trademark and patent filings with province-unique numbers."""

    rng: random.Random
    registry: Registry
    malformed: float = 0.0  # share of portfolio rows written deliberately wrong
    agencies: list[str] = field(default_factory=list)
    tm_counters: dict[int, int] = field(default_factory=dict)  # per filing year: numbers are
    patent_counter: int = 0  # blocked by year, so each year counts on its own
    text_rng: random.Random = field(default_factory=lambda: random.Random(0))  # claims: own stream

    def trademark(self, owner: Company, filed: date, as_of: date, *, industry: Industry | None = None,
                  mark: str | None = None, granted: bool | None = None) -> Trademark:
        rng = self.rng
        industry = industry or owner.industry
        self.tm_counters[filed.year] = self.tm_counters.get(filed.year, 0) + 1
        number = identifiers.trademark_number(self.tm_counters[filed.year], filed.year)
        registered = filed + timedelta(days=rng.randrange(270, 560))
        if granted is None:
            granted = registered < as_of and rng.random() < 0.88
        status = "已注册" if granted else ("申请中" if registered >= as_of else rng.choice(("驳回", "无效")))
        goods = tuple(rng.sample(industry.goods, k=min(len(industry.goods), rng.randrange(1, 4))))
        return Trademark(number, mark or owner.trade, industry.nice, goods, owner,
                         self._agency(), filed, registered if granted else None, status)

    def patent(self, owner: Company, filed: date, as_of: date, kind_digit: str | None = None,
               granted: bool | None = None) -> Patent:
        rng = self.rng
        industry = owner.industry if owner.industry.patent_objects else rng.choice(
            [i for i in INDUSTRIES if i.patent_objects])
        kind_digit = kind_digit or rng.choices(("1", "2", "3"), weights=(3, 5, 2))[0]
        kind = dict(PATENT_KINDS)[kind_digit]
        number = self.patent_number(filed.year, kind_digit)
        thing = rng.choice(industry.patent_objects)
        if kind == "外观设计":
            title = f"{thing}（{rng.choice(('A', 'B', '一', '二', '三'))}型）"
            abstract = f"本外观设计产品的名称为{title}，用途为{industry.scope[:-3]}。"
        else:
            title = f"一种{thing}的{rng.choice(_PATENT_PARTS)}"
            noun = "发明" if kind == "发明" else "实用新型"
            abstract = f"本{noun}公开了{title}，{rng.choice(_PATENT_EFFECTS)}。"
        claims = (patent_text.template(self.text_rng, title[2:], "").claims() if kind != "外观设计"
                  else "")
        if kind == "外观设计":
            abstract += patent_text.design_note(self.text_rng, title)
        grant_day = filed + timedelta(days=540 if kind == "发明" else 240)
        if granted is None:
            granted = grant_day < as_of and rng.random() < 0.8
        pending = "实质审查" if grant_day >= as_of else rng.choice(("驳回", "视为撤回"))
        status = "授权" if granted else pending
        inventors = [owner.legal_rep.name] if rng.random() < 0.4 else []
        inventors += [names.person_name(rng) for _ in range(rng.randrange(1, 4))]
        return Patent(number, kind, title, abstract, industry.ipc + rng.choice(("1/00", "3/02", "5/15")),
                      owner, tuple(inventors), self._agency(), filed, status, claims=claims)

    def patent_number(self, year: int, kind_digit: str) -> str:
        """The next province-unique application number of ``year`` and kind."""
        self.patent_counter += 1
        return identifiers.patent_number(self.patent_counter, year, kind_digit)

    def _agency(self) -> str | None:
        if self.agencies and self.rng.random() < 0.7:
            return self.rng.choice(self.agencies)
        return None

    def portfolio(self, owner: Company, as_of: date, marks: int, patents: int,
                  spread: bool = False) -> tuple[list[Trademark], list[Patent]]:
        """A company's filings: marks on its trade word (or across classes when ``spread``)."""
        rng = self.rng
        start = max(owner.founded, date(2005, 1, 1))
        span = max(30, (as_of - start).days - 30)
        tms = []
        for i in range(marks):
            filed = start + timedelta(days=rng.randrange(span))
            industry = rng.choice(INDUSTRIES) if spread and i else owner.industry
            mark = owner.trade if i == 0 or rng.random() < 0.4 else names.trade_word(rng)
            tm = self.trademark(owner, filed, as_of, industry=industry, mark=mark)
            if rng.random() < self.malformed:
                tm = replace(tm, defect=rng.choice(("number", "nice_class")))
            tms.append(tm)
        pats = []
        for _ in range(patents):
            patent = self.patent(owner, start + timedelta(days=rng.randrange(span)), as_of)
            pats.append(replace(patent, defect="check") if rng.random() < self.malformed else patent)
        return tms, pats

    def enforceable_mark(self, owner: Company, as_of: date) -> Trademark:
        """A registered mark on the owner's trade word, filed early enough to be sued on."""
        filed = max(owner.founded, date(2005, 1, 1)) + timedelta(days=self.rng.randrange(30, 400))
        return self.trademark(owner, filed, as_of, mark=owner.trade, granted=True)

    def enforceable_patent(self, owner: Company, as_of: date) -> Patent:
        filed = max(owner.founded, date(2008, 1, 1)) + timedelta(days=self.rng.randrange(30, 600))
        return self.patent(owner, filed, as_of, granted=True,
                           kind_digit=self.rng.choices(("1", "2", "3"), weights=(4, 4, 2))[0])
