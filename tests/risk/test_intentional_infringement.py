"""The intentional-infringement detector on small hand-made graphs, against both stores."""

from __future__ import annotations

from datetime import date

from graph.records import Edge, Node, NodeRef
from risk.detectors import DETECTORS, IntentionalInfringement
from risk.engine import detect, grade
from risk.policy import load_policy

A, B, C = (NodeRef("Company", x) for x in ("CA", "CB", "CC"))


def infringement(party: NodeRef, case_id: str, on: str, codes: list[str] | None = None,
                 **props) -> tuple[list[Node], list[Edge]]:
    case = Node("Case", case_id, {"judgment_date": on}, [f"doc-{case_id}@0-100"])
    inf = Node("Infringement", f"inf:{case_id}|{party.id}",
               {"date": on, "intent_indicators": codes, **props}, [f"doc-{case_id}@5-50"])
    return [case, inf], [Edge("COMMITTED", party, inf.ref), Edge("FOUND_IN", inf.ref, case.ref)]


def build(store, *items) -> None:
    nodes = [Node("Company", ref.id, {"name": f"公司{ref.id}"}, [f"reg@{ref.id}"]) for ref in (A, B, C)]
    edges: list[Edge] = []
    for item_nodes, item_edges in items:
        nodes += item_nodes
        edges += item_edges
    store.write(nodes, edges)


def run(store, as_of: str = "2025-06-30") -> dict:
    return {f.entity: f for f in IntentionalInfringement().run(store, load_policy(),
                                                               date.fromisoformat(as_of))}


def test_a_judgment_stating_intent_makes_a_finding_naming_each_indicator_and_article(store):
    build(store, infringement(A, "(2023)苏05民初7号", "2023-03-01", ["after_notice", "business"]),
          infringement(B, "(2023)苏05民初8号", "2023-04-01"))
    found = run(store)
    assert set(found) == {A}
    finding = found[A]
    assert finding.detector == "intentional_infringement.v1"
    assert finding.facts["indicators"] == ["after_notice", "business"]
    assert "法释〔2021〕4号第三条第二款第（一）项" in finding.summary
    assert "以侵害知识产权为业" in finding.summary and "(2023)苏05民初7号" in finding.summary
    assert finding.policy_entry.startswith("intentional_infringement.indicators@")
    assert finding.documents == ["doc-(2023)苏05民初7号"]
    assert {e.ref.label for e in finding.evidence} == {"Infringement", "Case"}
    assert finding.facts["serious"] is True and finding.score > 0.6


def test_reversed_old_future_and_unknown_indicators_do_not_count(store):
    build(store,
          infringement(A, "c1", "2022-01-01", ["counterfeit"], reversed=True),
          infringement(B, "c2", "2015-01-01", ["after_notice"]),
          infringement(B, "c3", "2025-09-01", ["after_notice"]),
          infringement(C, "c4", "2024-01-01", ["not_an_indicator"]))
    assert run(store) == {}


def test_the_grade_takes_the_finding_as_a_factor(store):
    build(store, infringement(A, "(2024)苏0505民初9号", "2024-02-01", ["relationship"]))
    as_of = date(2025, 6, 30)
    assert "intentional_infringement.v1" in DETECTORS
    findings = [f for f in detect(store, load_policy(), as_of) if f.kind == "intentional_infringement"]
    assert [f.entity for f in findings] == [A]
    grades = {g.entity: g for g in grade(store, load_policy(), as_of).grades}
    factors = [f.name for f in grades[A].factors]
    assert "intentional_infringement" in factors
