"""``LocalReads``: a walk reads a whole frontier in one batch, only the types it follows, and sees
the same edges as node-by-node reads of every type, on both stores."""

from __future__ import annotations

from graph.records import Edge, Node, NodeRef
from graph.snapshot import ReadCache
from risk.localgraph import CONTROL, WALKED, LocalReads, Neighbourhood, siblings, siblings_of_all


class Counted(ReadCache):
    """The store's reads passed through, each call counted."""

    def __init__(self, store):
        super().__init__(store)
        self.calls: dict[str, int] = {}

    def _count(self, name: str) -> None:
        self.calls[name] = self.calls.get(name, 0) + 1

    def get(self, ref):
        self._count("get")
        return self.store.get(ref)

    def get_many(self, refs):
        self._count("get_many")
        return self.store.get_many(refs)

    def incident(self, ref):
        self._count("incident")
        return self.store.incident(ref)

    def incident_many(self, refs, types=None):
        self._count("incident_many")
        return self.store.incident_many(refs, types)


def holding(store, groups: int = 30) -> list[NodeRef]:
    """``groups`` pairs of companies, each pair sharing a legal representative; every company also
    has an address and a filing (a type no walk follows)."""
    nodes, edges, companies = [], [], []
    for i in range(groups):
        person = Node("Person", f"person:p{i}", {"name": f"人{i}"}, ["d@1"])
        nodes.append(person)
        for j in range(2):
            company = Node("Company", f"C{i}-{j}", {"name": f"公司{i}-{j}"}, ["d@1"])
            mark = Node("Trademark", f"TM{i}-{j}", {"mark": f"标{i}{j}"}, ["d@1"])
            address = Node("Address", f"addr:{i}", {"text": f"路{i}号"}, ["d@1"])
            nodes += [company, mark, address]
            edges += [Edge("LEGAL_REP_OF", person.ref, company.ref, {}, ["d@1"]),
                      Edge("APPLIED_FOR", company.ref, mark.ref, {}, ["d@1"]),
                      Edge("LOCATED_AT", company.ref, address.ref, {}, ["d@1"])]
            companies.append(company.ref)
    store.write(nodes, edges)
    return companies


def test_a_walk_reads_each_frontier_in_one_batch_and_finds_what_single_reads_find(store):
    companies = holding(store)
    counted = Counted(store)
    hood = Neighbourhood(LocalReads(counted, WALKED))
    found = siblings_of_all(hood, companies)
    assert counted.calls == {"incident_many": 2}  # the companies, then their controllers
    one_by_one = Neighbourhood(LocalReads(store))
    expected = set().union(*(siblings(one_by_one, c) for c in companies))
    assert found == expected == set(companies)  # each company is the other's sibling in its pair
    assert set(hood.kept) == set(one_by_one.kept)
    hood.graph()
    assert counted.calls == {"incident_many": 2, "get_many": 1}  # the projection's nodes at once


def test_walked_reads_leave_other_types_out_and_incident_still_gives_every_edge(store):
    companies = holding(store, groups=2)
    reads = LocalReads(store, WALKED)
    reads.prefetch(companies)
    first = companies[0]
    assert [e.type for e in reads.incoming(first, "LEGAL_REP_OF")] == ["LEGAL_REP_OF"]
    assert [e.end for e in reads.outgoing(first, "LOCATED_AT")] == [NodeRef("Address", "addr:0")]
    # a type no walk follows: read then, with every other edge of the node
    assert [e.end for e in reads.outgoing(first, "APPLIED_FOR")] == [NodeRef("Trademark", "TM0-0")]
    assert sorted(e.type for e in reads.incident(companies[1])) == ["APPLIED_FOR", "LEGAL_REP_OF",
                                                                   "LOCATED_AT"]
    every = LocalReads(store)
    for company in companies:
        for kind in (*CONTROL, "LOCATED_AT", "APPLIED_FOR"):
            assert reads.outgoing(company, kind) == every.outgoing(company, kind)
            assert reads.incoming(company, kind) == every.incoming(company, kind)
