"""The records a matcher compares and the scores it returns, each able to say why."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FtResult:
    """One feature's verdict on one pair: a score in [0, 1] and a sentence saying why."""

    score: float
    detail: str


NO = FtResult(0.0, "")  # a feature that found nothing (zero scores are not shown, so no detail)



@dataclass(frozen=True)
class NameParts:
    """A company name taken apart: its key, leading places, trade word, industry, legal form."""

    key: str  # the normalised name (see ``names.name_key``)
    rest: str  # the key without its leading place names
    regions: frozenset[str]  # GB/T 2260 codes of the leading place names (2, 4 or 6 digits)
    trade: str  # 字号, the distinctive word
    industry: str  # the industry word, '' when none is recognised
    legal_form: str  # the legal-form suffix as normalised, '' when none
    pinyin: str  # the trade word in toneless pinyin (homophones and variant characters meet)


@dataclass(frozen=True)
class Query:
    """A company as a document mentions it: the name, and what else the document says."""

    name: str
    uscc: str | None = None  # printed and well-formed (check digit may fail)
    address: str | None = None
    legal_rep: str | None = None
    parts: NameParts | None = None


@dataclass
class Candidate:
    """A registered company as the matcher knows it (built once, compared many times)."""

    id: str
    name: str
    uscc: str | None
    parts: NameParts
    former: list[NameParts] = field(default_factory=list)
    short: list[str] = field(default_factory=list)  # keys of short names (以下简称)
    regions: frozenset[str] = frozenset()  # from the USCC (positions 3–8) and the name
    address: str | None = None
    reps: set[str] = field(default_factory=set)  # names of its legal representatives


@dataclass(frozen=True)
class Scored:
    """One candidate scored: every feature's result, the weighted total and the decision."""

    candidate_id: str
    candidate_name: str
    features: dict[str, FtResult]
    total: float
    decision: str  # chosen | below_threshold | ambiguous | judged_not_same | outscored
    evidence: str  # the strongest evidence feature (names the method of a merge)

    def as_dict(self, weights: dict[str, float]) -> dict:
        return {
            "candidate": self.candidate_id, "name": self.candidate_name,
            "total": round(self.total, 4), "decision": self.decision, "evidence": self.evidence,
            "features": {k: {"score": round(v.score, 4), "weight": weights.get(k, 0.0),
                             "detail": v.detail}
                         for k, v in self.features.items() if v.score},
        }
