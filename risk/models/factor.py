"""The officers' decision model as a grade factor: probability, and the contributions behind it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import networkx as nx

from graph.records import NodeRef
from risk.grades import ModelFact
from risk.models.features import officer_features
from risk.models.officer import LABELS, OfficerModel
from risk.policy import Policy


def model_facts(graph: nx.MultiDiGraph, policy: Policy, as_of: date, entities: Iterable[NodeRef],
                model: OfficerModel) -> dict[NodeRef, ModelFact]:
    """For each entity with an established infringement in the window (the kind of case officers
    decided on), the model's probability that an officer would list it, explained."""
    facts = {}
    for ref, observed in officer_features(graph, policy, as_of, entities).items():
        if observed.features["infringements"] < 1:
            continue
        p = model.predict(observed.features)
        parts = "、".join(f"{LABELS[name]} {value:g}（{part:+.2f}）"
                         for name, value, part in sorted(p.contributions, key=lambda c: -abs(c[2])))
        detail = (f"以往执法人员列入决定模型 {model.version}：列入概率 {p.probability:.2f}。"
                  f"逻辑回归经 sigmoid 校准；各项贡献为系数×标准化值（对数几率）：{parts}；"
                  f"截距 {p.intercept:+.2f}，合计 {p.decision:+.2f}")
        facts[ref] = ModelFact(round(p.probability, 4), detail, observed.documents)
    return facts
