"""The serious-dishonesty list (严重违法失信名单) workflow as a state machine, evaluated as of a date.

States and the transitions allowed between them are data (``ACTIONS``); each transition has a
guard that checks the rule behind it (four-eyes, notice before decision, the hearing window, the
maximum term, early removal after one year with its conditions) against the policy file, and
returns what the step decided (deadlines, term, measures) so the record is self-contained.
``transition`` is pure: history + request → the next hash-chained record, or ``TransitionRefused``
naming the rule. ``replay`` rebuilds the state as of any date, so expiry and repair are testable
and a past state can be reconstructed. ``open_entry``/``act`` write through the GraphStore only.

    candidate ─propose→ proposed ─approve→ approved ─notify→ notified ─hearing→ heard
    notified|heard ─decide→ decided ─publish→ published ─appeal→ appealed ─uphold→ published
    published ─repair→ repair_requested ─remove→ removed   (refuse_repair → published)
    appealed ─overturn→ removed;  proposed|notified|heard ─reject→ rejected
    any open state ─revoke→ revoked;  listed states ─expire→ expired (automatic as of expires_on)
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from graph.records import Edge, Node, NodeRef
from graph.store import GraphStore
from risk.audit import SYSTEM, Record, Request, TransitionRefused, append, check_request, load_chain, now_utc
from risk.documents import DOCUMENT_KINDS, issue
from risk.grades import grade_ref
from risk.policy import Policy

START = "candidate"

STATE_NAMES = {
    "candidate": "候选", "proposed": "待审核", "approved": "已审核待告知",
    "notified": "已告知（陈述申辩期）", "heard": "已陈述申辩/听证", "decided": "已决定列入",
    "published": "已公示列入", "appealed": "复议/诉讼中", "repair_requested": "信用修复申请中",
    "removed": "已移出", "revoked": "因处罚撤销移出", "expired": "期满移出", "rejected": "不予列入",
}
LISTED = frozenset({"published", "appealed", "repair_requested"})  # measures in force
FINAL = frozenset({"removed", "revoked", "expired", "rejected"})
OPEN = frozenset(STATE_NAMES) - FINAL - {START}


@dataclass(frozen=True)
class Action:
    name: str
    title: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    requires: tuple[str, ...] = ()  # earlier actions that must be in the history
    differs_from: str = ""  # four-eyes: the actor of this earlier action may not act here
    needs_evidence: bool = False


_OFFICER = ("credit_officer",)
ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("propose", "提出列入建议", (START,), "proposed", ("investigator", "credit_officer"),
           needs_evidence=True),
    Action("approve", "审核同意", ("proposed",), "approved", _OFFICER, differs_from="propose"),
    Action("reject", "不予列入", ("proposed", "notified", "heard"), "rejected", _OFFICER,
           differs_from="propose", needs_evidence=True),
    Action("notify", "送达列入告知书", ("approved",), "notified", _OFFICER, requires=("approve",)),
    Action("hearing", "陈述申辩/听证", ("notified",), "heard", _OFFICER, requires=("notify",),
           needs_evidence=True),
    Action("decide", "作出列入决定", ("notified", "heard"), "decided", _OFFICER,
           requires=("notify",), differs_from="propose"),
    Action("publish", "公示", ("decided",), "published", _OFFICER, requires=("notify", "decide")),
    Action("appeal", "申请复议/提起诉讼", ("published",), "appealed", _OFFICER,
           requires=("publish",), needs_evidence=True),
    Action("uphold", "复议/诉讼维持", ("appealed",), "published", _OFFICER, needs_evidence=True),
    Action("overturn", "复议/诉讼撤销列入", ("appealed",), "removed", _OFFICER, needs_evidence=True),
    Action("repair", "申请信用修复（提前移出）", ("published",), "repair_requested", _OFFICER,
           requires=("publish",), needs_evidence=True),
    Action("refuse_repair", "不予提前移出", ("repair_requested",), "published", _OFFICER),
    Action("remove", "提前移出", ("repair_requested",), "removed", _OFFICER, requires=("repair",),
           differs_from="repair", needs_evidence=True),
    Action("revoke", "处罚撤销移出", tuple(sorted(OPEN)), "revoked", _OFFICER, needs_evidence=True),
    Action("expire", "期满移出", tuple(sorted(LISTED)), "expired", (*_OFFICER, "admin", SYSTEM),
           requires=("publish",)),
)}


@dataclass
class EntryState:
    """A chain replayed up to a date: the state, who did each step, and what the steps decided."""

    state: str = START
    actors: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    automatic: bool = False  # expired by the calendar, no expiry recorded yet

    def fact(self, key: str) -> str:
        return str(self.facts.get(key) or "")


def replay(records: Sequence[Record], as_of: date | None = None) -> EntryState:
    """The state after the records effective on or before ``as_of`` (all when None).

    A listing whose term has run out is expired as of its expiry date whether or not anyone
    recorded the expiry: automatic removal needs no act.
    """
    st = EntryState()
    cut = as_of.isoformat() if as_of else None
    for record in records:
        if cut and record.at > cut:
            break
        st.state = record.to_state
        st.actors[record.action] = record.by
        st.dates[record.action] = record.at
        st.facts.update(record.data)
        if record.to_state in FINAL:
            st.facts.update(ended_on=record.at, end_reason=record.action)
    expires = st.fact("expires_on")
    if cut and st.state in LISTED and expires and cut >= expires:
        st.state, st.automatic = "expired", True
        st.facts.update(ended_on=expires, end_reason="expire")
    return st


# calendar ------------------------------------------------------------------------------------
def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    years, index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_working_days(day: date, count: int, policy: Policy) -> date:
    """``count`` working days after ``day``: weekdays, minus holidays, plus make-up days."""
    holidays = set(policy.value("calendar.non_working_days") or ())
    extra = set(policy.value("calendar.extra_working_days") or ())
    while count > 0:
        day += timedelta(days=1)
        iso = day.isoformat()
        if (day.weekday() < 5 or iso in extra) and iso not in holidays:
            count -= 1
    return day


def appeal_deadline(decided_on: date, policy: Policy) -> date:
    """The later of the reconsideration and the lawsuit deadlines: the last day to contest."""
    return max(decided_on + timedelta(days=int(policy.value("lists.appeal_reconsideration_days"))),
               add_months(decided_on, int(policy.value("lists.appeal_lawsuit_months"))))


def measures_of(policy: Policy) -> list[dict[str, Any]]:
    """The measures a listing applies, as decided (name and years frozen into the decision)."""
    out = []
    for key in policy.value("lists.measures"):
        spec = policy.value(key)
        out.append({"key": key, "name": spec["name"], "years": int(spec["years"]),
                    "policy_entry": policy.cite(key)})
    return out


# guards --------------------------------------------------------------------------------------
Guard = Callable[[EntryState, Request, Policy], dict[str, Any]]


def _day(value: str) -> date:
    return date.fromisoformat(value)


def _propose(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    if not req.inputs.get("candidate"):
        raise TransitionRefused("not_candidate", "该主体未触发列入情形，不是严重失信名单候选，不得提出列入")
    if not req.inputs.get("penalty"):
        raise TransitionRefused("no_penalty", "列入须以较重行政处罚为前提，未指明所依据的行政处罚")
    keys = ("entity_label", "entity_id", "entity_name", "uscc", "penalty", "grounds", "basis")
    return {k: req.inputs[k] for k in keys if req.inputs.get(k)} | {
        "policy_version": policy.version, "trigger": policy.cite("candidate.triggers")}


def _notify(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    days = int(policy.value("lists.hearing_window_days"))
    return {"hearing_deadline": (req.as_of + timedelta(days=days)).isoformat(),
            "hearing_rule": policy.cite("lists.hearing_window_days")}


def _hearing(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    deadline = st.fact("hearing_deadline")
    if req.as_of.isoformat() > deadline:
        raise TransitionRefused("hearing_window",
                                f"陈述申辩期已于 {deadline} 届满，不再受理陈述申辩或听证申请")
    return {"heard_on": req.as_of.isoformat()}


def _decide(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    deadline = st.fact("hearing_deadline")
    if st.state == "notified" and req.as_of.isoformat() <= deadline:
        raise TransitionRefused("hearing_window", f"陈述申辩期至 {deadline} 届满；期满前且未陈述申辩、"
                                "听证的，不得作出列入决定")
    term = int(req.inputs.get("term_years") or policy.value("lists.term_years"))
    longest = int(policy.value("lists.max_term_years"))
    if not 1 <= term <= longest:
        raise TransitionRefused("max_term", f"列入期限 {term} 年超出允许范围（最长 {longest} 年，"
                                f"{policy.cite('lists.max_term_years')}）")
    due = add_working_days(req.as_of, int(policy.value("lists.publication_working_days")), policy)
    return {"decided_on": req.as_of.isoformat(), "term_years": term, "measures": measures_of(policy),
            "publish_due": due.isoformat(), "policy_version": policy.version,
            "appeal_deadline": appeal_deadline(req.as_of, policy).isoformat()}


def _publish(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    term = int(st.facts.get("term_years") or 0)
    longest = int(policy.value("lists.max_term_years"))
    if term > longest:
        raise TransitionRefused("max_term", f"决定的列入期限 {term} 年超过最长 {longest} 年，不得公示")
    return {"listed_on": req.as_of.isoformat(),
            "expires_on": add_years(req.as_of, term).isoformat(),
            "published_late": req.as_of.isoformat() > st.fact("publish_due")}


def _appeal(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    last = st.fact("appeal_deadline")
    if req.as_of.isoformat() > last:
        raise TransitionRefused("appeal_window", f"复议、诉讼期限已于 {last} 届满")
    return {"appeal_forum": str(req.inputs.get("forum") or "行政复议"), "appealed_on": req.as_of.isoformat()}


def _earliest_removal(st: EntryState, req: Request, policy: Policy) -> None:
    years = int(policy.value("lists.early_removal_min_years"))
    earliest = add_years(_day(st.fact("listed_on")), years)
    if req.as_of < earliest:
        raise TransitionRefused("early_removal", f"列入未满 {years} 年，{earliest} 起方可申请提前移出"
                                f"（{policy.cite('lists.early_removal_min_years')}）")


def _repair(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    _earliest_removal(st, req, policy)
    return {"repair_requested_on": req.as_of.isoformat()}


def _remove(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    _earliest_removal(st, req, policy)
    given = req.inputs.get("conditions") or {}
    wanted: dict[str, str] = policy.value("lists.early_removal_conditions")
    missing = [text for key, text in wanted.items() if not given.get(key)]
    if missing:
        raise TransitionRefused("conditions", "提前移出条件未全部满足：" + "；".join(missing))
    return {"conditions": dict.fromkeys(wanted, True),
            "conditions_rule": policy.cite("lists.early_removal_conditions")}


def _revoke(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    revoked = _day(str(req.inputs.get("penalty_revoked_on") or req.as_of.isoformat()))
    if revoked > req.as_of:
        raise TransitionRefused("backdated", f"处罚撤销日期 {revoked} 晚于本次记录日期 {req.as_of}")
    due = add_working_days(revoked, int(policy.value("lists.revocation_removal_working_days")), policy)
    return {"penalty_revoked_on": revoked.isoformat(), "removal_due": due.isoformat(),
            "removed_late": req.as_of > due}


def _expire(st: EntryState, req: Request, policy: Policy) -> dict[str, Any]:
    expires = st.fact("expires_on")
    if req.as_of.isoformat() < expires:
        raise TransitionRefused("not_due", f"列入期限至 {expires} 届满，未到期不得期满移出")
    return {}


GUARDS: dict[str, Guard] = {
    "propose": _propose, "notify": _notify, "hearing": _hearing, "decide": _decide,
    "publish": _publish, "appeal": _appeal, "repair": _repair, "remove": _remove,
    "revoke": _revoke, "expire": _expire,
}


def transition(subject: NodeRef, history: Sequence[Record], req: Request, policy: Policy,
               recorded_at: str | None = None) -> Record:
    """The next record of ``subject``'s chain if every guard allows it; else TransitionRefused."""
    action = ACTIONS.get(req.action)
    if action is None:
        raise TransitionRefused("action", f"未知操作 {req.action!r}（可用：{', '.join(ACTIONS)}）")
    check_request(req, action.roles, history[-1].at if history else "")
    st = replay(history)
    expires = st.fact("expires_on")
    if st.state in LISTED and expires and req.as_of.isoformat() >= expires and action.name != "expire":
        raise TransitionRefused("max_term", f"列入期限已于 {expires} 届满，不得超期列入，只能期满移出")
    done = {r.action for r in history}
    missing = [ACTIONS[name].title for name in action.requires if name not in done]
    if missing:
        rule = "notice_first" if "notify" in action.requires and "notify" not in done else "order"
        raise TransitionRefused(rule, f"{action.title}前须先{'、'.join(missing)}")
    if st.state not in action.sources:
        raise TransitionRefused("state", f"状态为{STATE_NAMES.get(st.state, st.state)}时不能{action.title}")
    if action.differs_from and st.actors.get(action.differs_from) == req.by:
        raise TransitionRefused("four_eyes", f"四眼原则：{ACTIONS[action.differs_from].title}的 "
                                f"{req.by} 不能同时{action.title}")
    data = GUARDS[action.name](st, req, policy) if action.name in GUARDS else {}
    if action.needs_evidence and not req.evidence:
        raise TransitionRefused("evidence", f"{action.title}须附证据")
    return Record(subject, len(history), action.name, st.state, action.target, req.by, req.role,
                  req.as_of.isoformat(), recorded_at or now_utc(), req.reason, tuple(req.evidence),
                  data, history[-1].id if history else "").sealed()




