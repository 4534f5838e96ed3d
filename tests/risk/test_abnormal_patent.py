"""The abnormal-patent detector on small hand-made graphs, against both stores."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from graph.records import Edge, Node, NodeRef
from ingest.synthetic import patent_text
from risk.detectors import AbnormalPatent
from risk.engine import detect, grade
from risk.policy import load_policy

AS_OF = date(2025, 6, 30)
MILL, BIG, PEER = (NodeRef("Company", x) for x in ("C-MILL", "C-BIG", "C-PEER"))
AGENCY = NodeRef("Agency", "agency:某某专利代理")
REP = NodeRef("Person", "person:李强|320102********1234")
BUYER = NodeRef("Company", "C-BUYER")
FIELDS = (("电机端盖", "H02K5/15"), ("台灯", "F21V3/02"), ("拉杆箱", "A45C5/14"), ("中性笔", "B43K7/00"))


class Graph:
    """Companies and their patents, written in one go."""

    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        self.nodes = [Node("Agency", AGENCY.id, {"name": "某某专利代理"}),
                      Node("Person", REP.id, {"name": "李强"}),
                      Node("Company", BUYER.id, {"name": "受让公司", "capital": "5000万元人民币"})]
        self.edges: list[Edge] = []
        self.serial = 0

    def company(self, ref: NodeRef, capital: str = "1000万元人民币", form: str = "有限责任公司") -> None:
        self.nodes.append(Node("Company", ref.id, {"name": ref.id, "capital": capital, "legal_form": form},
                               [f"reg@{ref.id}"]))

    def patent(self, owner: NodeRef, tpl: patent_text.Template, filed: date, ipc: str,
               inventors: tuple[str, ...] = ("张三",), agency: bool = False,
               sold: date | None = None) -> NodeRef:
        self.serial += 1
        ref = NodeRef("Patent", f"2022200{self.serial:05d}.X")
        self.nodes.append(Node("Patent", ref.id, {
            "title": tpl.title(), "abstract": tpl.abstract("实用新型"), "claims": tpl.claims(),
            "filed": filed.isoformat(), "ipc": ipc, "inventors": list(inventors)},
            [f"patents-sha@r{self.serial}"]))
        self.edges.append(Edge("APPLIED_FOR", owner, ref))
        if agency:
            self.edges.append(Edge("AGENT_FOR", AGENCY, ref))
        if sold is not None:
            self.edges.append(Edge("ASSIGNED_TO", ref, BUYER, {"date": sold.isoformat()}))
        return ref

    def copies(self, owner: NodeRef, count: int, start: date, gap: int, field: int = 0,
               **kw) -> list[NodeRef]:
        """A mill's template and ``count`` − 1 copies with small swaps, ``gap`` days apart."""
        thing, ipc = FIELDS[field]
        base = patent_text.template(self.rng, thing, "结构简单", features=5)
        return [self.patent(owner, patent_text.variant(self.rng, base) if i else base,
                            start + timedelta(days=i * gap), ipc, **kw) for i in range(count)]

    def genuine(self, owner: NodeRef, count: int, start: date, gap: int, **kw) -> list[NodeRef]:
        out = []
        for i in range(count):
            thing, ipc = FIELDS[i % len(FIELDS)]
            tpl = patent_text.template(self.rng, thing, "结构简单")
            out.append(self.patent(owner, tpl, start + timedelta(days=i * gap), ipc, **kw))
        return out

    def write(self, store) -> None:
        store.write(self.nodes, self.edges)


def run(store, as_of: date = AS_OF):
    return {f.entity: f for f in AbnormalPatent().run(store, load_policy(), as_of)}


def test_a_small_company_filing_copies_in_a_burst_is_flagged_with_its_evidence(store):
    g = Graph()
    g.company(MILL, capital="30万元人民币")
    copies = g.copies(MILL, 12, date(2023, 3, 1), gap=1)
    g.write(store)
    found = run(store)
    assert set(found) == {MILL}
    finding = found[MILL]
    assert finding.facts["indicators"] == ["near_duplicates", "burst", "disproportion"]
    assert finding.facts["near_duplicates"]["filings"] == 12
    assert finding.facts["burst"]["own"] == 12
    assert finding.facts["disproportion"]["capital_wan"] == 30
    assert finding.score == 0.85  # 0.45 + 0.2 + 0.2 from the policy's weights
    assert {e.ref for e in finding.evidence} >= set(copies)
    assert finding.documents == ["patents-sha"]
    assert finding.policy_entry.startswith("abnormal_patent.min_score@")
    assert "令第77号" in finding.basis and "注册资本30万元" in finding.summary
    assert finding.facts["near_duplicates"]["policy"][0].startswith("abnormal_patent.similarity_threshold@")


def test_copies_are_linked_similar_and_a_rerun_leaves_the_graph_as_it_was(store):
    g = Graph()
    g.company(MILL, capital="30万元人民币")
    copies = g.copies(MILL, 5, date(2023, 3, 1), gap=1)
    g.genuine(MILL, 8, date(2023, 3, 1), gap=2)
    g.write(store)
    detect(store, load_policy(), AS_OF, ["abnormal_patent.v1"])
    similar = [e for e in store.edges(("SIMILAR_TO",))]
    assert similar and {e.start for e in similar} | {e.end for e in similar} == set(copies)
    assert all(0.7 <= e.props["score"] <= 1 and e.props["measure"] == "jaccard-char3" for e in similar)
    before = store.counts()
    findings = detect(store, load_policy(), AS_OF, ["abnormal_patent.v1"])
    assert store.counts() == before and [f.entity for f in findings] == [MILL]


