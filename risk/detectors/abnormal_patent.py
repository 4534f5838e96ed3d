"""Abnormal patent applications (非正常专利申请, CNIPA Order 77 art 3): patent mills.

Five indicators about one applicant, each computed from the patents it applied for in the
look-back window and each explained with its numbers and the patents behind it:

- ``near_duplicates`` (type 1): its filings fall into groups of near-identical texts — MinHash/LSH
  over character n-grams of title + abstract + claims, confirmed on exact Jaccard similarity;
  groups are connected components, so copies filed by other applicants join them;
- ``burst``: many filings in a short window, by the applicant itself or by the agency that filed
  its near-duplicates (counting that agency's near-duplicate filings for anyone);
- ``disproportion``: an individual business or a tiny registered capital filing many a year;
- ``inventor_load``: one person named on many of its filings a year, across unrelated IPC
  subclasses (noted when that person is the applicant's legal representative);
- ``quick_transfer`` (type 7): several filings assigned within a short time of filing.

The score is the sum of the policy's weights of the indicators present; the applicant (a Company)
is flagged when it reaches ``abnormal_patent.min_score``. Near-duplicate pairs inside the groups are
written as ``SIMILAR_TO {score, measure}`` edges between the patents for investigators. A run
owns every SIMILAR_TO edge between patents: it writes the pairs it finds and deletes those an
earlier run wrote that it no longer finds (a stricter policy, a changed text, a filing out of the
window), so the graph holds what the current texts and policy imply and a re-run changes nothing.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from graph.projection import documents_of
from graph.records import Edge, Node, NodeRef
from graph.snapshot import read_plan
from graph.store import GraphStore
from risk.changes import reads_of
from risk.finding import Evidence, Finding
from risk.near_duplicates import groups, near_duplicate_pairs
from risk.policy import Policy

INDICATORS = ("near_duplicates", "burst", "disproportion", "inventor_load", "quick_transfer")
_CAPITAL = re.compile(r"([\d.]+)\s*(亿|万)?")


@dataclass(frozen=True)
class Filing:
    """One patent application as the indicators need it."""

    ref: NodeRef
    filed: date
    text: str
    ipc_subclass: str
    inventors: tuple[str, ...]
    documents: tuple[str, ...]
    agency: NodeRef | None = None
    transferred: tuple[tuple[date, NodeRef], ...] = ()


@dataclass
class Applicant:
    ref: NodeRef
    props: dict
    legal_reps: set[str] = field(default_factory=set)
    filings: list[Filing] = field(default_factory=list)


def capital_wan(text: object) -> float | None:
    """Registered capital in 万元 as registers write it (50万元人民币, 1亿元); None if unreadable."""
    match = _CAPITAL.search(str(text or ""))
    if not match:
        return None
    try:
        value = float(match.group(1))
    except ValueError:
        return None
    unit = match.group(2)
    return value * 10_000 if unit == "亿" else value if unit == "万" else value / 10_000


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def max_in_window(days: Sequence[date], window: int) -> tuple[int, list[int]]:
    """The most dates inside any ``window``-day span, and the indices (of sorted ``days``) in it."""
    ordered = sorted(days)
    best, span = 0, (0, 0)
    for i, start in enumerate(ordered):
        j = bisect.bisect_left(ordered, start + timedelta(days=window))
        if j - i > best:
            best, span = j - i, (i, j)
    return best, list(range(*span))


def load_filings(store: GraphStore, as_of: date, earliest: date) -> dict[NodeRef, Applicant]:
    """Patents filed in ``(earliest, as_of]`` grouped by applicant, with agency and transfers."""
    patents: dict[NodeRef, Node] = {}
    for node in store.nodes("Patent"):
        filed = _date(node.props.get("filed"))
        if filed is not None and earliest < filed <= as_of:
            patents[node.ref] = node
    agency: dict[NodeRef, NodeRef] = {}
    applied: dict[NodeRef, list[NodeRef]] = defaultdict(list)
    transfers: dict[NodeRef, list[tuple[date, NodeRef]]] = defaultdict(list)
    for edge in store.edges(("APPLIED_FOR", "AGENT_FOR", "ASSIGNED_TO")):
        if edge.type == "ASSIGNED_TO" and edge.start in patents:
            on = _date(edge.props.get("date"))
            if on is not None and on <= as_of:
                transfers[edge.start].append((on, edge.end))
        elif edge.end in patents and edge.type == "AGENT_FOR":
            agency[edge.end] = edge.start
        elif edge.end in patents and edge.type == "APPLIED_FOR" and edge.start.label == "Company":
            applied[edge.start].append(edge.end)
    reps: dict[NodeRef, set[NodeRef]] = defaultdict(set)
    for edge in store.edges(("LEGAL_REP_OF",)):
        if edge.end in applied:
            reps[edge.end].add(edge.start)
    out: dict[NodeRef, Applicant] = {}
    for company, refs in sorted(applied.items()):
        node = store.get(company)
        applicant = Applicant(company, node.props if node else {})
        for person in reps.get(company, ()):
            rep = store.get(person)
            if rep is not None and rep.props.get("name"):
                applicant.legal_reps.add(str(rep.props["name"]))
        for ref in sorted(set(refs)):
            p = patents[ref].props
            text = "".join(str(p.get(k) or "") for k in ("title", "abstract", "claims"))
            applicant.filings.append(Filing(
                ref, _date(p["filed"]) or as_of, text, str(p.get("ipc") or "")[:4],
                tuple(str(i) for i in (p.get("inventors") or [])),
                tuple(documents_of(patents[ref].sources)), agency.get(ref),
                tuple(sorted(transfers.get(ref, [])))))
        out[company] = applicant
    return out


class AbnormalPatent:
    name = "abnormal_patent.v1"
    kind = "abnormal_patent"
    measure = "jaccard-char"
    link_similar = True  # write SIMILAR_TO between near-duplicate patents
    # what ``load_filings`` reads: near-duplicate groups span the province, so an incremental
    # run re-runs the detector whole, only when one of these changed
    reads = reads_of({"APPLIED_FOR": ("Patent",), "AGENT_FOR": ("Patent",), "ASSIGNED_TO": ("Patent",),
                      "LEGAL_REP_OF": ("Company",)},
                     {"Patent": None, "Company": ("capital", "legal_form"), "Person": ("name",)})
    # what a full run reads (its ``ReadCache`` keeps only this)
    plan = read_plan(
        {"Patent": ("title", "abstract", "claims", "filed", "inventors", "ipc"),
         "Company": ("capital", "legal_form"), "Person": ("name",)},
        {"APPLIED_FOR": (), "AGENT_FOR": (), "ASSIGNED_TO": ("date",), "LEGAL_REP_OF": (),
         "SIMILAR_TO": ()},
        sources=("Patent",))

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        v = policy.value
        earliest = as_of - timedelta(days=round(365.25 * int(v("abnormal_patent.lookback_years"))))
        applicants = load_filings(store, as_of, earliest)
        filings = {f.ref: f for a in applicants.values() for f in a.filings}
        size = int(v("abnormal_patent.shingle_size"))
        pairs = near_duplicate_pairs(
            {ref: f.text for ref, f in filings.items()}, shingle_size=size,
            num_perm=int(v("abnormal_patent.minhash_permutations")),
            candidate_threshold=float(v("abnormal_patent.lsh_candidate_threshold")),
            threshold=float(v("abnormal_patent.similarity_threshold")))
        big = [g for g in groups(pairs) if len(g) >= int(v("abnormal_patent.min_group_size"))]
        group_of = {ref: i for i, g in enumerate(big) for ref in g}
        if self.link_similar:
            self._link(store, [p for p in pairs if p.a in group_of], f"{self.measure}{size}")
        by_agency: dict[NodeRef, list[date]] = defaultdict(list)
        for ref in group_of:
            if filings[ref].agency is not None:
                by_agency[filings[ref].agency].append(filings[ref].filed)
        findings = []
        for applicant in applicants.values():
            found = self._indicators(applicant, group_of, big, by_agency, policy)
            score = sum(float(v("abnormal_patent.weights")[k]) for k in found)
            if found and score >= float(v("abnormal_patent.min_score")):
                findings.append(self._finding(applicant, found, min(1.0, score), policy))
        return findings

    def _link(self, store: GraphStore, pairs: list, measure: str) -> int:
        """Write this run's SIMILAR_TO pairs, delete the earlier ones it did not find; how many went."""
        edges = [Edge("SIMILAR_TO", p.a, p.b, {"score": p.score, "measure": measure}) for p in pairs]
        found = {edge.key for edge in edges}
        gone = [edge.key for edge in store.edges(("SIMILAR_TO",))
                if edge.start.label == "Patent" and edge.end.label == "Patent" and edge.key not in found]
        store.write((), edges)
        return store.delete_edges(gone) if gone else 0

    def _indicators(self, applicant: Applicant, group_of: dict[NodeRef, int],
                    big: list[list[NodeRef]], by_agency: dict[NodeRef, list[date]],
                    policy: Policy) -> dict[str, dict]:
        """Each indicator present: its numbers, the evidence and the policy entries applied."""
        dup = [f for f in applicant.filings if f.ref in group_of]
        found = {
            "near_duplicates": self._near_duplicates(applicant, dup, group_of, big, policy),
            "burst": self._burst(applicant, dup, by_agency, policy),
            "disproportion": self._disproportion(applicant, policy),
            "inventor_load": self._inventor_load(applicant, policy),
            "quick_transfer": self._quick_transfer(applicant, policy),
        }
        return {name: value for name, value in found.items() if value}

    def _near_duplicates(self, applicant: Applicant, dup: list[Filing], group_of: dict[NodeRef, int],
                         big: list[list[NodeRef]], policy: Policy) -> dict | None:
        if len(dup) < int(policy.value("abnormal_patent.min_near_duplicates")):
            return None
        ids = sorted({group_of[f.ref] for f in dup})
        own = {f.ref for f in applicant.filings}
        evidence = []
        for f in dup:
            group, size = ids.index(group_of[f.ref]) + 1, len(big[group_of[f.ref]])
            evidence.append(Evidence(f.ref, f"与其他申请内容明显相同（近似组{group}，共{size}件）"))
        return {"filings": len(dup), "of": len(applicant.filings),
                "groups": [{"size": len(big[i]), "own": [f.ref.id for f in dup if group_of[f.ref] == i],
                            "others": sum(1 for r in big[i] if r not in own)} for i in ids],
                "policy": [policy.cite("abnormal_patent.similarity_threshold"),
                           policy.cite("abnormal_patent.min_group_size")],
                "evidence": evidence}

    def _burst(self, applicant: Applicant, dup: list[Filing], by_agency: dict[NodeRef, list[date]],
               policy: Policy) -> dict | None:
        """The applicant's own busiest window, and its agencies' busiest near-duplicate window."""
        window = int(policy.value("abnormal_patent.burst_window_days"))
        minimum = int(policy.value("abnormal_patent.burst_min_filings"))
        span = timedelta(days=window)
        out: dict = {"evidence": []}
        count, idx = max_in_window([f.filed for f in applicant.filings], window)
        if count >= minimum:
            ordered = sorted(applicant.filings, key=lambda f: f.filed)
            inside = [ordered[i] for i in idx]
            out.update(own=count, start=inside[0].filed.isoformat(), end=inside[-1].filed.isoformat())
            out["evidence"] += [Evidence(f.ref, f"{window}日内集中提交的申请之一") for f in inside]
        best, busiest = 0, None
        for agency in sorted({f.agency for f in dup if f.agency is not None}):
            days = sorted(by_agency[agency])
            own_days = [f.filed for f in dup if f.agency == agency]
            count = max((bisect.bisect_left(days, d + span) - bisect.bisect_left(days, d) for d in days
                         if any(d <= o < d + span for o in own_days)), default=0)
            if count > best:
                best, busiest = count, agency
        if best >= minimum and busiest is not None:
            out.update(agency=busiest.id, agency_filings=best)
            out["evidence"].append(Evidence(busiest, f"{window}日内代理{best}件近似申请（含本申请人的）"))
        if len(out) == 1:
            return None
        out["policy"] = [policy.cite("abnormal_patent.burst_window_days"),
                         policy.cite("abnormal_patent.burst_min_filings")]
        return out

    def _disproportion(self, applicant: Applicant, policy: Policy) -> dict | None:
        per_year, _ = max_in_window([f.filed for f in applicant.filings], 365)
        capital = capital_wan(applicant.props.get("capital"))
        individual = "个体" in str(applicant.props.get("legal_form") or "")
        limit = float(policy.value("abnormal_patent.small_capital_max_wan"))
        small = individual or (capital is not None and capital <= limit)
        if not small or per_year < int(policy.value("abnormal_patent.small_applicant_max_filings_per_year")):
            return None
        what = "个体工商户" if individual else f"注册资本{capital:g}万元"
        return {"filings_in_a_year": per_year, "individual_business": individual, "capital_wan": capital,
                "policy": [policy.cite("abnormal_patent.small_capital_max_wan"),
                           policy.cite("abnormal_patent.small_applicant_max_filings_per_year")],
                "evidence": [Evidence(applicant.ref, f"{what}，一年内申请{per_year}件")]}

    def _quick_transfer(self, applicant: Applicant, policy: Policy) -> dict | None:
        days = int(policy.value("abnormal_patent.quick_transfer_days"))
        quick = [(f, on, to) for f in applicant.filings for on, to in f.transferred[:1]
                 if (on - f.filed).days <= days]
        if len(quick) < int(policy.value("abnormal_patent.quick_transfer_min")):
            return None
        assignees = sorted({to for _, _, to in quick})
        evidence = [Evidence(f.ref, f"申请后{(on - f.filed).days}日转让给{to.id}") for f, on, to in quick]
        return {"transferred": len(quick), "within_days": days, "assignees": [a.id for a in assignees],
                "policy": [policy.cite("abnormal_patent.quick_transfer_days"),
                           policy.cite("abnormal_patent.quick_transfer_min")],
                "evidence": evidence + [Evidence(to, "受让方") for to in assignees]}

    def _inventor_load(self, applicant: Applicant, policy: Policy) -> dict | None:
        v = policy.value
        named: dict[str, list[Filing]] = defaultdict(list)
        for f in applicant.filings:
            for person in set(f.inventors):
                named[person].append(f)
        worst: dict | None = None
        for person, filed in sorted(named.items()):
            count, idx = max_in_window([f.filed for f in filed], 365)
            ordered = sorted(filed, key=lambda f: f.filed)
            inside = [ordered[i] for i in idx]
            subclasses = sorted({f.ipc_subclass for f in inside if f.ipc_subclass})
            if (count >= int(v("abnormal_patent.inventor_max_filings_per_year"))
                    and len(subclasses) >= int(v("abnormal_patent.inventor_min_ipc_subclasses"))
                    and (worst is None or count > worst["filings_in_a_year"])):
                worst = {"inventor": person, "filings_in_a_year": count, "ipc_subclasses": subclasses,
                         "is_legal_rep": person in applicant.legal_reps,
                         "policy": [policy.cite("abnormal_patent.inventor_max_filings_per_year"),
                                    policy.cite("abnormal_patent.inventor_min_ipc_subclasses")],
                         "evidence": [Evidence(f.ref, f"发明人{person}署名") for f in inside]}
        return worst

    def _finding(self, applicant: Applicant, found: dict[str, dict], score: float,
                 policy: Policy) -> Finding:
        parts = []
        if "near_duplicates" in found:
            d = found["near_duplicates"]
            parts.append(f"{d['of']}件申请中{d['filings']}件内容明显相同（{len(d['groups'])}组）")
        if "burst" in found:
            b = found["burst"]
            if "own" in b:
                parts.append(f"{b['start']}至{b['end']}集中提交{b['own']}件")
            if "agency" in b:
                parts.append(f"代理机构{policy.value('abnormal_patent.burst_window_days')}日内代理近似申请"
                             f"{b['agency_filings']}件")
        if "disproportion" in found:
            d = found["disproportion"]
            who = "个体工商户" if d["individual_business"] else f"注册资本{d['capital_wan']:g}万元"
            parts.append(f"{who}一年内申请{d['filings_in_a_year']}件，与其规模不相称")
        if "inventor_load" in found:
            d = found["inventor_load"]
            rep = "（法定代表人）" if d["is_legal_rep"] else ""
            parts.append(f"发明人{d['inventor']}{rep}一年内署名{d['filings_in_a_year']}件，"
                         f"跨{len(d['ipc_subclasses'])}个IPC小类")
        if "quick_transfer" in found:
            d = found["quick_transfer"]
            parts.append(f"{d['transferred']}件申请后{d['within_days']}日内即转让")
        evidence: list[Evidence] = []
        seen: set[NodeRef] = set()
        for name in INDICATORS:
            for item in found.get(name, {}).get("evidence", []):
                if item.ref not in seen:
                    seen.add(item.ref)
                    evidence.append(item)
        documents = sorted({doc for f in applicant.filings for doc in f.documents})
        weights = policy.value("abnormal_patent.weights")
        facts: dict[str, object] = {
            name: {k: val for k, val in found[name].items() if k != "evidence"} | {"weight": weights[name]}
            for name in INDICATORS if name in found}
        facts["indicators"] = [name for name in INDICATORS if name in found]
        facts["filings"] = len(applicant.filings)
        entry = policy.entry("abnormal_patent.min_score")
        return Finding(
            kind=self.kind, detector=self.name, entity=applicant.ref, score=round(score, 4),
            summary="疑似非正常专利申请：" + "；".join(parts), basis=entry.basis,
            policy_entry=entry.cite(policy.version), evidence=evidence, documents=documents, facts=facts)
