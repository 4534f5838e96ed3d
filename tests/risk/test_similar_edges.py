"""SIMILAR_TO edges between patents hold what the current texts and policy imply, on both stores."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from graph.records import Edge, Node, NodeRef
from ingest.synthetic import patent_text
from risk.engine import detect, grade
from risk.incremental import rescore
from risk.policy import Policy, load_policy
from tests.risk.test_abnormal_patent import AS_OF, MILL, PEER, Graph

DETECTOR = ["abnormal_patent.v1"]


def similar(store) -> dict[tuple, float]:
    return {e.key: e.props["score"] for e in store.edges(("SIMILAR_TO",))}


def stricter(policy: Policy, threshold: float) -> Policy:
    key = "abnormal_patent.similarity_threshold"
    entries = {**policy.entries, key: replace(policy.entry(key), value=threshold)}
    return Policy(policy.version + "-strict", entries)


def mills(store) -> tuple[list[NodeRef], list[NodeRef]]:
    """A mill filing varied copies of one template, a peer filing one text three times."""
    g = Graph()
    g.company(MILL, capital="30万元人民币")
    g.company(PEER, capital="30万元人民币")
    varied = g.copies(MILL, 12, date(2023, 3, 1), gap=1)
    tpl = patent_text.template(g.rng, "台灯", "结构简单", features=5)
    same = [g.patent(PEER, tpl, date(2023, 5, day), "F21V3/02") for day in (1, 2, 3)]
    g.write(store)
    return varied, same


def test_a_pair_no_longer_similar_under_a_stricter_threshold_loses_its_edge(store):
    varied, same = mills(store)
    detect(store, load_policy(), AS_OF, DETECTOR)
    loose = similar(store)
    ends = {ref for _, a, b in loose for ref in (a, b)}
    assert ends == set(varied) | set(same)
    assert any(score < 0.99 for score in loose.values())
    detect(store, stricter(load_policy(), 0.99), AS_OF, DETECTOR)
    strict = similar(store)
    assert strict == {key: score for key, score in loose.items() if key[1] in same}
    assert all(score == 1.0 for score in strict.values())
    assert {n.id for n in store.nodes("Patent")} >= {r.id for r in varied}  # nodes stay
    detect(store, load_policy(), AS_OF, DETECTOR)  # back to the looser policy: back as before
    assert similar(store) == loose


def test_other_similar_edges_are_not_the_detectors(store):
    mills(store)
    store.write([Node("Trademark", "TM1", {"number": "1"}), Node("Trademark", "TM2", {"number": "2"})])
    mark_edge = Edge("SIMILAR_TO", NodeRef("Trademark", "TM1"), NodeRef("Trademark", "TM2"),
                     {"score": 0.9, "measure": "hand"})
    store.write((), [mark_edge])
    detect(store, stricter(load_policy(), 0.99), AS_OF, DETECTOR)
    assert mark_edge.key in similar(store)


def test_a_rewritten_text_loses_its_edges_incrementally_as_in_a_full_run(store):
    policy = load_policy()
    varied, _ = mills(store)
    detect(store, policy, AS_OF)
    grade(store, policy, AS_OF)
    assert any(varied[0] in (a, b) for _, a, b in similar(store))
    g = Graph(seed=99)
    tpl = patent_text.template(g.rng, "拉杆箱", "折叠方便")
    rewritten = Node("Patent", varied[0].id, {"title": tpl.title(), "abstract": tpl.abstract("实用新型"),
                                              "claims": tpl.claims()})
    store.write([rewritten])
    run = rescore(store, policy, AS_OF, {varied[0]})
    assert run.mode == "incremental", run.reason
    assert run.detectors["abnormal_patent.v1"].startswith("population")
    incremental = similar(store)
    assert incremental and not any(varied[0] in (a, b) for _, a, b in incremental)
    detect(store, policy, AS_OF)
    assert similar(store) == incremental
