"""The list workflow: every transition walked, every forbidden one refused, expiry by date, the
hash chain in both stores, and the CLI a credit officer drives."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from graph.embedded import EmbeddedStore
from graph.records import NodeRef
from ipcredit.cli_lists import leads_app, lists_app, restrictions_command
from ipcredit.demo import run_demo
from risk.audit import ChainError, Record, Request, TransitionRefused, append, load_chain, verify
from risk.lists import (
    ACTIONS,
    FINAL,
    act,
    add_working_days,
    add_years,
    load_entry,
    open_entry,
    replay,
    transition,
)
from risk.policy import load_policy, parse_policy

POLICY = load_policy()
HENGDA = "91320505MA1MXK3L5G"
HENGSHENG = "91320505MA27QW8T13"
SUBJECT = NodeRef("ListEntry", "list:Company:X:1")
CANDIDATE = {"candidate": True, "penalty": "P-1", "entity_label": "Company", "entity_id": "X",
             "entity_name": "某公司"}
D0 = date(2027, 1, 4)  # a Monday
OFFICER, OTHER, INVESTIGATOR = "李审核", "王决定", "张调查"


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def steps(*plan: tuple, history: list[Record] | None = None) -> list[Record]:
    """Apply (action, by, role, date[, inputs]) steps with the pure machine; return the chain."""
    chain = list(history or [])
    for action, by, role, when, *rest in plan:
        inputs = rest[0] if rest else {}
        req = Request(action, by, role, when, f"{action} 的理由", ("doc:1",), inputs)
        chain.append(transition(SUBJECT, chain, req, POLICY, "2027-01-01T00:00:00+00:00"))
    return chain


PROPOSE = ("propose", INVESTIGATOR, "investigator", day(0), CANDIDATE)
APPROVE = ("approve", OFFICER, "credit_officer", day(1))
NOTIFY = ("notify", OFFICER, "credit_officer", day(2))  # hearing window to day(7)
HEARING = ("hearing", OFFICER, "credit_officer", day(5))
DECIDE = ("decide", OTHER, "credit_officer", day(9))
PUBLISH = ("publish", OFFICER, "credit_officer", day(10))
LISTED_ON = day(10)
EXPIRES = add_years(LISTED_ON, 3)
ALL_MET = {"conditions": dict.fromkeys(POLICY.value("lists.early_removal_conditions"), True)}
TO_PUBLISHED = (PROPOSE, APPROVE, NOTIFY, HEARING, DECIDE, PUBLISH)

PATHS = {
    "heard, appealed and upheld, repair refused, then removed early": (
        *TO_PUBLISHED, ("appeal", OFFICER, "credit_officer", day(30)),
        ("uphold", OFFICER, "credit_officer", day(90)),
        ("repair", OFFICER, "credit_officer", add_years(LISTED_ON, 1)),
        ("refuse_repair", OTHER, "credit_officer", add_years(LISTED_ON, 1) + timedelta(days=5)),
        ("repair", OFFICER, "credit_officer", add_years(LISTED_ON, 1) + timedelta(days=40)),
        ("remove", OTHER, "credit_officer", add_years(LISTED_ON, 1) + timedelta(days=50), ALL_MET)),
    "window lapsed, appeal won": (
        PROPOSE, APPROVE, NOTIFY, ("decide", OTHER, "credit_officer", day(8)), PUBLISH,
        ("appeal", OFFICER, "credit_officer", day(20)), ("overturn", OFFICER, "credit_officer", day(80))),
    "rejected at review": (PROPOSE, ("reject", OFFICER, "credit_officer", day(1))),
    "rejected after the hearing": (PROPOSE, APPROVE, NOTIFY, HEARING,
                                   ("reject", OTHER, "credit_officer", day(6))),
    "penalty revoked": (*TO_PUBLISHED, ("revoke", OFFICER, "credit_officer", day(200))),
    "term runs out": (*TO_PUBLISHED, ("expire", "system", "system", EXPIRES)),
}
FINAL_STATE = {"heard, appealed and upheld, repair refused, then removed early": "removed",
               "window lapsed, appeal won": "removed", "rejected at review": "rejected",
               "rejected after the hearing": "rejected", "penalty revoked": "revoked",
               "term runs out": "expired"}


@pytest.mark.parametrize("name", PATHS)
def test_every_path_walks_to_its_final_state_with_a_linked_chain(name: str) -> None:
    chain = steps(*PATHS[name])
    assert [r.action for r in chain] == [step[0] for step in PATHS[name]]
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.prev == before.id and after.from_state == before.to_state
    assert chain[-1].to_state == FINAL_STATE[name] in FINAL
    assert all(r.id == r.computed_id() and r.by and r.at and r.reason and r.evidence for r in chain)


def test_the_paths_cover_every_transition() -> None:
    walked = {step[0] for plan in PATHS.values() for step in plan}
    assert walked == set(ACTIONS)


def test_decided_measures_term_and_deadlines_are_frozen_into_the_records() -> None:
    chain = steps(*TO_PUBLISHED)
    st = replay(chain)
    assert st.facts["hearing_deadline"] == day(7).isoformat()
    assert st.facts["term_years"] == 3 and len(st.facts["measures"]) == 7
    assert st.facts["publish_due"] == add_working_days(day(9), 20, POLICY).isoformat()
    assert (st.facts["listed_on"], st.facts["expires_on"]) == (LISTED_ON.isoformat(), EXPIRES.isoformat())
    assert st.facts["published_late"] is False


def refused(plan: tuple, step: tuple, rule: str) -> str:
    chain = steps(*plan)
    with pytest.raises(TransitionRefused) as caught:
        steps(step, history=chain)
    assert caught.value.rule == rule, str(caught.value)
    return str(caught.value)


def test_approving_your_own_proposal_is_refused() -> None:
    own = (PROPOSE[0], OFFICER, "credit_officer", day(0), CANDIDATE)
    assert "四眼" in refused((own,), APPROVE, "four_eyes")


def test_deciding_your_own_proposal_and_removing_on_your_own_repair_are_refused() -> None:
    refused((PROPOSE, APPROVE, NOTIFY, HEARING), ("decide", INVESTIGATOR, "credit_officer", day(9)),
            "four_eyes")
    repair = ("repair", OFFICER, "credit_officer", add_years(LISTED_ON, 1))
    refused((*TO_PUBLISHED, repair),
            ("remove", OFFICER, "credit_officer", add_years(LISTED_ON, 1), ALL_MET), "four_eyes")


def test_publishing_or_deciding_without_notice_is_refused() -> None:
    assert "告知" in refused((PROPOSE, APPROVE), ("publish", OFFICER, "credit_officer", day(3)),
                           "notice_first")
    refused((PROPOSE, APPROVE), ("decide", OTHER, "credit_officer", day(3)), "notice_first")


def test_the_hearing_window_is_kept_both_ways() -> None:
    refused((PROPOSE, APPROVE, NOTIFY), ("decide", OTHER, "credit_officer", day(7)), "hearing_window")
    refused((PROPOSE, APPROVE, NOTIFY), ("hearing", OFFICER, "credit_officer", day(8)),
            "hearing_window")


def test_listing_beyond_the_maximum_term_is_refused() -> None:
    assert "最长 3 年" in refused((PROPOSE, APPROVE, NOTIFY, HEARING),
                                ("decide", OTHER, "credit_officer", day(9), {"term_years": 4}), "max_term")
    # once the term has run out, nothing keeps the entity listed: only expiry may follow
    for step in (("appeal", OFFICER, "credit_officer", EXPIRES),
                 ("repair", OFFICER, "credit_officer", EXPIRES + timedelta(days=1)),
                 ("revoke", OFFICER, "credit_officer", EXPIRES)):
        refused(TO_PUBLISHED, step, "max_term")


def test_expiry_early_removal_and_appeal_keep_their_dates() -> None:
    refused(TO_PUBLISHED, ("expire", "system", "system", EXPIRES - timedelta(days=1)), "not_due")
    refused(TO_PUBLISHED, ("repair", OFFICER, "credit_officer",
                           add_years(LISTED_ON, 1) - timedelta(days=1)), "early_removal")
    repair = ("repair", OFFICER, "credit_officer", add_years(LISTED_ON, 1))
    partial = {"conditions": {"measures_expired": True, "harm_remedied": True}}
    message = refused((*TO_PUBLISHED, repair),
                      ("remove", OTHER, "credit_officer", add_years(LISTED_ON, 1), partial), "conditions")
    assert "未再受到" in message and "履行" in message
    refused(TO_PUBLISHED, ("appeal", OFFICER, "credit_officer", date(2027, 7, 14)), "appeal_window")


@pytest.mark.parametrize(("plan", "step", "rule"), [
    ((), ("approve", OFFICER, "credit_officer", day(0)), "state"),
    ((PROPOSE,), ("approve", OTHER, "investigator", day(1)), "role"),
    ((), ("propose", "某人", "regulator", day(0), CANDIDATE), "role"),
    ((), ("propose", "某人", "boss", day(0), CANDIDATE), "role"),
    ((PROPOSE,), ("approve", " ", "credit_officer", day(1)), "who"),
    ((PROPOSE, APPROVE), ("notify", OFFICER, "credit_officer", day(0)), "backdated"),
    ((), ("propose", INVESTIGATOR, "investigator", day(0), {**CANDIDATE, "candidate": False}),
     "not_candidate"),
    ((), ("propose", INVESTIGATOR, "investigator", day(0), {**CANDIDATE, "penalty": ""}), "no_penalty"),
    ((PROPOSE, ("reject", OFFICER, "credit_officer", day(1))),
     ("approve", OFFICER, "credit_officer", day(2)), "state"),
    ((*TO_PUBLISHED, ("expire", "system", "system", EXPIRES)),
     ("revoke", OFFICER, "credit_officer", EXPIRES), "state"),
    ((*TO_PUBLISHED,), ("expire", "王某", "investigator", EXPIRES), "role"),
    ((), ("fly", OFFICER, "credit_officer", day(0)), "action"),
])
def test_forbidden_transitions(plan: tuple, step: tuple, rule: str) -> None:
    refused(plan, step, rule)


def test_a_step_without_a_reason_or_required_evidence_is_refused() -> None:
    with pytest.raises(TransitionRefused, match="理由"):
        transition(SUBJECT, [], Request("propose", "甲", "investigator", D0, " ", ("e",), CANDIDATE),
                   POLICY)
    with pytest.raises(TransitionRefused, match="证据"):
        transition(SUBJECT, [], Request("propose", "甲", "investigator", D0, "因为", (), CANDIDATE),
                   POLICY)


def test_expiry_by_date_and_past_states_are_reconstructed() -> None:
    chain = steps(*TO_PUBLISHED, ("revoke", OFFICER, "credit_officer", day(200),
                                  {"penalty_revoked_on": day(198).isoformat()}))
    assert [replay(chain, d).state for d in (day(-1), day(0), day(3), day(9), day(10), day(199),
                                             day(200))] == [
        "candidate", "proposed", "notified", "decided", "published", "published", "revoked"]
    listed = steps(*TO_PUBLISHED)
    before, on = replay(listed, EXPIRES - timedelta(days=1)), replay(listed, EXPIRES)
    assert before.state == "published" and not before.automatic
    assert on.state == "expired" and on.automatic and on.facts["ended_on"] == EXPIRES.isoformat()


def test_revocation_removal_is_due_within_policy_working_days() -> None:
    friday = date(2027, 7, 16)
    chain = steps(*TO_PUBLISHED, ("revoke", OFFICER, "credit_officer", friday + timedelta(days=7),
                                  {"penalty_revoked_on": friday.isoformat()}))
    assert chain[-1].data["removal_due"] == "2027-07-21"  # Mon, Tue, Wed
    assert chain[-1].data["removed_late"] is True


def test_working_days_skip_weekends_and_listed_holidays_and_count_make_up_days() -> None:
    data = {"version": "t", "entries": {k: {"value": e.value, "basis": e.basis, "verified": e.verified}
                                        for k, e in POLICY.entries.items()}}
    data["entries"]["calendar.non_working_days"]["value"] = ["2027-10-01", "2027-10-04"]
    data["entries"]["calendar.extra_working_days"]["value"] = ["2027-10-09"]
    policy = parse_policy(data)
    assert add_working_days(date(2027, 9, 30), 3, policy) == date(2027, 10, 7)
    assert add_working_days(date(2027, 10, 8), 1, policy) == date(2027, 10, 9)
    assert add_years(date(2028, 2, 29), 3) == date(2031, 2, 28)


# --- in the store (both backends; `graph` is the sample province, tests/risk/conftest.py) ----
def walk_to_published(store, uscc: str = HENGDA, start: date = D0) -> str:
    """Propose, approve, notify, decide after the window and publish, through the store."""
    record = open_entry(store, NodeRef("Company", uscc),
                        Request("propose", INVESTIGATOR, "investigator", start, "重复侵权，建议列入"),
                        POLICY)
    entry = record.subject.id
    for action, by, offset in (("approve", OFFICER, 1), ("notify", OFFICER, 2),
                               ("decide", OTHER, 8), ("publish", OFFICER, 10)):
        act(store, entry, Request(action, by, "credit_officer", start + timedelta(days=offset),
                                  f"{action} 理由"), POLICY)
    return entry


def test_the_workflow_in_the_store_issues_documents_and_keeps_an_intact_chain(graph) -> None:
    entry = walk_to_published(graph)
    node, chain = load_entry(graph, entry)
    assert [r.action for r in chain] == ["propose", "approve", "notify", "decide", "publish"]
    assert node.props["status"] == "published" and node.props["head"] == chain[-1].id
    assert node.props["penalty"] == "苏市监罚〔2023〕112号"
    assert any(e.startswith("Finding:repeat_infringement") for e in chain[0].evidence)
    docs = {n.props["kind"]: n for e in graph.incident(node.ref) if e.type == "ISSUED_FOR"
            for n in [graph.get(e.start)]}
    assert set(docs) == {"notice", "decision"}
    assert f"ListDocument:{docs['decision'].id}" in chain[3].evidence
    decision = docs["decision"].props["text"]
    for part in ("苏州恒达服饰有限公司", "列入的事实和理由", "管理措施", "移出条件", "救济途径",
                 "行政复议", "行政诉讼", "限制参加政府采购活动和招标投标"):
        assert part in decision
    assert "陈述、申辩" in docs["notice"].props["text"] and "<h1>" in docs["notice"].props["html"]
    assert verify(graph) == []


def test_tampering_with_a_transition_or_dropping_the_last_one_is_detected(graph) -> None:
    entry = walk_to_published(graph)
    _, chain = load_entry(graph, entry)
    edited = chain[1].to_node()
    edited.props["reason"] = "改过的理由"
    graph.write([edited])
    problems = verify(graph)
    assert any("内容与哈希不符" in p.message and p.seq == 1 for p in problems)
    graph.write([chain[1].to_node()])
    assert verify(graph) == []
    graph.delete_nodes("Transition", keep={r.id for r in chain[:-1]})
    assert any("末尾记录被删除" in p.message for p in verify(graph))


def test_records_are_never_rewritten_and_a_stale_chain_is_refused(graph) -> None:
    entry = walk_to_published(graph)
    node, chain = load_entry(graph, entry)
    stale = replace(chain[-1], seq=len(chain) - 1, action="publish", prev=chain[-2].id)
    with pytest.raises(ChainError):
        append(graph, stale, node)
    assert len(load_chain(graph, node.ref)) == len(chain)


def test_one_open_procedure_per_entity_and_only_candidates(graph) -> None:
    walk_to_published(graph)
    again = Request("propose", INVESTIGATOR, "investigator", D0 + timedelta(days=20), "再次建议")
    with pytest.raises(TransitionRefused) as caught:
        open_entry(graph, NodeRef("Company", HENGDA), again, POLICY)
    assert caught.value.rule == "open"
    with pytest.raises(TransitionRefused) as caught:
        open_entry(graph, NodeRef("Company", "91320102MA1NQR4U8X"), again, POLICY)
    assert caught.value.rule == "not_candidate"


# --- the CLI --------------------------------------------------------------------------------
def cli() -> typer.Typer:
    """Mounted the way ipcredit/cli.py mounts them."""
    root = typer.Typer()
    root.add_typer(lists_app, name="lists")
    root.add_typer(leads_app, name="leads")
    root.command("restrictions")(restrictions_command)
    return root


def test_a_credit_officer_drives_the_workflow_from_the_cli(tmp_path: Path) -> None:
    _, store = run_demo(tmp_path / "demo", date(2026, 11, 25), Console(quiet=True))
    store.close()
    spec = f"embedded:{tmp_path / 'demo' / 'store'}"
    runner, app = CliRunner(), cli()

    def run(*args: str) -> object:
        return runner.invoke(app, [*args, "--store", spec])

    def step(*args: str, by: str, role: str = "credit_officer", on: str) -> dict:
        result = run(*args, "--by", by, "--role", role, "--as-of", on, "--reason", "依法办理")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    proposed = step("lists", "propose", HENGDA, by="张调查", role="investigator", on="2027-01-04")
    entry = proposed["entry"]
    own = run("lists", "approve", entry, "--by", "张调查", "--role", "credit_officer",
              "--as-of", "2027-01-05", "--reason", "同意")
    assert own.exit_code == 1 and "four_eyes" in own.output
    early = run("lists", "publish", entry, "--by", "李审核", "--role", "credit_officer",
                "--as-of", "2027-01-05", "--reason", "公示")
    assert early.exit_code == 1 and "notice_first" in early.output
    step("lists", "approve", entry, by="李审核", on="2027-01-05")
    assert step("lists", "notify", entry, by="李审核", on="2027-01-06")["to"] == "notified"
    step("lists", "decide", entry, by="王决定", on="2027-01-12")
    assert step("lists", "publish", entry, by="李审核", on="2027-01-13")["data"]["expires_on"] == \
        "2030-01-13"
    shown = json.loads(run("lists", "show", entry, "--as-of", "2030-01-13", "--json").stdout)
    assert shown["state"] == "expired" and shown["automatic_expiry"] is True
    expired = json.loads(run("lists", "expire", "--as-of", "2030-01-14").stdout)
    assert [e["entry"] for e in expired] == [entry]
    notice = run("lists", "document", entry, "--kind", "notice")
    assert "列入严重违法失信名单告知书" in notice.stdout
    listed = json.loads(run("lists", "public-list", "--as-of", "2027-06-01").stdout)
    assert [e["uscc"] for e in listed["entries"]] == [HENGDA]
    out = tmp_path / "list.html"
    assert run("lists", "public-list", "--format", "html", "--out", str(out),
               "--as-of", "2027-06-01").exit_code == 0
    assert "苏州恒达服饰有限公司" in out.read_text(encoding="utf-8")
    checked = json.loads(run("restrictions", "--uscc", HENGDA, "--as-of", "2027-06-01").stdout)
    assert checked["results"][0]["restricted"] is True
    assert json.loads(run("lists", "verify").stdout)["intact"] is True
    assert run("restrictions", "--uscc", "91320000000000000X").exit_code == 3


def test_the_cli_names_an_unknown_entry_and_writes_nothing(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "s").close()
    result = CliRunner().invoke(cli(), ["lists", "approve", "list:x", "--by", "a", "--role",
                                        "credit_officer", "--reason", "r",
                                        "--store", f"embedded:{tmp_path / 's'}"])
    assert result.exit_code == 1 and "没有名单条目 list:x" in result.output
    with EmbeddedStore(tmp_path / "s") as store:
        assert store.counts() == {}
