"""Repeat infringement (重复侵权): two or more established infringements within five years.

An infringement is established by a judgment that found it or by an IP penalty decision. The
count looks through shells: companies controlled by the same person (legal representative, or a
shareholder above the policy's stake) share their history, so a new company set up by the same
people inherits it. An infringement dated after an earlier decision against the same group marks
the repetition as intentional (法释〔2021〕4号), the ground for punitive damages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from graph.projection import documents_of, project
from graph.records import NodeRef
from graph.snapshot import read_plan
from graph.store import GraphStore
from risk.finding import Evidence, Finding
from risk.localgraph import CONTROL, Neighbourhood, own_infringements, parties_of_all, siblings_of_all
from risk.policy import Policy

_RELS = ("COMMITTED", "FOUND_IN", "PENALIZED_IN", "INFRINGES", "LEGAL_REP_OF", "SHAREHOLDER_OF")


@dataclass(frozen=True)
class Established:
    """One infringement with the decision that established it."""

    infringement: NodeRef
    party: NodeRef
    decided_in: NodeRef
    on: date
    documents: tuple[str, ...]
    rights: tuple[NodeRef, ...]


def _parse_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def window_start(policy: Policy, as_of: date) -> date:
    """The exclusive start of the policy's look-back window ending at ``as_of``."""
    years = int(policy.value("repeat_infringement.window_years"))
    return as_of - timedelta(days=round(365.25 * years))


def established_on(props: dict) -> date | None:
    """When an infringement counts: the date it became effective; None if reversed or undated."""
    if props.get("reversed"):
        return None
    return _parse_date(props.get("effective_date") or props.get("date"))


def established_infringements(graph: nx.MultiDiGraph, as_of: date) -> list[Established]:
    """Every dated infringement on or before ``as_of``, with its decision and documents."""
    found = []
    for party, inf, data in graph.edges(data=True):
        if data["type"] != "COMMITTED":
            continue
        on = established_on(graph.nodes[inf]["props"])
        if on is None or on > as_of:
            continue
        decided = sorted(t for _, t, d in graph.out_edges(inf, data=True)
                         if d["type"] in ("FOUND_IN", "PENALIZED_IN"))
        rights = tuple(t for _, t, d in graph.out_edges(inf, data=True) if d["type"] == "INFRINGES")
        sources = list(graph.nodes[inf]["sources"])
        for where in decided:
            sources += graph.nodes[where]["sources"]
        if decided:
            found.append(Established(inf, party, decided[0], on, tuple(documents_of(sources)),
                                     rights))
    return found


def control_groups(graph: nx.MultiDiGraph, min_stake: float) -> dict[NodeRef, tuple[NodeRef, ...]]:
    """For each company, the persons who control it (legal rep or stake ≥ ``min_stake``)."""
    controllers: dict[NodeRef, set[NodeRef]] = {}
    for person, company, data in graph.edges(data=True):
        if person.label != "Person" or company.label != "Company":
            continue
        stake = data["props"].get("stake")
        if data["type"] == "LEGAL_REP_OF" or (
            data["type"] == "SHAREHOLDER_OF" and stake is not None and float(stake) >= min_stake
        ):
            controllers.setdefault(company, set()).add(person)
    return {company: tuple(sorted(people)) for company, people in controllers.items()}


