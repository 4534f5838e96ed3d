"""The neighbourhood of a node as cytoscape elements, and the summary shown when one is clicked.

The walk skips the platform's own Grade/Finding/Document nodes unless asked, so an
investigator sees the world (companies, people, cases) and not the bookkeeping around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dash import dcc, html

from dashboard.components.common import caption_of, fmt_value, grade_badge, label_tag
from dashboard.components.grade import grade_node
from dashboard.links import profile_href
from dashboard.vocab import DERIVED_LABELS, LABEL_COLOURS, label_name, property_name, rel_name
from graph.model import GraphModel
from graph.records import Edge, Node, NodeRef
from graph.store import GraphStore

NODE_LIMIT = 300
CAPTION_CHARS = 18


@dataclass
class Neighbourhood:
    focus: NodeRef
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    truncated: bool = False


def collect(store: GraphStore, ref: NodeRef, depth: int, show_derived: bool = False,
            limit: int = NODE_LIMIT) -> Neighbourhood:
    """Breadth-first walk to ``depth`` hops in either direction, at most ``limit`` nodes.

    Hidden labels are not walked through either, so hiding them never leaves nodes that only
    they connected. The focus node is always kept, whatever its label.
    """
    hood = store.neighbourhood(ref, depth, limit,
                               frozenset() if show_derived else DERIVED_LABELS)
    return Neighbourhood(ref, hood.nodes, hood.edges, hood.truncated)


def element_id(ref: NodeRef) -> str:
    return f"{ref.label}:{ref.id}"


def short(text: str, limit: int = CAPTION_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cyto_elements(hood: Neighbourhood, model: GraphModel) -> list[dict[str, Any]]:
    """Nodes (class = label, text = caption) then edges (text = relationship name)."""
    elements: list[dict[str, Any]] = []
    for node in hood.nodes:
        caption = caption_of(model, node)
        classes = node.label + (" focus" if node.ref == hood.focus else "")
        elements.append({
            "data": {"id": element_id(node.ref), "label": short(caption), "caption": caption,
                     "kind": node.label, "node_id": node.id, "href": profile_href(node.ref)},
            "classes": classes,
        })
    for edge in hood.edges:
        source, target = element_id(edge.start), element_id(edge.end)
        elements.append({
            "data": {"id": f"{edge.type}|{source}|{target}", "source": source,
                     "target": target, "label": rel_name(edge.type), "type": edge.type},
        })
    return elements


def stylesheet() -> list[dict[str, Any]]:
    """Node colour by label (the same palette as the label chips), arrows for direction."""
    sheet: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(label)", "font-size": 11, "color": "#222",
            "font-family": "Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif",
            "text-valign": "bottom", "text-margin-y": 4, "width": 22, "height": 22,
            "background-color": "#888", "border-width": 1, "border-color": "#fff",
            "text-wrap": "ellipsis", "text-max-width": 140}},
        {"selector": "edge", "style": {
            "label": "data(label)", "font-size": 9, "color": "#555",
            "font-family": "Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif",
            "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 1.2,
            "line-color": "#b9c2cc", "target-arrow-color": "#b9c2cc",
            "text-rotation": "autorotate", "text-background-color": "#fff",
            "text-background-opacity": 0.8, "text-background-padding": 1}},
    ]
    sheet += [{"selector": f"node.{label}", "style": {"background-color": colour}}
              for label, colour in LABEL_COLOURS.items()]
    sheet += [
        {"selector": "node.focus", "style": {"width": 34, "height": 34, "border-width": 3,
                                             "border-color": "#111", "font-weight": "bold"}},
        {"selector": "node:selected", "style": {"border-width": 3, "border-color": "#f1c40f"}},
    ]
    return sheet


def node_summary(store: GraphStore, ref: NodeRef, page: str) -> html.Div:
    """A clicked node: label, caption, a few properties, its grade, and a link to its profile."""
    node = store.get(ref)
    if node is None:
        return html.Div(f"未找到 {ref}", className="empty-note")
    grade = grade_node(store, ref)
    rows = [html.Li([html.Span(property_name(k) + "：", className="meta"), fmt_value(v, 80)])
            for k, v in list(node.props.items())[:6]]
    return html.Div([
        html.Div([label_tag(node.label), html.B(caption_of(store.model, node))]),
        html.Div(node.id, className="meta mono"),
        grade_badge(str(grade.props.get("grade") or ""), bool(grade.props.get("candidate")))
        if grade else None,
        html.Ul(rows, className="summary-props"),
        dcc.Link(f"打开{label_name(node.label)}档案 →", href=profile_href(ref),
                 id=f"{page}-node-link", className="button-link"),
    ], className="node-summary")


def legend(hood: Neighbourhood) -> html.Div:
    labels = sorted({n.label for n in hood.nodes})
    return html.Div([label_tag(label) for label in labels], className="legend")
