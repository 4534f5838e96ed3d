"""Profile URLs: ids carry brackets, slashes and Chinese, so they always travel percent-encoded."""

from __future__ import annotations

from urllib.parse import quote, unquote

from graph.records import NodeRef

ENTITY_PREFIX = "/entity/"


def profile_href(ref: NodeRef) -> str:
    """``/entity/<Label>/<id>`` with both parts encoded (``/`` inside an id included)."""
    return f"{ENTITY_PREFIX}{quote(ref.label, safe='')}/{quote(ref.id, safe='')}"


def parse_profile_path(pathname: str | None) -> NodeRef | None:
    """The node a profile path names, or None when the path is not a profile path."""
    if not pathname or not pathname.startswith(ENTITY_PREFIX):
        return None
    rest = pathname[len(ENTITY_PREFIX):]
    label, sep, node_id = rest.partition("/")
    if not sep or not label or not node_id:
        return None
    return NodeRef(unquote(label), unquote(node_id))
