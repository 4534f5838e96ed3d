"""Bad-faith trademark filing (恶意注册): the factors of art 8 of the 2019 rules, each scored.

For every applicant: near-copies of others' marks (a well-known mark in any class, or an earlier
mark a decision has found infringed — one in use with influence — in its class; text, traditional
form, sound, added words; ``mark_text``), the burst of filings (volume and velocity), the spread
over classes, filings outside its business scope, marks sold soon after registration (a transfer
does not cure bad faith) and oppositions or invalidations lost. Copying is required: volume,
spread or sales alone are what big legitimate filers do too. Each factor that applies is a part
of the finding with its points, its evidence and its policy entry, so the score explains itself.
A mark on the applicant's own trade name (the text inside its registered name) is not a copy.

Copies must also exceed chance. In a large register short marks resemble known ones by
coincidence (at a million companies a quarter to two fifths of a filer's marks do), so a
big honest filer reaches any fixed share of "copies". The register's chance rates (by class and
length of mark) are measured on its own marks, leaving out the applicants far above them, and an
applicant's count of copies must be one those rates would give less often than
``max_chance_probability``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from scipy.stats import poisson

from graph.records import NodeRef
from graph.store import GraphStore
from risk.detectors.mark_text import MarkIndex, fold
from risk.detectors.trademark_filings import REGISTER_PLAN, REGISTER_READS, Mark, Register, load
from risk.finding import Evidence, Finding
from risk.policy import Policy

APPLICANTS = ("Company", "Person")  # who is assessed: agencies and authorities file for others
HOW = {"same": "相同文字", "traditional": "繁简转换", "homophone": "同音替换", "added": "添加文字",
       "added_homophone": "同音并添加文字"}
UPHELD = ("成立", "部分成立")


@dataclass(frozen=True)
class CopyOf:
    mark: Mark
    original: Mark
    how: str


@dataclass
class Part:
    name: str
    points: float
    detail: str
    entry: str  # the policy key that sets its threshold
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Assessment:
    applicant: NodeRef
    marks: list[Mark]
    copies: list[CopyOf]
    parts: list[Part]

    @property
    def score(self) -> float:
        return round(sum(p.points for p in self.parts), 4)

    def has(self, name: str) -> bool:
        return any(p.name == name for p in self.parts)


def _v(policy: Policy, key: str):
    return policy.value(f"bad_faith_trademark.{key}")


def known_index(register: Register) -> MarkIndex:
    """The marks a copy is measured against: well-known ones, and ones found infringed (built
    once per register: the detectors that share a register share it)."""
    index = register.assessed.get("known_index")
    if index is None:
        index = MarkIndex()
        for mark in register.marks.values():
            if mark.famous or mark.enforced:
                index.add(mark.ref, mark.text)
        register.assessed["known_index"] = index
    return index


def _names(props: dict) -> list[str]:
    names = [str(props.get("name") or "")] + [str(n) for n in props.get("former_names") or []]
    return [fold(n) for n in names if n]


def copies_of(register: Register, index: MarkIndex, applicant: NodeRef,
              marks: list[Mark]) -> list[CopyOf]:
    """The applicant's marks that near-copy an earlier known mark of someone else."""
    own_names = _names(register.parties.get(applicant, {}))
    found = []
    for mark in marks:
        text = fold(mark.text)
        if not text or any(text in name for name in own_names):
            continue  # its own trade name
        best: CopyOf | None = None
        for match in index.matches(mark.text):
            original = register.marks[match.original]
            if original.ref == mark.ref or applicant in original.holders:
                continue
            if original.filed and mark.filed and original.filed >= mark.filed:
                continue  # the other mark came later
            if not original.famous and (original.nice != mark.nice or not original.enforced):
                continue
            if best is None or (original.famous and not best.original.famous):
                best = CopyOf(mark, original, match.how)
        if best is not None:
            found.append(best)
    return found


def _burst(marks: list[Mark], days: int) -> list[Mark]:
    """The most filings inside any ``days``-long window."""
    dated = sorted((m for m in marks if m.filed), key=lambda m: m.filed)  # type: ignore[arg-type,return-value]
    best: list[Mark] = []
    lo = 0
    for hi, mark in enumerate(dated):
        while (mark.filed - dated[lo].filed).days > days:  # type: ignore[operator]
            lo += 1
        if hi + 1 - lo > len(best):
            best = dated[lo:hi + 1]
    return best


