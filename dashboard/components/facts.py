"""The facts about a node: its own properties and every relationship, each with its sources.

Every row names the documents it was read from and when it was loaded, so "where does this
come from" is answered on the row itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dash import html

from dashboard.components.common import caption_of, empty_note, entity_link, fmt_value, table
from dashboard.components.provenance import DocumentIndex, SourceDoc, render_sources
from dashboard.vocab import property_name, rel_phrase
from graph.records import Edge, Node, NodeRef, PropValue
from graph.store import GraphStore

# Shown in their own sections (grade card, findings), not as facts.
DERIVED_RELS: frozenset[str] = frozenset({"GRADE_OF", "FINDING_ABOUT"})


@dataclass
class FactRow:
    rel: str
    phrase: str
    outgoing: bool
    other: NodeRef
    other_caption: str
    props: dict[str, PropValue] = field(default_factory=dict)
    sources: list[SourceDoc] = field(default_factory=list)
    loaded_at: str = ""


@dataclass
class PropertyRow:
    key: str
    name: str
    value: str


def fact_phrase(edge: Edge, outgoing: bool) -> str:
    """How the fact reads from the viewed node, e.g. ``被告 · 案件`` or ``受到处罚``."""
    if edge.type == "PARTY_TO":
        role = str(edge.props.get("role") or "")
        if outgoing:
            if edge.end.label == "Penalty":
                return f"受到处罚（{role}）" if role and role != "当事人" else "受到处罚"
            return f"{role or '当事人'} · 案件"
        return role or "当事人"
    return rel_phrase(edge.type, outgoing)


def fact_rows(store: GraphStore, ref: NodeRef, docs: DocumentIndex,
              skip: frozenset[str] = DERIVED_RELS) -> list[FactRow]:
    """One row per relationship of ``ref``, ordered as the schema lists relationship types.

    Grades and findings pointing at ``ref`` are left out (they have their own sections); seen
    from the Grade or Finding itself, the link to its entity is an ordinary fact.
    """
    order = {name: i for i, name in enumerate(store.model.relationships)}
    rows = []
    for edge in store.incident(ref):
        if edge.type in skip and edge.end == ref:  # the entity's own grade/findings sections
            continue
        outgoing = edge.start == ref
        other = edge.end if outgoing else edge.start
        node = store.get(other)
        rows.append(FactRow(
            rel=edge.type,
            phrase=fact_phrase(edge, outgoing),
            outgoing=outgoing,
            other=other,
            other_caption=caption_of(store.model, node) if node else other.id,
            props=dict(edge.props),
            sources=docs.resolve_all(edge.sources),
            loaded_at=edge.loaded_at or "",
        ))
    rows.sort(key=lambda r: (order.get(r.rel, len(order)), not r.outgoing, r.other_caption))
    return rows


def property_rows(node: Node) -> list[PropertyRow]:
    """The node's properties in the order the schema declares them, then any others."""
    rows = [PropertyRow("id", "编号", node.id)]
    return rows + [PropertyRow(k, property_name(k), fmt_value(v)) for k, v in node.props.items()]


def ordered_properties(store: GraphStore, node: Node) -> list[PropertyRow]:
    spec = store.model.labels.get(node.label)
    declared = list(spec.properties) if spec else []
    rank = {name: i for i, name in enumerate(declared)}
    rows = property_rows(node)
    return rows[:1] + sorted(rows[1:], key=lambda r: (rank.get(r.key, len(rank)), r.key))


def _edge_props(props: dict[str, PropValue]) -> str:
    return "；".join(f"{property_name(k)}：{fmt_value(v, 80)}" for k, v in props.items()) or "—"


def render_facts(rows: list[FactRow], page: str) -> html.Div:
    cells = [
        [html.Span([r.phrase, html.Span(r.rel, className="rel-code")]),
         entity_link(r.other, r.other_caption),
         _edge_props(r.props),
         render_sources(r.sources),
         r.loaded_at or "—"]
        for r in rows
    ]
    content = (table(["关系", "对方", "属性", "来源文件", "载入时间"], cells,
                     class_name="facts-table", table_id=f"{page}-facts")
               if cells else empty_note("无关联事实"))
    return html.Div([html.H3(f"关联事实（{len(rows)}）"), content], className="section")


def render_properties(node: Node, rows: list[PropertyRow], docs: DocumentIndex,
                      page: str) -> html.Div:
    """The property table, followed by the node's own sources and load time."""
    cells = [[html.Span([r.name, html.Span(r.key, className="rel-code")]), r.value]
             for r in rows]
    cells.append(["来源文件", render_sources(docs.resolve_all(node.sources))])
    cells.append(["载入时间", node.loaded_at or "—"])
    return html.Div([html.H3("基本信息"),
                     table(["属性", "值"], cells, class_name="props-table",
                           table_id=f"{page}-props")],
                    className="section")

