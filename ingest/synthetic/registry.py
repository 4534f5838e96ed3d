"""Corporate registrations (工商登记): persons, companies, and their lines in companies.jsonl.

A ``Registry`` mints companies and persons for one province; controllers, addresses and phones
can be passed in, which is how shell networks come to share them. Every company's USCC is
unique and valid unless the company is one of the few deliberately malformed records.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from pypinyin import lazy_pinyin

from graph.types import company_name as company_name_key
from ingest.synthetic import identifiers, names
from ingest.synthetic.names import Industry
from ingest.synthetic.regions import CITIES, CITY_WEIGHTS, PARKS, ROADS, District, districts_of

EARLIEST_FOUNDING = date(1996, 1, 1)
REP_TITLES = ("执行董事", "总经理", "董事长", "执行董事兼总经理", "经理")
OFFICER_ROLES = ("监事", "财务负责人", "董事", "经理")


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str

    @property
    def masked(self) -> str:
        return self.id_number[:6] + "*" * 8 + self.id_number[-4:]


@dataclass
class Holding:
    stake: float
    person: Person | None = None
    company: Company | None = None


@dataclass(eq=False)
class Company:
    """One registered company (or individual business) and what the register says of it."""

    uscc: str  # as written in companies.jsonl (the graph keys on it; may be malformed)
    name: str
    trade: str
    industry: Industry
    district: District
    legal_form: str
    founded: date
    capital: str
    address: str
    phone: str | None
    email: str | None
    legal_rep: Person
    rep_title: str
    shareholders: list[Holding] = field(default_factory=list)
    officers: list[tuple[Person, str]] = field(default_factory=list)
    former_names: list[str] = field(default_factory=list)
    former_trades: list[str] = field(default_factory=list)  # the 字号 of each former name
    renamed_on: date | None = None  # when the last former name stopped being used
    status: str = "存续"
    individual: bool = False
    defect: str | None = None  # check | length | alphabet | empty_name
    role: str = "ordinary"

    @property
    def controllers(self) -> list[Person]:
        """Legal representative and shareholders holding at least half (the detector's rule)."""
        people = [self.legal_rep]
        people += [h.person for h in self.shareholders if h.person and h.stake >= 0.5]
        return people

    @property
    def usable(self) -> bool:
        """Whether documents may be planted on it (a quarantined record cannot be found)."""
        return self.defect is None

    def _before_rename(self, day: date) -> bool:
        return bool(self.former_names and self.renamed_on and day < self.renamed_on)

    def name_on(self, day: date) -> str:
        """The name a document dated ``day`` would print."""
        return self.former_names[-1] if self._before_rename(day) else self.name

    def trade_on(self, day: date) -> str:
        """The trade word (字号) of that name, which short names (以下简称) are made of."""
        return self.former_trades[-1] if self._before_rename(day) else self.trade

    def record(self) -> dict:
        """The companies.jsonl line, fields in the order of the sample province."""
        if self.defect == "empty_name":
            return {"name": "", "uscc": self.uscc}
        out: dict = {"uscc": self.uscc, "name": self.name}
        if self.former_names:
            out["former_names"] = list(self.former_names)
        out.update(legal_form=self.legal_form, capital=self.capital,
                   founded=self.founded.isoformat(), status=self.status, address=self.address)
        if self.phone:
            out["phone"] = self.phone
        if self.email:
            out["email"] = self.email
        out["scope"] = self.industry.scope
        out["legal_rep"] = {"name": self.legal_rep.name, "id_number": self.legal_rep.id_number}
        if self.shareholders:
            out["shareholders"] = [_holding(h) for h in self.shareholders]
        if self.officers:
            out["officers"] = [{"name": p.name, "id_number": p.id_number, "role": role}
                               for p, role in self.officers]
        return out


def _holding(h: Holding) -> dict:
    if h.company is not None:
        return {"name": h.company.name, "kind": "company", "uscc": h.company.uscc, "stake": h.stake}
    assert h.person is not None
    return {"name": h.person.name, "kind": "person", "id_number": h.person.id_number,
            "stake": h.stake}


@dataclass
class Registry:
    """Mints unique companies and persons; ``names`` keeps registered names unique."""

    rng: random.Random
    counter: int = 0
    names: set[str] = field(default_factory=set)

    def person(self, born_after: int = 1955, born_before: int = 2000) -> Person:
        born = date(self.rng.randrange(born_after, born_before), 1, 1) + timedelta(
            days=self.rng.randrange(365))
        region = self.rng.choice(BIRTH_REGIONS)
        return Person(names.person_name(self.rng), identifiers.resident_id(self.rng, region, born))

    def district(self, near: District | None = None) -> District:
        if near is not None and self.rng.random() < 0.8:
            return self.rng.choice(districts_of(near.city))
        city = self.rng.choices(CITIES, weights=CITY_WEIGHTS)[0]
        return self.rng.choice(districts_of(city))

    def address(self, district: District, park: bool = False) -> str:
        road = self.rng.choice(ROADS)
        if park:
            return f"{district.place}{road}{self.rng.randrange(1, 300)}号{self.rng.choice(PARKS)}"
        tail = f"{self.rng.randrange(1, 999)}号"
        if self.rng.random() < 0.3:
            tail += f"{self.rng.randrange(1, 30)}幢{self.rng.randrange(101, 2400)}室"
        return f"{district.place}{road}{tail}"

    def phone(self, district: District) -> str:
        if self.rng.random() < 0.25:
            return self.rng.choice(("138", "139", "151", "187", "135")) + f"{self.rng.randrange(10**8):08d}"
        return f"{district.city.area_code}-{self.rng.randrange(50_000_000, 89_999_999)}"

    def _unique_name(self, make: Callable[[str], str]) -> tuple[str, str]:
        """A registered name no other company has (compared as resolution compares names)."""
        for _ in range(50):
            trade = names.trade_word(self.rng)
            candidate = make(trade)
            key = company_name_key.match_key(candidate)
            if key not in self.names:
                self.names.add(key)
                return candidate, trade
        raise RuntimeError("could not find an unused company name")  # pragma: no cover

    def company(self, industry: Industry, founded: date, *, district: District | None = None,
                legal_rep: Person | None = None, owner: Person | None = None,
                address: str | None = None, phone: str | None = None, individual: bool = False,
                big: bool = False) -> Company:
        """A new company; ``owner`` (default the legal rep) holds a controlling stake."""
        rng = self.rng
        district = district or self.district()
        if individual:
            name, trade = self._unique_name(lambda t: names.shop_name(rng, district, t, industry))
            form = "个体工商户"
        else:
            suffix, form = (("股份有限公司", "股份有限公司(非上市、自然人投资或控股)") if big
                            else names.legal_form(rng))
            name, trade = self._unique_name(
                lambda t: names.company_name(rng, district, t, industry, suffix))
        self.counter += 1
        code = identifiers.uscc(self.counter, district.code, founded, "2" if individual else "1")
        rep = legal_rep or self.person()
        company = Company(
            uscc=code, name=name, trade=trade, industry=industry, district=district, legal_form=form,
            founded=founded, capital=self._capital(big, individual),
            address=address or self.address(district, park=rng.random() < 0.1),
            phone=phone or (self.phone(district) if rng.random() < 0.85 else None),
            email=None, legal_rep=rep, rep_title="经营者" if individual else rng.choice(REP_TITLES),
            individual=individual)
        if rng.random() < 0.6 and not individual:
            company.email = f"{''.join(lazy_pinyin(trade))}{rng.randrange(1, 999)}@" + rng.choice(
                ("163.com", "126.com", "qq.com", "sina.com"))
        if not individual:
            self._owners(company, owner or rep)
        return company

    def _owners(self, company: Company, owner: Person) -> None:
        """Shareholders and officers: the owner controls, partners hold the rest.

        When the owner is not the legal representative (a nominee signs for the company), the
        owner's stake is always at least half, so control runs through the shareholding.
        """
        rng = self.rng
        nominee = owner is not company.legal_rep
        roll = rng.random()
        if roll < 0.35:
            stakes: tuple[float, ...] = (1.0,)
        elif roll < 0.8:
            first = rng.choice((0.5, 0.51, 0.6, 0.7, 0.8, 0.9))
            stakes = (first, round(1 - first, 2))
        elif nominee:
            stakes = (0.55, 0.25, 0.2)
        else:
            stakes = rng.choice(((0.4, 0.35, 0.25), (0.49, 0.31, 0.2), (0.34, 0.33, 0.33)))
        company.shareholders = [Holding(stakes[0], owner)] + [
            Holding(s, self.person()) for s in stakes[1:]]
        if rng.random() < 0.6:
            partner = next((h.person for h in company.shareholders[1:] if h.person), None)
            company.officers.append((partner or self.person(), rng.choice(OFFICER_ROLES)))

    def _capital(self, big: bool, individual: bool) -> str:
        if individual:
            return f"{self.rng.choice((1, 3, 5, 10, 20))}万元人民币"
        if big:
            return f"{self.rng.choice((1, 2, 3, 5, 8))}亿元人民币"
        return f"{self.rng.choice((10, 50, 100, 200, 300, 500, 800, 1000, 2000, 5000))}万元人民币"

    def rename(self, company: Company, on: date) -> None:
        """The company changed its name on ``on``: the old one becomes a former name."""
        suffix = next((x for x in ("股份有限公司", "有限责任公司", "有限公司") if company.name.endswith(x)),
                      "有限公司")
        new, trade = self._unique_name(lambda t: names.company_name(
            self.rng, company.district, t, company.industry, suffix))
        company.former_names.append(company.name)
        company.former_trades.append(company.trade)
        company.name, company.trade, company.renamed_on = new, trade, on

    def spoil(self, company: Company, defect: str) -> None:
        """Make this record one of the deliberately malformed ones."""
        company.defect = defect
        if defect in identifiers.USCC_DEFECTS:
            company.uscc = identifiers.malformed_uscc(company.uscc, defect, self.rng)


# Birthplace codes stdnum accepts for every birth year from 1955 (district codes it knows only
# from 1983 on would fail for older people); mostly Jiangsu, some from neighbouring provinces.
BIRTH_REGIONS = ("320100", "320100", "320200", "320200", "320300", "320400", "320500", "320500",
                 "320600", "320700", "340100", "370100", "410100", "420100", "330100", "510100")


def founding_date(rng: random.Random, before: date, earliest: date = EARLIEST_FOUNDING) -> date:
    span = max(1, (before - earliest).days)
    return earliest + timedelta(days=rng.randrange(span))
