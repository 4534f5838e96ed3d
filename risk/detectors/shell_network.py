"""Shell networks (换壳经营): companies tied together by the people who control them.

Two companies are linked when one person controls both (legal representative, or a shareholder
at or above the policy stake). A shared address and phone are not a link on their own — the
companies registered through one agent's office share both — but when linked companies also
share them, that is named as further evidence. The network is the connected component of those
links (deterministic: components and members are sorted), and each member gets a finding naming
the links that tie it in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import combinations

import networkx as nx

from graph.records import Edge, NodeRef
from graph.snapshot import read_plan
from graph.store import GraphStore
from risk.changes import reads_of
from risk.finding import Evidence, Finding
from risk.localgraph import CONTROL, Neighbourhood, qualifies
from risk.policy import Policy

_RELS = ("LEGAL_REP_OF", "SHAREHOLDER_OF", "LOCATED_AT", "HAS_PHONE")


def _shared(edges: Iterable[Edge], rel: str) -> dict[NodeRef, set[NodeRef]]:
    """For each address/phone node, the companies pointing at it."""
    users: dict[NodeRef, set[NodeRef]] = defaultdict(set)
    for edge in edges:
        if edge.type == rel and edge.start.label == "Company":
            users[edge.end].add(edge.start)
    return users


class ShellNetwork:
    name = "shell_network.v1"
    kind = "shell_network"
    # links, addresses and phones, the companies (founding date, names, sources) and the captions
    # of the people, addresses and phones named as evidence: a load that touches none of these (a
    # day of penalty decisions) cannot change a network
    reads = reads_of({rel: ("Company",) for rel in _RELS},
                     {"Company": None, "Person": ("name",), "Address": ("name", "text", "number"),
                      "Phone": ("name", "text", "number")})
    # what a full run reads (its ``ReadCache`` keeps only this)
    plan = read_plan({"Company": ("founded", "name"), "Person": ("name",),
                      "Address": ("name", "text", "number"), "Phone": ("name", "text", "number")},
                     {"LEGAL_REP_OF": ("stake",), "SHAREHOLDER_OF": ("stake",), "LOCATED_AT": (),
                      "HAS_PHONE": ()}, sources=("Company",))

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        # the edges themselves, not a networkx projection of them: at a million companies a
        # multigraph of every control, address and phone edge would double the run's memory
        return self.findings(list(store.edges(_RELS)), policy, as_of, store)

    def affected(self, store: GraphStore, changed: set[NodeRef], policy: Policy) -> set[NodeRef]:
        """Every member of a network a changed node touches: the companies it is, controls (any
        stake, so a link that was lost is followed too) or shares an address or phone with, and
        the whole linked component of each."""
        hood = Neighbourhood(store)
        hood.prefetch(ref for ref in changed if ref.label in ("Person", "Address", "Phone"))
        touched: set[NodeRef] = set()
        for ref in changed:
            if ref.label == "Company":
                touched.add(ref)
            elif ref.label == "Person":
                touched.update(c for c in hood.out(ref, CONTROL, keep=False) if c.label == "Company")
            elif ref.label in ("Address", "Phone"):
                touched.update(c for c in hood.into(ref, ("LOCATED_AT", "HAS_PHONE"), keep=False)
                               if c.label == "Company")
        min_stake = float(policy.value("repeat_infringement.controller_min_stake"))
        return _components(hood, touched, min_stake)

    def run_local(self, store: GraphStore, policy: Policy, as_of: date,
                  entities: set[NodeRef]) -> list[Finding]:
        """Findings of whole networks (``entities`` must be closed under links, as ``affected``
        returns them): each company's controllers, addresses and phones are all it takes."""
        hood = Neighbourhood(store)
        hood.anchors |= entities
        hood.prefetch(entities)
        for company in sorted(entities):
            hood.into(company, CONTROL)
            hood.out(company, ("LOCATED_AT", "HAS_PHONE"))
        edges = [hood.kept[key] for key in sorted(hood.kept)]
        return [f for f in self.findings(edges, policy, as_of, store) if f.entity in entities]

    def findings(self, edges: list[Edge], policy: Policy, as_of: date,
                 store: GraphStore) -> list[Finding]:
        """The findings of every network the control, address and phone ``edges`` make (the
        order of the edges does not matter: links, members and evidence are sorted)."""
        min_stake = float(policy.value("repeat_infringement.controller_min_stake"))
        links: nx.Graph = nx.Graph()
        controlled: dict[NodeRef, set[NodeRef]] = defaultdict(set)
        for edge in edges:
            if qualifies(edge, min_stake):
                controlled[edge.start].add(edge.end)
        for person, companies in sorted(controlled.items()):
            for a, b in combinations(sorted(companies), 2):
                links.add_edge(a, b)
                links[a][b].setdefault("via", []).append((person, "共同控制人"))
        addresses, phones = _shared(edges, "LOCATED_AT"), _shared(edges, "HAS_PHONE")
        address_of: dict[NodeRef, set[NodeRef]] = defaultdict(set)
        for address, companies in addresses.items():
            for company in companies:
                address_of[company].add(address)
        for phone, companies in sorted(phones.items()):
            for a, b in combinations(sorted(companies), 2):
                if links.has_edge(a, b):  # supporting evidence, never a link by itself
                    via = links[a][b]["via"]
                    via.append((phone, "共用电话"))
                    via += [(address, "共用地址") for address in sorted(address_of[a] & address_of[b])]
        # As of a date, a company founded later is not yet part of any network.
        linked = store.get_many(links.nodes)  # one batch: the companies of some network
        unborn = [c for c in links.nodes
                  if c in linked and str(linked[c].props.get("founded") or "") > as_of.isoformat()]
        links.remove_nodes_from(unborn)
        minimum = int(policy.value("shell_network.min_companies"))
        entry = policy.entry("shell_network.link_rule")
        findings = []
        for component in sorted((sorted(c) for c in nx.connected_components(links)), key=str):
            if len(component) < minimum:
                continue
            for member in component:
                findings.append(self._finding(member, component, links, store, entry, policy))
        return findings

    def _finding(self, member: NodeRef, component: list[NodeRef], links: nx.Graph,
                 store: GraphStore, entry, policy: Policy) -> Finding:
        evidence: list[Evidence] = []
        documents: set[str] = set()
        for other in sorted(links.neighbors(member)):
            for ref, why in links[member][other]["via"]:
                node = store.get(ref)
                caption = (node.props.get("name") or node.props.get("text")
                           or node.props.get("number") or ref.id) if node else ref.id
                evidence.append(Evidence(ref, f"{why}：{caption}"))
            evidence.append(Evidence(other, "同一网络中的关联企业"))
        for ref in component:
            node = store.get(ref)
            if node:
                documents |= {s.split("@", 1)[0] for s in node.sources}
        names = []
        for ref in component:
            node = store.get(ref)
            names.append(str(node.props.get("name", ref.id)) if node else ref.id)
        size = len(component)
        return Finding(
            kind=self.kind, detector=self.name, entity=member,
            score=min(1.0, 0.4 + 0.1 * (size - 2) + 0.05 * len(evidence)),
            summary=f"与{size - 1}家企业构成关联网络（{'、'.join(names)}）",
            basis=entry.basis, policy_entry=entry.cite(policy.version), evidence=evidence,
            documents=sorted(documents), facts={"network_size": size},
        )


def _components(hood: Neighbourhood, start: set[NodeRef], min_stake: float) -> set[NodeRef]:
    """The companies linked to ``start`` through controllers, transitively (before the as-of
    filter, so a network a later founding date splits is still re-scored whole); level by level,
    each level's companies and then their controllers read in one batch."""
    seen = set(start)
    frontier = sorted(start)
    while frontier:
        hood.prefetch(frontier)
        controllers = [edge.start for company in frontier for kind in CONTROL
                       for edge in hood.reads.incoming(company, kind) if qualifies(edge, min_stake)]
        hood.prefetch(controllers)
        frontier = []
        for person in controllers:
            for edge in (e for kind in CONTROL for e in hood.reads.outgoing(person, kind)):
                if qualifies(edge, min_stake) and edge.end not in seen:
                    seen.add(edge.end)
                    frontier.append(edge.end)
    return seen
