"""Malicious trademark litigation (恶意诉讼, 商标法 art 68(4)): a plaintiff suing many small
defendants (individual shops, 个体工商户) in a short time on marks that are themselves copies of
others' marks, with most suits withdrawn (撤诉) or dismissed (驳回).

Suing many is not malicious in itself — right holders do it and win; withdrawals are often
settlements. The finding needs all three: the volume of suits against small defendants in the
policy window, a failure rate (withdrawn + dismissed) at or above the policy's, and marks held by
the plaintiff that copy others' known marks (``bad_faith_trademark``). An appeal counts with its
first instance as one suit, decided by the appeal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import networkx as nx

from graph.projection import documents_of, project
from graph.records import NodeRef
from graph.snapshot import read_plan
from graph.store import GraphStore
from risk.changes import reads_of
from risk.detectors.bad_faith_trademark import CopyOf, assess_one, copies_of, flagged, known_index
from risk.detectors.trademark_filings import REGISTER_PLAN, REGISTER_READS, Mark, day, load
from risk.finding import Evidence, Finding
from risk.policy import Policy

OUTCOME_WORDS = {"withdrawn": "撤诉", "dismissed": "驳回诉讼请求", "won": "胜诉", "unknown": "结果不明"}


@dataclass(frozen=True)
class Suit:
    case: NodeRef  # the latest decision of the dispute
    on: date
    outcome: str  # withdrawn | dismissed | won | unknown
    defendants: tuple[NodeRef, ...]
    documents: tuple[str, ...]


def _v(policy: Policy, key: str):
    return policy.value(f"malicious_litigation.{key}")


def outcome(props: dict) -> str:
    found = props.get("infringement_found")
    if found is True:
        return "won"
    if found is False:
        return "dismissed"
    if "裁定" in str(props.get("doc_kind") or ""):
        return "withdrawn"
    return "unknown"


def _side(data: dict, roles: list[str], qualifiers: list[str]) -> bool:
    props = data["props"]
    qualifier = str(props.get("qualifier") or "")
    if qualifier:
        return any(q in qualifier for q in qualifiers)
    return str(props.get("role") or "") in roles


def suits_by_plaintiff(graph: nx.MultiDiGraph, policy: Policy, as_of: date) -> dict[NodeRef, list[Suit]]:
    """Each plaintiff's disputes known by ``as_of``, an appeal merged into its first instance."""
    appealed = {start: end for start, end, d in graph.edges(data=True) if d["type"] == "APPEALED_IN"}
    plaintiffs: dict[NodeRef, set[NodeRef]] = defaultdict(set)
    defendants: dict[NodeRef, set[NodeRef]] = defaultdict(set)
    for party, case, data in graph.edges(data=True):
        if data["type"] != "PARTY_TO" or case.label != "Case":
            continue
        if _side(data, _v(policy, "plaintiff_roles"), _v(policy, "plaintiff_qualifiers")):
            plaintiffs[case].add(party)
        elif _side(data, _v(policy, "defendant_roles"), _v(policy, "defendant_qualifiers")):
            defendants[case].add(party)
    reviewed = {appeal: first for first, appeal in appealed.items()}
    disputes: dict[NodeRef, list[NodeRef]] = defaultdict(list)
    for case in plaintiffs:
        root, seen = case, {case}
        while root in reviewed and reviewed[root] not in seen:  # back to the first instance
            root = reviewed[root]
            seen.add(root)
        disputes[root].append(case)
    out: dict[NodeRef, list[Suit]] = defaultdict(list)
    for cases in disputes.values():
        dated = [(day(graph.nodes[c]["props"].get("judgment_date")), c) for c in cases]
        dated = [(on, c) for on, c in dated if on is not None and on <= as_of]
        if not dated:
            continue
        on, last = max(dated)
        who = set().union(*(plaintiffs[c] for _, c in dated))
        against = tuple(sorted(set().union(*(defendants[c] for _, c in dated))))
        documents = tuple(sorted({d for _, c in dated for d in documents_of(graph.nodes[c]["sources"])}))
        for plaintiff in who:
            out[plaintiff].append(Suit(last, on, outcome(graph.nodes[last]["props"]), against, documents))
    return out


def is_small(props: dict, policy: Policy) -> bool:
    """An individual business (个体工商户) by its register entry, else by how its name ends."""
    if str(props.get("legal_form") or "") in _v(policy, "small_legal_forms"):
        return True
    name = str(props.get("name") or "")
    return any(name.endswith(s) for s in _v(policy, "small_name_endings"))


