"""The officers' decision model: learns a known signal, calibrated, explained, never a trigger."""

from __future__ import annotations

import json
import math
import random
from datetime import date
from pathlib import Path

import pytest

from graph.projection import project
from graph.records import Edge, NodeRef
from risk.grades import InfringementFact, ModelFact, grade_entity
from risk.models.factor import model_facts
from risk.models.features import RELATIONS, officer_features
from risk.models.officer import Example, load_model, read_history, train
from risk.policy import load_policy
from tests.risk.test_repeat_infringement import BOSS, A, B, build, infringement


def history(n: int = 600, noise: float = 0.05, seed: int = 3) -> list[Example]:
    """Decisions that follow the repeat-infringer rule except for a ``noise`` share."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        own = rng.choice((0, 1, 1, 1, 2, 3))
        via = rng.choice((0, 0, 0, 1, 2))
        total = own + via
        listed = own >= 1 and total >= 2
        if rng.random() < noise:
            listed = not listed
        out.append(Example(f"Company:C{i}", "2024-01-01", {
            "infringements": total, "own": own, "via_shells": via,
            "intentional_repeat": float(total >= 2 and rng.random() < 0.8),
            "total_fines": rng.choice((0, 50000, 200000)), "total_damages": rng.choice((0, 100000)),
            "heavier_penalty": float(rng.random() < 0.1)}, int(listed), "history"))
    return out


@pytest.fixture(scope="module")
def model():
    return train(history(), load_policy())


def test_it_learns_the_signal_and_beats_the_base_rate_on_held_out_decisions(model):
    hold = model.metrics["holdout"]
    assert hold["roc_auc"] > 0.9
    assert hold["brier"] < hold["brier_base_rate"] / 2
    assert model.metrics["holdout_size"] == 150 and model.metrics["train_size"] == 450


def test_its_probabilities_are_calibrated(model):
    table = model.metrics["holdout"]["reliability"]
    assert sum(row["n"] for row in table) == 150
    for row in table:
        if row["n"] >= 20:  # well-populated bins: predicted ≈ observed
            assert abs(row["mean_predicted"] - row["observed_listed"]) < 0.15, row
    ps = [model.predict(e.features).probability for e in history(seed=9)]
    rate = sum(e.label for e in history(seed=9)) / len(ps)
    assert abs(sum(ps) / len(ps) - rate) < 0.06


def test_contributions_sum_to_the_decision_the_probability_is_calibrated_from(model):
    clear = {"infringements": 3, "own": 2, "via_shells": 1, "intentional_repeat": 1,
             "total_fines": 200000, "total_damages": 0, "heavier_penalty": 0}
    p = model.predict(clear)
    assert math.isclose(p.intercept + sum(c for _, _, c in p.contributions), p.decision)
    assert p.probability > 0.8
    assert dict((n, v) for n, v, _ in p.contributions)["repeat_rule"] == 1.0
    assert model.predict({**clear, "own": 0, "infringements": 1, "via_shells": 1}).probability < 0.3


def test_the_artefact_is_json_with_version_hash_and_metrics_and_reloads_the_same(model, tmp_path):
    path = tmp_path / "officer.json"
    model.save(path)
    data = json.loads(path.read_text())
    assert data["version"].startswith("officer.v1-") and len(data["data_sha256"]) == 64
    assert data["metrics"]["holdout"]["roc_auc"] == model.metrics["holdout"]["roc_auc"]
    again = load_model(path)
    feats = history(n=1)[0].features
    assert again.predict(feats).probability == model.predict(feats).probability
    assert train(history(), load_policy()).data_sha256 == model.data_sha256


def test_a_history_file_in_the_decisions_format_is_read(tmp_path: Path):
    path = tmp_path / "officer_decisions.jsonl"
    path.write_text(json.dumps({"uscc": "U1", "date": "2024-05-01", "listed": True, "noise": False,
                                "features": {"infringements": 2, "own": 2, "via_shells": 0,
                                             "intentional_repeat": True, "total_fines": 1,
                                             "total_damages": 0, "heavier_penalty": False}}) + "\n")
    (example,) = read_history(path)
    assert example.entity == "Company:U1" and example.label == 1
    assert example.features["intentional_repeat"] == 1.0


def test_one_sided_history_is_refused():
    with pytest.raises(ValueError, match="both"):
        train([e for e in history() if e.label == 1], load_policy())


def test_the_model_is_a_weighted_factor_and_never_makes_a_list_candidate():
    policy = load_policy()
    entity = NodeRef("Company", "C1")
    once = [InfringementFact("(2024)苏05民初1号", "2024-03-01", False, ("doc",))]
    graded = grade_entity(entity, once, [], policy, ModelFact(0.9, "列入概率 0.90", ("doc",)))
    factor = graded.factors[-1]
    assert factor.name == "officer_model"
    assert factor.points == round(policy.value("model.officer.weight") * 0.9)
    assert factor.policy_entry == policy.cite("model.officer.weight")
    assert not graded.candidate
    assert graded.score == 1000 + policy.value("factor.established_infringement") + factor.points


def test_graph_features_match_the_history_definition(embedded_store):
    build(embedded_store, infringement(A, "c1", "2022-01-01"),
          infringement(B, "p1", "2023-06-01", penalty=True),
          extra_edges=[Edge("LEGAL_REP_OF", BOSS, A), Edge("LEGAL_REP_OF", BOSS, B)])
    graph = project(embedded_store, RELATIONS)
    seen = officer_features(graph, load_policy(), date(2024, 1, 1), [A])[A].features
    assert seen["infringements"] == 2 and seen["own"] == 1 and seen["via_shells"] == 1
    assert seen["intentional_repeat"] == 1.0
    before = officer_features(graph, load_policy(), date(2022, 6, 1), [A])[A].features
    assert before["infringements"] == 1 and before["intentional_repeat"] == 0.0
    facts = model_facts(graph, load_policy(), date(2024, 1, 1), [A, NodeRef("Company", "CC")],
                        train(history(), load_policy()))
    assert set(facts) == {A}  # no infringement in the window: no model factor
    assert "系数×标准化值" in facts[A].detail
