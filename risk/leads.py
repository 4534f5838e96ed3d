"""Investigative leads: a ranked queue of findings to work, each with its evidence path.

A lead is opened for every finding (``sync``) and copies what the finding said, because the
detect stage replaces findings on every run while a lead being worked must keep its evidence.
Its status (new → working → closed with an outcome; reopen) is a hash chain of ``Transition``
records like a list entry's, so who worked it, when and why is never lost. Closing a lead with
an outcome is a human judgement on a detector's output: ``labelled_history`` turns the closed
leads into the labelled examples a supervised model is calibrated on (SPEC §5).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.records import Edge, Node, NodeRef
from graph.store import GraphStore
from risk.audit import (
    SYSTEM,
    Record,
    Request,
    TransitionRefused,
    append,
    check_request,
    load_chain,
    now_utc,
)
from risk.lists import START, replay
from risk.policy import Policy

LEAD = "Lead"
STATUS_NAMES = {"new": "新线索", "working": "办理中", "closed": "已办结"}
# action → (from states, to state, roles)
LEAD_ACTIONS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "open": ((START,), "new", (SYSTEM, "investigator", "admin")),
    "assign": (("new", "working"), "working", ("investigator", "admin")),
    "close": (("new", "working"), "closed", ("investigator",)),
    "reopen": (("closed",), "working", ("investigator", "admin")),
}
_COPIED = ("kind", "score", "entity_label", "entity_id", "summary", "basis", "policy_entry",
           "evidence", "documents", "facts")


def lead_ref(finding_id: str) -> NodeRef:
    return NodeRef(LEAD, f"lead:{finding_id}")


def step(subject: NodeRef, history: list[Record], req: Request, policy: Policy,
         recorded_at: str | None = None) -> Record:
    """The next record of a lead's chain, or TransitionRefused naming the rule (pure)."""
    if req.action not in LEAD_ACTIONS:
        raise TransitionRefused("action", f"未知线索操作 {req.action!r}（可用：{', '.join(LEAD_ACTIONS)}）")
    sources, target, roles = LEAD_ACTIONS[req.action]
    check_request(req, roles, history[-1].at if history else "")
    state = replay(history).state
    if state not in sources:
        raise TransitionRefused("state", f"线索状态为{STATUS_NAMES.get(state, state)}时不能 {req.action}")
    data: dict[str, Any] = {}
    if req.action == "assign":
        data = {"assignee": str(req.inputs.get("assignee") or req.by)}
    elif req.action == "close":
        outcomes: dict[str, int | None] = policy.value("leads.outcomes")
        outcome = str(req.inputs.get("outcome") or "")
        if outcome not in outcomes:
            raise TransitionRefused("outcome", f"结案须给出结论：{', '.join(outcomes)}")
        data = {"outcome": outcome, "label": outcomes[outcome],
                "outcome_rule": policy.cite("leads.outcomes")}
    elif req.action == "reopen":
        data = {"outcome": None, "label": None}
    return Record(subject, len(history), req.action, state, target, req.by, req.role,
                  req.as_of.isoformat(), recorded_at or now_utc(), req.reason, tuple(req.evidence), data,
                  history[-1].id if history else "").sealed()


def sync(store: GraphStore, as_of: date, policy: Policy) -> list[str]:
    """Open a lead for each finding without one; refresh the copy of open leads. Returns new ids."""
    opened = []
    for finding in store.nodes("Finding"):
        ref = lead_ref(finding.id)
        entity = NodeRef(str(finding.props.get("entity_label")), str(finding.props.get("entity_id")))
        target = store.get(entity)
        props = {k: finding.props[k] for k in _COPIED if k in finding.props} | {
            "finding_id": finding.id,
            "entity_name": str(target.props.get("name", entity.id)) if target else entity.id}
        existing = store.get(ref)
        edges = [Edge("LEAD_FROM", ref, finding.ref)]
        if target is not None:
            edges.append(Edge("LEAD_ABOUT", ref, entity))
        if existing is None:
            docs = tuple(str(d) for d in finding.props.get("documents") or ())  # type: ignore[union-attr]
            record = step(ref, [], Request("open", SYSTEM, SYSTEM, as_of, "由风险发现自动生成线索",
                                           (f"Finding:{finding.id}", *docs)), policy)
            append(store, record, Node(LEAD, ref.id, {**props, "status": "new",
                                                      "opened_on": as_of.isoformat()}), edges=edges)
            opened.append(ref.id)
        elif existing.props.get("status") != "closed":
            store.write([Node(LEAD, ref.id, {**existing.props, **props}, existing.sources)], edges)
    return opened


