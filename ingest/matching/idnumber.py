"""Resident ID numbers (居民身份证号码) as documents print them: full, old 15-digit, or masked.

GB 11643: 6 digits of place, 8 of birth date, 3 of sequence, 1 check character (ISO 7064
MOD 11-2, checked by python-stdnum's ``cn.ric``). The 15-digit form before 1999 has a two-digit
year and no check character; it is widened to 18 (19 + year, check computed) so both meet.
A masked print hides digits with ``*``; two prints are compatible when every digit both show
agrees. Nothing here "fixes" a number: a wrong check character is reported as invalid.

Only the masked form (first 6 and last 4) is kept in the graph; where a full, valid number was
printed, a keyed hash (HMAC-SHA256 under a deployment secret) lets two prints of it meet without
the number itself being stored: ID numbers are few enough (dates × places × sequence) that an
unkeyed hash could be reversed by trying them all.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

MASK = "*"


def check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits (python-stdnum's)."""
    return ric.calc_check_digit(first17 + "0")


def is_valid(number: str) -> bool:
    """The check character holds and the birth date is a date (python-stdnum's ``cn.ric``).

    ``ric.is_valid`` also requires the place code to have existed in the birth year; numbers are
    issued by the county of registration, which is often younger than its residents, so that
    check would reject real numbers and is left out.
    """
    try:
        ric.get_birth_date(number)
    except ValidationError:
        return False
    return number[-1] == ric.calc_check_digit(number) and _birth_ok(number[6:14])


@dataclass(frozen=True)
class IdNumber:
    """A printed ID number: its 18-position pattern (``*`` where hidden) and what is known."""

    kind: str  # full | old15 | masked
    pattern: str  # 18 positions, '*' where the print hides a digit
    valid: bool | None  # full: the check character (and date) hold; masked: None

    @property
    def full(self) -> str | None:
        return self.pattern if MASK not in self.pattern else None

    @property
    def masked(self) -> str:
        """The public form: place (6) and last 4 shown, the birth date and sequence hidden."""
        return self.pattern[:6] + MASK * 8 + self.pattern[-4:]


def _clean(raw: str) -> str:
    text = "".join(unicodedata.normalize("NFKC", raw).split()).upper()
    return text.replace("×", MASK)


def _birth_ok(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return date(1880, 1, 1) <= born <= date.today()


def parse(raw: str | None) -> IdNumber | None:
    """Read a printed ID number; None when it is not one (wrong length or characters)."""
    if not raw:
        return None
    text = _clean(raw)
    if len(text) == 15 and all(ch.isdigit() or ch == MASK for ch in text):
        body = text[:6] + "19" + text[6:]
        if MASK in text:
            return IdNumber("masked", body + MASK, None)
        return IdNumber("old15", body + check_char(body), _birth_ok(body[6:14]))
    if len(text) != 18 or not all(ch.isdigit() or ch == MASK for ch in text[:17]) \
            or not (text[17].isdigit() or text[17] in "X" + MASK):
        return None
    if MASK in text:
        if text.count(MASK) == 18:
            return None
        return IdNumber("masked", text, None)
    return IdNumber("full", text, is_valid(text))


def compatible(a: str, b: str) -> bool:
    """Two 18-position patterns agree on every digit both show (and show at least 4 in common)."""
    shown = [(x, y) for x, y in zip(a, b, strict=True) if MASK not in (x, y)]
    return len(shown) >= 4 and all(x == y for x, y in shown)


def keyed_hash(number: IdNumber, secret: str | None) -> str | None:
    """HMAC-SHA256 of a full, valid number under ``secret``; None without either."""
    if not secret or number.full is None or not number.valid:
        return None
    return hmac.new(secret.encode(), number.full.encode(), hashlib.sha256).hexdigest()[:32]