# the chain in the store ----------------------------------------------------------------------
ENTRY = "ListEntry"
ENTITY_LABELS = ("Company", "Person", "Agency")


def load_entry(store: GraphStore, entry_id: str) -> tuple[Node, list[Record]]:
    node = store.get(NodeRef(ENTRY, entry_id))
    if node is None:
        raise TransitionRefused("unknown", f"没有名单条目 {entry_id}")
    return node, load_chain(store, node.ref)


def entries(store: GraphStore, entity: NodeRef | None = None) -> list[tuple[Node, list[Record]]]:
    """Every list entry (of ``entity`` when given) with its chain."""
    if entity is None:
        nodes = list(store.nodes(ENTRY))
    else:
        nodes = [n for e in store.incident(entity) if e.type == "LISTED" and e.end == entity
                 for n in [store.get(e.start)] if n is not None]
    return [(node, load_chain(store, node.ref)) for node in nodes]


def _penalty_in(findings: Sequence[Node]) -> str:
    """The first penalty a finding cites: the heavier administrative penalty a listing rests on."""
    for finding in findings:
        for item in json.loads(str(finding.props.get("evidence") or "[]")):
            if item.get("label") == "Penalty":
                return str(item["id"])
    return ""


def open_entry(store: GraphStore, entity: NodeRef, req: Request, policy: Policy,
               recorded_at: str | None = None) -> Record:
    """``propose``: start an entry for a list candidate, citing its findings and penalty."""
    node = store.get(entity)
    if node is None or entity.label not in ENTITY_LABELS:
        raise TransitionRefused("unknown", f"没有可列入的主体 {entity}")
    earlier = entries(store, entity)
    if any(replay(chain).state not in FINAL for _, chain in earlier):
        raise TransitionRefused("open", f"{entity} 已有未结束的名单程序")
    found = [f for e in store.incident(entity) if e.type == "FINDING_ABOUT"
             for f in [store.get(e.start)] if f is not None]
    triggers = set(policy.value("candidate.triggers"))  # the grounds; other findings are context
    findings = [f for f in found if f.props.get("kind") in triggers] or found
    grade = store.get(grade_ref(entity))
    penalty = str(req.inputs.get("penalty") or _penalty_in(findings))
    if penalty and store.get(NodeRef("Penalty", penalty)) is None:
        raise TransitionRefused("no_penalty", f"没有行政处罚决定 {penalty}")
    documents = sorted({d for f in findings for d in f.props.get("documents") or ()})  # type: ignore[union-attr]
    inputs = {"candidate": bool(grade and grade.props.get("candidate")), "penalty": penalty,
              "entity_label": entity.label, "entity_id": entity.id,
              "entity_name": str(node.props.get("name") or entity.id),
              "uscc": str(node.props.get("uscc") or ""),
              "grounds": "；".join(str(f.props.get("summary", "")) for f in findings),
              "basis": "；".join(sorted({str(f.props.get("basis", "")) for f in findings}))}
    evidence = req.evidence or (*(f"Finding:{f.id}" for f in findings), *documents)
    ref = NodeRef(ENTRY, f"list:{entity.label}:{entity.id}:{len(earlier) + 1}")
    record = transition(ref, [], replace(req, evidence=tuple(evidence), inputs=inputs), policy,
                        recorded_at)
    summary = Node(ENTRY, ref.id, {
        **{k: v for k, v in record.data.items() if k in ("entity_label", "entity_id", "entity_name",
                                                        "uscc", "penalty", "grounds", "basis")},
        "status": record.to_state, "opened_on": record.at})
    edges = [Edge("LISTED", ref, entity)]
    if penalty:
        edges.append(Edge("BASED_ON", ref, NodeRef("Penalty", penalty)))
    return append(store, record, summary, edges=edges)


