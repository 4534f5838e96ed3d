""""Why is this company C?": a grade in words, with its findings, rules and source documents."""

from __future__ import annotations

import json

from graph.records import NodeRef
from graph.store import GraphStore
from risk.grades import grade_ref

_GRADED = ("Company", "Person", "Agency")


def explain_entity(store: GraphStore, query: str) -> str:
    """Find the entity by id, USCC or name and explain its grade; says so when nothing matches."""
    matches = [n for n in store.search(query, limit=10) if n.label in _GRADED]
    if not matches:
        return f"no company, person or agency matches {query!r}"
    entity = matches[0]
    name = entity.props.get("name", entity.id)
    grade = store.get(grade_ref(entity.ref))
    if grade is None:
        return f"{name}（{entity.id}）has no grade yet: run `ipcredit grade`"
    lines = [f"{name}（{entity.id}）：{grade.props['grade']} 级，{grade.props['score']} 分"
             + ("，严重失信名单候选" if grade.props.get("candidate") else "")
             + f"；policy {grade.props.get('policy_version')}，as of {grade.props.get('as_of')}"]
    factors = json.loads(str(grade.props.get("factors") or "[]"))
    if not factors:
        lines.append("  no negative factor: full base score")
    for factor in factors:
        lines.append(f"  {factor['points']:+d}  {factor['name']}: {factor['detail']}")
        lines.append(f"        rule {factor['policy_entry']} — {factor['basis']}")
        for sha in factor["documents"]:
            doc = store.get(NodeRef("Document", sha))
            where = doc.props.get("path", sha) if doc else sha
            lines.append(f"        source {where} (sha256 {sha[:12]}…)")
    for edge in store.incident(entity.ref):
        if edge.type == "FINDING_ABOUT":
            finding = store.get(edge.start)
            if finding:
                lines.append(f"  finding {finding.props['kind']} ({finding.props['score']}): "
                             f"{finding.props['summary']}")
    if len(matches) > 1:
        others = ", ".join(f"{m.props.get('name', m.id)} ({m.id})" for m in matches[1:4])
        lines.append(f"  (also matched: {others})")
    return "\n".join(lines)
