"""Investigative leads: a ranked queue from findings, status changes as a chain, labelled history."""

from __future__ import annotations

from datetime import date

import pytest

from graph.records import NodeRef
from risk.audit import Request, TransitionRefused, load_chain, verify
from risk.engine import detect
from risk.leads import act, labelled_history, queue, sync
from tests.risk.test_lists import HENGDA, POLICY

OPENED = date(2026, 11, 26)


def test_sync_opens_one_lead_per_finding_ranked_strongest_first(graph) -> None:
    findings = list(graph.nodes("Finding"))
    opened = sync(graph, OPENED, POLICY)
    assert len(opened) == len(findings) >= 2
    assert sync(graph, OPENED, POLICY) == []  # idempotent
    leads = queue(graph, OPENED)
    assert [v.rank for v in leads] == list(range(1, len(leads) + 1))
    assert [v.score for v in leads] == sorted((v.score for v in leads), reverse=True)
    assert all(v.status == "new" for v in leads)
    top = next(v for v in leads if v.kind == "repeat_infringement" and v.entity["id"] == HENGDA)
    path = top.evidence_path
    assert path[0] == {"label": "Company", "id": HENGDA, "caption": "苏州恒达服饰有限公司",
                       "why": "线索对象"}
    assert any(step["label"] == "Penalty" and step["why"] for step in path[1:])
    assert top.documents and queue(graph, date(2026, 11, 25)) == []  # not open yet then


def test_working_and_closing_leads_feeds_the_labelled_history(graph) -> None:
    sync(graph, OPENED, POLICY)
    first, second, third, *_ = queue(graph, OPENED)

    def step(lead, action, by="赵侦查", role="investigator", on=date(2026, 12, 1), **inputs):
        return act(graph, lead.id, Request(action, by, role, on, f"{action} 理由", (), inputs), POLICY)

    step(first, "assign", assignee="钱侦查")
    working = {v.id: v for v in queue(graph, date(2026, 12, 1))}
    assert (working[first.id].status, working[first.id].assignee) == ("working", "钱侦查")
    with pytest.raises(TransitionRefused) as caught:
        step(first, "close")
    assert caught.value.rule == "outcome"
    with pytest.raises(TransitionRefused) as caught:
        step(first, "close", role="regulator", outcome="confirmed")
    assert caught.value.rule == "role"
    step(first, "close", on=date(2026, 12, 5), outcome="confirmed")
    step(second, "close", on=date(2026, 12, 6), outcome="unfounded")
    step(third, "close", on=date(2026, 12, 7), outcome="duplicate")
    assert first.id not in {v.id for v in queue(graph, date(2026, 12, 8))}
    assert first.id in {v.id for v in queue(graph, date(2026, 12, 4))}  # as it was then
    rows = labelled_history(graph)
    assert [(r["lead_id"], r["outcome"], r["label"]) for r in rows] == [
        (first.id, "confirmed", 1), (second.id, "unfounded", 0)]
    assert rows[0]["closed_by"] == "赵侦查" and rows[0]["score"] == first.score
    assert rows[0]["rule"].startswith("leads.outcomes@")
    step(second, "reopen", on=date(2026, 12, 9))
    assert [r["lead_id"] for r in labelled_history(graph)] == [first.id]
    assert [r.action for r in load_chain(graph, NodeRef("Lead", second.id))] == ["open", "close", "reopen"]
    assert verify(graph) == []


def test_a_lead_keeps_its_evidence_when_detect_replaces_the_findings(graph) -> None:
    sync(graph, OPENED, POLICY)
    before = {v.id: v.evidence_path for v in queue(graph, OPENED)}
    detect(graph, POLICY, date(2020, 1, 1))  # no infringement established yet
    assert not [f for f in graph.nodes("Finding") if f.props["kind"] == "repeat_infringement"]
    assert any(v.kind == "repeat_infringement" for v in queue(graph, OPENED))
    after = {v.id: v.evidence_path for v in queue(graph, OPENED)}
    assert after == before
