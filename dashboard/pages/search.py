"""Search, the home page: one box for names, USCCs, trademark/patent and case numbers."""

from __future__ import annotations

from dataclasses import dataclass

from dash import Dash, Input, Output, State, dcc, html

from dashboard.components.common import caption_of, empty_note, grade_badge, label_tag
from dashboard.components.grade import grade_node
from dashboard.links import profile_href
from graph.records import NodeRef
from graph.store import GraphStore

PAGE = "search"
RESULT_LIMIT = 50


@dataclass
class SearchHit:
    ref: NodeRef
    caption: str
    detail: str
    grade: str
    candidate: bool

    @property
    def href(self) -> str:
        return profile_href(self.ref)


def search_hits(store: GraphStore, text: str | None, limit: int = RESULT_LIMIT) -> list[SearchHit]:
    """The store's matches (identifiers first, then names) with each entity's grade letter."""
    text = (text or "").strip()
    if not text:
        return []
    hits = []
    for node in store.search(text, limit=limit):
        spec = store.model.labels.get(node.label)
        extra = [str(node.props[p]) for p in (spec.unique if spec else ())
                 if node.props.get(p) not in (None, "") and str(node.props[p]) != node.id]
        grade = grade_node(store, node.ref)
        hits.append(SearchHit(
            ref=node.ref,
            caption=caption_of(store.model, node),
            detail=" ".join(extra),
            grade=str(grade.props.get("grade") or "") if grade else "",
            candidate=bool(grade.props.get("candidate")) if grade else False,
        ))
    return hits


def render_hits(hits: list[SearchHit], query: str | None) -> html.Div:
    if not (query or "").strip():
        return html.Div()
    if not hits:
        return html.Div(empty_note(f"未找到与“{query}”匹配的主体"), id=f"{PAGE}-empty")
    rows = [
        html.Tr([
            html.Td(label_tag(hit.ref.label)),
            html.Td(dcc.Link(hit.caption, href=hit.href, className="entity-link search-hit")),
            html.Td([html.Span(hit.ref.id, className="mono"),
                     html.Div(hit.detail, className="meta") if hit.detail else None]),
            html.Td(grade_badge(hit.grade, hit.candidate) or "—"),
        ])
        for hit in hits
    ]
    return html.Div([
        html.P(f"共 {len(hits)} 条结果", className="meta", id=f"{PAGE}-count"),
        html.Table([html.Thead(html.Tr([html.Th(c) for c in ("类型", "名称", "编号", "信用等级")])),
                    html.Tbody(rows)], className="data-table results-table"),
    ])


def layout(store: GraphStore, query: str = "") -> html.Div:
    """The search box, prefilled (and already answered) when the URL carries ``?q=``."""
    return html.Div([
        html.H2("主体检索"),
        html.P("输入企业名称（可部分）、统一社会信用代码、商标注册号、专利申请号或案号，按回车检索。",
               className="meta"),
        html.Div([
            dcc.Input(id=f"{PAGE}-input", type="text", value=query, debounce=False,
                      placeholder="例如：恒达纺织 / 91320505… / (2021)苏05知民初123号",
                      className="search-input", autoFocus=True),
            html.Button("检索", id=f"{PAGE}-button", n_clicks=0, className="button"),
        ], className="search-bar"),
        dcc.Loading(html.Div(render_hits(search_hits(store, query), query),
                             id=f"{PAGE}-results"), type="dot"),
    ], className="page")


def register(app: Dash, store: GraphStore) -> None:
    @app.callback(
        Output(f"{PAGE}-results", "children"),
        Input(f"{PAGE}-button", "n_clicks"),
        Input(f"{PAGE}-input", "n_submit"),
        State(f"{PAGE}-input", "value"),
        prevent_initial_call=True,
    )
    def run_search(_clicks: int | None, _submits: int | None, text: str | None) -> html.Div:
        return render_hits(search_hits(store, text), text)