def scope_classes(scope: str, table: dict) -> set[int]:
    return {int(c) for word, classes in table.items() if word in scope for c in classes}


def assess(register: Register, policy: Policy, as_of: date,
           index: MarkIndex | None = None) -> dict[NodeRef, Assessment]:
    """Every applicant's parts; ``flagged`` picks the ones that make a finding.

    The same register under the same policy is assessed once (the agency detector rests on
    these assessments too): the result is kept on the register.
    """
    key = (id(policy), policy.version, as_of, index is None)
    kept = register.assessed.get(key)
    if kept is not None and kept[0] is policy:
        return kept[1]
    result = _assess(register, policy, as_of, index)
    register.assessed[key] = (policy, result)
    return result


def _assess(register: Register, policy: Policy, as_of: date,
            index: MarkIndex | None) -> dict[NodeRef, Assessment]:
    index = index or known_index(register)
    return {applicant: assess_one(register, policy, applicant, index)
            for applicant in register.by_applicant if applicant.label in APPLICANTS}


def assess_one(register: Register, policy: Policy, applicant: NodeRef, index: MarkIndex) -> Assessment:
    marks = register.by_applicant.get(applicant, [])
    copies = _all_copies(register, index).get(applicant)
    if copies is None:  # not an applicant of the register
        copies = copies_of(register, index, applicant, marks)
    chance = chance_rate(register, policy, index)
    parts = _parts(register, policy, applicant, marks, copies, chance) if marks else []
    return Assessment(applicant, marks, copies, parts)


def _all_copies(register: Register, index: MarkIndex) -> dict[NodeRef, list[CopyOf]]:
    """Every applicant's copies, found once per register and index."""
    key = ("copies", id(index))
    kept = register.assessed.get(key)
    if kept is None or kept[0] is not index:
        kept = (index, {applicant: copies_of(register, index, applicant, marks)
                        for applicant, marks in register.by_applicant.items()
                        if applicant.label in APPLICANTS})
        register.assessed[key] = kept
    return kept[1]


CHANCE_PASSES = 5  # the left-out set settles in two or three on the synthetic provinces


def stratum(mark: Mark) -> tuple[int, int]:
    """Marks that resemble known ones equally often by chance: same class, same length."""
    return (mark.nice or 0, min(len(mark.text), 5))


@dataclass(frozen=True)
class Chance:
    """How often a mark of this register resembles a known mark by coincidence, by stratum."""
    rates: dict[tuple[int, int], float]  # empty when the register is too small to tell
    overall: float
    marks: int  # the marks they were measured on
    left_out: int  # applicants left out as far above the first estimate

    def expected(self, marks: list[Mark]) -> float:
        """How many of ``marks`` would resemble a known mark by coincidence."""
        return sum(self.rates.get(stratum(m), self.overall) for m in marks) if self.rates else 0.0

    def probability(self, copies: int, marks: list[Mark]) -> float:
        """The chance of at least ``copies`` resembling marks among ``marks`` by coincidence
        (Poisson tail at the expected count: a little above the exact one, so it errs towards
        coincidence)."""
        return float(poisson.sf(copies - 1, self.expected(marks))) if self.rates else 0.0


def _rates(register: Register, copies: dict[NodeRef, list[CopyOf]], applicants: list[NodeRef],
           least: int) -> tuple[dict[tuple[int, int], float], float, int]:
    hits: Counter = Counter()
    totals: Counter = Counter()
    for applicant in applicants:
        copied = {c.mark.ref for c in copies[applicant]}
        for mark in register.by_applicant[applicant]:
            key = stratum(mark)
            totals[key] += 1
            hits[key] += mark.ref in copied
    marks = sum(totals.values())
    overall = sum(hits.values()) / marks if marks else 0.0
    return {k: hits[k] / n for k, n in totals.items() if n >= least}, overall, marks


