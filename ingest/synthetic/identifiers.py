"""Identifiers with valid check characters, unique by construction, and a few deliberately bad.

Uniqueness comes from a running counter pushed through a bijection (multiplying by a number
coprime to the modulus), so codes look scattered yet never repeat and nothing has to remember
which codes were used. The USCC check character is python-stdnum's (REGULATIONS §7); the patent
check digit is written out here from §7 so the tests check the graph's own implementation
against an independent one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from stdnum.cn import ric
from stdnum.cn import uscc as stdnum_uscc

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code
_PATENT_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_MULT = 7919  # prime, coprime to every modulus below
USCC_DEFECTS = ("check", "length", "alphabet")


def _scatter(counter: int, modulus: int, offset: int = 0) -> int:
    """An injective map of ``counter`` (< modulus) onto 0..modulus-1 that looks random."""
    return (counter * _MULT + offset) % modulus


def _base31(value: int, width: int) -> str:
    out = []
    for _ in range(width):
        value, digit = divmod(value, 31)
        out.append(USCC_ALPHABET[digit])
    return "".join(reversed(out))


def org_code(counter: int, founded: date) -> str:
    """Nine characters: a GB 11714 code (8 digits + check) before 2015-10, else ``MA``-style."""
    if founded < date(2015, 10, 1):
        digits = f"{_scatter(counter, 10**8, 31_415_926):08d}"
        check = 11 - sum(int(d) * w for d, w in zip(digits, _ORG_WEIGHTS, strict=True)) % 11
        return digits + {10: "X", 11: "0"}.get(check, str(check))
    return "MA" + ("1" if founded.year < 2019 else "2") + _base31(_scatter(counter, 31**6, 271_828_182), 6)


def uscc(counter: int, region: str, founded: date, entity_type: str = "1") -> str:
    """A valid USCC: 9 (market regulation) + entity type + GB/T 2260 region + org code + check."""
    body = "9" + entity_type + region + org_code(counter, founded)
    return body + stdnum_uscc.calc_check_digit(body)


def malformed_uscc(value: str, defect: str, rng: random.Random) -> str:
    """A USCC spoiled the way registers spoil them: wrong check, wrong length, wrong letter."""
    if defect == "check":
        wrong = [c for c in USCC_ALPHABET if c != value[-1]]
        return value[:-1] + rng.choice(wrong)
    if defect == "length":
        return value[:rng.choice((7, 15, 17))]
    pos = rng.randrange(10, 17)
    return value[:pos] + rng.choice("IOSVZ") + value[pos + 1:]


def resident_id(rng: random.Random, region: str, born: date) -> str:
    """A resident ID number (GB 11643) with its check digit, as stdnum computes it."""
    body = f"{region}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")


def patent_check(digits: str) -> str:
    """Σ dᵢ·wᵢ mod 11 with w = 2..9, 2..5; 10 is written X (REGULATIONS §7)."""
    total = sum(int(d) * w for d, w in zip(digits, _PATENT_WEIGHTS, strict=False)) % 11
    return "X" if total == 10 else str(total)


def patent_number(counter: int, year: int, kind_digit: str) -> str:
    """``YYYYTNNNNNNN.C``: year, type (1 invention, 2 utility model, 3 design), serial, check."""
    digits = f"{year}{kind_digit}{_scatter(counter, 10**7, 1000003) :07d}"
    return f"{digits}.{patent_check(digits)}"


def trademark_number(counter: int, filed_year: int) -> str:
    """Up to 8 digits, rising with the filing year as the register's serials do.

    Each year owns a disjoint block (500k numbers a year before 2010, 4M after), so numbers
    stay unique for up to that many filings a year.
    """
    if filed_year < 2010:
        return str(1_000_000 + (max(filed_year, 1995) - 1995) * 500_000
                   + _scatter(counter, 500_000, 77))
    return str(9_000_000 + (filed_year - 2010) * 5_000_000 + _scatter(counter, 4_000_000, 77))


@dataclass
class Serials:
    """Per-series running numbers (court + year + case type, or office + year).

    Each series starts at a seeded offset and advances by small random steps, so numbers look
    like a real docket and never repeat within their series.
    """

    rng: random.Random
    last: dict[str, int] = field(default_factory=dict)

    def next(self, series: str, start_max: int = 400, step_max: int = 25) -> int:
        current = self.last.get(series)
        current = self.rng.randrange(1, start_max) if current is None else (
            current + self.rng.randrange(1, step_max))
        self.last[series] = current
        return current


def case_number(year: int, court_code: str, case_type: str, serial: int,
                old_abbrev: str | None = None) -> str:
    """The canonical case number: ``(2021)苏05民初1234号``, or ``(2013)锡知民初字第127号``."""
    if old_abbrev is not None:
        return f"({year}){old_abbrev}{case_type}字第{serial}号"
    return f"({year}){court_code}{case_type}{serial}号"


def decision_number(prefix: str, year: int, serial: int, with_di: bool = False) -> str:
    """The canonical penalty decision number: ``苏市监罚〔2023〕112号``."""
    return f"{prefix}〔{year}〕{'第' if with_di else ''}{serial}号"
