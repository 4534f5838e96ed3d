"""A detector's findings about an entity: what was found, why it matters and what shows it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from dash import dcc, html

from dashboard.components.common import caption_of, empty_note, entity_link
from dashboard.components.provenance import DocumentIndex, SourceDoc, render_sources
from dashboard.links import profile_href
from graph.records import Node, NodeRef
from graph.store import GraphStore


@dataclass
class EvidenceItem:
    ref: NodeRef
    caption: str
    why: str
    exists: bool


@dataclass
class FindingRow:
    ref: NodeRef
    kind: str
    detector: str
    score: float
    summary: str
    basis: str
    policy_entry: str
    policy_version: str
    as_of: str
    evidence: list[EvidenceItem] = field(default_factory=list)
    documents: list[SourceDoc] = field(default_factory=list)
    error: str = ""


def _json_list(value: Any) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def evidence_items(store: GraphStore, value: Any) -> list[EvidenceItem]:
    """The evidence JSON (``[{label, id, why}]``) with each node's caption looked up."""
    items = []
    for entry in _json_list(value):
        if not isinstance(entry, dict) or not entry.get("label") or not entry.get("id"):
            continue
        ref = NodeRef(str(entry["label"]), str(entry["id"]))
        node = store.get(ref)
        items.append(EvidenceItem(ref, caption_of(store.model, node) if node else ref.id,
                                  str(entry.get("why", "")), node is not None))
    return items


def finding_row(store: GraphStore, node: Node, docs: DocumentIndex) -> FindingRow:
    props = node.props
    error = ""
    try:
        evidence = evidence_items(store, props.get("evidence"))
    except (ValueError, TypeError) as exc:
        evidence, error = [], f"证据数据无法解析：{exc}"
    score = props.get("score")
    return FindingRow(
        ref=node.ref,
        kind=str(props.get("kind") or ""),
        detector=str(props.get("detector") or ""),
        score=float(score) if isinstance(score, int | float) else 0.0,
        summary=str(props.get("summary") or ""),
        basis=str(props.get("basis") or ""),
        policy_entry=str(props.get("policy_entry") or ""),
        policy_version=str(props.get("policy_version") or ""),
        as_of=str(props.get("as_of") or ""),
        evidence=evidence,
        documents=[docs.document(sha) for sha in props.get("documents") or []
                   if isinstance(sha, str)],
        error=error,
    )


def findings_for(store: GraphStore, entity: NodeRef, docs: DocumentIndex) -> list[FindingRow]:
    """Every Finding linked to the entity by FINDING_ABOUT, strongest first."""
    rows = []
    for edge in store.incident(entity):
        if edge.type == "FINDING_ABOUT" and edge.end == entity:
            node = store.get(edge.start)
            if node is not None:
                rows.append(finding_row(store, node, docs))
    return sorted(rows, key=lambda r: (-r.score, r.kind))


def _evidence_list(items: list[EvidenceItem]) -> html.Ul | str:
    if not items:
        return "—"
    return html.Ul([
        html.Li([entity_link(i.ref, i.caption) if i.exists else html.Span(i.caption),
                 html.Span(f"：{i.why}" if i.why else "", className="why")])
        for i in items
    ], className="evidence-list")


def render_findings(rows: list[FindingRow], page: str) -> html.Div:
    """One card per finding; its summary first, then basis, evidence and documents."""
    cards = []
    for row in rows:
        basis = " · ".join(filter(None, [row.policy_entry, row.basis]))
        cards.append(html.Div([
            html.Div([
                html.Span(row.kind, className="finding-kind"),
                html.Span(f"{row.score:.2f}", className="finding-score",
                          title="检测分数 0–1"),
                html.Span(row.detector, className="meta"),
                dcc.Link("详情", href=profile_href(row.ref), className="meta"),
            ], className="finding-head"),
            html.P(row.summary, className="finding-summary"),
            html.Div([html.B("依据："), basis or "—"], className="finding-basis"),
            html.Div([html.B("证据："), _evidence_list(row.evidence)]),
            html.Div([html.B("来源文件："), render_sources(row.documents)]),
            html.P(row.error, className="error-note") if row.error else None,
            html.Div(" ".join(filter(None, [
                f"政策版本 {row.policy_version}" if row.policy_version else "",
                f"计算于 {row.as_of}" if row.as_of else ""])), className="meta"),
        ], className="finding-card"))
    return html.Div([html.H3(f"风险发现（{len(rows)}）"),
                     *(cards or [empty_note("无风险发现")])],
                    id=f"{page}-findings", className="section")