def act(store: GraphStore, entry_id: str, req: Request, policy: Policy,
        recorded_at: str | None = None) -> Record:
    """Every step after the proposal. Steps that issue a notice or decision store it as issued
    and cite it as evidence; a step with no evidence of its own cites the previous step's."""
    node, history = load_entry(store, entry_id)
    evidence = req.evidence
    if not evidence and history and not ACTIONS.get(req.action, ACTIONS["propose"]).needs_evidence:
        evidence = history[-1].evidence
    record = transition(node.ref, history, replace(req, evidence=evidence), policy, recorded_at)
    nodes: list[Node] = []
    edges: list[Edge] = []
    if record.action in DOCUMENT_KINDS:
        doc = issue(store, node, DOCUMENT_KINDS[record.action], replay([*history, record]), record,
                    policy)
        record = replace(record, evidence=(*record.evidence, f"ListDocument:{doc.id}")).sealed()
        nodes, edges = [doc], [Edge("ISSUED_FOR", doc.ref, node.ref)]
    st = replay([*history, record])
    summary = Node(ENTRY, node.id, {**node.props, "status": st.state,
                                    "listed_on": st.fact("listed_on"),
                                    "expires_on": st.fact("expires_on")}, node.sources)
    return append(store, record, summary, nodes, edges)
