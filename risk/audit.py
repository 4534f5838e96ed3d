"""Append-only, hash-chained workflow records: who did what, when, why, on what evidence.

Every list entry and every lead keeps its history as a chain of ``Transition`` nodes. A record's
id is the sha256 of its content together with the id of the record before it, so changing,
removing, re-ordering or moving any record changes the ids that follow and ``verify`` reports it
(SPEC §9, implementing opinions 十八: evidence with timestamps). Nothing here updates a record:
``append`` refuses to write when the chain moved since it was read or the id already exists.
Only the GraphStore interface is used, so the chain works on both stores.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from graph.records import Edge, Node, NodeRef
from graph.store import GraphStore
from ipcredit.errors import IpcreditError

TRANSITION = "Transition"
LINK = "TRANSITION_OF"
CHAINED = ("ListEntry", "Lead")  # the labels whose history is a chain
ROLES = ("investigator", "credit_officer", "regulator", "admin")  # SPEC §9
SYSTEM = "system"  # the scheduler acting alone: automatic expiry, opening leads


class TransitionRefused(IpcreditError):
    """A guard refused a workflow step; ``rule`` names which one (stable, for callers and tests)."""

    code = "E610"

    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


class ChainError(IpcreditError):
    """A write would break a chain (stale read, duplicate record); nothing was written."""

    code = "E620"


@dataclass(frozen=True)
class Request:
    """What a person asks for: the action, who (and in which role), as of when, why, on what."""

    action: str
    by: str
    role: str
    as_of: date
    reason: str
    evidence: tuple[str, ...] = ()
    inputs: dict[str, Any] = field(default_factory=dict)


def check_request(req: Request, roles: Sequence[str], last_at: str) -> None:
    """The checks every workflow step shares (lists and leads): who, why, and no back-dating."""
    if req.role not in (*ROLES, SYSTEM):
        raise TransitionRefused("role", f"未知角色 {req.role!r}（可用：{', '.join(ROLES)}）")
    if req.role not in roles:
        raise TransitionRefused("role", f"角色 {req.role} 不能执行 {req.action}（限 {', '.join(roles)}）")
    if not req.by.strip():
        raise TransitionRefused("who", "须记录操作人")
    if not req.reason.strip():
        raise TransitionRefused("why", "须记录理由")
    if last_at and req.as_of.isoformat() < last_at:
        raise TransitionRefused("backdated", f"不得倒签：上一步记录于 {last_at}，本次为 {req.as_of}")


@dataclass(frozen=True)
class Record:
    """One step. ``at`` is the date the act takes effect (the as-of date of the rules applied);
    ``recorded_at`` is when the system wrote it. ``data`` holds what the step decided (deadlines,
    term, measures) so replaying the chain never depends on today's policy file."""

    subject: NodeRef
    seq: int
    action: str
    from_state: str
    to_state: str
    by: str
    role: str
    at: str
    recorded_at: str
    reason: str
    evidence: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    prev: str = ""
    id: str = ""

    def content(self) -> dict[str, Any]:
        """Everything the id covers: the whole record but the id itself."""
        return {
            "subject_label": self.subject.label, "subject_id": self.subject.id, "seq": self.seq,
            "action": self.action, "from_state": self.from_state, "to_state": self.to_state,
            "by": self.by, "role": self.role, "at": self.at, "recorded_at": self.recorded_at,
            "reason": self.reason, "evidence": list(self.evidence),
            "data": canonical(self.data), "prev": self.prev,
        }

    def computed_id(self) -> str:
        return hashlib.sha256(canonical(self.content()).encode("utf-8")).hexdigest()

    def sealed(self) -> Record:
        """The record with its id set from its content."""
        return replace(self, id=self.computed_id())

    def to_node(self) -> Node:
        props = self.content()
        return Node(TRANSITION, self.id, props)

    @classmethod
    def from_node(cls, node: Node) -> Record:
        """As stored; empty values are not stored (``clean_props``) and read back as defaults."""
        p = node.props
        return cls(
            NodeRef(str(p.get("subject_label", "")), str(p.get("subject_id", ""))),
            int(p.get("seq", -1) or 0), str(p.get("action", "")), str(p.get("from_state", "")),
            str(p.get("to_state", "")), str(p.get("by", "")), str(p.get("role", "")),
            str(p.get("at", "")), str(p.get("recorded_at", "")), str(p.get("reason", "")),
            tuple(str(e) for e in p.get("evidence") or ()),  # type: ignore[union-attr]
            json.loads(str(p.get("data") or "{}")), str(p.get("prev", "") or ""), node.id)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.content(), "data": self.data}


