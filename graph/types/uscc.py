"""Unified social credit code (GB 32100-2015) through python-stdnum, the maintained implementation.

A wrong check character is reported but not rejected: some early codes fail it (REGULATIONS §7).
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum.cn import uscc as _uscc
from stdnum.exceptions import InvalidChecksum, ValidationError


@dataclass(frozen=True)
class UsccCheck:
    value: str
    check_digit_ok: bool


def clean(raw: str) -> UsccCheck:
    """Normalise a USCC; raise ValueError when it cannot be one (length or characters)."""
    value = _uscc.compact(raw.strip()).upper()
    try:
        _uscc.validate(value)
        return UsccCheck(value, True)
    except InvalidChecksum:
        return UsccCheck(value, False)
    except ValidationError as exc:
        raise ValueError(f"not a USCC ({exc.message}): {raw!r}") from None


def region(value: str) -> str:
    """The six-digit GB/T 2260 administrative division code (positions 3–8)."""
    return value[2:8]
