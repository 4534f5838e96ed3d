"""Small hand-made trademark registers for the trademark-side detector tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.records import Edge, Node, NodeRef

FILE = "tmfile"  # the sha of the trademark rows' file


@dataclass
class Register:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def company(self, uscc: str, name: str, scope: str | None = None,
                legal_form: str | None = None) -> NodeRef:
        props = {"name": name, "uscc": uscc, "scope": scope, "legal_form": legal_form}
        self.nodes.append(Node("Company", uscc, {k: v for k, v in props.items() if v},
                               [f"reg@{uscc}"]))
        return NodeRef("Company", uscc)

    def agency(self, name: str) -> NodeRef:
        ref = NodeRef("Agency", "agency:" + name)
        self.nodes.append(Node("Agency", ref.id, {"name": name, "kind": "trademark"}, [f"{FILE}@a"]))
        return ref

    def mark(self, applicant: NodeRef, number: str, text: str, nice: int, filed: str,
             registered: str | None = None, famous: bool = False, agency: NodeRef | None = None,
             owner: NodeRef | None = None) -> NodeRef:
        ref = NodeRef("Trademark", "TM" + number)
        props = {"number": number, "mark": text, "nice_class": nice, "filed": filed,
                 "status": "已注册" if registered else "申请中"}
        if registered:
            props["registered"] = registered
        if famous:
            props.update(famous=True, famous_since="2015-01-01")
        self.nodes.append(Node("Trademark", ref.id, props, [f"{FILE}@r{number}"]))
        self.edges.append(Edge("APPLIED_FOR", applicant, ref, {}, [f"{FILE}@r{number}"]))
        if registered:
            self.edges.append(Edge("OWNS", owner or applicant, ref, {}, [f"{FILE}@r{number}"]))
        if agency is not None:
            self.edges.append(Edge("AGENT_FOR", agency, ref, {}, [f"{FILE}@r{number}"]))
        return ref

    def assign(self, mark: NodeRef, to: NodeRef, on: str) -> None:
        self.edges.append(Edge("ASSIGNED_TO", mark, to, {"date": on}, [f"{FILE}@x"]))

    def challenge(self, party: NodeRef, mark: NodeRef, on: str, outcome: str,
                  kind: str = "OPPOSED") -> None:
        self.edges.append(Edge(kind, party, mark, {"date": on, "outcome": outcome}, [f"{FILE}@x"]))

    def enforced(self, mark: NodeRef, on: str) -> None:
        """A judgment found ``mark`` infringed on ``on``."""
        inf = Node("Infringement", f"inf:{mark.id}|{on}", {"date": on}, [f"doc-{on}@1-2"])
        case = Node("Case", f"case-{mark.id}-{on}", {"judgment_date": on}, [f"doc-{on}@0-9"])
        self.nodes += [inf, case]
        self.edges += [Edge("INFRINGES", inf.ref, mark, {}, [f"doc-{on}@1-2"]),
                       Edge("FOUND_IN", inf.ref, case.ref, {}, [f"doc-{on}@1-2"])]

    def suit(self, plaintiff: NodeRef, defendant: NodeRef, number: str, on: str, outcome: str) -> None:
        """A first-instance case: withdrawn (裁定), dismissed or won (判决)."""
        props: dict = {"case_no": number, "judgment_date": on,
                       "doc_kind": "民事裁定书" if outcome == "withdrawn" else "民事判决书"}
        if outcome != "withdrawn":
            props["infringement_found"] = outcome == "won"
        self.nodes.append(Node("Case", number, props, [f"doc-{number}@0-100"]))
        self.edges += [
            Edge("PARTY_TO", plaintiff, NodeRef("Case", number), {"role": "原告"}, [f"doc-{number}@5-9"]),
            Edge("PARTY_TO", defendant, NodeRef("Case", number), {"role": "被告"}, [f"doc-{number}@9-19"])]

    def write(self, store) -> None:
        store.write(self.nodes, self.edges)


RANDOM_WORDS = ("澜韵", "卓尚", "臻品", "昊泽", "景翔", "腾跃", "佰合", "千秋", "永顺", "安宁", "光明",
                "春阳", "云帆", "星辰", "博远", "润德")


def base(reg: Register) -> dict[str, NodeRef]:
    """Holders of two well-known marks and one enforced mark, filed long ago."""
    h1 = reg.company("H1", "苏州恒达服饰股份有限公司", "服装、服饰的生产与销售")
    h2 = reg.company("H2", "无锡鑫泰电器股份有限公司", "家用电器的制造与销售")
    h3 = reg.company("H3", "南京华丰食品有限公司", "食品的生产与销售")
    marks = {
        "恒达": reg.mark(h1, "1000001", "恒达", 25, "2008-03-01", "2009-03-01", famous=True),
        "鑫泰": reg.mark(h2, "1000002", "鑫泰", 9, "2007-05-01", "2008-05-01", famous=True),
        "华丰": reg.mark(h3, "1000003", "华丰", 30, "2009-01-01", "2010-01-01"),
    }
    reg.enforced(marks["华丰"], "2016-05-01")
    return {"H1": h1, "H2": h2, "H3": h3, **marks}


def bad_filer(reg: Register, uscc: str, name: str, numbers: int, agency: NodeRef | None = None,
              buyer: NodeRef | None = None, opponent: NodeRef | None = None) -> tuple[NodeRef, list[NodeRef]]:
    """Five near-copies and eleven other words, filed in 2020 across classes, three sold soon."""
    filer = reg.company(uscc, name, "企业管理咨询、商务信息咨询")
    copies = [("恆達", 9), ("衡达", 3), ("新鑫泰", 25), ("鑫泰之星", 12), ("华峰", 30)]
    classes = (3, 6, 7, 9, 11, 12, 16, 18, 20, 24, 28)
    words = copies + [(w, classes[i]) for i, w in enumerate(RANDOM_WORDS[:11])]
    refs = []
    for i, (text, nice) in enumerate(words):
        filed = f"2020-{1 + i % 12:02d}-{10 + i:02d}"
        refs.append(reg.mark(filer, str(numbers + i), text, nice, filed, f"2021-{1 + i % 12:02d}-15",
                             agency=agency))
    if buyer is not None:
        for ref, month in zip(refs[:3], (3, 4, 5), strict=True):
            reg.assign(ref, buyer, f"2021-{month:02d}-20")
    if opponent is not None:
        reg.challenge(opponent, refs[1], "2020-06-01", "成立")
    return filer, refs
