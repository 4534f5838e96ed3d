"""Chinese patent application numbers: ``YYYYTNNNNNNN.C`` since 2003, ``YYTNNNNN.C`` before.

The check character is Σ dᵢ·wᵢ mod 11 over the digits with weights 2..9,2..5 (10 → X).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_PATTERN = re.compile(r"^(?:ZL|CN)?(\d{12}|\d{8})\.?([\dX])$")
KINDS = {"1": "发明", "2": "实用新型", "3": "外观设计", "8": "发明(PCT)", "9": "实用新型(PCT)"}


@dataclass(frozen=True)
class PatentNumber:
    digits: str
    check: str

    @property
    def application_no(self) -> str:
        return f"{self.digits}.{self.check}"

    @property
    def kind(self) -> str:
        digit = self.digits[4] if len(self.digits) == 12 else self.digits[2]
        return KINDS.get(digit, "未知")


def check_char(digits: str) -> str:
    weights = _WEIGHTS if len(digits) == 12 else _WEIGHTS[:len(digits)]
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if total == 10 else str(total)


def parse(raw: str) -> PatentNumber:
    """Parse an application or patent (ZL…) number; ValueError names what is wrong."""
    text = unicodedata.normalize("NFKC", raw).upper().replace(" ", "")
    match = _PATTERN.match(text)
    if not match:
        raise ValueError(f"not a patent application number: {raw!r}")
    digits, check = match.groups()
    expected = check_char(digits)
    if check != expected:
        raise ValueError(f"patent number {raw!r} has check character {check}, expected {expected}")
    return PatentNumber(digits, check)