def canonical(value: Any) -> str:
    """One spelling per value, so the same content always hashes to the same id."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def load_chain(store: GraphStore, subject: NodeRef) -> list[Record]:
    """The records of ``subject`` in chain order."""
    records = []
    for edge in store.incident(subject):
        if edge.type == LINK and edge.end == subject:
            node = store.get(edge.start)
            if node is not None:
                records.append(Record.from_node(node))
    return sorted(records, key=lambda r: (r.seq, r.at, r.id))


def append(store: GraphStore, record: Record, subject: Node, nodes: Iterable[Node] = (),
           edges: Iterable[Edge] = ()) -> Record:
    """Write ``record`` after the current head of its subject's chain, in one store write.

    ``subject`` is the subject's summary node (its status and dates may change; the chain is
    the record of truth) and gets ``head``/``count``; ``nodes``/``edges`` are written alongside
    (an issued document, the entity link) so either all of it lands or none.
    """
    record = record.sealed()
    chain = load_chain(store, subject.ref)
    head = chain[-1].id if chain else ""
    if record.prev != head or record.seq != len(chain):
        raise ChainError(f"{subject.ref} changed since it was read (head {head[:12] or '—'}, "
                         f"{len(chain)} records); read it again and retry")
    if store.get(NodeRef(TRANSITION, record.id)) is not None:
        raise ChainError(f"transition {record.id[:12]} already exists; records are never rewritten")
    summary = Node(subject.label, subject.id, {**subject.props, "head": record.id,
                                               "count": record.seq + 1}, subject.sources)
    store.write([summary, *nodes, record.to_node()],
                [Edge(LINK, NodeRef(TRANSITION, record.id), subject.ref), *edges])
    return record


@dataclass(frozen=True)
class Problem:
    subject: str
    seq: int
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "seq": self.seq, "message": self.message}


def verify_chain(subject: Node | None, records: Sequence[Record]) -> list[Problem]:
    """Recompute every id and link of one chain; compare the summary node's head and count."""
    name = str(subject.ref) if subject else str(records[0].subject) if records else "?"
    problems = []
    prev = ""
    for index, record in enumerate(records):
        if record.seq != index:
            problems.append(Problem(name, record.seq, f"序号应为 {index}：记录缺失、重复或分叉"))
        if record.prev != prev:
            problems.append(Problem(name, record.seq, "前一记录的哈希不符：链被删改或重排"))
        if record.computed_id() != record.id:
            problems.append(Problem(name, record.seq, "内容与哈希不符：记录被修改"))
        if subject is not None and record.subject != subject.ref:
            problems.append(Problem(name, record.seq, f"记录属于 {record.subject}，却挂在本条目下"))
        prev = record.id
    if subject is not None:
        head = str(subject.props.get("head", "") or "")
        count = int(subject.props.get("count", 0) or 0)
        if head != prev or count != len(records):
            problems.append(Problem(name, len(records), f"条目记载 {count} 条记录、链头 "
                                    f"{head[:12] or '—'}，链上实有 {len(records)} 条、链头 "
                                    f"{prev[:12] or '—'}：末尾记录被删除或链头被改"))
    return problems


def verify(store: GraphStore) -> list[Problem]:
    """Every chain in the store, plus transitions that belong to no chain. Empty list = intact."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for label in CHAINED:
        for node in store.nodes(label):
            records = load_chain(store, node.ref)
            seen.update(r.id for r in records)
            problems += verify_chain(node, records)
    for node in store.nodes(TRANSITION):
        if node.id not in seen:
            problems.append(Problem(f"{node.props.get('subject_label')}:"
                                    f"{node.props.get('subject_id')}", int(node.props.get("seq", -1)),
                                    f"记录 {node.id[:12]} 不在任何链上：关联被删除"))
    return problems
