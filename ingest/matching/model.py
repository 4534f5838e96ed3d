"""A versioned matcher: weighted features, a threshold and a margin, all read from data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ingest.matching.features import FEATURES, Feature
from ingest.matching.types import Candidate, FtResult, Query, Scored

ALGORITHMS = {"company-match.v1": "company_match_v1.yaml"}
DEFAULT = "company-match.v1"


@dataclass(frozen=True)
class FeatureSpec:
    name: str
    group: str  # evidence | support | qualifier
    weight: float
    description: str
    function: Feature


@dataclass(frozen=True)
class Matcher:
    """Scores candidates for a mention and picks one, or none, with the reasons kept."""

    name: str
    threshold: float
    margin: float
    max_block: int
    features: tuple[FeatureSpec, ...]

    @property
    def weights(self) -> dict[str, float]:
        return {f.name: f.weight for f in self.features}

    def score(self, query: Query, candidate: Candidate) -> tuple[float, dict[str, FtResult], str]:
        """The weighted total for one pair, the features' results, and the strongest evidence.

        When the evidence plus every support feature could not reach ``threshold - margin``, the
        other features are not computed: such a candidate can neither be chosen nor stand close
        enough to the chosen one to make it ambiguous, whatever they say.
        """
        evidence = [f for f in self.features if f.group == "evidence"]
        results = {f.name: f.function(query, candidate) for f in evidence}
        best = max(evidence, key=lambda f: f.weight * results[f.name].score)
        total = best.weight * results[best.name].score
        strongest = best.name if results[best.name].score else ""
        if total + self._support_bound < self.threshold - self.margin:
            return max(0.0, total), results, strongest
        for f in self.features:
            if f.group != "evidence":
                results[f.name] = f.function(query, candidate)
                total += f.weight * results[f.name].score
        return min(1.0, max(0.0, total)), results, strongest

    @property
    def _support_bound(self) -> float:
        return sum(f.weight for f in self.features if f.group == "support" and f.weight > 0)

    def rank(self, query: Query, candidates: Iterable[Candidate],
             excluded: frozenset[str] = frozenset()) -> list[Scored]:
        """Every candidate scored, best first, each with its decision."""
        scored = []
        for candidate in candidates:
            total, results, evidence = self.score(query, candidate)
            scored.append((total, candidate, results, evidence))
        scored.sort(key=lambda row: (-row[0], row[1].id))
        eligible = [row for row in scored if row[1].id not in excluded]
        runner_up = eligible[1][0] if len(eligible) > 1 else 0.0
        out = []
        for total, candidate, results, evidence in scored:
            if candidate.id in excluded:
                decision = "judged_not_same"
            elif total < self.threshold:
                decision = "below_threshold"
            elif candidate is not eligible[0][1]:
                decision = "outscored"
            elif total - runner_up < self.margin - 1e-9:
                decision = "ambiguous"
            else:
                decision = "chosen"
            out.append(Scored(candidate.id, candidate.name, results, total, decision, evidence))
        return out

    def describe(self) -> dict:
        """The model as documentation: every feature with its weight, group and why."""
        return {"name": self.name, "threshold": self.threshold, "margin": self.margin,
                "max_block": self.max_block,
                "features": {f.name: {"group": f.group, "weight": f.weight,
                                      "description": f.description,
                                      "doc": (f.function.__doc__ or "").strip().splitlines()[0]}
                             for f in self.features}}


@cache
def get_algorithm(name: str = DEFAULT) -> Matcher:
    """The matcher of that version (``company-match.v1``)."""
    if name not in ALGORITHMS:
        raise ValueError(f"unknown matching algorithm {name!r}; known: {sorted(ALGORITHMS)}")
    data = yaml.safe_load(resources.files("ingest.matching").joinpath(ALGORITHMS[name])
                          .read_text("utf-8"))
    specs = []
    for feature, spec in data["features"].items():
        function = FEATURES[feature]
        if not (function.__doc__ or "").strip():
            raise ValueError(f"feature {feature} has no docstring")
        specs.append(FeatureSpec(feature, spec["group"], float(spec["weight"]),
                                 spec["description"], function))
    return Matcher(data["name"], float(data["threshold"]["value"]),
                   float(data["margin"]["value"]), int(data["max_block"]["value"]), tuple(specs))
