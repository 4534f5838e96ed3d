"""Automatic removal of listings whose term has run out, as the scheduler does it each day."""

from __future__ import annotations

from datetime import date

from graph.store import GraphStore
from risk.audit import SYSTEM, Record, Request
from risk.lists import act, entries, replay
from risk.policy import Policy

REASON = "列入期限届满，自动移出"


def expire_due(store: GraphStore, day: date, policy: Policy, by: str = SYSTEM,
               role: str = SYSTEM, reason: str = REASON) -> list[Record]:
    """Record the expiry of every entry that is due on ``day``; returns the new transitions."""
    due = [node.id for node, chain in entries(store) if replay(chain, day).automatic]
    return [act(store, entry_id, Request("expire", by, role, day, reason), policy)
            for entry_id in due]
