"""What an unknown address or a missing entity shows: say so, and offer the way back."""

from __future__ import annotations

from dash import dcc, html


def layout(message: str = "页面不存在") -> html.Div:
    return html.Div([
        html.H2("404"),
        html.P(message, id="notfound-message"),
        dcc.Link("返回检索", href="/"),
    ], className="page not-found")
