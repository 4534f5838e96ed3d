"""After a judgement, reopen the documents it changes so the next ingest re-resolves them.

A document is reopened by marking its Document node incomplete; ``ingest`` then maps it again
with a resolver that consults the judgement, and the writes merge as always (a second ingest
changes nothing). What the old resolution built and the new one will not rebuild is removed
first, through the store interface:

- "same" (a name judged to be a registered company): the company known only by that name, with
  the infringements attributed to it and the people known only as named with it; the reopened
  documents attach those facts to the company.
- "not same": the PARTY_TO edges from the registered company whose printed name (``mention``)
  the judgements in force no longer let resolve to it, and the infringements they attributed to
  it; re-mapping the documents writes what they support under the judgement.

The documents are reopened before anything is removed, so a run stopped halfway leaves them to
be re-mapped and a repeat finds what is left to remove; a repeat after a complete run finds
nothing (the edges are gone) and removes nothing. The report lists every removed edge with its
sources and ``match``: the trail of what the judgement took back.
"""

from __future__ import annotations

from graph.records import Edge, Node, NodeRef
from graph.store import GraphStore
from ingest.matching.judgements import Judgement, JudgementBook
from ingest.resolve import unregistered_id


def _document(source: str) -> str:
    return source.split("@", 1)[0]


def _delete(store: GraphStore, label: str, doomed: set[str]) -> int:
    if not doomed:
        return 0
    keep = {n.id for n in store.nodes(label)} - doomed
    return store.delete_nodes(label, keep)


def separated(edge: Edge, book: JudgementBook) -> bool:
    """Whether the judgements in force no longer let this PARTY_TO edge's mention resolve to its
    company: the resolver's own tests on the mention's keys (its printed name's ``name:`` key, and
    the company's USCC when that was printed). An edge written before edges kept the printed name
    counts as separated unless a USCC matched it: reopening then re-maps it either way."""
    company = edge.start.id
    method = str(edge.props.get("match", "")).split(" ", 1)[0]
    mention = edge.props.get("mention")
    if not mention:
        return method != "uscc"
    keys = [unregistered_id(str(mention))] + ([company] if method == "uscc" else [])
    if company in book.not_same(keys):
        return True
    if method == "judged_same":
        return all((book.same_target(key) or ("",))[0] != company for key in keys)
    return False


def _trail(edge: Edge) -> dict:
    return {"type": edge.type, "start": str(edge.start), "end": str(edge.end),
            "match": edge.props.get("match"), "mention": edge.props.get("mention"),
            "sources": edge.sources}


def reopen_for(store: GraphStore, judgement: Judgement) -> dict:
    """Reopen the documents ``judgement`` changes; report them and what was removed."""
    documents: set[str] = set()
    infringements: set[str] = set()
    companies: set[str] = set()
    persons: set[str] = set()
    edges: list[Edge] = []
    names = [s for s in (judgement.left, judgement.right) if s.startswith("name:")]
    registered = [s for s in (judgement.left, judgement.right) if not s.startswith(("name:", "person:"))]
    if judgement.verdict == "same":
        for name in names:
            node = store.get(NodeRef("Company", name))
            if node is None:
                continue
            companies.add(name)
            documents |= {_document(s) for s in node.sources}
            for edge in store.incident(node.ref):
                documents |= {_document(s) for s in edge.sources}
                if edge.type == "COMMITTED":
                    infringements.add(edge.end.id)
                if edge.start.label == "Person" and edge.start.id.endswith(f"|@{name}"):
                    persons.add(edge.start.id)  # known only as named with that company
    else:
        book = JudgementBook.from_store(store)
        for company in registered:
            ref = NodeRef("Company", company)
            for edge in store.incident(ref):
                if edge.type != "PARTY_TO" or edge.start != ref or not separated(edge, book):
                    continue
                edges.append(edge)
                documents |= {_document(s) for s in edge.sources}
                infringements.add(f"inf:{edge.end.id}|{company}")
    documents = {d for d in documents if store.get(NodeRef("Document", d)) is not None}
    doomed = {label: sorted(i for i in ids if store.get(NodeRef(label, i)) is not None)
              for label, ids in (("Infringement", infringements), ("Company", companies),
                                 ("Person", persons))}
    store.write([Node("Document", d, {"complete": False}) for d in sorted(documents)])
    removed = {label: _delete(store, label, set(ids)) for label, ids in doomed.items()}
    removed["PARTY_TO"] = store.delete_edges(edge.key for edge in edges) if edges else 0
    return {"documents": sorted(documents), "removed": removed, "removed_nodes": doomed,
            "removed_edges": [_trail(edge) for edge in sorted(edges, key=lambda e: e.key)]}
