"""Intentional infringement (故意侵权): a court found the circumstances that show intent.

法释〔2021〕4号 lets a court presume intent (art. 3: continuing after a notice or warning, the
defendant's people having run or worked for the right holder, a distribution, licence or agency
relationship, counterfeit marks) and find serious circumstances (art. 4: repeating after a
decision, infringement as a business, destroyed evidence, a defied preservation order, a huge
profit). The extraction reads the indicators the court itself states (``intent_indicators`` on
the Infringement); a claim the court rejected is never one. One finding per infringing party
with an established infringement in the policy's window that carries at least one indicator,
naming each indicator, the article it rests on and the decision that states it. A finding
depends only on the party's own infringements, so an incremental run recomputes it for the
parties a load touched.
"""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx

from graph.projection import project
from graph.records import NodeRef
from graph.snapshot import read_plan
from graph.store import GraphStore
from risk.detectors.repeat_infringement import Established, established_infringements
from risk.finding import Evidence, Finding
from risk.localgraph import Neighbourhood, infringement_context, parties_of_all
from risk.policy import Policy

_RELS = ("COMMITTED", "FOUND_IN", "PENALIZED_IN", "INFRINGES")
INDICATORS = "intentional_infringement.indicators"


class IntentionalInfringement:
    name = "intentional_infringement.v1"
    kind = "intentional_infringement"
    # what a full run reads (its ``ReadCache`` keeps only this)
    plan = read_plan(
        {"Infringement": ("reversed", "effective_date", "date", "intent_indicators"), "Case": (),
         "Penalty": (), "Company": (), "Person": (), "Trademark": (), "Patent": ()},
        {rel: () for rel in _RELS}, sources=("Infringement", "Case", "Penalty"))

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        return self.findings(project(store, _RELS), policy, as_of)

    def affected(self, store: GraphStore, changed: set[NodeRef], policy: Policy) -> set[NodeRef]:
        """The parties whose finding may differ: a changed company or person (an infringement of
        theirs may be new), and the parties of a changed infringement, judgment or penalty."""
        parties = {ref for ref in changed if ref.label in ("Company", "Person")}
        return parties | parties_of_all(Neighbourhood(store), (ref for ref in changed if ref not in parties))

    def run_local(self, store: GraphStore, policy: Policy, as_of: date,
                  entities: set[NodeRef]) -> list[Finding]:
        """The findings of ``entities`` from their own infringements and decisions alone."""
        graph = infringement_context(Neighbourhood(store), entities)
        return [f for f in self.findings(graph, policy, as_of) if f.entity in entities]

    def findings(self, graph: nx.MultiDiGraph, policy: Policy, as_of: date) -> list[Finding]:
        known: dict[str, dict] = policy.value(INDICATORS)
        years = int(policy.value("intentional_infringement.window_years"))
        earliest = as_of - timedelta(days=round(365.25 * years))
        by_party: dict[NodeRef, list[tuple[Established, list[str]]]] = {}
        for item in established_infringements(graph, as_of):
            codes = [c for c in graph.nodes[item.infringement]["props"].get("intent_indicators") or []
                     if c in known]
            if codes and item.on > earliest:
                by_party.setdefault(item.party, []).append((item, sorted(codes)))
        return [self._finding(party, found, known, policy)
                for party, found in sorted(by_party.items())]

    def _finding(self, party: NodeRef, found: list[tuple[Established, list[str]]],
                 known: dict[str, dict], policy: Policy) -> Finding:
        found = sorted(found, key=lambda pair: (pair[0].on, pair[0].infringement))
        codes = sorted({code for _, cs in found for code in cs})
        evidence: list[Evidence] = []
        for item, cs in found:
            stated = "；".join(f"{known[c]['text']}（{known[c]['article']}）" for c in cs)
            evidence.append(Evidence(item.infringement, f"{item.on} {item.decided_in.id} 认定：{stated}"))
            evidence.append(Evidence(item.decided_in, "认定故意侵权情形的裁判文书"))
        step = float(policy.value("intentional_infringement.score_per_indicator"))
        serious = any(known[c].get("serious") for c in codes)
        score = min(1.0, 0.6 + step * (len(codes) - 1) + (0.1 if serious else 0.0))
        summary = "法院认定故意侵权情形：" + "；".join(
            f"{known[c]['text']}（{known[c]['article']}）" for c in codes) + "。见 " + "、".join(
            dict.fromkeys(item.decided_in.id for item, _ in found))
        entry = policy.entry(INDICATORS)
        return Finding(
            kind=self.kind, detector=self.name, entity=party, score=score, summary=summary,
            basis=entry.basis, policy_entry=entry.cite(policy.version), evidence=evidence,
            documents=sorted({doc for item, _ in found for doc in item.documents}),
            facts={"indicators": codes, "serious": serious,
                   "articles": sorted({known[c]["article"] for c in codes}),
                   "decisions": len(found)},
        )
