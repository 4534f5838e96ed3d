"""Fold repeated nodes and edges of one bulk write into one item each.

A bulk write sends each key once, so repeats must first be merged the way writing them one after
the other would leave them: later property values win, sources become the union, ``loaded_at``
keeps the first, even an empty one. Empty values never overwrite (``clean_props``), exactly as
in a store merge.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

from graph.records import Edge, Node, clean_props

Item = TypeVar("Item", Node, Edge)


def collapse(items: Iterable[Item]) -> list[Item]:
    """One item per key, in first-seen order, carrying the merge of all its repeats."""
    merged: dict[Hashable, Item] = {}
    for item in items:
        if isinstance(item, Node):
            key: Hashable = (item.label, item.id)
        else:
            key = (item.type, item.start.label, item.start.id, item.end.label, item.end.id)
        known = merged.get(key)
        if known is None:
            copy = Node(item.label, item.id) if isinstance(item, Node) else \
                Edge(item.type, item.start, item.end)
            copy.props = clean_props(item.props)
            sources = item.sources
            copy.sources = list(sources) if len(sources) < 2 else sorted(set(sources))
            copy.loaded_at = item.loaded_at
            merged[key] = copy  # type: ignore[assignment]
            continue
        known.props.update(clean_props(item.props))
        if not set(item.sources) <= set(known.sources):
            known.sources = sorted(set(known.sources) | set(item.sources))
    return list(merged.values())
