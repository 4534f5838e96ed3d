"""A small, fully sourced graph around one graded company, written into a real store.

One company (苏州恒达纺织科技有限公司) with its legal representative, a ruling where it is the
defendant, a penalty, an infringement, an address, a D grade with two factors and one finding;
a second 恒达 company is the plaintiff so partial-name search has two hits.
"""

from __future__ import annotations

import hashlib
import json

from graph.records import Edge, Node, NodeRef
from graph.store import GraphStore
from risk.grades import grade_ref

LOADED = "2024-03-02T10:00:00+08:00"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


RULING = sha("ruling")
REGISTRY = sha("registry")
PENALTY_DOC = sha("penalty")
RULING_TITLE = "江苏省苏州市中级人民法院民事判决书（2021）苏05知民初123号"
PENALTY_TITLE = "苏州市市场监督管理局行政处罚决定书"

USCC = "91320505MA1W8XKQ3T"
COMPANY = NodeRef("Company", USCC)
COMPANY_NAME = "苏州恒达纺织科技有限公司"
PLAINTIFF = NodeRef("Company", "91320583MA20ABCD5X")
PERSON = NodeRef("Person", "person:张伟|3205**********1234")
CASE = NodeRef("Case", "(2021)苏05知民初123号")
COURT = NodeRef("Court", "court:江苏省苏州市中级人民法院")
PENALTY = NodeRef("Penalty", "苏市监处罚〔2022〕15号")
AUTHORITY = NodeRef("Authority", "authority:苏州市市场监督管理局")
INFRINGEMENT = NodeRef("Infringement", f"inf:{CASE.id}|{USCC}")
TRADEMARK = NodeRef("Trademark", "TM12345678")
ADDRESS = NodeRef("Address", "addr:苏州市吴中区木渎镇金枫路88号")
GRADE = grade_ref(NodeRef("Company", USCC))
FINDING = NodeRef("Finding", f"repeat_infringement.v1|{USCC}")

# What the network view must show around COMPANY with derived labels hidden.
DEPTH1_NODES = 6  # company, person, case, penalty, infringement, address
DEPTH1_EDGES = 5
DEPTH2_NODES = 10  # + plaintiff, court, authority, trademark
DEPTH1_WITH_DERIVED = 8  # + grade, finding
DEPTH2_WITH_DERIVED = 13  # depth 2 + grade, finding and the ruling the finding cites

FACTORS = [
    {"name": "重复侵权", "points": -400, "detail": "五年内两次被认定侵权（判决1、处罚1）",
     "policy_entry": "十二.1", "basis": "《商标法》第六十三条；苏政办发〔2021〕号 第十二条",
     "documents": [RULING, PENALTY_DOC]},
    {"name": "行政处罚", "points": -120, "detail": "罚款 50000 元",
     "policy_entry": "十二.3", "basis": "《商标法》第六十条", "documents": [PENALTY_DOC]},
]


def _node(ref: NodeRef, props: dict, *sources: str) -> Node:
    return Node(ref.label, ref.id, props, list(sources), LOADED)


def _edge(rel: str, start: NodeRef, end: NodeRef, *sources: str, **props: object) -> Edge:
    return Edge(rel, start, end, dict(props), list(sources), LOADED)


