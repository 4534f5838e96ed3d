"""Filing-behaviour anomaly: how unlike the province's other applicants one applicant files.

Rules catch what the law names; this catches what nobody wrote a rule for yet. Per applicant
(a company or person with trademark or patent applications) the features below are computed
from the graph, an IsolationForest with a fixed seed is fitted on the whole province, and the
applicants it isolates fastest are flagged. A flag names the features that stand out (value
against the province median and percentile), so a person can see why — it is a signal for a
grade factor, never a list trigger.

Reading the graph is ``read_applicants`` (bulk reads, one pass per label); everything after it
is pure.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sklearn.ensemble import IsolationForest

from graph.records import NodeRef
from graph.store import GraphStore
from risk.policy import Policy

FEATURES = ("trademarks", "patents", "peak_30d", "peak_90d", "nice_classes", "ipc_classes",
            "out_of_scope_share", "assigned_share", "inventor_load", "capital")
NAMES = {"trademarks": "商标申请量", "patents": "专利申请量", "peak_30d": "任意30天内申请峰值",
         "peak_90d": "任意90天内申请峰值", "nice_classes": "涉及尼斯分类数",
         "ipc_classes": "涉及IPC大类数", "out_of_scope_share": "超出经营范围的商标占比",
         "assigned_share": "申请后转让的占比", "inventor_load": "发明人人均专利数（最高）",
         "capital": "注册资本（元）"}
_LOG = {"trademarks", "patents", "peak_30d", "peak_90d", "inventor_load", "capital"}
_LOW_IS_ODD = {"capital"}  # small capital stands out on the low side
_UNIT = {"万": 1e4, "亿": 1e8}
_COMMON = set("的与和及、，品业生产销售加工制造研发服务经营技术开发零批发")


@dataclass(frozen=True)
class Filing:
    ref: NodeRef
    filed: date | None
    nice: int | None = None
    ipc: str | None = None
    goods: tuple[str, ...] = ()
    inventors: tuple[str, ...] = ()
    assigned: bool = False
    sources: tuple[str, ...] = ()


@dataclass
class Applicant:
    ref: NodeRef
    filings: list[Filing] = field(default_factory=list)
    scope: str | None = None
    capital: float | None = None


@dataclass(frozen=True)
class Scored:
    """One applicant's anomaly result: its features, how unusual each is, and the verdict."""

    ref: NodeRef
    features: dict[str, float]
    anomaly: float  # higher = more unusual (negated IsolationForest score)
    rank: float  # share of scored applicants less unusual than this one (0–1)
    flagged: bool
    standout: tuple[tuple[str, float, float, float], ...]  # (feature, value, median, percentile)


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def capital_yuan(text: object) -> float | None:
    """'500万元人民币' → 5e6; None when no amount can be read (foreign currency counts as is)."""
    match = re.search(r"([\d.]+)\s*([万亿]?)", str(text or ""))
    if not match:
        return None
    try:
        return float(match.group(1)) * _UNIT.get(match.group(2), 1.0)
    except ValueError:
        return None


def in_scope(goods: tuple[str, ...], scope: str) -> bool:
    """Whether a mark's goods plausibly fall in the business scope: a goods term appears in it,
    or shares two meaningful characters with it (服装 ~ 服装、服饰; 电动机 ~ 电机配件)."""
    scope_chars = set(scope) - _COMMON
    for term in goods:
        if term and term in scope:
            return True
        if len((set(term) - _COMMON) & scope_chars) >= 2:
            return True
    return False


def peak(dates: list[date], days: int) -> int:
    """The most filings dated inside any window of ``days`` days."""
    ordinals = sorted(d.toordinal() for d in dates)
    best = 0
    for i, start in enumerate(ordinals):
        best = max(best, bisect_right(ordinals, start + days - 1) - i)
    return best


def read_applicants(store: GraphStore, as_of: date) -> dict[NodeRef, Applicant]:
    """Every applicant with its filings up to ``as_of`` (bulk reads: edges, then nodes by label)."""
    applied: dict[NodeRef, list[NodeRef]] = {}
    for edge in store.edges(["APPLIED_FOR"]):
        applied.setdefault(edge.start, []).append(edge.end)
    if not applied:
        return {}
    assigned_to: dict[NodeRef, set[NodeRef]] = {}
    for edge in store.edges(["ASSIGNED_TO"]):
        assigned_to.setdefault(edge.start, set()).add(edge.end)
    rights = {}
    for label in ("Trademark", "Patent"):
        for node in store.nodes(label):
            rights[node.ref] = node
    wanted = {ref for ref in applied if ref.label == "Company"}
    companies = {node.ref: node for node in store.nodes("Company") if node.ref in wanted}
    result: dict[NodeRef, Applicant] = {}
    for ref, filed_refs in applied.items():
        company = companies.get(ref)
        applicant = Applicant(ref, scope=str(company.props["scope"]) if company and
                              company.props.get("scope") else None,
                              capital=capital_yuan(company.props.get("capital")) if company else None)
        for right_ref in sorted(set(filed_refs)):
            node = rights.get(right_ref)
            if node is None:
                continue
            when = _date(node.props.get("filed"))
            if when is not None and when > as_of:
                continue
            props = node.props
            goods = props.get("goods") or ()
            inventors = props.get("inventors") or ()
            nice = props.get("nice_class")
            applicant.filings.append(Filing(
                right_ref, when, int(nice) if nice not in (None, "") else None,  # type: ignore[arg-type]
                str(props["ipc"]) if props.get("ipc") else None,
                tuple(str(g) for g in goods) if isinstance(goods, list) else (),
                tuple(str(i) for i in inventors) if isinstance(inventors, list) else (),
                bool(assigned_to.get(right_ref, set()) - {ref}), tuple(node.sources)))
        if applicant.filings:
            result[ref] = applicant
    return result


