"""Shell networks and source tracing on small hand-made graphs, against both stores."""

from __future__ import annotations

from datetime import date

from graph.records import Edge, Node, NodeRef
from risk.detectors import ShellNetwork, SourceTracing
from risk.policy import load_policy

A, B, C, D = (NodeRef("Company", x) for x in ("CA", "CB", "CC", "CD"))
BOSS = NodeRef("Person", "person:王建国|1")
TOWER = NodeRef("Address", "addr:南京市鼓楼区汉中路2号")
PHONE = NodeRef("Phone", "phone:02583334444")
AS_OF = date(2025, 6, 30)


def companies():
    return [Node("Company", r.id, {"name": f"公司{r.id}"}, [f"reg@{r.id}"]) for r in (A, B, C, D)]


def shells(store):
    return {(f.entity.id, f.facts["network_size"])
            for f in ShellNetwork().run(store, load_policy(), AS_OF)}


def test_one_controller_ties_companies_into_a_network(store):
    store.write(companies() + [Node("Person", BOSS.id, {"name": "王建国"})],
                [Edge("LEGAL_REP_OF", BOSS, A), Edge("SHAREHOLDER_OF", BOSS, B, {"stake": 1.0}),
                 Edge("SHAREHOLDER_OF", BOSS, C, {"stake": 0.2})])
    assert shells(store) == {("CA", 2), ("CB", 2)}


def test_a_shared_address_and_phone_are_evidence_but_not_a_link(store):
    store.write(companies() + [Node("Address", TOWER.id, {"text": "汉中路2号"}),
                               Node("Phone", PHONE.id, {"number": "025-83334444"}),
                               Node("Person", BOSS.id, {"name": "王建国"})],
                [Edge("LOCATED_AT", r, TOWER) for r in (A, B, C)]
                + [Edge("HAS_PHONE", r, PHONE) for r in (B, C, D)]
                + [Edge("LEGAL_REP_OF", BOSS, C), Edge("LEGAL_REP_OF", BOSS, D)])
    # B and C share address and phone (an agent's office) but no controller: no link
    assert shells(store) == {("CC", 2), ("CD", 2)}
    found = {f.entity.id: f for f in ShellNetwork().run(store, load_policy(), AS_OF)}
    assert PHONE in {e.ref for e in found["CC"].evidence}  # C and D also share the phone


def test_the_supplier_named_by_a_penalised_seller_is_traced(store):
    inf = Node("Infringement", "inf:p1|CA", {"date": "2024-01-01"}, ["doc-p1@1-2"])
    penalty = Node("Penalty", "p1", {"decision_date": "2024-01-01"}, ["doc-p1@0-9"])
    store.write(companies() + [inf, penalty],
                [Edge("COMMITTED", A, inf.ref), Edge("PENALIZED_IN", inf.ref, penalty.ref),
                 Edge("SUPPLIED_BY", A, B, {}, ["doc-p1@20-40"]),
                 Edge("SUPPLIED_BY", C, D, {}, ["doc-x@1-5"])])  # C was never found infringing
    findings = SourceTracing().run(store, load_policy(), AS_OF)
    assert [f.entity for f in findings] == [B]
    assert findings[0].documents == ["doc-p1"]
    assert {e.ref for e in findings[0].evidence} == {A, inf.ref, penalty.ref}
    # before the decision, nothing is established yet
    assert SourceTracing().run(store, load_policy(), date(2023, 12, 31)) == []


def test_a_company_founded_after_the_as_of_date_is_not_yet_in_the_network(store):
    nodes = companies()
    nodes[1].props["founded"] = "2026-03-01"  # B
    store.write(nodes + [Node("Person", BOSS.id, {"name": "王建国"})],
                [Edge("LEGAL_REP_OF", BOSS, A), Edge("LEGAL_REP_OF", BOSS, B)])
    assert shells(store) == set()
    assert {f.entity.id for f in ShellNetwork().run(store, load_policy(), date(2026, 6, 1))} == {
        "CA", "CB"}