def chance_rate(register: Register, policy: Policy, index: MarkIndex) -> Chance:
    """The register's rates of resembling marks among applicants who are not copying.

    Each stratum (class, length) has its own rate, measured first over every applicant's marks,
    then again without the applicants whose counts those rates would give less often than
    ``max_chance_probability`` (copiers inflate them), until no more are left out. A register
    with fewer than ``chance_min_marks`` marks left gives no rates: the fixed share
    (``min_copy_share``) alone decides there. A stratum of fewer than ``chance_min_stratum``
    marks takes the overall rate.
    """
    key = ("chance", id(index), id(policy))
    kept = register.assessed.get(key)
    if kept is not None and kept[0] is index and kept[1] is policy:
        return kept[2]
    copies = _all_copies(register, index)
    alpha, least = float(_v(policy, "max_chance_probability")), int(_v(policy, "min_copies"))
    per_stratum = int(_v(policy, "chance_min_stratum"))
    everyone = sorted(copies)
    candidates = [a for a in everyone if len(copies[a]) >= least]
    far: set[NodeRef] = set()
    for _ in range(CHANCE_PASSES):  # each pass's rates are less inflated by the copiers it leaves out
        rates, overall, marks = _rates(register, copies, [a for a in everyone if a not in far],
                                       per_stratum)
        estimate = Chance(rates, overall, marks, len(far))
        further = {a for a in candidates
                   if estimate.probability(len(copies[a]), register.by_applicant[a]) <= alpha}
        if further <= far:
            break
        far |= further
    else:  # the passes ran out with the set still growing: rates without the last ones left out
        rates, overall, marks = _rates(register, copies, [a for a in everyone if a not in far],
                                       per_stratum)
    enough = marks >= int(_v(policy, "chance_min_marks"))
    chance = Chance(rates if enough else {}, overall if enough else 0.0, marks, len(far))
    register.assessed[key] = (index, policy, chance)
    return chance


def flagged(assessment: Assessment, policy: Policy) -> bool:
    return assessment.has("copies") and assessment.score >= float(_v(policy, "min_score"))


def _mark_label(mark: Mark) -> str:
    return f"「{mark.text}」（{mark.ref.id}，第{mark.nice}类，{mark.filed}申请）"


def _copy_detail(marks: list[Mark], copies: list[CopyOf], chance: Chance) -> str:
    detail = f"{len(marks)}件申请中{len(copies)}件与他人在先商标相同或近似（{len(copies) / len(marks):.0%}）"
    if chance.rates:
        detail += (f"，按本登记簿同类别、同字数商标的偶然近似率预期{chance.expected(marks):.1f}件，"
                   f"偶然达到此数的概率为{chance.probability(len(copies), marks):.1e}")
    return detail


