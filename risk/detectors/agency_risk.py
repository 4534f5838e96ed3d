"""Risky trademark agencies (商标法 art 19(3)): an agency must not take a filing it knows or should
know is in bad faith. The sign of knowing is a pattern no single client explains: a large share
of the agency's filings are for applicants the bad-faith detector flags, for several such
applicants, including the near-copies themselves. The finding is about the Agency node and
names the flagged filers and copies it filed.
"""

from __future__ import annotations

from datetime import date

from graph.store import GraphStore
from risk.detectors.bad_faith_trademark import HOW, assess, flagged
from risk.detectors.trademark_filings import REGISTER_PLAN, REGISTER_READS, load
from risk.finding import Evidence, Finding
from risk.policy import Policy


class AgencyRisk:
    name = "agency_risk.v1"
    kind = "agency_risk"
    # rests on every applicant's bad-faith assessment: re-run whole, only when the register changed
    reads = REGISTER_READS
    plan = REGISTER_PLAN

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        register = load(store, as_of)
        assessments = assess(register, policy, as_of)
        bad = {ref: a for ref, a in assessments.items() if flagged(a, policy)}
        min_marks = int(policy.value("agency_risk.min_flagged_marks"))
        min_share = float(policy.value("agency_risk.min_flagged_share"))
        min_filers = int(policy.value("agency_risk.min_filers"))
        entry = policy.entry("agency_risk.min_flagged_share")
        findings = []
        for agency, marks in sorted(register.by_agency.items()):
            mine = [m for m in marks if any(a in bad for a in m.applicants)]
            filers = sorted({a for m in mine for a in m.applicants if a in bad})
            share = len(mine) / len(marks) if marks else 0.0
            if len(mine) < min_marks or share < min_share or len(filers) < min_filers:
                continue
            copies = {id(c.mark): c for f in filers for c in bad[f].copies}
            filed_copies = [copies[id(m)] for m in mine if id(m) in copies]
            evidence = [Evidence(f, f"代理其{sum(1 for m in mine if f in m.applicants)}件申请的"
                                    f"恶意注册申请人") for f in filers]
            evidence += [Evidence(c.mark.ref, f"代理申请「{c.mark.text}」，摹仿他人商标「{c.original.text}」"
                                              f"（{HOW.get(c.how, c.how)}）") for c in filed_copies[:30]]
            name = register.parties.get(agency, {}).get("name", agency.id)
            findings.append(Finding(
                kind=self.kind, detector=self.name, entity=agency,
                score=min(1.0, 0.5 + share / 2 + 0.05 * (len(filers) - min_filers)),
                summary=(f"{name}代理的{len(marks)}件商标申请中{len(mine)}件（{share:.0%}）来自"
                         f"{len(filers)}个恶意注册申请人，其中{len(filed_copies)}件摹仿他人商标"),
                basis=entry.basis, policy_entry=entry.cite(policy.version), evidence=evidence,
                documents=sorted({d for m in mine for d in m.documents}),
                facts={"filings": len(marks), "flagged_filings": len(mine), "share": round(share, 4),
                       "filers": len(filers), "copies": len(filed_copies),
                       "flagged_filers": [f.id for f in filers]},
            ))
        return findings