class RepeatInfringement:
    name = "repeat_infringement.v1"
    kind = "repeat_infringement"
    # what a full run reads (its ``ReadCache`` keeps only this)
    plan = read_plan(
        {"Infringement": ("reversed", "effective_date", "date"), "Case": (), "Penalty": (),
         "Company": (), "Person": ("name",), "Trademark": (), "Patent": ()},
        {rel: ("stake",) if rel in ("LEGAL_REP_OF", "SHAREHOLDER_OF") else () for rel in _RELS},
        sources=("Infringement", "Case", "Penalty"))

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        return self.findings(project(store, _RELS), policy, as_of, store)

    def affected(self, store: GraphStore, changed: set[NodeRef], policy: Policy) -> set[NodeRef]:
        """Entities whose finding may differ after ``changed`` nodes changed: the parties touched
        (directly, or through an infringement or its decision) and every company sharing a
        controller with one of them (any stake: a stake that changed may have crossed the line)."""
        return repeat_affected(Neighbourhood(store), changed)

    def run_local(self, store: GraphStore, policy: Policy, as_of: date,
                  entities: set[NodeRef]) -> list[Finding]:
        """The findings of ``entities`` only, from their neighbourhood: the same as a full run."""
        # the finding reads infringements and decisions; of the parties and rights, only edges
        graph = repeat_context(Neighbourhood(store), entities, ("Company", "Person", "Trademark", "Patent"))
        return [f for f in self.findings(graph, policy, as_of, store, entities) if f.entity in entities]

    def findings(self, graph: nx.MultiDiGraph, policy: Policy, as_of: date, store: GraphStore,
                 only: set[NodeRef] | None = None) -> list[Finding]:
        min_count = int(policy.value("repeat_infringement.min_count"))
        look_through = bool(policy.value("repeat_infringement.look_through_shells"))
        min_stake = float(policy.value("repeat_infringement.controller_min_stake"))

        earliest = window_start(policy, as_of)
        recent = [e for e in established_infringements(graph, as_of) if e.on > earliest]
        by_party: dict[NodeRef, list[Established]] = {}
        for item in sorted(recent, key=lambda e: (e.on, e.infringement)):
            by_party.setdefault(item.party, []).append(item)
        controllers = control_groups(graph, min_stake) if look_through else {}
        controlled_by: dict[NodeRef, set[NodeRef]] = {}
        for company, people in controllers.items():
            for person in people:
                controlled_by.setdefault(person, set()).add(company)

        findings = []
        for party, own in sorted(by_party.items()):
            if only is not None and party not in only:
                continue
            linked: list[tuple[Established, NodeRef]] = []
            for person in controllers.get(party, ()):
                for sibling in sorted(controlled_by[person] - {party}):
                    linked += [(item, person) for item in by_party.get(sibling, [])]
            history = sorted({item for item in own} | {item for item, _ in linked},
                             key=lambda e: (e.on, e.infringement))
            if len(history) < min_count:
                continue
            findings.append(self._finding(party, own, linked, history, policy, store))
        return findings

    def _finding(self, party: NodeRef, own: list[Established],
                 linked: list[tuple[Established, NodeRef]], history: list[Established],
                 policy: Policy, store: GraphStore) -> Finding:
        intentional = history[-1].on > history[0].on  # repeated after a dated decision
        extra = len(history) - int(policy.value("repeat_infringement.min_count"))
        score = min(1.0, 0.6 + extra * float(policy.value("repeat_infringement.score_per_extra"))
                    + (0.15 if intentional else 0.0))
        evidence = [Evidence(item.infringement, f"{item.on} 经 {item.decided_in.id} 认定侵权")
                    for item in history]
        evidence += [Evidence(item.decided_in, f"认定侵权的{_kind(item.decided_in)}") for item in history]
        via = sorted({person for _, person in linked})
        for person in via:
            node = store.get(person)
            name = node.props.get("name", person.id) if node else person.id
            evidence.append(Evidence(person, f"{name} 同时控制本主体与关联公司（穿透换壳）"))
        for item, _ in linked:
            evidence.append(Evidence(item.party, "同一控制人控制的关联公司，其侵权计入"))
        dates = "、".join(f"{e.on}（{e.decided_in.id}）" for e in history)
        summary = (f"五年内{len(history)}次被认定侵权：{dates}"
                   + (f"；其中{len(history) - len(own)}次经同一控制人控制的关联公司" if linked else "")
                   + ("；在先前判决或处罚后再次侵权，推定故意" if intentional else ""))
        entry = policy.entry("repeat_infringement.window_years")
        documents = sorted({doc for item in history for doc in item.documents})
        return Finding(
            kind=self.kind, detector=self.name, entity=party, score=score, summary=summary,
            basis=entry.basis, policy_entry=entry.cite(policy.version), evidence=evidence,
            documents=documents,
            facts={"count": len(history), "own_count": len(own), "intentional": intentional,
                   "via_shells": len(history) - len(own)},
        )


def repeat_affected(hood: Neighbourhood, changed: set[NodeRef]) -> set[NodeRef]:
    """Parties touched by ``changed`` and the companies sharing a controller with them."""
    hood.prefetch(changed)
    seeds: set[NodeRef] = set()
    for ref in changed:
        if ref.label == "Company":
            seeds.add(ref)
        elif ref.label == "Person":
            seeds.add(ref)
            seeds.update(c for c in hood.out(ref, CONTROL, keep=False) if c.label == "Company")
    seeds |= parties_of_all(hood, (ref for ref in changed if ref.label not in ("Company", "Person")))
    return seeds | siblings_of_all(hood, (ref for ref in seeds if ref.label == "Company"), keep=False)


def repeat_context(hood: Neighbourhood, entities: set[NodeRef],
                   bare: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """The entities' own and their controllers' other companies' infringements and decisions
    (nodes of ``bare`` labels without their properties, see ``Neighbourhood.graph``)."""
    hood.anchors |= entities
    parties = set(entities) | siblings_of_all(hood, (ref for ref in entities if ref.label == "Company"))
    own_infringements(hood, parties, ("FOUND_IN", "PENALIZED_IN", "INFRINGES"))
    return hood.graph(bare)


def _kind(ref: NodeRef) -> str:
    return "判决" if ref.label == "Case" else "行政处罚决定"
