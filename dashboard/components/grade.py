"""The credit grade and the factors behind it, each with its policy entry, basis and documents.

The risk engine stores factors as a JSON string on the Grade node; a grade that cannot be
explained is shown as such (an error row), never as a bare number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from dash import html

from dashboard.components.common import empty_note, grade_badge, table
from dashboard.components.provenance import DocumentIndex, SourceDoc, render_sources
from dashboard.vocab import GRADED_LABELS
from graph.records import Node, NodeRef
from graph.store import GraphStore
from risk.grades import grade_ref


@dataclass
class FactorRow:
    name: str
    points: float
    detail: str
    policy_entry: str
    basis: str
    documents: list[SourceDoc] = field(default_factory=list)


@dataclass
class GradeView:
    ref: NodeRef
    grade: str
    score: int | None
    candidate: bool
    policy_version: str
    as_of: str
    factors: list[FactorRow]
    error: str = ""


def grade_node(store: GraphStore, entity: NodeRef) -> Node | None:
    """The Grade of an entity, or None (only companies, persons and agencies are graded)."""
    if entity.label not in GRADED_LABELS:
        return None
    node = store.get(grade_ref(entity))
    if node is None:
        return None
    label = node.props.get("entity_label")
    return node if label in (None, entity.label) else None


def _points(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return int(number) if number.is_integer() else number


def factor_rows(factors: Any, docs: DocumentIndex) -> list[FactorRow]:
    """Factor dicts (or their JSON string) → rows; raises ValueError on an unreadable value."""
    if isinstance(factors, str):
        factors = json.loads(factors) if factors.strip() else []
    if factors is None:
        return []
    if not isinstance(factors, list):
        raise ValueError("factors is not a list")
    rows = []
    for item in factors:
        if not isinstance(item, dict):
            raise ValueError(f"factor is not an object: {item!r}")
        rows.append(FactorRow(
            name=str(item.get("name", "")),
            points=_points(item.get("points")),
            detail=str(item.get("detail", "")),
            policy_entry=str(item.get("policy_entry", "")),
            basis=str(item.get("basis", "")),
            documents=[docs.document(sha) for sha in item.get("documents") or []],
        ))
    return rows


def grade_view(node: Node, docs: DocumentIndex) -> GradeView:
    props = node.props
    error = ""
    try:
        rows = factor_rows(props.get("factors"), docs)
    except (ValueError, TypeError) as exc:
        rows, error = [], f"因素数据无法解析：{exc}"
    score = props.get("score")
    return GradeView(
        ref=node.ref,
        grade=str(props.get("grade") or ""),
        score=int(score) if isinstance(score, int | float) else None,
        candidate=bool(props.get("candidate")),
        policy_version=str(props.get("policy_version") or ""),
        as_of=str(props.get("as_of") or ""),
        factors=rows,
        error=error,
    )


def _fmt_points(points: float) -> str:
    return f"+{points}" if points > 0 else str(points)


def render_grade(view: GradeView | None, page: str) -> html.Div:
    """The grade card: badge, score out of 1000, candidate flag and the factor table."""
    if view is None:
        return html.Div([html.H3("信用等级"), empty_note("尚未评级")], id=f"{page}-grade",
                        className="section")
    header = html.Div([
        grade_badge(view.grade, view.candidate),
        html.Span(f"{view.score if view.score is not None else '—'} / 1000",
                  className="grade-score"),
        html.Span(f"政策版本 {view.policy_version}" if view.policy_version else "",
                  className="meta"),
        html.Span(f"计算于 {view.as_of}" if view.as_of else "", className="meta"),
    ], className="grade-head")
    rows = [
        [f.name, html.Span(_fmt_points(f.points), className="points"), f.detail,
         f.policy_entry, f.basis, render_sources(f.documents)]
        for f in view.factors
    ]
    body: list = [header]
    if view.error:
        body.append(html.P(view.error, className="error-note"))
    body.append(
        table(["因素", "分值", "说明", "政策条目", "法律依据", "来源文件"], rows,
              class_name="factor-table", table_id=f"{page}-factors")
        if rows else empty_note("无扣分或加分因素")
    )
    return html.Div([html.H3("信用等级"), *body], id=f"{page}-grade", className="section")
