"""The repeat-infringement detector on small hand-made graphs, against both stores."""

from __future__ import annotations

import json
from datetime import date

from graph.records import Edge, Node, NodeRef
from risk.detectors import RepeatInfringement
from risk.engine import detect, grade
from risk.policy import load_policy

A, B, C = (NodeRef("Company", x) for x in ("CA", "CB", "CC"))
BOSS = NodeRef("Person", "person:王建国|320505********1234")


def company(ref: NodeRef, name: str) -> Node:
    return Node("Company", ref.id, {"name": name}, [f"reg@{ref.id}"])


def infringement(party: NodeRef, case_id: str, on: str, penalty: bool = False):
    label = "Penalty" if penalty else "Case"
    where = Node(label, case_id, {"decision_date" if penalty else "judgment_date": on},
                 [f"doc-{case_id}@0-100"])
    inf = Node("Infringement", f"inf:{case_id}|{party.id}", {"date": on}, [f"doc-{case_id}@5-50"])
    edges = [Edge("COMMITTED", party, inf.ref),
             Edge("PENALIZED_IN" if penalty else "FOUND_IN", inf.ref, where.ref)]
    return [where, inf], edges


def build(store, *items, companies=(A, B, C), extra_edges=()):
    nodes = [company(ref, f"公司{ref.id}") for ref in companies]
    nodes.append(Node("Person", BOSS.id, {"name": "王建国"}))
    edges = list(extra_edges)
    for item_nodes, item_edges in items:
        nodes += item_nodes
        edges += item_edges
    store.write(nodes, edges)


def run(store, as_of="2025-06-30"):
    return {f.entity: f for f in RepeatInfringement().run(store, load_policy(),
                                                          date.fromisoformat(as_of))}


def test_two_infringements_within_five_years_make_a_repeat_infringer(store):
    build(store, infringement(A, "(2021)苏05民初1号", "2021-10-12"),
          infringement(A, "苏市监罚〔2023〕1号", "2023-05-18", penalty=True))
    found = run(store)
    assert set(found) == {A}
    finding = found[A]
    assert finding.facts == {"count": 2, "own_count": 2, "intentional": True, "via_shells": 0}
    assert {"doc-(2021)苏05民初1号", "doc-苏市监罚〔2023〕1号"} == set(finding.documents)
    assert finding.policy_entry.startswith("repeat_infringement.window_years@")
    assert "第六十条" in finding.basis


def test_infringements_more_than_five_years_apart_or_outside_the_window_do_not_count(store):
    build(store, infringement(A, "c1", "2012-01-01"), infringement(A, "c2", "2019-06-01"),
          infringement(B, "c3", "2015-01-01"), infringement(B, "c4", "2016-01-01"))
    assert run(store) == {}
    # seen as of 2017, B's two were within five years
    assert set(run(store, as_of="2017-01-01")) == {B}


def test_a_decision_after_the_as_of_date_is_not_yet_known(store):
    build(store, infringement(A, "c1", "2021-01-01"), infringement(A, "c2", "2024-01-01"))
    assert run(store, as_of="2023-12-31") == {}


def test_a_new_shell_of_the_same_controller_inherits_the_history(store):
    control = [Edge("LEGAL_REP_OF", BOSS, A), Edge("LEGAL_REP_OF", BOSS, B)]
    build(store, infringement(A, "c1", "2021-10-12"), infringement(B, "c2", "2024-03-20"),
          extra_edges=control)
    found = run(store)
    assert set(found) == {A, B}
    assert found[B].facts["via_shells"] == 1
    why = json.dumps([e.as_dict() for e in found[B].evidence], ensure_ascii=False)
    assert "王建国" in why and "CA" in why


def test_a_minority_shareholder_is_not_a_controller(store):
    stake = [Edge("SHAREHOLDER_OF", BOSS, A, {"stake": 0.9}),
             Edge("SHAREHOLDER_OF", BOSS, C, {"stake": 0.1})]
    build(store, infringement(A, "c1", "2021-10-12"), infringement(C, "c2", "2024-03-20"),
          extra_edges=stake)
    assert run(store) == {}


def test_findings_and_grades_are_stored_explained_and_replaced_on_rerun(store):
    build(store, infringement(A, "c1", "2021-10-12"),
          infringement(A, "p1", "2023-05-18", penalty=True))
    policy, as_of = load_policy(), date(2025, 6, 30)
    detect(store, policy, as_of)
    run_a = grade(store, policy, as_of)
    grade_a = next(g for g in run_a.grades if g.entity == A)
    assert grade_a.candidate and grade_a.grade == "D"
    assert [f.points for f in grade_a.factors] == [-120, -80, -350, -150]
    assert grade_a.score == 300
    assert next(g for g in run_a.grades if g.entity == B).grade == "A"
    stored = store.get(NodeRef("Grade", "grade:Company:CA"))
    assert json.loads(stored.props["factors"])[2]["policy_entry"].startswith("factor.repeat")
    counts = store.counts()
    detect(store, policy, as_of)
    grade(store, policy, as_of)
    assert store.counts() == counts
    # as of a date before the second decision, the finding is gone and the grade recovers
    detect(store, policy, date(2022, 1, 1))
    assert store.counts().get("Finding", 0) == 0
    regraded = grade(store, policy, date(2022, 1, 1))
    assert next(g for g in regraded.grades if g.entity == A).grade == "B"
