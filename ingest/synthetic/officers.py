"""Officers' past decisions on list candidates: labelled data for a supervised model.

A candidate is a company truth flags or a planted look-alike with at least one established
infringement (its own or a sibling's under a shared controller) on or before ``as_of``. Each is
reviewed once, on a day between its first infringement and ``as_of``, and the officer sees what
the rule looks at as of that day: the established infringements in the five years up to it (own
and via shells), whether a decision cited an earlier one against the same group (intentional
repetition), the fines and damages they carried, and whether any was heavier (从重 or
punitive). The decision follows the repeat-infringer rule of ``truth.py`` except for a
``officer_noise`` share (default 7%) where the officer decided against it; those lines carry
``noise: true``. That share is an assumption, not a measured figure.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ingest.synthetic.behaviours import Case, Chunk
from ingest.synthetic.truth import INNOCENT_ROLES, MIN_COUNT, WINDOW


def rule(own: int, via_shells: int) -> bool:
    """The repeat-infringer rule on counts in the window: one of its own and two in all."""
    return own >= 1 and own + via_shells >= MIN_COUNT


def decisions(chunk: Chunk, flagged: set[str], rng: random.Random, as_of: date,
              noise: float) -> list[dict]:
    """One line per reviewed candidate of ``chunk``, in register order."""
    own: dict[int, list[Case]] = {}
    for case in chunk.cases:
        if case.established and case.decided <= as_of:
            own.setdefault(id(case.defendant), []).append(case)
    controlled: dict[str, list] = {}
    for company in chunk.companies:
        for person in company.controllers:
            controlled.setdefault(person.id_number, []).append(company)
    out = []
    for company in chunk.companies:
        if company.uscc not in flagged and company.role not in INNOCENT_ROLES:
            continue
        mine = own.get(id(company), [])
        linked: list[Case] = []
        for person in company.controllers:
            for sibling in controlled[person.id_number]:
                if sibling is not company:
                    linked += [c for c in own.get(id(sibling), []) if c not in linked]
        history = sorted(mine + linked, key=lambda c: (c.decided, c.number))
        if not history:
            continue
        first = history[0].decided
        day = first + timedelta(days=rng.randrange(max(1, (as_of - first).days)))
        recent = [c for c in history if day - WINDOW < c.decided <= day]
        n_own = sum(1 for c in recent if c in mine)
        by_rule = rule(n_own, len(recent) - n_own)
        noisy = rng.random() < noise
        out.append({
            "uscc": company.uscc, "date": day.isoformat(),
            "features": {"infringements": len(recent), "own": n_own,
                         "via_shells": len(recent) - n_own,
                         "intentional_repeat": any(c.prior is not None for c in recent),
                         "total_fines": sum(c.fine for c in recent),
                         "total_damages": sum(c.damages for c in recent),
                         "heavier_penalty": any(c.heavier for c in recent)},
            "listed": by_rule != noisy, "noise": noisy,
        })
    return out
