"""Filing-behaviour anomaly on hand-made provinces, against both stores."""

from __future__ import annotations

import json
from datetime import date, timedelta

from graph.records import Edge, Node, NodeRef
from risk.anomaly import capital_yuan, in_scope, peak
from risk.detectors.filing_anomaly import FilingAnomaly
from risk.engine import detect, grade
from risk.policy import load_policy

AS_OF = date(2025, 6, 30)
BURST = NodeRef("Company", "C-BURST")
SCOPE = "服装、服饰的生产与销售"


def province(store, burst: bool = True) -> None:
    """30 ordinary applicants (a few marks in their own class, years apart) and one that files
    40 marks in 20 days across 15 classes outside its scope."""
    nodes, edges = [], []
    for i in range(30):
        ref = NodeRef("Company", f"C{i:03d}")
        nodes.append(Node("Company", ref.id, {"name": f"苏州{i}服饰有限公司", "scope": SCOPE,
                                              "capital": f"{100 + i * 10}万元人民币"}, [f"reg@{i}"]))
        for j in range(3 + i % 3):
            mark = Node("Trademark", f"TM{i:03d}{j}", {"filed": str(date(2012 + j * 3, 1 + i % 12, 5)),
                                                      "nice_class": 25, "goods": ["服装"]}, [f"tm@{i}{j}"])
            nodes.append(mark)
            edges.append(Edge("APPLIED_FOR", ref, mark.ref))
    if burst:
        nodes.append(Node("Company", BURST.id, {"name": "苏州某某贸易有限公司", "scope": SCOPE,
                                                "capital": "10万元人民币"}, ["reg@burst"]))
        for j in range(40):
            mark = Node("Trademark", f"TMB{j:03d}", {"filed": str(date(2024, 3, 1) + timedelta(days=j // 2)),
                                                    "nice_class": 1 + j % 15, "goods": ["化工原料"]},
                        [f"burstdoc@{j}"])
            nodes.append(mark)
            edges.append(Edge("APPLIED_FOR", BURST, mark.ref))
    store.write(nodes, edges)


def test_the_pure_features_count_what_a_person_would():
    days = [date(2024, 1, 1) + timedelta(days=d) for d in (0, 10, 29, 30, 200)]
    assert peak(days, 30) == 3 and peak(days, 365) == 5 and peak([], 30) == 0
    assert capital_yuan("500万元人民币") == 5e6 and capital_yuan("1亿元") == 1e8 and capital_yuan("") is None
    assert in_scope(("服装", "围巾"), "服装、服饰的生产与销售")
    assert not in_scope(("化工原料",), "服装、服饰的生产与销售")


def test_a_burst_filer_across_classes_is_flagged_with_the_features_that_stand_out(store):
    province(store)
    findings = FilingAnomaly().run(store, load_policy(), AS_OF)
    assert [f.entity for f in findings] == [BURST]
    finding = findings[0]
    assert {"peak_30d", "nice_classes", "trademarks"} <= set(finding.facts["standout"])
    assert "任意30天内申请峰值 40" in finding.summary and "全省中位数" in finding.summary
    assert finding.policy_entry.startswith("anomaly.contamination@")
    assert any(e.ref.label == "Trademark" for e in finding.evidence)
    assert "burstdoc" in finding.documents


def test_the_anomaly_is_a_modest_factor_in_the_grade_and_never_a_list_candidate(store):
    province(store)
    policy = load_policy()
    detect(store, policy, AS_OF, ["filing_anomaly.v1"])
    graded = {g.entity: g for g in grade(store, policy, AS_OF).grades}
    burst = graded[BURST]
    assert [f.name for f in burst.factors] == ["filing_anomaly"]
    assert burst.factors[0].points == policy.value("factor.filing_anomaly")
    assert burst.factors[0].policy_entry == policy.cite("factor.filing_anomaly")
    assert not burst.candidate and burst.grade in ("A", "B")
    assert all(not g.factors for ref, g in graded.items() if ref != BURST)


def test_a_province_of_ordinary_applicants_has_no_anomaly_to_report_below_the_population_floor(store):
    province(store, burst=False)
    store.delete_nodes("Company", keep={f"C{i:03d}" for i in range(10)})
    assert FilingAnomaly().run(store, load_policy(), AS_OF) == []


def test_the_same_graph_gives_the_same_scores(store):
    province(store)
    first = FilingAnomaly().run(store, load_policy(), AS_OF)
    second = FilingAnomaly().run(store, load_policy(), AS_OF)
    assert [json.dumps(f.facts, sort_keys=True) for f in first] == \
        [json.dumps(f.facts, sort_keys=True) for f in second]
