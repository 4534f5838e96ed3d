"""After a judgement, reopen the documents it changes so the next ingest re-resolves them.

A document is reopened by marking its Document node incomplete; ``ingest`` then maps it again
with a resolver that consults the judgement, and the writes merge as always (a second ingest
changes nothing). What the old resolution built and the new one will not rebuild is removed
first, through the store interface:

- "same" (a name judged to be a registered company): the company known only by that name, with
  the infringements attributed to it and the people known only as named with it; the reopened
  documents attach those facts to the company.
- "not same": the infringements the reopened documents attributed to the registered company by
  name; re-mapping restores those the documents support. The store interface has no edge
  removal, so the PARTY_TO edges of the old merge remain and are listed as ``stale`` for review.
"""

from __future__ import annotations

from graph.records import Node, NodeRef
from graph.store import GraphStore
from ingest.matching.judgements import Judgement


def _document(source: str) -> str:
    return source.split("@", 1)[0]


def _delete(store: GraphStore, label: str, doomed: set[str]) -> int:
    if not doomed:
        return 0
    keep = {n.id for n in store.nodes(label)} - doomed
    return store.delete_nodes(label, keep)


def reopen_for(store: GraphStore, judgement: Judgement) -> dict:
    """Reopen the documents ``judgement`` changes; report them and what was removed."""
    documents: set[str] = set()
    infringements: set[str] = set()
    companies: set[str] = set()
    persons: set[str] = set()
    stale: list[str] = []
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
        for company in registered:
            for edge in store.incident(NodeRef("Company", company)):
                if edge.type != "PARTY_TO" or str(edge.props.get("match", "")).startswith("uscc"):
                    continue
                docs = {_document(s) for s in edge.sources}
                documents |= docs
                stale.append(f"PARTY_TO {company} -> {edge.end}")
                infringements.add(f"inf:{edge.end.id}|{company}")
    documents = {d for d in documents if store.get(NodeRef("Document", d)) is not None}
    removed = {"Infringement": _delete(store, "Infringement", infringements),
               "Company": _delete(store, "Company", companies),
               "Person": _delete(store, "Person", persons)}
    store.write([Node("Document", d, {"complete": False}) for d in sorted(documents)])
    return {"documents": sorted(documents), "removed": removed, "stale": stale}
