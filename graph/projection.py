"""Project part of the graph into networkx, where analytics and detectors traverse it."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from graph.records import Edge, Node, NodeRef
from graph.store import GraphStore


def project(store: GraphStore, rel_types: Sequence[str], labels: Sequence[str] = ()) -> nx.MultiDiGraph:
    """A directed multigraph of the given relationship types (plus all nodes of ``labels``).

    Nodes are ``NodeRef``s carrying ``props`` and ``sources``; edges carry ``type``, ``props``
    and ``sources``. Only the ends of the projected edges are fetched, so the cost grows with the
    size of the projected subgraph, not of the whole graph.
    """
    nodes, edges = fetch(store, rel_types, labels)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((ref, {"props": node.props, "sources": node.sources})
                         for ref, node in nodes.items())
    graph.add_edges_from((edge.start, edge.end, edge.type,
                          {"type": edge.type, "props": edge.props, "sources": edge.sources})
                         for edge in edges)
    return graph


def fetch(store: GraphStore, rel_types: Sequence[str],
          labels: Sequence[str] = ()) -> tuple[dict[NodeRef, Node], list[Edge]]:
    """The nodes and edges ``project`` would hold, without building a graph: for a detector that
    only walks the edges once (building networkx costs more than such a walk).

    Nodes come in ``project``'s order: all of ``labels``, then the edge ends as the edges meet
    them (an end missing from the store is an empty node).
    """
    nodes = {node.ref: node for label in labels for node in store.nodes(label)}
    edges = list(store.edges(rel_types))
    ends = [ref for ref in dict.fromkeys(ref for edge in edges for ref in (edge.start, edge.end))
            if ref not in nodes]
    found = store.get_many(ends)
    for ref in ends:
        nodes[ref] = found.get(ref) or Node(ref.label, ref.id)
    return nodes, edges


def documents_of(sources: Sequence[str]) -> list[str]:
    """The document hashes named by source references ``sha@position``."""
    return sorted({source.split("@", 1)[0] for source in sources})