def _busiest(suits: list[Suit], days: int) -> list[Suit]:
    ordered = sorted(suits, key=lambda s: (s.on, s.case))
    best: list[Suit] = []
    lo = 0
    for hi, suit in enumerate(ordered):
        while (suit.on - ordered[lo].on).days > days:
            lo += 1
        if hi + 1 - lo > len(best):
            best = ordered[lo:hi + 1]
    return best


class MaliciousLitigation:
    name = "malicious_litigation.v1"
    kind = "malicious_litigation"
    # the suits (cases, their parties, whether a defendant is small) and the trademark register
    reads = REGISTER_READS | reads_of({"PARTY_TO": ("Case",), "APPEALED_IN": ("Case",)},
                                      {"Case": None, "Company": ("name", "legal_form"),
                                       "Person": ("name", "legal_form")})
    plan = REGISTER_PLAN | read_plan(
        {"Case": ("infringement_found", "doc_kind", "judgment_date"), "Penalty": (),
         "Company": ("name", "legal_form"), "Person": ("name", "legal_form")},
        {"PARTY_TO": ("role", "qualifier"), "APPEALED_IN": ()}, sources=("Case",))

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        graph = project(store, ("PARTY_TO", "APPEALED_IN"))
        by_plaintiff = suits_by_plaintiff(graph, policy, as_of)
        min_suits = int(_v(policy, "min_suits"))
        candidates = {p: s for p, s in by_plaintiff.items() if len(s) >= min_suits}
        if not candidates:
            return []
        register = load(store, as_of)
        index = known_index(register)
        owned: dict[NodeRef, list[Mark]] = defaultdict(list)
        for mark in register.marks.values():
            for owner in mark.owners:
                owned[owner].append(mark)
        findings = []
        for plaintiff, suits in sorted(candidates.items()):
            window = _busiest(suits, int(_v(policy, "window_days")))
            small = [s for s in window
                     if s.defendants and all(is_small(graph.nodes[d]["props"], policy) for d in s.defendants)]
            failed = [s for s in window if s.outcome in ("withdrawn", "dismissed")]
            if (len(window) < min_suits or len(small) / len(window) < float(_v(policy, "min_small_share"))
                    or len(failed) / len(window) < float(_v(policy, "min_failure_rate"))):
                continue
            applied = register.by_applicant.get(plaintiff, [])
            held = [m for m in owned.get(plaintiff, []) if m not in applied]
            copies = [c for c in copies_of(register, index, plaintiff, applied + held)
                      if plaintiff in c.mark.owners]  # marks it still holds and could sue on
            if len(copies) < int(_v(policy, "min_copied_marks")):
                continue
            bad_filer = flagged(assess_one(register, policy, plaintiff, index), policy)
            findings.append(self._finding(plaintiff, window, small, failed, copies, bad_filer, policy))
        return findings

    def _finding(self, plaintiff: NodeRef, window: list[Suit], small: list[Suit], failed: list[Suit],
                 copies: list[CopyOf], bad_filer: bool, policy: Policy) -> Finding:
        entry = policy.entry("malicious_litigation.min_failure_rate")
        rate = len(failed) / len(window)
        evidence = [Evidence(c.mark.ref, f"据以起诉的商标「{c.mark.text}」摹仿他人商标「{c.original.text}」")
                    for c in copies]
        evidence += [Evidence(c.original.ref, "被摹仿的在先商标") for c in copies]
        for suit in window:
            evidence.append(Evidence(suit.case, f"{suit.on} {OUTCOME_WORDS[suit.outcome]}"))
            evidence += [Evidence(d, "被诉的小微经营者") for d in suit.defendants if suit in small]
        counts = {k: sum(1 for s in window if s.outcome == k) for k in OUTCOME_WORDS}
        summary = (f"{window[0].on}至{window[-1].on}起诉{len(window)}件，其中{len(small)}件针对个体工商户等"
                   f"小微经营者；撤诉{counts['withdrawn']}件、被驳回{counts['dismissed']}件"
                   f"（{rate:.0%}）；据以起诉的{len(copies)}件商标摹仿他人商标"
                   + ("；本主体另被认定恶意注册商标" if bad_filer else ""))
        return Finding(
            kind=self.kind, detector=self.name, entity=plaintiff,
            score=min(1.0, 0.4 + rate / 2 + 0.02 * (len(window) - int(_v(policy, "min_suits")))),
            summary=summary, basis=entry.basis, policy_entry=entry.cite(policy.version),
            evidence=evidence,
            documents=sorted({d for s in window for d in s.documents}
                             | {d for c in copies for d in c.mark.documents}),
            facts={"suits": len(window), "small_defendants": len(small), "failure_rate": round(rate, 4),
                   **{k: v for k, v in counts.items()}, "copied_marks": len(copies),
                   "bad_faith_filer": bad_filer},
        )
