"""Where a fact comes from: source references resolved to the Document nodes they name.

A source reference is ``"<sha256>@<position>"``; the Document node with that id carries the
title, path, source system and receipt time a person needs to go and look at the original.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dash import dcc, html

from dashboard.links import profile_href
from graph.records import NodeRef
from graph.store import GraphStore


@dataclass(frozen=True)
class SourceDoc:
    """One cited document, with the position inside it when the citation gives one."""

    sha256: str
    position: str
    title: str
    path: str
    source: str
    received_at: str
    known: bool

    @property
    def ref(self) -> NodeRef:
        return NodeRef("Document", self.sha256)


def split_source(source_ref: str) -> tuple[str, str]:
    """``"<sha>@<pos>"`` → ``(sha, pos)``; a bare hash has no position."""
    sha, _, position = source_ref.partition("@")
    return sha.strip(), position.strip()


class DocumentIndex:
    """Looks Document nodes up once per page render, however many facts cite them."""

    def __init__(self, store: GraphStore):
        self.store = store
        self._cache: dict[str, SourceDoc] = {}

    def document(self, sha256: str) -> SourceDoc:
        if sha256 not in self._cache:
            node = self.store.get(NodeRef("Document", sha256))
            props = node.props if node else {}
            self._cache[sha256] = SourceDoc(
                sha256=sha256,
                position="",
                title=str(props.get("title") or props.get("path") or f"文件 {sha256[:12]}…"),
                path=str(props.get("path") or ""),
                source=str(props.get("source") or ""),
                received_at=str(props.get("received_at") or ""),
                known=node is not None,
            )
        return self._cache[sha256]

    def resolve(self, source_ref: str) -> SourceDoc:
        sha, position = split_source(source_ref)
        doc = self.document(sha)
        return SourceDoc(doc.sha256, position, doc.title, doc.path, doc.source,
                         doc.received_at, doc.known)

    def resolve_all(self, source_refs: Iterable[str]) -> list[SourceDoc]:
        return [self.resolve(s) for s in source_refs if s]


def render_sources(docs: list[SourceDoc]) -> html.Ul | str:
    """Each document as a link to its profile, with its path and the position cited."""
    if not docs:
        return "—"
    items = []
    for doc in docs:
        hover = "\n".join(filter(None, [doc.path, doc.source, f"sha256 {doc.sha256}",
                                        f"接收 {doc.received_at}" if doc.received_at else ""]))
        parts: list = [
            dcc.Link(doc.title, href=profile_href(doc.ref), className="source-title")
            if doc.known else html.Span(doc.title, className="source-missing",
                                        title="该文件未入库"),
        ]
        if doc.position:
            parts.append(html.Span(f" @{doc.position}", className="source-pos"))
        if doc.path:
            parts.append(html.Div(doc.path, className="source-path"))
        items.append(html.Li(parts, title=hover))
    return html.Ul(items, className="source-list")
