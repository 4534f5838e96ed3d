"""The entity profile: properties, grade with factors, findings, facts with sources, network.

Everything on it is read straight from the store at request time; the network view and its
pyvis export share one walk (``components.network.collect``) so they always show the same graph.
"""

from __future__ import annotations

from typing import Any

import dash_cytoscape as cyto
from dash import Dash, Input, Output, State, dcc, html, no_update

from dashboard.components.common import caption_of, grade_badge, label_tag
from dashboard.components.export import export_filename, pyvis_html
from dashboard.components.facts import (
    fact_rows,
    ordered_properties,
    render_facts,
    render_properties,
)
from dashboard.components.findings import finding_row, findings_for, render_findings
from dashboard.components.grade import grade_node, grade_view, render_grade
from dashboard.components.network import (
    collect,
    cyto_elements,
    legend,
    node_summary,
    stylesheet,
)
from dashboard.components.provenance import DocumentIndex
from dashboard.pages import not_found
from dashboard.vocab import label_name
from graph.records import Node, NodeRef
from graph.store import GraphStore

PAGE = "profile"
DEPTHS = (1, 2, 3)
SHOW_DERIVED = "derived"


def network_layout(step: int = 0) -> dict[str, Any]:
    """A force layout; ``step`` changes the dict so cytoscape re-runs it on new elements."""
    return {"name": "cose", "animate": False, "fit": True, "padding": 30,
            "nodeDimensionsIncludeLabels": True, "randomize": False, "nodeRepulsion": 9000,
            "idealEdgeLength": 90 + step % 2}


def network_status(nodes: int, edges: int, truncated: bool) -> str:
    text = f"{nodes} 个节点 · {edges} 条关系"
    return text + "（已截断，请缩小深度）" if truncated else text


def _network_section(store: GraphStore, ref: NodeRef) -> html.Div:
    hood = collect(store, ref, depth=1)
    return html.Div([
        html.H3("关系网络"),
        html.Div([
            html.Span("深度", className="meta"),
            dcc.RadioItems(id=f"{PAGE}-depth", options=[{"label": f" {d} 跳", "value": d}
                                                        for d in DEPTHS],
                           value=1, inline=True, className="radio"),
            dcc.Checklist(id=f"{PAGE}-show-derived",
                          options=[{"label": " 显示等级/发现/文件节点", "value": SHOW_DERIVED}],
                          value=[], inline=True, className="radio"),
            html.Button("导出 HTML（pyvis）", id=f"{PAGE}-export", n_clicks=0,
                        className="button secondary"),
            dcc.Download(id=f"{PAGE}-download"),
        ], className="network-controls"),
        html.Div(network_status(len(hood.nodes), len(hood.edges), hood.truncated),
                 id=f"{PAGE}-network-status", className="meta"),
        html.Div(legend(hood), id=f"{PAGE}-legend"),
        cyto.Cytoscape(id=f"{PAGE}-network", elements=cyto_elements(hood, store.model),
                       layout=network_layout(), stylesheet=stylesheet(),
                       style={"width": "100%", "height": "480px"}, className="network",
                       minZoom=0.2, maxZoom=3),
        html.Div(html.Span("点击节点查看摘要", className="meta"), id=f"{PAGE}-node-info",
                 className="node-info"),
    ], className="section network-section")


def _heading(store: GraphStore, node: Node, grade: Node | None) -> html.Div:
    return html.Div([
        label_tag(node.label),
        html.H2(caption_of(store.model, node), id=f"{PAGE}-title"),
        grade_badge(str(grade.props.get("grade") or ""), bool(grade.props.get("candidate")))
        if grade else None,
        html.Div(node.id, className="meta mono", id=f"{PAGE}-id"),
    ], className="profile-heading")


