"""A store's whole content as comparable data (load times aside), to compare two runs."""

from __future__ import annotations

from graph.store import GraphStore


def snapshot(store: GraphStore, labels: tuple[str, ...] | None = None) -> tuple[list, list]:
    labels = labels or tuple(store.model.labels)
    nodes = sorted(
        (n.label, n.id, sorted(n.props.items(), key=str), tuple(n.sources))
        for label in labels for n in store.nodes(label)
        if label != "Document"
    )
    edges = sorted(
        (e.type, str(e.start), str(e.end), sorted(e.props.items(), key=str), tuple(e.sources))
        for e in store.edges()
    )
    return nodes, edges
