"""Restriction check (联合惩戒): which measures bind an entity as of a date, why, and until when.

Answers "may this company bid, receive fiscal funds, get fee reductions or priority examination,
awards, an IPO counselling filing?" from the list entries in the store. A measure is in force
from the publication of the listing for the years the decision froze into its record (policy
``measure.*``), never beyond the listing's own term and never after the listing ended (early
removal, revoked penalty, appeal won, expiry). Everything is replayed as of the date asked, so
yesterday's answer can be reproduced. This and the public list are the anonymous reads (SPEC §9).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from graph.records import Node, NodeRef
from graph.store import GraphStore
from risk.audit import Record
from risk.documents import mask_deep
from risk.lists import ENTITY_LABELS, LISTED, STATE_NAMES, add_years, entries, replay
from risk.policy import Policy


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    basis: str
    verified: bool
    policy_entry: str
    starts: str
    ends: str  # first day no longer in force
    entry_id: str


def measures_in_force(records: list[Record], as_of: date, policy: Policy) -> list[Measure]:
    """The measures one entry imposes as of ``as_of`` (none unless it is listed then)."""
    st = replay(records, as_of)
    if st.state not in LISTED:
        return []
    if st.state == "appealed" and not policy.value("lists.measures_during_appeal"):
        return []
    listed_on = date.fromisoformat(st.fact("listed_on"))
    term_end = st.fact("expires_on")
    out = []
    for item in st.facts.get("measures") or []:
        ends = min(add_years(listed_on, int(item["years"])).isoformat(), term_end)
        if not listed_on <= as_of < date.fromisoformat(ends):
            continue
        entry = policy.entries.get(item["key"])
        out.append(Measure(item["key"], item["name"], entry.basis if entry else "",
                           bool(entry and entry.verified), item.get("policy_entry", ""),
                           listed_on.isoformat(), ends, records[0].subject.id))
    return out


def find_entities(store: GraphStore, uscc: str | None = None, name: str | None = None) -> list[Node]:
    """Entities by USCC (exact), or by name: exact names first, else names containing it."""
    query = (uscc or name or "").strip()
    if not query:
        return []
    hits = [n for n in store.search(query, limit=20) if n.label in ENTITY_LABELS]
    if uscc:
        code = query.upper()
        return [n for n in hits if n.id == code or str(n.props.get("uscc", "")).upper() == code]
    exact = [n for n in hits if n.props.get("name") == query
             or query in (n.props.get("former_names") or ())]  # type: ignore[operator]
    return exact or hits[:10]


def _listing(node: Node, records: list[Record], as_of: date) -> dict[str, Any]:
    st = replay(records, as_of)
    return {"entry_id": node.id, "status": st.state, "status_name": STATE_NAMES[st.state],
            "listed_on": st.fact("listed_on"), "expires_on": st.fact("expires_on"),
            "ended_on": st.fact("ended_on"), "penalty": st.fact("penalty")}


def entity_restrictions(store: GraphStore, entity: Node, as_of: date,
                        policy: Policy) -> dict[str, Any]:
    """One entity's answer: restricted or not, each measure with basis and end date."""
    measures: list[Measure] = []
    listings = []
    for node, records in entries(store, entity.ref):
        if not records or records[0].at > as_of.isoformat():
            continue
        listings.append(_listing(node, records, as_of))
        measures += measures_in_force(records, as_of, policy)
    who: dict[str, Any] = {"label": entity.label, "name": entity.props.get("name", entity.id)}
    if entity.label != "Person":  # a person's id holds a (masked) ID number: not an identifier
        who |= {"id": entity.id, "uscc": entity.props.get("uscc", "")}
    return {"entity": who, "restricted": bool(measures),
            "measures": [asdict(m) for m in sorted(measures, key=lambda m: (m.ends, m.key))],
            "listings": [item for item in listings if item["listed_on"]]}


def check(store: GraphStore, as_of: date, policy: Policy, uscc: str | None = None,
          name: str | None = None) -> dict[str, Any]:
    """The restriction check for a USCC or a name, as JSON-ready data with ID numbers masked.

    Only listings that were published by ``as_of`` are shown: a procedure before publication
    (proposal, notice, hearing, decision) is not public.
    """
    results = [entity_restrictions(store, node, as_of, policy)
               for node in find_entities(store, uscc, name)]
    return mask_deep({"query": {"uscc": uscc or "", "name": name or ""},
                      "as_of": as_of.isoformat(), "policy_version": policy.version,
                      "found": bool(results), "results": results})


def restricted_for(store: GraphStore, entity: NodeRef, as_of: date, policy: Policy) -> list[str]:
    """The keys of the measures binding ``entity`` (e.g. to answer one yes/no question)."""
    node = store.get(entity)
    if node is None:
        return []
    return [m["key"] for m in entity_restrictions(store, node, as_of, policy)["measures"]]