def _parts(register: Register, policy: Policy, applicant: NodeRef, marks: list[Mark],
           copies: list[CopyOf], chance: Chance) -> list[Part]:
    parts, weights = [], _v(policy, "weights")
    share = len(copies) / len(marks)
    beyond_chance = chance.probability(len(copies), marks) <= float(_v(policy, "max_chance_probability"))
    if (len(copies) >= int(_v(policy, "min_copies")) and share >= float(_v(policy, "min_copy_share"))
            and beyond_chance):
        part = Part("copies", weights["copies"], _copy_detail(marks, copies, chance),
                    "bad_faith_trademark.min_copies")
        for copy in copies:
            owner = ",".join(sorted(o.id for o in copy.original.owners or copy.original.applicants))
            kind = "驰名商标" if copy.original.famous else "经裁判认定受保护的在先商标"
            part.evidence += [
                Evidence(copy.mark.ref, f"{_mark_label(copy.mark)}摹仿他人{kind}「{copy.original.text}」"
                         f"（{HOW.get(copy.how, copy.how)}）"),
                Evidence(copy.original.ref, f"被摹仿的{kind}，权利人{owner}")]
        parts.append(part)
        famous = sorted({c.original.ref for c in copies if c.original.famous})
        if famous:
            parts.append(Part("well_known_copies", weights["well_known_copies"],
                              f"摹仿{len(famous)}件驰名商标（跨类保护，《商标法》第十三条）",
                              "bad_faith_trademark.min_copies"))
    burst = _burst(marks, int(_v(policy, "burst_window_days")))
    if len(burst) >= int(_v(policy, "min_burst")):
        parts.append(Part("burst", weights["burst"],
                          f"{burst[0].filed}至{burst[-1].filed}集中申请{len(burst)}件",
                          "bad_faith_trademark.min_burst",
                          [Evidence(m.ref, f"{m.filed}申请") for m in burst[:10]]))
    classes = sorted({m.nice for m in marks if m.nice})
    if len(classes) >= int(_v(policy, "min_classes")):
        parts.append(Part("classes", weights["classes"],
                          f"申请覆盖{len(classes)}个类别：{'、'.join(map(str, classes))}",
                          "bad_faith_trademark.min_classes"))
    scope = str(register.parties.get(applicant, {}).get("scope") or "")
    if scope:
        covered = scope_classes(scope, _v(policy, "scope_classes"))
        outside = [m for m in marks if m.nice and m.nice not in covered]
        if len(outside) / len(marks) >= float(_v(policy, "min_scope_mismatch")):
            parts.append(Part("scope_mismatch", weights["scope_mismatch"],
                              f"{len(outside)}件申请的类别不在经营范围（{scope}）之内",
                              "bad_faith_trademark.min_scope_mismatch"))
    sales = _sales(marks, applicant, int(_v(policy, "sale_within_days")))
    if len(sales) >= int(_v(policy, "min_sales")):
        parts.append(Part("for_sale", weights["for_sale"],
                          f"{len(sales)}件商标注册后{_v(policy, 'sale_within_days')}日内转让他人",
                          "bad_faith_trademark.min_sales",
                          [Evidence(who, f"{_mark_label(m)}注册后{days}日受让")
                           for m, who, days in sales[:10]]))
    lost = [(m, c) for m in marks for c in m.challenges
            if c.outcome in UPHELD and c.party != applicant]
    if len(lost) >= int(_v(policy, "min_lost_challenges")):
        words = {"OPPOSED": "异议", "INVALIDATION_REQUESTED": "无效宣告"}
        parts.append(Part("lost_challenges", weights["lost_challenges"],
                          f"{len(lost)}件商标被他人{'或'.join(sorted({words[c.kind] for _, c in lost}))}成立",
                          "bad_faith_trademark.min_lost_challenges",
                          [Evidence(c.party, f"对{_mark_label(m)}提出{words[c.kind]}，{c.on}{c.outcome}")
                           for m, c in lost[:10]]))
    return parts


def _sales(marks: list[Mark], applicant: NodeRef, within: int) -> list[tuple[Mark, NodeRef, int]]:
    out = []
    for mark in marks:
        for who, on in mark.assignments:
            if who != applicant and mark.registered and on and 0 <= (on - mark.registered).days <= within:
                out.append((mark, who, (on - mark.registered).days))
                break
    return out


class BadFaithTrademark:
    name = "bad_faith_trademark.v1"
    kind = "bad_faith_trademark"
    # the index of known marks is province-wide: re-run whole, only when the register changed
    reads = REGISTER_READS
    plan = REGISTER_PLAN

    def run(self, store: GraphStore, policy: Policy, as_of: date) -> list[Finding]:
        register = load(store, as_of)
        return [self.finding(a, policy) for _, a in sorted(assess(register, policy, as_of).items())
                if flagged(a, policy)]

    def finding(self, assessment: Assessment, policy: Policy) -> Finding:
        entry = policy.entry("bad_faith_trademark.min_score")
        evidence = [e for part in assessment.parts for e in part.evidence]
        documents = sorted({d for m in assessment.marks for d in m.documents})
        copied = sorted({c.original.text for c in assessment.copies})
        summary = (f"恶意商标注册：{'；'.join(p.detail for p in assessment.parts)}"
                   f"（被摹仿：{'、'.join(copied[:8])}{'等' if len(copied) > 8 else ''}）")
        return Finding(
            kind=self.kind, detector=self.name, entity=assessment.applicant,
            score=min(1.0, assessment.score), summary=summary, basis=entry.basis,
            policy_entry=entry.cite(policy.version), evidence=evidence, documents=documents,
            facts={"filings": len(assessment.marks), "copies": len(assessment.copies),
                   "parts": {p.name: {"points": p.points, "detail": p.detail,
                                      "policy_entry": policy.cite(p.entry)}
                             for p in assessment.parts}})
