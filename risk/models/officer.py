"""A calibrated model of officers' past list decisions: how likely an officer would list this one.

Trained on labelled history (``officer_decisions.jsonl`` lines, closed leads): a logistic
regression on standardised features, calibrated by cross-validated sigmoid scaling
(``CalibratedClassifierCV``, one base model so its coefficients explain every probability). A
stratified hold-out gives ROC AUC, Brier score and a reliability table. The artefact is plain
JSON — scaler, coefficients, calibration, version, training-data hash, metrics — so it is
readable, diffable and loads without unpickling code.

Contributions are coefficient × standardised value, in log-odds of the linear model; with the
intercept they sum to its decision value, which the calibration maps to the probability shown.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from risk.models.features import FEATURES
from risk.policy import Policy

FORMAT = "ipcredit.officer-model/1"
NAME = "officer.v1"
LABELS = {"infringements": "五年内认定侵权次数", "own": "其中本主体", "via_shells": "其中经关联公司",
          "intentional_repeat": "判决或处罚后再次侵权", "total_fines": "罚款合计（对数）",
          "total_damages": "赔偿合计（对数）", "heavier_penalty": "从重处罚或惩罚性赔偿",
          "repeat_rule": "符合重复侵权条件（本主体≥1次且合计≥2次）"}
INPUTS = (*FEATURES, "repeat_rule")  # the officers' features and the rule they apply, derived
_LOG = {"total_fines", "total_damages"}
RELIABILITY_BINS = 10


@dataclass(frozen=True)
class Example:
    """One past decision: who, when, what the officer saw, and whether they listed."""

    entity: str
    on: str
    features: dict[str, float]
    label: int
    source: str  # "history" (a decisions file) or "lead" (a closed lead)


def inputs(features: dict[str, Any]) -> dict[str, float]:
    """The model's inputs as values a person reads: the features plus the rule they imply."""
    values = {name: float(features.get(name) or 0) for name in FEATURES}
    values["repeat_rule"] = float(values["own"] >= 1 and values["infringements"] >= 2)
    return values


def vector(features: dict[str, Any]) -> list[float]:
    """The model's inputs as numbers: booleans as 0/1, money on a log scale."""
    return [math.log1p(max(v, 0.0)) if name in _LOG else v for name, v in inputs(features).items()]


