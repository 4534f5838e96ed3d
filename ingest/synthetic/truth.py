"""Ground truth, computed from what was planted rather than from what a reader could find.

The repeat-infringer rule is the one ``risk/detectors/repeat_infringement.py`` applies: a
company that has at least one established infringement in the five years before ``as_of``
(``on > as_of − 1826 days`` and ``on ≤ as_of``) and, counting the infringements of every other
company one of its controllers controls (legal representative, or shareholder with at least
half), two or more. Where the law and a reading of documents differ, truth follows the law: an
appeal that upholds a published first-instance judgment is one infringement, not two, and a
reversed judgment establishes none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ingest.synthetic.behaviours import Case, Chunk
from ingest.synthetic.registry import Company

WINDOW = timedelta(days=round(365.25 * 5))
MIN_COUNT = 2
CONTROLLER_MIN_STAKE = 0.5
INNOCENT_ROLES = ("one_time_loser", "acquitted", "stale_repeat", "future_repeat", "non_ip_penalty",
                  "shell", "shell_switcher", "co_located", "repeat_infringer",
                  "staff_convicted")  # an employee convicted alone (criminal.py)


@dataclass(frozen=True, eq=False)
class Event:
    """One established infringement: who, when, and the documents that establish it."""

    company: Company
    on: date
    number: str
    files: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"uscc": self.company.uscc, "date": self.on.isoformat(), "number": self.number,
                "files": list(self.files)}


def events(cases: list[Case]) -> list[Event]:
    return [Event(c.defendant, c.decided, c.number, tuple(c.files)) for c in cases if c.established]


def repeat_infringers(companies: list[Company], found: list[Event], as_of: date) -> list[dict]:
    """Truth lines for every company the rule flags as of ``as_of``, in register order."""
    recent = [e for e in found if as_of - WINDOW < e.on <= as_of]
    own: dict[int, list[Event]] = {}
    for event in recent:
        own.setdefault(id(event.company), []).append(event)
    controlled: dict[str, list[Company]] = {}
    for company in companies:
        for person in company.controllers:
            controlled.setdefault(person.id_number, []).append(company)
    out = []
    for company in companies:
        mine = own.get(id(company), [])
        if not mine:
            continue
        linked: list[Event] = []
        via: list[str] = []
        for person in company.controllers:
            for sibling in controlled[person.id_number]:
                if sibling is company:
                    continue
                extra = [e for e in own.get(id(sibling), []) if e not in linked]
                if extra and person.masked not in via:
                    via.append(person.masked)
                linked += extra
        history = sorted(mine + linked, key=lambda e: (e.on, e.number))
        if len(history) < MIN_COUNT:
            continue
        out.append({"uscc": company.uscc, "name": company.name, "role": company.role,
                    "count": len(history), "own": len(mine), "via_shells": len(linked),
                    "controllers_linking": via, "infringements": [e.as_dict() for e in history]})
    return out


def innocent(chunk: Chunk, flagged: set[str], found: list[Event], as_of: date) -> list[dict]:
    """Look-alikes the rule must not flag: each with how many infringements it really has."""
    counts: dict[int, int] = {}
    in_window: dict[int, int] = {}
    for event in found:
        counts[id(event.company)] = counts.get(id(event.company), 0) + 1
        if as_of - WINDOW < event.on <= as_of:
            in_window[id(event.company)] = in_window.get(id(event.company), 0) + 1
    return [{"uscc": c.uscc, "name": c.name, "kind": c.role, "established": counts.get(id(c), 0),
             "established_in_window": in_window.get(id(c), 0)}
            for c in chunk.companies if c.role in INNOCENT_ROLES and c.uscc not in flagged]


def shell_networks(chunk: Chunk, prefix: str) -> list[dict]:
    out = []
    for i, network in enumerate(chunk.networks):
        addresses = [c.address for c in network.companies]
        phones = [c.phone for c in network.companies if c.phone]
        shared_address = max(sorted(set(addresses)), key=addresses.count)
        shared_phone = max(sorted(set(phones)), key=phones.count) if phones else None
        out.append({
            "network": f"{prefix}-{i + 1}", "infringing": network.infringing,
            "controller": {"name": network.controller.name,
                           "id_number_masked": network.controller.masked},
            "shared_address": shared_address if addresses.count(shared_address) > 1 else None,
            "shared_phone": shared_phone if shared_phone and phones.count(shared_phone) > 1 else None,
            "companies": [{"uscc": c.uscc, "name": c.name, "founded": c.founded.isoformat(),
                           "status": c.status, "legal_rep": c.legal_rep.name,
                           "controller_is_legal_rep": c.legal_rep is network.controller,
                           "address": c.address, "phone": c.phone} for c in network.companies],
        })
    return out


def supply_chains(cases: list[Case]) -> list[dict]:
    return [{"seller_uscc": c.defendant.uscc, "seller_name": c.defendant.name_on(c.decided),
             "supplier_uscc": c.supplier.uscc, "supplier_name": c.supplier.name,
             "supplier_as_printed": c.supplier_printed, "date": c.decided.isoformat(),
             "number": c.number, "files": list(c.files)}
            for c in cases if c.supplier is not None and c.supplier_printed]
