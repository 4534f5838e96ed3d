"""Incremental re-scoring gives exactly what a full run gives, on both stores."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from graph.records import Edge, Node, NodeRef
from ingest.run import run_ingest
from ingest.synthetic.province import generate
from risk.changes import Change
from risk.detectors import DETECTORS
from risk.engine import detect, grade
from risk.incremental import changed_since, rescore
from risk.policy import load_policy
from tests.risk.test_anomaly import province
from tests.risk.test_officer_model import history
from tests.risk.test_repeat_infringement import BOSS, A, B, C, build, company, infringement

AS_OF = date(2025, 6, 30)
D, E, SUPPLIER = NodeRef("Company", "CD"), NodeRef("Company", "CE"), NodeRef("Company", "CS")
OTHER = NodeRef("Person", "person:李四|320505********5678")


def results(store) -> tuple[dict, dict]:
    findings = {n.id: {k: v for k, v in n.props.items() if k != "as_of"} for n in store.nodes("Finding")}
    grades = {n.id: n.props for n in store.nodes("Grade")}
    return findings, grades


def base(store) -> None:
    province(store, burst=False)
    build(store, infringement(A, "(2021)苏05民初1号", "2021-10-12"),
          infringement(C, "苏市监罚〔2022〕7号", "2022-02-01", penalty=True),
          extra_edges=[Edge("LEGAL_REP_OF", BOSS, A), Edge("LEGAL_REP_OF", BOSS, B)])
    store.write([company(D, "公司CD"), company(SUPPLIER, "供货公司"),
                 Node("Person", OTHER.id, {"name": "李四"})],
                [Edge("LEGAL_REP_OF", OTHER, D), Edge("LEGAL_REP_OF", OTHER, C)])


def daily_load(store) -> set[NodeRef]:
    """A new judgment against B (A's sibling), a new company of BOSS, a supply statement naming
    a supplier, C's controller taking over D's network, and a burst of filings."""
    nodes, edges = [], []
    for part_nodes, part_edges in (infringement(B, "(2024)苏05民初9号", "2024-09-01"),
                                   infringement(D, "苏市监罚〔2024〕3号", "2024-04-01", penalty=True)):
        nodes += part_nodes
        edges += part_edges
    nodes += [company(E, "公司CE"), Node("Company", "C-BURST", {"name": "突击申请公司"}, ["reg@b"])]
    edges += [Edge("LEGAL_REP_OF", BOSS, E), Edge("SHAREHOLDER_OF", OTHER, E, {"stake": 0.6}),
              Edge("SUPPLIED_BY", D, SUPPLIER, {"date": "2024-04-01"})]
    for j in range(40):
        mark = Node("Trademark", f"TMB{j:03d}", {"filed": f"2024-03-{1 + j // 2:02d}",
                                                "nice_class": 1 + j % 15, "goods": ["化工原料"]},
                    [f"burstdoc@{j}"])
        nodes.append(mark)
        edges.append(Edge("APPLIED_FOR", NodeRef("Company", "C-BURST"), mark.ref))
    store.write(nodes, edges)
    return {n.ref for n in nodes} | {end for e in edges for end in (e.start, e.end)}


def test_a_daily_load_rescored_incrementally_equals_a_full_run(store):
    policy = load_policy()
    base(store)
    detect(store, policy, AS_OF)
    grade(store, policy, AS_OF)
    before = results(store)
    changed = daily_load(store)
    run = rescore(store, policy, AS_OF, changed)
    assert run.mode == "incremental"
    assert run.detectors["repeat_infringement.v1"].startswith("local")
    incremental = results(store)
    assert incremental != before  # the load did change findings and grades
    detect(store, policy, AS_OF)
    grade(store, policy, AS_OF)
    assert results(store) == incremental
    kinds = {(v["entity_id"], v["kind"]) for v in incremental[0].values()}
    assert {("CA", "repeat_infringement"), ("CB", "repeat_infringement"), ("CE", "shell_network"),
            ("CS", "source_tracing"), ("C-BURST", "filing_anomaly")} <= kinds
    assert run.affected < len(incremental[1])  # not everyone was re-graded


def test_with_the_officers_model_incremental_still_equals_full(store):
    from risk.models.officer import train

    policy = load_policy()
    model = train(history(), policy)
    base(store)
    detect(store, policy, AS_OF)
    grade(store, policy, AS_OF, model)
    run = rescore(store, policy, AS_OF, daily_load(store), model)
    assert run.mode == "incremental"
    incremental = results(store)
    detect(store, policy, AS_OF)
    grade(store, policy, AS_OF, model)
    assert results(store) == incremental
    factors = incremental[1]["grade:Company:CB"]["factors"]
    assert "officer_model" in factors


def test_another_day_or_nothing_stored_falls_back_to_a_full_run_and_no_change_changes_nothing(store):
    policy = load_policy()
    base(store)
    assert rescore(store, policy, AS_OF, {A}).mode == "full"  # nothing stored yet
    assert rescore(store, policy, AS_OF, set()).mode == "unchanged"
    later = rescore(store, policy, date(2027, 1, 1), {A})
    assert later.mode == "full" and "2025-06-30" in later.reason
    assert rescore(store, policy, date(2027, 1, 1), set()).mode == "unchanged"


def test_changed_since_finds_what_a_later_load_wrote(store):
    base(store)
    store.write([Node("Company", "CNEW", {"name": "新公司"}, ["doc@1"], "2030-01-01T00:00:00+00:00")])
    assert changed_since(store, "2030-01-01T00:00:00+00:00").touched == {NodeRef("Company", "CNEW")}


FILING_DETECTORS = ("abnormal_patent.v1", "agency_risk.v1", "bad_faith_trademark.v1",
                    "filing_anomaly.v1", "malicious_litigation.v1")


@pytest.fixture(scope="module")
def two_days(tmp_path_factory) -> tuple[Path, Path, date]:
    """A generated province split into a first load and a daily load: every third ruling and
    penalty decision, and the last batch of trademark filings, arrive a day later."""
    root = tmp_path_factory.mktemp("two_days")
    generate(root / "province", 600, seed=11)  # the smallest size where every detector finds something
    inbox = root / "province" / "inbox"
    first, daily = root / "first", root / "daily"
    shutil.copytree(inbox, first)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    later = [f for f in files if f.parts[0] in ("rulings", "penalties")][::3]
    later += [sorted(f for f in files if f.name.startswith("trademarks-"))[-1]]
    for relative in later:
        (daily / relative).parent.mkdir(parents=True, exist_ok=True)
        (first / relative).rename(daily / relative)
    meta = json.loads((root / "province" / "truth" / "meta.json").read_text())
    return first, daily, date.fromisoformat(meta["as_of"])


def test_a_province_loaded_over_two_days_rescores_to_the_full_run_with_every_detector(store, two_days):
    first, daily, as_of = two_days
    policy = load_policy()
    run_ingest(first, store)
    detect(store, policy, as_of)
    grade(store, policy, as_of)
    before = results(store)
    run = rescore(store, policy, as_of, run_ingest(daily, store).touched)
    assert run.mode == "incremental" and set(run.detectors) == set(DETECTORS)
    assert run.detectors["bad_faith_trademark.v1"].startswith("population")  # filings arrived
    assert run.detectors["intentional_infringement.v1"].startswith("local")
    incremental = results(store)
    assert incremental != before
    detect(store, policy, as_of)
    grade(store, policy, as_of)
    assert results(store) == incremental
    kinds = {v["kind"] for v in incremental[0].values()}
    assert {d.kind for d in DETECTORS.values()} <= kinds  # every detector has findings to compare


def penalty_load(store, as_of: date, companies: list[NodeRef], indicator: str, day: int) -> Change:
    """One penalty decision against each company, the first stating an intent indicator."""
    nodes, edges = [], []
    for i, party in enumerate(companies):
        source = [f"penalties-day{day}@r{i}"]
        penalty = Node("Penalty", f"苏市监罚〔2025〕{day}-{i}号",
                       {"decision_date": (as_of - timedelta(days=10 + i)).isoformat()}, source)
        props = {"date": penalty.props["decision_date"], "established_by": "penalty"}
        if i == 0:
            props["intent_indicators"] = [indicator]
        inf = Node("Infringement", f"inf:{penalty.id}|{party.id}", props, source)
        nodes += [penalty, inf]
        edges += [Edge("COMMITTED", party, inf.ref, {}, source),
                  Edge("PENALIZED_IN", inf.ref, penalty.ref, {}, source)]
    store.write(nodes, edges)
    return Change.written(nodes, edges)


def test_a_day_of_penalty_decisions_skips_the_filing_detectors_and_still_equals_a_full_run(store):
    policy = load_policy()
    base(store)
    daily_load(store)
    detect(store, policy, AS_OF)
    grade(store, policy, AS_OF)
    filers = sorted({e.start for e in store.edges(["APPLIED_FOR"]) if e.start.label == "Company"})
    indicator = sorted(policy.value("intentional_infringement.indicators"))[0]
    run = rescore(store, policy, AS_OF, penalty_load(store, AS_OF, filers[:3] + [A, D], indicator, 1))
    assert run.mode == "incremental"
    for name in FILING_DETECTORS:  # applicants were penalised; nothing about their filings changed
        assert run.detectors[name].startswith("skipped"), (name, run.detectors[name])
    assert run.detectors["intentional_infringement.v1"].startswith("local")
    incremental = results(store)
    assert f"intentional_infringement.v1|Company|{filers[0].id}" in incremental[0]
    detect(store, policy, AS_OF)
    grade(store, policy, AS_OF)
    assert results(store) == incremental

    # Told only which nodes were touched, the run cannot tell a penalty from a new filing
    # (an applicant's scope or capital may have changed): it re-runs the anomaly forest.
    touched = penalty_load(store, AS_OF, filers[3:5], indicator, 2).touched
    run = rescore(store, policy, AS_OF, touched)
    assert run.detectors["filing_anomaly.v1"].startswith("population")
    incremental = results(store)
    detect(store, policy, AS_OF)
    grade(store, policy, AS_OF)
    assert results(store) == incremental
