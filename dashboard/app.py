"""The Dash app: a header, URL routing to the pages, and nothing global.

The store is passed in and closed over by each page's callbacks, so several apps (one per test,
one per store) can live in one process. Pages are plain modules rather than Dash's page registry
for the same reason: the registry is process-global.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

from dash import Dash, Input, Output, dcc, html

from dashboard.api import register_api
from dashboard.links import parse_profile_path
from dashboard.pages import not_found, profile, search
from dashboard.vocab import label_name
from graph.store import GraphStore

APP_NAME = "ipcredit 知识产权信用监管"
ASSETS = Path(__file__).resolve().parent / "assets"


def label_counts(store: GraphStore) -> list[tuple[str, int]]:
    """Node counts per label in schema order (``counts()`` also holds edge types: left out)."""
    counts = store.counts()
    return [(label, counts[label]) for label in store.model.labels if counts.get(label)]


def render_counts(store: GraphStore) -> list[html.Span]:
    return [html.Span([label_name(label), html.B(f" {n:,}")], className="count", title=label)
            for label, n in label_counts(store)]


def header(store: GraphStore) -> html.Header:
    return html.Header([
        dcc.Link(APP_NAME, href="/", className="brand", id="app-brand"),
        html.Nav([dcc.Link("检索", href="/", className="nav-link")], className="nav"),
        html.Div(render_counts(store), id="app-counts", className="counts"),
    ], className="app-header")


def route(store: GraphStore, pathname: str | None, query_string: str | None) -> html.Div:
    """The page for a URL: ``/`` search (``?q=`` prefills), ``/entity/<Label>/<id>`` profile."""
    if pathname in (None, "", "/"):
        query = parse_qs((query_string or "").lstrip("?")).get("q", [""])[0]
        return search.layout(store, query)
    ref = parse_profile_path(pathname)
    if ref is not None:
        return profile.layout(store, ref)
    return not_found.layout(f"页面不存在：{pathname}")


def create_app(store: GraphStore) -> Dash:
    """Build the app around ``store``; serve it with ``dashboard.server.serve``."""
    app = Dash(__name__, title=APP_NAME, assets_folder=str(ASSETS),
               suppress_callback_exceptions=True, update_title=None)
    app.layout = lambda: html.Div([
        dcc.Location(id="app-url", refresh=False),
        header(store),
        html.Main(id="app-page", className="container"),
    ])

    @app.callback(
        Output("app-page", "children"),
        Output("app-counts", "children"),
        Input("app-url", "pathname"),
        Input("app-url", "search"),
    )
    def show_page(pathname: str | None, query_string: str | None) -> tuple:
        return route(store, pathname, query_string), render_counts(store)

    search.register(app, store)
    profile.register(app, store)
    register_api(app, store)
    return app
