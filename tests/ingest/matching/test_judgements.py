"""Human judgements: recorded with who, when and why, append-only, and they win over the matcher."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.records import NodeRef
from ingest.matching.judgements import JudgementBook, record
from ingest.matching.reopen import reopen_for
from ingest.resolve import CompanyResolver
from ingest.run import run_ingest
from tests.ingest.matching.factory import HENGDA

PENALTY = "penalties/su-shijianfa-2023-112.txt"
NEW_NAME = "苏州新纪元贸易有限公司"


def _inbox(samples: Path, tmp: Path, name: str) -> Path:
    """The registrations and one penalty decision naming its party ``name`` without a USCC."""
    inbox = tmp / "inbox"
    (inbox / "penalties").mkdir(parents=True)
    shutil.copy(samples / "companies.jsonl", inbox / "companies.jsonl")
    text = (samples / PENALTY).read_text(encoding="utf-8")
    text = text.replace("当事人：苏州恒达服饰有限公司", f"当事人：{name}")
    text = text.replace("统一社会信用代码：91320505MA1MXK3L5G\n", "")
    (inbox / PENALTY).write_text(text, encoding="utf-8")
    return inbox


def _penalty_party(store) -> set[str]:
    return {e.start.id for e in store.edges(["PARTY_TO"]) if e.end.label == "Penalty"}


def test_a_judgement_is_recorded_with_who_when_why_and_later_ones_supersede(store):
    first = record(store, NEW_NAME, HENGDA, "same", "alice", reason="营业执照变更记录")
    second = record(store, HENGDA, NEW_NAME, "not-same", "bob", reason="不同住所")
    book = JudgementBook.from_store(store)
    assert [j.id for j in book.history] == [first.id, second.id]  # history kept
    assert (second.seq, second.verdict, second.by) == (2, "not_same", "bob")
    (in_force,) = book.latest.values()
    assert in_force.id == second.id and in_force.reason == "不同住所"
    assert first.at and first.left == HENGDA and first.right == "name:" + NEW_NAME


def test_a_judgement_needs_a_verdict_and_a_judge(store):
    with pytest.raises(ValueError):
        record(store, NEW_NAME, HENGDA, "maybe", "alice")
    with pytest.raises(ValueError):
        record(store, NEW_NAME, HENGDA, "same", " ")


def test_same_forces_a_merge_the_rules_would_not_make_and_not_same_prevents_one(store, samples_dir):
    run_ingest(samples_dir, store)
    assert CompanyResolver.from_store(store).resolve(NEW_NAME).method == "new_name"
    assert CompanyResolver.from_store(store).resolve("苏州恒达服饰有限公司").node_id == HENGDA
    record(store, NEW_NAME, HENGDA, "same", "alice")
    record(store, "苏州恒达服饰有限公司", HENGDA, "not-same", "alice", reason="同名不同人")
    resolver = CompanyResolver.from_store(store)
    forced = resolver.resolve(NEW_NAME)
    assert (forced.node_id, forced.method) == (HENGDA, "judged_same")
    prevented = resolver.resolve("苏州恒达服饰有限公司")
    assert prevented.node_id != HENGDA and prevented.method == "new_name"
    report = resolver.explain("苏州恒达服饰有限公司")
    assert report["judgements"][0]["reason"] == "同名不同人"
    assert {c["candidate"]: c["decision"] for c in report["candidates"]}[HENGDA] == "judged_not_same"


def test_re_ingest_after_same_moves_the_facts_to_the_company_once(store, samples_dir, tmp_path):
    inbox = _inbox(samples_dir, tmp_path, NEW_NAME)
    run_ingest(inbox, store)
    assert _penalty_party(store) == {"name:" + NEW_NAME}
    judgement = record(store, NEW_NAME, HENGDA, "same", "alice", reason="更名前的字号")
    reopened = reopen_for(store, judgement)
    assert len(reopened["documents"]) == 1 and reopened["removed"]["Company"] == 1
    run_ingest(inbox, store)
    assert _penalty_party(store) == {HENGDA}
    assert store.get(NodeRef("Company", "name:" + NEW_NAME)) is None
    assert not [p for p in store.nodes("Person") if p.id.endswith("|@name:" + NEW_NAME)]
    edge = next(e for e in store.edges(["PARTY_TO"]) if e.end.label == "Penalty")
    assert edge.props["match"].startswith("judged_same")
    committed = [e for e in store.incident(NodeRef("Company", HENGDA)) if e.type == "COMMITTED"]
    assert len(committed) == 1
    again = run_ingest(inbox, store)
    assert again.writes.writes == 0  # idempotent


def test_re_ingest_after_not_same_takes_the_infringement_off_the_company(store, samples_dir,
                                                                         tmp_path):
    inbox = _inbox(samples_dir, tmp_path, "苏州恒达服饰有限公司")
    run_ingest(inbox, store)
    assert _penalty_party(store) == {HENGDA}
    edge = next(e for e in store.edges(["PARTY_TO"]) if e.end.label == "Penalty")
    assert edge.props["match"] == "name 1.00 company-match.v1"  # name, address, legal rep
    judgement = record(store, "苏州恒达服饰有限公司", HENGDA, "not-same", "alice")
    reopened = reopen_for(store, judgement)
    assert reopened["removed"]["Infringement"] == 1 and reopened["removed"]["PARTY_TO"] == 1
    run_ingest(inbox, store)
    committers = {e.start.id for e in store.edges(["COMMITTED"])}
    assert HENGDA not in committers and "name:苏州恒达服饰有限公司" in committers
    assert run_ingest(inbox, store).writes.writes == 0
