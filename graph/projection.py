"""Project part of the graph into networkx, where analytics and detectors traverse it."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from graph.store import GraphStore


def project(store: GraphStore, rel_types: Sequence[str], labels: Sequence[str] = ()) -> nx.MultiDiGraph:
    """A directed multigraph of the given relationship types (plus all nodes of ``labels``).

    Nodes are ``NodeRef``s carrying ``props`` and ``sources``; edges carry ``type``, ``props``
    and ``sources``. Only the ends of the projected edges are fetched, so the cost grows with the
    size of the projected subgraph, not of the whole graph.
    """
    graph = nx.MultiDiGraph()
    for label in labels:
        for node in store.nodes(label):
            graph.add_node(node.ref, props=node.props, sources=node.sources)
    for edge in store.edges(rel_types):
        for ref in (edge.start, edge.end):
            if ref not in graph:
                node = store.get(ref)
                graph.add_node(ref, props=node.props if node else {},
                               sources=node.sources if node else [])
        graph.add_edge(edge.start, edge.end, key=edge.type, type=edge.type, props=edge.props,
                       sources=edge.sources)
    return graph


def documents_of(sources: Sequence[str]) -> list[str]:
    """The document hashes named by source references ``sha@position``."""
    return sorted({source.split("@", 1)[0] for source in sources})