def inventor_counts(applicants: dict[NodeRef, Applicant]) -> Counter:
    """How many patents each inventor name appears on, province-wide."""
    counts: Counter = Counter()
    for applicant in applicants.values():
        for filing in applicant.filings:
            counts.update(set(filing.inventors))
    return counts


def features(applicant: Applicant, inventors: Counter) -> dict[str, float]:
    """The behaviour numbers of one applicant (pure); NaN where a fact is unknown."""
    marks = [f for f in applicant.filings if f.ref.label == "Trademark"]
    patents = [f for f in applicant.filings if f.ref.label == "Patent"]
    dates = [f.filed for f in applicant.filings if f.filed is not None]
    total = len(applicant.filings)
    scoped = [f for f in marks if f.goods]
    out_share = (sum(1 for f in scoped if not in_scope(f.goods, applicant.scope)) / len(scoped)
                 if applicant.scope and scoped else math.nan)
    load = max((inventors[name] for f in patents for name in f.inventors), default=0)
    return {
        "trademarks": float(len(marks)), "patents": float(len(patents)),
        "peak_30d": float(peak(dates, 30)), "peak_90d": float(peak(dates, 90)),
        "nice_classes": float(len({f.nice for f in marks if f.nice is not None})),
        "ipc_classes": float(len({f.ipc[:3] for f in patents if f.ipc})),
        "out_of_scope_share": out_share,
        "assigned_share": sum(1 for f in applicant.filings if f.assigned) / total,
        "inventor_load": float(load),
        "capital": applicant.capital if applicant.capital is not None else math.nan,
    }


def _matrix(rows: list[dict[str, float]]) -> np.ndarray:
    """Features as the forest sees them: counts on a log scale, unknowns at the province median."""
    data = np.array([[row[name] for name in FEATURES] for row in rows], dtype=float)
    for j, name in enumerate(FEATURES):
        column = data[:, j]
        if name in _LOG:
            column = np.log1p(np.where(np.isnan(column), np.nan, np.maximum(column, 0)))
        known = column[~np.isnan(column)]
        column[np.isnan(column)] = float(np.median(known)) if known.size else 0.0
        data[:, j] = column
    return data


def _percentile(sorted_values: np.ndarray, value: float) -> float:
    return float(np.searchsorted(sorted_values, value, side="right")) / len(sorted_values)


def score(rows: list[tuple[NodeRef, dict[str, float]]], policy: Policy) -> list[Scored]:
    """Fit the forest on the province and judge every applicant (pure, deterministic)."""
    if len(rows) < int(policy.value("anomaly.min_population")):
        return []
    rows = sorted(rows, key=lambda item: item[0])
    data = _matrix([feats for _, feats in rows])
    forest = IsolationForest(n_estimators=int(policy.value("anomaly.trees")),
                             contamination=float(policy.value("anomaly.contamination")),
                             random_state=int(policy.value("anomaly.random_state")))
    forest.fit(data)
    unusual = -forest.score_samples(data)
    flags = -unusual < forest.offset_  # what ``predict`` calls an outlier, without rescoring
    order = np.sort(unusual)
    cut = float(policy.value("anomaly.explain_percentile"))
    columns = {name: np.sort([v for _, f in rows if not math.isnan(v := f[name])])
               for name in FEATURES}
    medians = {name: float(np.median(column)) for name, column in columns.items() if column.size}
    result = []
    for i, (ref, feats) in enumerate(rows):
        standout = []
        for name in FEATURES:
            value, column = feats[name], columns[name]
            if math.isnan(value) or not column.size:
                continue
            median, pct = medians[name], _percentile(column, value)
            odd = (pct <= 1 - cut and value < median) if name in _LOW_IS_ODD else (
                pct >= cut and value > median)
            if odd:
                standout.append((name, value, median, round(pct, 4)))
        result.append(Scored(ref, feats, round(float(unusual[i]), 6),
                             round(_percentile(order, float(unusual[i])), 4), bool(flags[i]),
                             tuple(standout)))
    return result


def scored_applicants(store: GraphStore, policy: Policy, as_of: date,
                      applicants: dict[NodeRef, Applicant] | None = None) -> list[Scored]:
    """Read the province's applicants and score those with enough filings to judge."""
    applicants = read_applicants(store, as_of) if applicants is None else applicants
    inventors = inventor_counts(applicants)
    minimum = int(policy.value("anomaly.min_filings"))
    rows = [(ref, features(a, inventors)) for ref, a in applicants.items()
            if len(a.filings) >= minimum]
    return score(rows, policy)


def describe(name: str, value: float, median: float, pct: float) -> str:
    """One standout feature in words: value, the province median, and the share it exceeds."""
    fmt = (lambda v: f"{v:.0%}") if name.endswith("_share") else (lambda v: f"{v:,.0f}")
    return f"{NAMES[name]} {fmt(value)}（全省中位数 {fmt(median)}，位于全省第 {pct * 100:.1f} 百分位）"


def roc_auc(scored: list[Scored], positives: set[str]) -> float | None:
    """How well the anomaly score ranks known bad actors (ids) above the rest; None if one-sided."""
    from sklearn.metrics import roc_auc_score

    labels = [item.ref.id in positives for item in scored]
    if not any(labels) or all(labels):
        return None
    return round(float(roc_auc_score(labels, [item.anomaly for item in scored])), 4)