def read_history(path: Path) -> list[Example]:
    """Decisions in the ``officer_decisions.jsonl`` format (uscc, date, features, listed)."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            examples.append(Example(f"Company:{row['uscc']}", str(row["date"]),
                                    {k: float(v) for k, v in row["features"].items()},
                                    int(bool(row["listed"])), "history"))
    return examples


def data_hash(examples: list[Example]) -> str:
    """sha256 of the training data in a canonical order: the same history gives the same hash."""
    rows = sorted(json.dumps([e.entity, e.on, vector(e.features), e.label, e.source])
                  for e in examples)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@dataclass(frozen=True)
class Prediction:
    probability: float
    decision: float  # intercept + Σ contributions (log-odds of the linear model)
    intercept: float
    contributions: tuple[tuple[str, float, float], ...]  # (feature, value, coef × standardised)


@dataclass
class OfficerModel:
    """The fitted model as numbers: standardise, weigh, add, calibrate."""

    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    calib_a: float
    calib_b: float
    version: str
    trained_at: str
    data_sha256: str
    metrics: dict[str, Any]

    def predict(self, features: dict[str, Any]) -> Prediction:
        x, shown = vector(features), inputs(features)
        parts = tuple((name, shown[name], self.coef[j] * (x[j] - self.mean[j]) / self.scale[j])
                      for j, name in enumerate(INPUTS))
        decision = self.intercept + sum(c for _, _, c in parts)
        probability = 1.0 / (1.0 + math.exp(self.calib_a * decision + self.calib_b))
        return Prediction(probability, decision, self.intercept, parts)

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "name": NAME, "version": self.version,
                "trained_at": self.trained_at, "data_sha256": self.data_sha256,
                "features": list(INPUTS), "explanation": "coef × standardised value (log-odds)",
                "scaler": {"mean": self.mean, "scale": self.scale},
                "logistic": {"coef": self.coef, "intercept": self.intercept},
                "calibration": {"method": "sigmoid", "a": self.calib_a, "b": self.calib_b},
                "metrics": self.metrics}

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")


def load_model(path: Path) -> OfficerModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT or data.get("features") != list(INPUTS):
        raise ValueError(f"{path} is not an {NAME} model with inputs {', '.join(INPUTS)}")
    return OfficerModel(data["scaler"]["mean"], data["scaler"]["scale"], data["logistic"]["coef"],
                        float(data["logistic"]["intercept"]), float(data["calibration"]["a"]),
                        float(data["calibration"]["b"]), data["version"], data["trained_at"],
                        data["data_sha256"], data["metrics"])


def _fit(xs: np.ndarray, ys: np.ndarray, policy: Policy, seed: int) -> Any:
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    spec = policy.value("model.officer.calibration")
    folds = max(2, min(int(spec["folds"]), int(min(np.bincount(ys, minlength=2)))))
    base = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000, random_state=seed))
    calibrated = CalibratedClassifierCV(base, method=str(spec["method"]), cv=folds, ensemble=False)
    calibrated.fit(xs, ys)
    return calibrated


def _as_model(fitted: Any, version: str, data_sha: str, metrics: dict) -> OfficerModel:
    single = fitted.calibrated_classifiers_[0]  # ensemble=False: one base model
    pipeline, calibrator = single.estimator, single.calibrators[0]
    scaler, logistic = pipeline[0], pipeline[-1]
    return OfficerModel([float(v) for v in scaler.mean_], [float(v) for v in scaler.scale_],
                        [float(v) for v in logistic.coef_[0]], float(logistic.intercept_[0]),
                        float(calibrator.a_), float(calibrator.b_), version,
                        datetime.now(UTC).replace(microsecond=0).isoformat(), data_sha, metrics)


def evaluate(model: OfficerModel, examples: list[Example]) -> dict[str, Any]:
    """ROC AUC, Brier score (and the base-rate Brier it should beat), reliability table."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    ys = np.array([e.label for e in examples])
    ps = np.array([model.predict(e.features).probability for e in examples])
    base_rate = float(ys.mean()) if len(ys) else 0.0
    table = []
    for b in range(RELIABILITY_BINS):
        low, high = b / RELIABILITY_BINS, (b + 1) / RELIABILITY_BINS
        inside = (ps >= low) & ((ps < high) if b < RELIABILITY_BINS - 1 else (ps <= high))
        if inside.any():
            table.append({"bin": f"{low:.1f}–{high:.1f}", "n": int(inside.sum()),
                          "mean_predicted": round(float(ps[inside].mean()), 4),
                          "observed_listed": round(float(ys[inside].mean()), 4)})
    both = 0 < ys.sum() < len(ys)
    rule = np.array([inputs(e.features)["repeat_rule"] for e in examples])
    return {"n": int(len(ys)), "listed": int(ys.sum()),
            "roc_auc": round(float(roc_auc_score(ys, ps)), 4) if both else None,
            "brier": round(float(brier_score_loss(ys, ps)), 4) if len(ys) else None,
            "brier_base_rate": round(base_rate * (1 - base_rate), 4),
            "accuracy_at_0.5": round(float(((ps >= 0.5) == ys).mean()), 4) if len(ys) else None,
            "reliability": table,
            "baseline_rule": {  # the repeat-infringer rule alone, as a 0/1 prediction
                "roc_auc": round(float(roc_auc_score(ys, rule)), 4) if both else None,
                "brier": round(float(brier_score_loss(ys, rule)), 4) if len(ys) else None,
                "accuracy": round(float((rule == ys).mean()), 4) if len(ys) else None}}


def train(examples: list[Example], policy: Policy, seed: int = 0) -> OfficerModel:
    """Fit on a stratified split, evaluate on the hold-out, then refit on everything."""
    from sklearn.model_selection import train_test_split

    if len({e.label for e in examples}) < 2:
        raise ValueError("the history needs both listed and not-listed decisions to learn from")
    xs = np.array([vector(e.features) for e in examples])
    ys = np.array([e.label for e in examples])
    index = np.arange(len(examples))
    fit_idx, test_idx = train_test_split(index, test_size=float(policy.value("model.officer.holdout")),
                                         stratify=ys, random_state=seed)
    data_sha = data_hash(examples)
    version = f"{NAME}-{data_sha[:12]}"
    held = _as_model(_fit(xs[fit_idx], ys[fit_idx], policy, seed), version, data_sha, {})
    holdout = evaluate(held, [examples[i] for i in test_idx])
    fitted = _fit(xs, ys, policy, seed)
    model = _as_model(fitted, version, data_sha, {})
    check = fitted.predict_proba(xs[:50])[:, 1]
    mine = [model.predict(examples[i].features).probability for i in range(min(50, len(xs)))]
    if not np.allclose(check, mine, atol=1e-9):
        raise RuntimeError("the exported model does not reproduce the fitted one")
    sources = {s: sum(1 for e in examples if e.source == s) for s in sorted({e.source for e in examples})}
    model.metrics = {"holdout": holdout, "train_size": int(len(fit_idx)),
                     "holdout_size": int(len(test_idx)), "examples": sources,
                     "policy": {"holdout": policy.cite("model.officer.holdout"),
                                "calibration": policy.cite("model.officer.calibration")},
                     "final_fit": "refitted on all examples after the hold-out evaluation"}
    return model