def nodes() -> list[Node]:
    docs = [
        Node("Document", RULING, {"sha256": RULING, "title": RULING_TITLE,
                                  "path": "rulings/2021_su05_zhiminchu_123.txt",
                                  "source": "court", "received_at": "2024-03-01T09:00:00+08:00"}),
        Node("Document", REGISTRY, {"sha256": REGISTRY, "title": "企业登记记录 2024-02",
                                    "path": "registry/companies_2024_02.jsonl",
                                    "source": "registry", "received_at": "2024-02-28"}),
        Node("Document", PENALTY_DOC, {"sha256": PENALTY_DOC, "title": PENALTY_TITLE,
                                       "path": "penalties/2022_15.txt", "source": "amr",
                                       "received_at": "2024-03-01"}),
    ]
    return docs + [
        _node(COMPANY, {"name": COMPANY_NAME, "uscc": USCC, "region": "苏州市吴中区",
                        "status": "存续", "capital": "500万元人民币"}, f"{REGISTRY}@r1"),
        _node(PLAINTIFF, {"name": "昆山恒达商贸有限公司", "uscc": PLAINTIFF.id},
              f"{REGISTRY}@r2"),
        _node(PERSON, {"name": "张伟", "id_number_masked": "3205**********1234"},
              f"{REGISTRY}@r1"),
        _node(CASE, {"case_no": CASE.id, "court_name": "江苏省苏州市中级人民法院",
                     "cause": "侵害商标权纠纷", "damages_awarded": 300000},
              f"{RULING}@0-40"),
        _node(COURT, {"name": "江苏省苏州市中级人民法院"}, f"{RULING}@0-12"),
        _node(PENALTY, {"decision_no": PENALTY.id, "fine": 50000,
                        "violation": "销售侵犯注册商标专用权的商品"}, f"{PENALTY_DOC}@0-30"),
        _node(AUTHORITY, {"name": "苏州市市场监督管理局"}, f"{PENALTY_DOC}@0-10"),
        _node(INFRINGEMENT, {"date": "2021-10-12", "established_by": "judgment"},
              f"{RULING}@900-1100"),
        _node(TRADEMARK, {"number": "12345678", "mark": "恒达", "nice_class": 24},
              f"{RULING}@300-340"),
        _node(ADDRESS, {"text": "苏州市吴中区木渎镇金枫路88号"}, f"{REGISTRY}@r1"),
        _node(GRADE, {"entity_label": "Company", "entity_id": USCC, "score": 312, "grade": "D",
                      "candidate": True, "factors": json.dumps(FACTORS, ensure_ascii=False),
                      "policy_version": "js-2021.1", "as_of": "2024-03-03"}),
        _node(FINDING, {"kind": "重复侵权", "detector": "repeat_infringement.v1",
                        "entity_label": "Company", "entity_id": USCC, "score": 0.92,
                        "summary": "该企业在判决后再次因销售侵权商品受到行政处罚，构成重复侵权。",
                        "basis": "《商标法》第六十三条", "policy_entry": "十二.1",
                        "policy_version": "js-2021.1", "as_of": "2024-03-03",
                        "evidence": json.dumps([
                            {"label": "Case", "id": CASE.id, "why": "判决认定侵权"},
                            {"label": "Penalty", "id": PENALTY.id, "why": "判决后再次处罚"},
                        ], ensure_ascii=False),
                        "documents": [RULING, PENALTY_DOC]}),
    ]


def edges() -> list[Edge]:
    return [
        _edge("LEGAL_REP_OF", PERSON, COMPANY, f"{REGISTRY}@r1"),
        _edge("PARTY_TO", COMPANY, CASE, f"{RULING}@120-160", role="被告"),
        _edge("PARTY_TO", PLAINTIFF, CASE, f"{RULING}@60-110", role="原告"),
        _edge("PARTY_TO", COMPANY, PENALTY, f"{PENALTY_DOC}@40-80", role="当事人"),
        _edge("DECIDED_BY", CASE, COURT, f"{RULING}@0-12"),
        _edge("ISSUED_BY", PENALTY, AUTHORITY, f"{PENALTY_DOC}@0-10"),
        _edge("COMMITTED", COMPANY, INFRINGEMENT, f"{RULING}@900-1100"),
        _edge("INFRINGES", INFRINGEMENT, TRADEMARK, f"{RULING}@900-1100"),
        _edge("FOUND_IN", INFRINGEMENT, CASE, f"{RULING}@900-1100"),
        _edge("OWNS", PLAINTIFF, TRADEMARK, f"{RULING}@300-340"),
        _edge("LOCATED_AT", COMPANY, ADDRESS, f"{REGISTRY}@r1"),
        _edge("GRADE_OF", GRADE, COMPANY),
        _edge("FINDING_ABOUT", FINDING, COMPANY),
        _edge("EVIDENCED_BY", FINDING, CASE),
        _edge("EVIDENCED_BY", FINDING, PENALTY),
        _edge("EVIDENCED_BY", FINDING, NodeRef("Document", RULING)),
    ]


def populate(store: GraphStore) -> GraphStore:
    store.ensure_schema()
    store.write(nodes(), edges())
    return store
