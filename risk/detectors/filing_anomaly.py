"""Filing anomaly (申请行为异常): an applicant whose filing behaviour is unlike the province's.

The IsolationForest of ``risk/anomaly.py`` isolates the most unusual applicants; each flagged
one gets a finding whose evidence names the features that stand out (value against the province
median and percentile) and the filings of its busiest 30 days. It complements the rule
detectors for bad-faith trademarks and abnormal patents; its grade factor is modest and it is
never a list trigger. The forest is fitted on the whole province, so this detector is
population-wide: an incremental run re-runs it whole whenever a filing, a filing's applicant or
assignment, or an applicant's scope or capital changed — and skips it otherwise.
"""

from __future__ import annotations

from datetime import date

from graph.projection import documents_of
from graph.snapshot import read_plan
from graph.store import GraphStore
from risk.anomaly import NAMES, Scored, describe, read_applicants, scored_applicants
from risk.changes import reads_of
from risk.finding import Evidence, Finding
from risk.policy import Policy

EVIDENCE_FILINGS = 10


class FilingAnomaly:
    name = "filing_anomaly.v1"
    kind = "filing_anomaly"
    # what ``read_applicants`` reads; an incremental run re-runs the detector only when it changed
    reads = reads_of({"APPLIED_FOR": ("Trademark", "Patent"), "ASSIGNED_TO": ("Trademark", "Patent")},
                     {"Trademark": None, "Patent": None, "Company": ("scope", "capital")})
    plan = read_plan({label: ("filed", "goods", "inventors", "nice_class", "ipc")
                      for label in ("Trademark", "Patent")} | {"Company": ("scope", "capital")},
                     {"APPLIED_FOR": (), "ASSIGNED_TO": ()}, sources=("Trademark", "Patent"))

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        applicants = read_applicants(store, as_of)
        flagged = [item for item in scored_applicants(store, policy, as_of, applicants) if item.flagged]
        return [self._finding(item, applicants[item.ref].filings, policy) for item in flagged]

    def _finding(self, item: Scored, filings: list, policy: Policy) -> Finding:
        evidence: list[Evidence] = []
        dated = sorted((f for f in filings if f.filed is not None), key=lambda f: (f.filed, f.ref))
        best: list = []
        for i, first in enumerate(dated):  # the filings of the busiest 30 days
            window = [f for f in dated[i:] if (f.filed - first.filed).days < 30]
            if len(window) > len(best):
                best = window
        for filing in best[:EVIDENCE_FILINGS]:
            what = f"第{filing.nice}类" if filing.nice is not None else (filing.ipc or "")
            evidence.append(Evidence(filing.ref, f"{filing.filed} 申请 {what}（申请最密集的30天内）"))
        for filing in [f for f in filings if f.assigned][:EVIDENCE_FILINGS // 2]:
            evidence.append(Evidence(filing.ref, "申请后已转让他人"))
        reasons = [describe(*s) for s in item.standout]
        if not reasons:  # unusual as a combination, no single feature at the extreme
            reasons = ["各项特征单看不极端，但组合在全省罕见："
                       + "、".join(f"{NAMES[k]} {v:,.0f}" for k, v in item.features.items()
                                  if k in ("trademarks", "patents", "peak_30d", "nice_classes"))]
        entry = policy.entry("anomaly.contamination")
        sources = [s for f in best[:EVIDENCE_FILINGS] for s in f.sources]
        return Finding(
            kind=self.kind, detector=self.name, entity=item.ref, score=item.rank,
            summary=(f"申请行为异常（异常程度位于全省申请人第 {item.rank * 100:.1f} 百分位）："
                     + "；".join(reasons)),
            basis=policy.entry("factor.filing_anomaly").basis,
            policy_entry=entry.cite(policy.version), evidence=evidence,
            documents=documents_of(sources),
            facts={"anomaly": item.anomaly, "rank": item.rank,
                   "features": {k: (None if v != v else round(v, 4)) for k, v in item.features.items()},
                   "standout": [s[0] for s in item.standout]},
        )