def test_many_genuinely_different_filings_or_copies_alone_are_not_flagged(store):
    g = Graph()
    g.company(BIG, capital="3亿元人民币")  # a big filer: 40 different patents, steadily
    g.genuine(BIG, 40, date(2021, 1, 5), gap=20, agency=True)
    g.company(PEER, capital="2000万元人民币")  # copies, but no burst, not small, none sold
    g.copies(PEER, 6, date(2022, 1, 1), gap=40)
    g.write(store)
    assert run(store) == {}


def test_an_invention_and_utility_model_filed_the_same_day_are_not_a_group(store):
    g = Graph()
    g.company(PEER, capital="30万元人民币")
    tpl = patent_text.template(g.rng, "台灯", "结构简单")
    for _ in range(2):  # 一案双报, twice over: pairs, never a group of three
        g.patent(PEER, tpl, date(2024, 1, 10), "F21V3/02")
        tpl = patent_text.template(g.rng, "台灯", "结构简单")
        g.patent(PEER, tpl, date(2024, 1, 10), "F21V3/02")
    g.genuine(PEER, 10, date(2024, 2, 1), gap=3)
    g.write(store)
    assert run(store) == {}


def test_an_agency_filing_one_templates_copies_for_several_clients_is_a_burst(store):
    g = Graph()
    g.company(MILL)
    g.company(PEER)
    thing, ipc = FIELDS[0]
    base = patent_text.template(g.rng, thing, "结构简单", features=5)
    for i in range(12):  # six each, alternating, within twelve days, all through one agency
        g.patent(MILL if i % 2 else PEER, patent_text.variant(g.rng, base),
                 date(2024, 5, 1) + timedelta(days=i), ipc, agency=True)
    g.write(store)
    found = run(store)
    assert set(found) == {MILL, PEER}
    burst = found[MILL].facts["burst"]
    assert burst["agency"] == AGENCY.id and burst["agency_filings"] == 12 and "own" not in burst
    assert found[MILL].facts["near_duplicates"]["groups"][0] == {
        "size": 12, "own": found[MILL].facts["near_duplicates"]["groups"][0]["own"], "others": 6}
    assert AGENCY in {e.ref for e in found[MILL].evidence}


def test_a_legal_rep_named_on_everything_across_fields_and_quick_sales_are_indicators(store):
    g = Graph()
    g.company(MILL)
    g.edges.append(Edge("LEGAL_REP_OF", REP, MILL))
    for field in range(3):  # copies in three unrelated fields, a week apart, all sold within months
        start = date(2023, 1, 1) + timedelta(days=field * 70)
        for ref in g.copies(MILL, 8, start, gap=8, field=field, inventors=("李强", "王五")):
            filed = date.fromisoformat(next(n for n in g.nodes if n.id == ref.id).props["filed"])
            sold = (filed + timedelta(days=90)).isoformat()
            g.edges.append(Edge("ASSIGNED_TO", ref, BUYER, {"date": sold}))
    g.write(store)
    finding = run(store)[MILL]
    assert finding.facts["indicators"] == ["near_duplicates", "inventor_load", "quick_transfer"]
    load = finding.facts["inventor_load"]
    assert load["inventor"] == "李强" and load["is_legal_rep"] and load["filings_in_a_year"] == 24
    assert load["ipc_subclasses"] == ["A45C", "F21V", "H02K"]
    assert finding.facts["quick_transfer"]["transferred"] == 24
    assert "（法定代表人）" in finding.summary and BUYER in {e.ref for e in finding.evidence}


def test_filings_and_transfers_after_the_as_of_date_are_not_yet_known(store):
    g = Graph()
    g.company(MILL, capital="30万元人民币")
    g.copies(MILL, 12, date(2024, 6, 1), gap=1)
    g.write(store)
    assert run(store, as_of=date(2024, 5, 31)) == {}
    assert set(run(store, as_of=date(2024, 6, 30))) == {MILL}
    assert run(store, as_of=date(2030, 1, 1)) == {}  # older than the five-year look-back


def test_the_grade_carries_the_abnormal_patent_factor(store):
    g = Graph()
    g.company(MILL, capital="30万元人民币")
    g.copies(MILL, 12, date(2023, 3, 1), gap=1)
    g.write(store)
    policy = load_policy()
    detect(store, policy, AS_OF, ["abnormal_patent.v1"])
    mill = next(x for x in grade(store, policy, AS_OF).grades if x.entity == MILL)
    factor = next(f for f in mill.factors if f.name == "abnormal_patent")
    assert factor.points == policy.value("factor.abnormal_patent") < 0
    assert factor.policy_entry.startswith("factor.abnormal_patent@") and "内容明显相同" in factor.detail
    assert mill.score == 1000 + factor.points
    finding = next(iter(store.nodes("Finding")))
    assert json.loads(str(finding.props["facts"]))["near_duplicates"]["filings"] == 12
