"""Trademark registration numbers: up to 8 digits, or G + digits for Madrid marks; no check digit."""

from __future__ import annotations

import re
import unicodedata

_PATTERN = re.compile(r"^(G?)(\d{1,8})$")


def clean(raw: str) -> str:
    """Normalise (``第12345678号`` → ``12345678``); ValueError when it is not a trademark number."""
    text = unicodedata.normalize("NFKC", raw).upper().strip().removeprefix("第").removesuffix("号")
    match = _PATTERN.match(text.replace(" ", ""))
    if not match:
        raise ValueError(f"not a trademark number: {raw!r}")
    prefix, digits = match.groups()
    return prefix + str(int(digits))


def node_id(number: str) -> str:
    return "TM" + number


def nice_class(raw: str | int) -> int:
    value = int(str(raw).strip())
    if not 1 <= value <= 45:
        raise ValueError(f"Nice class must be 1–45, got {raw!r}")
    return value