def layout(store: GraphStore, ref: NodeRef) -> html.Div:
    """The whole profile of ``ref``, or the not-found page when the store has no such node."""
    node = store.get(ref)
    if node is None:
        return not_found.layout(f"未找到{label_name(ref.label)}：{ref.id}")
    docs = DocumentIndex(store)
    grade = node if node.label == "Grade" else grade_node(store, ref)
    findings = ([finding_row(store, node, docs)] if node.label == "Finding"
                else findings_for(store, ref, docs))
    return html.Div([
        dcc.Store(id=f"{PAGE}-ref", data={"label": ref.label, "id": ref.id}),
        _heading(store, node, grade),
        html.Div([
            html.Div([
                render_grade(grade_view(grade, docs) if grade else None, PAGE),
                render_properties(node, ordered_properties(store, node), docs, PAGE),
            ], className="col"),
            html.Div(_network_section(store, ref), className="col"),
        ], className="two-col"),
        render_findings(findings, PAGE),
        render_facts(fact_rows(store, ref, docs), PAGE),
    ], className="page profile")


def _ref(data: dict | None) -> NodeRef | None:
    if not data or "label" not in data or "id" not in data:
        return None
    return NodeRef(str(data["label"]), str(data["id"]))


def redraw(store: GraphStore, depth: int | None, show: list[str] | None,
           data: dict | None) -> tuple:
    """Elements, layout, status line and legend for the chosen depth and visibility."""
    ref = _ref(data)
    if ref is None:
        return no_update, no_update, no_update, no_update
    depth = depth if depth in DEPTHS else 1
    hood = collect(store, ref, depth, show_derived=SHOW_DERIVED in (show or []))
    step = depth * 2 + (1 if show else 0)
    return (cyto_elements(hood, store.model), network_layout(step),
            network_status(len(hood.nodes), len(hood.edges), hood.truncated), legend(hood))


def clicked_node(store: GraphStore, data: dict | None) -> Any:
    """The summary of a tapped node (its element data carries label and id)."""
    if not data or "kind" not in data or "node_id" not in data:
        return no_update
    return node_summary(store, NodeRef(data["kind"], data["node_id"]), PAGE)


def export_download(store: GraphStore, clicks: int | None, depth: int | None,
                    show: list[str] | None, data: dict | None) -> Any:
    """The pyvis file for ``dcc.Download``: the same walk as the view on screen."""
    ref = _ref(data)
    if not clicks or ref is None:
        return no_update
    node = store.get(ref)
    caption = caption_of(store.model, node) if node else ref.id
    depth = depth if depth in DEPTHS else 1
    hood = collect(store, ref, depth, show_derived=SHOW_DERIVED in (show or []))
    title = f"{label_name(ref.label)}：{caption}（{depth} 跳关系网络）"
    return {"content": pyvis_html(hood, store, title),
            "filename": export_filename(caption, ref.id), "type": "text/html"}


def register(app: Dash, store: GraphStore) -> None:
    app.callback(
        Output(f"{PAGE}-network", "elements"),
        Output(f"{PAGE}-network", "layout"),
        Output(f"{PAGE}-network-status", "children"),
        Output(f"{PAGE}-legend", "children"),
        Input(f"{PAGE}-depth", "value"),
        Input(f"{PAGE}-show-derived", "value"),
        State(f"{PAGE}-ref", "data"),
        prevent_initial_call=True,
    )(lambda depth, show, data: redraw(store, depth, show, data))

    app.callback(
        Output(f"{PAGE}-node-info", "children"),
        Input(f"{PAGE}-network", "tapNodeData"),
        prevent_initial_call=True,
    )(lambda data: clicked_node(store, data))

    app.callback(
        Output(f"{PAGE}-download", "data"),
        Input(f"{PAGE}-export", "n_clicks"),
        State(f"{PAGE}-depth", "value"),
        State(f"{PAGE}-show-derived", "value"),
        State(f"{PAGE}-ref", "data"),
        prevent_initial_call=True,
    )(lambda clicks, depth, show, data: export_download(store, clicks, depth, show, data))
