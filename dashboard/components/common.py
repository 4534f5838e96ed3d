"""Small shared pieces: captions, value formatting, links and plain tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from dash import dcc, html

from dashboard.links import profile_href
from dashboard.vocab import GRADE_NAMES, label_colour, label_name
from graph.model import GraphModel
from graph.records import Node, NodeRef

MAX_CELL = 240


def caption_of(model: GraphModel, node: Node) -> str:
    """What the model says to show for a node (its ``caption`` property, else its id)."""
    spec = model.labels.get(node.label)
    return node.caption(spec.caption) if spec else node.id


def fmt_value(value: Any, limit: int = MAX_CELL) -> str:
    """A property value as one readable line; long texts are cut so tables stay scannable."""
    if isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, list):
        text = "、".join(str(v) for v in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    elif value is None:
        text = ""
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label_tag(label: str) -> html.Span:
    """A coloured chip naming a label, the same colour as in the network view."""
    return html.Span(label_name(label), className="label-tag",
                     style={"backgroundColor": label_colour(label)}, title=label)


def entity_link(ref: NodeRef, caption: str, with_label: bool = True) -> html.Span:
    parts: list[Any] = [label_tag(ref.label)] if with_label else []
    parts.append(dcc.Link(caption, href=profile_href(ref), className="entity-link"))
    return html.Span(parts, className="entity-ref")


def grade_badge(letter: str | None, candidate: bool = False) -> html.Span | None:
    """The grade letter as a coloured badge (A green … D red), marked when a list candidate."""
    if not letter:
        return None
    text = f"{letter} {GRADE_NAMES.get(letter, '')}".strip()
    children: list[Any] = [text]
    if candidate:
        children.append(html.Span("名单候选", className="candidate-flag"))
    return html.Span(children, className=f"grade-badge grade-{letter}")


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], class_name: str = "",
          table_id: str | None = None) -> html.Table:
    """A plain HTML table; cells may be strings or components."""
    head = html.Thead(html.Tr([html.Th(c) for c in columns]))
    body = html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows])
    attrs: dict[str, Any] = {"className": f"data-table {class_name}".strip()}
    if table_id:
        attrs["id"] = table_id
    return html.Table([head, body], **attrs)


def empty_note(text: str) -> html.P:
    return html.P(text, className="empty-note")
