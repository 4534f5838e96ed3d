"""A trademark's later history as its record prints it: assignments (转让), oppositions (异议),
invalidations (无效宣告); and the well-known-mark list (驰名商标).

The event columns hold items separated by ``;``, fields by ``|`` (docs/FORMATS.md):
``assignments`` ``date|assignee|assignee USCC``; ``oppositions`` and ``invalidations``
``date|party|party USCC|outcome``, the outcome 成立 (upheld against the mark), 不成立 (the mark
stands) or empty while pending. Pure parsing: a malformed item raises ``ValueError`` naming it,
which the mapper turns into a quarantine reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

OUTCOMES = ("成立", "不成立", "部分成立", "")


@dataclass(frozen=True)
class Event:
    date: str
    party: str
    uscc: str | None
    outcome: str | None = None  # None for an assignment


def _date(raw: str, item: str) -> str:
    try:
        return date.fromisoformat(raw.strip()).isoformat()
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {raw!r} in {item!r}") from None


def _items(cell: object) -> list[list[str]]:
    text = str(cell or "").strip()
    return [[part.strip() for part in item.split("|")] for item in text.split(";") if item.strip()]


def assignments(cell: object) -> list[Event]:
    out = []
    for parts in _items(cell):
        item = "|".join(parts)
        if len(parts) not in (2, 3) or not parts[1]:
            raise ValueError(f"an assignment is date|assignee|uscc, got {item!r}")
        out.append(Event(_date(parts[0], item), parts[1], (parts[2] if len(parts) == 3 else "") or None))
    return out


def challenges(cell: object) -> list[Event]:
    """Oppositions or invalidation requests."""
    out = []
    for parts in _items(cell):
        item = "|".join(parts)
        if len(parts) != 4 or not parts[1]:
            raise ValueError(f"an opposition or invalidation is date|party|uscc|outcome, got {item!r}")
        if parts[3] not in OUTCOMES:
            raise ValueError(f"outcome must be one of 成立/不成立/部分成立 or empty, got {parts[3]!r}")
        out.append(Event(_date(parts[0], item), parts[1], parts[2] or None, parts[3] or None))
    return out


def is_well_known_row(row: dict) -> bool:
    """A row of ``well_known_marks.csv``: the mark's recognition, not a filing."""
    return "recognised" in row and "applicant" not in row