def act(store: GraphStore, lead_id: str, req: Request, policy: Policy) -> Record:
    """Assign, close (with an outcome) or reopen a lead; the step joins its chain."""
    node = store.get(NodeRef(LEAD, lead_id))
    if node is None:
        raise TransitionRefused("unknown", f"没有线索 {lead_id}")
    history = load_chain(store, node.ref)
    record = step(node.ref, history, req, policy)
    st = replay([*history, record])
    summary = {**node.props, "status": st.state, "assignee": st.fact("assignee"),
               "outcome": st.fact("outcome"),
               "closed_on": record.at if st.state == "closed" else ""}
    return append(store, record, Node(LEAD, node.id, summary, node.sources))


@dataclass
class LeadView:
    id: str
    rank: int
    kind: str
    score: float
    entity: dict[str, str]
    summary: str
    status: str
    assignee: str
    outcome: str
    opened_on: str
    evidence_path: list[dict[str, str]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "status_name": STATUS_NAMES.get(self.status, self.status)}


def evidence_path(store: GraphStore, lead: Node) -> list[dict[str, str]]:
    """From the entity through each piece of evidence, with why it counts and what it is called."""
    first = {"label": str(lead.props.get("entity_label", "")), "id": str(lead.props.get("entity_id", "")),
             "caption": str(lead.props.get("entity_name", "")), "why": "线索对象"}
    path = [first]
    for item in json.loads(str(lead.props.get("evidence") or "[]")):
        node = store.get(NodeRef(item["label"], item["id"]))
        caption = node.caption(store.model.label(node.label).caption) if node else item["id"]
        path.append({"label": item["label"], "id": item["id"], "caption": caption,
                     "why": item.get("why", "")})
    return path


def queue(store: GraphStore, as_of: date, include_closed: bool = False) -> list[LeadView]:
    """Leads open as of ``as_of``, strongest first (score, then oldest)."""
    views = []
    for node in store.nodes(LEAD):
        st = replay(load_chain(store, node.ref), as_of)
        if st.state == START or (st.state == "closed" and not include_closed):
            continue
        views.append(LeadView(
            node.id, 0, str(node.props.get("kind", "")), float(node.props.get("score") or 0),
            {"label": str(node.props.get("entity_label", "")), "id": str(node.props.get("entity_id", "")),
             "name": str(node.props.get("entity_name", ""))},
            str(node.props.get("summary", "")), st.state, st.fact("assignee"), st.fact("outcome"),
            str(node.props.get("opened_on", "")), evidence_path(store, node),
            [str(d) for d in node.props.get("documents") or ()]))  # type: ignore[union-attr]
    views.sort(key=lambda v: (v.status == "closed", -v.score, v.opened_on, v.id))
    for rank, view in enumerate(views, 1):
        view.rank = rank
    return views


def labelled_history(store: GraphStore) -> list[dict[str, Any]]:
    """Closed leads whose outcome carries a label (policy ``leads.outcomes``): the examples a
    supervised model learns from, with the finding's numbers as features."""
    rows = []
    for node in store.nodes(LEAD):
        history = load_chain(store, node.ref)
        st = replay(history)
        if st.state != "closed" or st.facts.get("label") is None:
            continue
        rows.append({"lead_id": node.id, "kind": node.props.get("kind", ""),
                     "entity": f"{node.props.get('entity_label')}:{node.props.get('entity_id')}",
                     "score": float(node.props.get("score") or 0),
                     "facts": json.loads(str(node.props.get("facts") or "{}")),
                     "outcome": st.fact("outcome"), "label": int(st.facts["label"]),
                     "closed_on": st.dates.get("close", ""), "closed_by": st.actors.get("close", ""),
                     "rule": st.fact("outcome_rule")})
    return sorted(rows, key=lambda r: (r["closed_on"], r["lead_id"]))
