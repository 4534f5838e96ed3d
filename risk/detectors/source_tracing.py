"""Source tracing (生产源头追溯): the supplier named by a seller found to infringe.

A penalty or judgment against a seller that records where the goods came from (货源, 进货自…)
yields a SUPPLIED_BY edge at ingest. The supplier gets a finding pointing back to every seller,
the decision against it and the statement's document, so investigators can follow goods upstream.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import networkx as nx

from graph.projection import documents_of, project
from graph.records import NodeRef
from graph.snapshot import read_plan
from graph.store import GraphStore
from risk.detectors.repeat_infringement import established_on
from risk.finding import Evidence, Finding
from risk.localgraph import Neighbourhood, own_infringements, parties_of_all
from risk.policy import Policy

_RELS = ("SUPPLIED_BY", "COMMITTED", "FOUND_IN", "PENALIZED_IN")


class SourceTracing:
    name = "source_tracing.v1"
    kind = "source_tracing"
    # what a full run reads (its ``ReadCache`` keeps only this)
    plan = read_plan(
        {"Infringement": ("reversed", "effective_date", "date"), "Case": (), "Penalty": (),
         "Company": (), "Person": ()},
        {rel: ("date",) for rel in _RELS}, sources=("Case", "Penalty", "SUPPLIED_BY"))

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        return self.findings(project(store, _RELS), policy, as_of)

    def affected(self, store: GraphStore, changed: set[NodeRef], policy: Policy) -> set[NodeRef]:
        """Suppliers whose finding may differ: a changed entity itself, and the suppliers named by
        a changed seller or by the party of a changed infringement or decision."""
        hood = Neighbourhood(store)
        found = {ref for ref in changed if ref.label in ("Company", "Person")}
        sellers = found | parties_of_all(hood, (ref for ref in changed if ref not in found))
        hood.prefetch(sellers)
        for seller in sellers:
            found.update(hood.out(seller, ("SUPPLIED_BY",), keep=False))
        return found

    def run_local(self, store: GraphStore, policy: Policy, as_of: date,
                  entities: set[NodeRef]) -> list[Finding]:
        """The suppliers' findings from their sellers, the sellers' infringements and decisions."""
        hood = Neighbourhood(store)
        hood.prefetch(entities)
        own_infringements(hood, {seller for supplier in sorted(entities)
                                 for seller in hood.into(supplier, ("SUPPLIED_BY",))})
        return [f for f in self.findings(hood.graph(), policy, as_of) if f.entity in entities]

    def findings(self, graph: nx.MultiDiGraph, policy: Policy, as_of: date) -> list[Finding]:
        sellers_of: dict[NodeRef, list[tuple[NodeRef, list[str]]]] = defaultdict(list)
        for seller, supplier, data in graph.edges(data=True):
            stated = str(data["props"].get("date") or "")
            if data["type"] == "SUPPLIED_BY" and stated <= as_of.isoformat():
                sellers_of[supplier].append((seller, data["sources"]))
        minimum = int(policy.value("source_tracing.min_statements"))
        entry = policy.entry("source_tracing.min_statements")
        findings = []
        for supplier, sellers in sorted(sellers_of.items()):
            evidence, documents, established = [], set(), 0
            for seller, sources in sorted(sellers):
                documents |= set(documents_of(sources))
                evidence.append(Evidence(seller, "陈述其商品从本主体进货的销售者"))
                for _, inf, d in sorted(graph.out_edges(seller, data=True), key=lambda e: e[1]):
                    if d["type"] != "COMMITTED":
                        continue
                    when = established_on(graph.nodes[inf]["props"])
                    if when is None or when > as_of:
                        continue
                    on = when.isoformat()
                    established += 1
                    evidence.append(Evidence(inf, f"销售者于{on}被认定侵权"))
                    for _, where, d2 in sorted(graph.out_edges(inf, data=True), key=lambda e: e[1]):
                        if d2["type"] in ("FOUND_IN", "PENALIZED_IN"):
                            evidence.append(Evidence(where, "认定销售者侵权并记载货源的文书"))
                            documents |= set(documents_of(graph.nodes[where]["sources"]))
            if len(sellers) < minimum or not established:
                continue
            findings.append(Finding(
                kind=self.kind, detector=self.name, entity=supplier,
                score=min(1.0, 0.5 + 0.15 * (len(sellers) - 1)),
                summary=f"{len(sellers)}个被认定侵权的销售者称其商品从本主体进货",
                basis=entry.basis, policy_entry=entry.cite(policy.version), evidence=evidence,
                documents=sorted(documents), facts={"sellers": len(sellers)},
            ))
        return findings
