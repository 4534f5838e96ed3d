"""Incremental re-scoring: after a load, re-detect and re-grade only what the load could change.

The load says what it wrote: the records themselves (``Change.written``: each node with the
properties written, and the edges), only the nodes (``RunReport.touched``), or ``changed_since``
finds them from the documents received since a time. Each detector that can (``affected`` +
``run_local``) expands the touched nodes to the entities whose finding may differ — controllers'
other companies, whole shell networks, the suppliers a seller names, the parties of a changed
infringement — and computes their findings from their neighbourhood alone. A detector with only
``run`` is population-wide (fitted or indexed on the whole province) and is re-run whole, unless
it declares what it ``reads`` (``risk.changes.Reads``) and the load changed none of it: a day of
penalty decisions leaves the trademark and patent detectors alone. Findings of those entities
are replaced, and the entities whose findings or infringements may have moved are re-graded.

All walks read through one ``LocalReads``, so each node and each node's edges are fetched once for
every detector and the re-grade, a whole frontier of the walk at a time (``GraphStore.get_many``,
``incident_many``): a re-score costs a few queries per level of its walks, not one per node.

The result equals a full run on the same graph (the tests hold both stores to that). When the
stored results were computed as of another day, under another policy or another model, nothing
is reused: the run falls back to a full detect and grade.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from graph.records import Node, NodeRef, clean_props
from graph.snapshot import ReadCache, collector_paused
from graph.store import GraphStore
from risk.changes import Change, examined, may_change
from risk.detectors import DETECTORS
from risk.detectors.repeat_infringement import repeat_context
from risk.engine import detect, finding_fact, grade, grade_all, infringement_facts
from risk.finding import Finding, findings_to_graph
from risk.grades import FindingFact, Grade, grade_ref
from risk.localgraph import WALKED, LocalReads, Neighbourhood, infringement_context
from risk.models.officer import OfficerModel
from risk.policy import Policy

DERIVED = ("Finding", "Grade", "Lead", "ListEntry", "Transition", "ListDocument", "Alert",
           "Decision", "Document")
GRADED = ("Company", "Person", "Agency")


@dataclass
class RescoreRun:
    mode: str  # incremental | full (stored results could not be reused) | unchanged
    changed: int = 0
    affected: int = 0
    findings_written: int = 0
    findings_removed: int = 0
    detectors: dict[str, str] = field(default_factory=dict)
    grades: list[Grade] = field(default_factory=list)
    seconds: float = 0.0
    reason: str = ""
    regrade_seconds: float = 0.0

    def as_dict(self) -> dict:
        counts = {letter: 0 for letter in "ABCD"}
        for item in self.grades:
            counts[item.grade] += 1
        return {"mode": self.mode, "reason": self.reason, "changed": self.changed,
                "affected": self.affected, "regraded": len(self.grades), "distribution": counts,
                "findings_written": self.findings_written,
                "findings_removed": self.findings_removed, "detectors": self.detectors,
                "regrade_seconds": round(self.regrade_seconds, 3), "seconds": round(self.seconds, 3)}


def changed_since(store: GraphStore, since: str) -> Change:
    """Nodes and edges first loaded, or re-stated by a document received, at or after ``since``
    (ISO time); which properties a re-statement changed is not known. Reads the whole graph once."""
    documents = {n.id for n in store.nodes("Document") if str(n.props.get("received_at") or "") >= since}
    cited = lambda sources: any(s.split("@", 1)[0] in documents for s in sources)  # noqa: E731
    nodes: dict[NodeRef, frozenset[str] | None] = {}
    for label in store.model.labels:
        if label in DERIVED:
            continue
        nodes.update((n.ref, None) for n in store.nodes(label)
                     if str(n.loaded_at or "") >= since or cited(n.sources))
    edges = set()
    for edge in store.edges():
        if edge.start.label in DERIVED or edge.end.label in DERIVED:
            continue
        if str(edge.loaded_at or "") >= since or cited(edge.sources):
            edges.add((edge.type, edge.start, edge.end))
    return Change(nodes, frozenset(edges))


def _findings_of(store: GraphStore, entities: set[NodeRef]) -> list[Node]:
    """The stored findings about ``entities``, by key: a re-score whose detectors all run
    locally needs only these, not every finding of the province."""
    keys = [NodeRef("Finding", f"{name}|{ref.label}|{ref.id}")
            for ref in sorted(entities) for name in sorted(DETECTORS)]
    return list(store.get_many(keys).values())


def _stale(nodes: list[Node], as_of: date, policy: Policy, model: str | None) -> str:
    for node in nodes:
        if node.props.get("as_of") != as_of.isoformat():
            return f"stored results are as of {node.props.get('as_of')}, not {as_of}"
        if node.props.get("policy_version") != policy.version:
            return f"stored results follow policy {node.props.get('policy_version')}"
        if model is not None and node.props.get("model", "none") != model:
            return f"stored grades used model {node.props.get('model', 'none')}, not {model}"
    return ""


def _same(old: Node, new: Node) -> bool:
    return all(old.props.get(k) == v for k, v in clean_props(new.props).items() if k != "as_of")


def _full(store: GraphStore, policy: Policy, as_of: date, model: OfficerModel | None,
          detectors: list[str] | None, changed: int, reason: str, started: float) -> RescoreRun:
    findings = detect(store, policy, as_of, detectors)
    grades = grade(store, policy, as_of, model)
    return RescoreRun("full", changed, len(grades.grades), len(findings), 0,
                      {name: "full" for name in detectors or sorted(DETECTORS)}, grades.grades,
                      time.perf_counter() - started, reason)


def rescore(store: GraphStore, policy: Policy, as_of: date, changed: set[NodeRef] | Change,
            model: OfficerModel | None = None, detectors: list[str] | None = None) -> RescoreRun:
    """Re-detect and re-grade what a load (``changed``: the nodes it touched, or the ``Change``
    it wrote) can affect; the same result as a full run."""
    with collector_paused():
        return _rescore(store, policy, as_of, changed, model, detectors)


def _rescore(store: GraphStore, policy: Policy, as_of: date, changed: set[NodeRef] | Change,
             model: OfficerModel | None, detectors: list[str] | None) -> RescoreRun:
    started = time.perf_counter()
    change = (changed if isinstance(changed, Change) else Change.of(changed)).without(DERIVED)
    changed = change.touched
    model_version = model.version if model is not None else "none"
    if not changed:  # nothing new, but a new day or policy still moves windows and weights
        stored = list(store.nodes("Finding"))
        reason = _stale(stored, as_of, policy, None) or ("" if stored else "no stored findings")
        if reason:
            return _full(store, policy, as_of, model, detectors, 0, reason, started)
        return RescoreRun("unchanged", seconds=time.perf_counter() - started)
    names = detectors or sorted(DETECTORS)
    local = {n: DETECTORS[n] for n in names
             if hasattr(DETECTORS[n], "affected") and hasattr(DETECTORS[n], "run_local")}
    reader = LocalReads(store, WALKED)  # the walks of every detector and of the re-grade share its reads
    if local:
        reader.prefetch(changed)  # every local walk starts there
    affected: dict[str, set[NodeRef]] = {}
    spent: dict[str, float] = {}  # seconds each detector took to decide, and to find its entities
    unmoved: set[str] = set()  # detectors for which nothing they read changed
    for name in names:
        detector, begun = DETECTORS[name], time.perf_counter()
        reads = getattr(detector, "reads", None)
        if reads is not None:
            reader.prefetch(examined(reads, change), whole=True)  # in one batch, not node by node
        if reads is not None and not may_change(reads, change, reader.incident):
            unmoved.add(name)
        elif name in local:
            affected[name] = detector.affected(reader, changed, policy)
        spent[name] = time.perf_counter() - begun
    targets = set().union(*affected.values()) | {r for r in changed if r.label in GRADED}
    stored_grades = store.get_many(grade_ref(r) for r in sorted(targets))
    old_grades = [g for g in (stored_grades.get(grade_ref(r)) for r in sorted(targets)) if g is not None]
    population = [n for n in names if n not in unmoved and n not in local]
    stored = list(store.nodes("Finding")) if population else _findings_of(store, targets)
    # every run writes its as-of date and policy on all it writes: any stored finding tells
    sample = stored or list(islice(store.nodes("Finding"), 1))
    reason = _stale(sample, as_of, policy, None) or _stale(old_grades, as_of, policy, model_version)
    if reason or (not sample and not old_grades):
        return _full(store, policy, as_of, model, detectors, len(changed),
                     reason or "no stored results to update", started)

    run = RescoreRun("incremental", len(changed))
    whole = ReadCache(store)  # the population detectors that must re-run share one read of each label
    stored_by_id = {n.id: n for n in stored}
    written: list[Finding] = []
    removed: set[str] = set()
    for name in names:
        detector, begun = DETECTORS[name], time.perf_counter()
        if name in unmoved:
            run.detectors[name] = f"skipped: nothing it reads changed, {spent[name]:.2f} s"
            continue
        if name in local:
            mine = affected[name]
            new = detector.run_local(reader, policy, as_of, mine)
            took = spent[name] + time.perf_counter() - begun
            run.detectors[name] = f"local: {len(mine)} entities, {took:.2f} s"
            olds = {f"{name}|{r.label}|{r.id}" for r in mine} & set(stored_by_id)
            removed |= olds - {f.id for f in new}
            written += [f for f in new if f.id not in stored_by_id
                        or not _same(stored_by_id[f.id], f.to_graph("")[0])]
            continue
        new = detector.run(whole, policy, as_of)
        run.detectors[name] = f"population: re-run whole, {time.perf_counter() - begun:.2f} s"
        olds = {i: n for i, n in stored_by_id.items() if n.props.get("detector") == name}
        fresh = {f.id: f for f in new}
        for gone in set(olds) - set(fresh):
            removed.add(gone)
            targets.add(finding_fact(olds[gone])[0])
        for finding in new:
            if finding.id not in olds or not _same(olds[finding.id], finding.to_graph("")[0]):
                written.append(finding)
                targets.add(finding.entity)

    if removed:  # the store deletes by what it keeps: every finding's id, when only some were read
        kept = set(stored_by_id) if population else {n.id for n in store.nodes("Finding")}
        store.delete_nodes("Finding", keep=kept - removed)
    nodes, edges = findings_to_graph(written, as_of.isoformat())
    store.write(nodes, edges)
    run.findings_written, run.findings_removed = len(written), len(removed)

    facts: dict[NodeRef, list[FindingFact]] = {}
    current = {i: n for i, n in stored_by_id.items() if i not in removed} | {n.id: n for n in nodes}
    for node in current.values():  # the entity first: only the targets' facts are decoded
        if NodeRef(str(node.props["entity_label"]), str(node.props["entity_id"])) in targets:
            ref, fact = finding_fact(node)
            facts.setdefault(ref, []).append(fact)
    whole.clear()
    begun = time.perf_counter()
    run.grades = _regrade(store, reader, policy, as_of, targets, facts, model,
                          {g.id: g for g in old_grades})
    run.regrade_seconds = time.perf_counter() - begun
    run.affected = len(targets)
    run.seconds = time.perf_counter() - started
    return run


def _regrade(store: GraphStore, reader: GraphStore, policy: Policy, as_of: date,
             targets: set[NodeRef], facts: dict[NodeRef, list[FindingFact]],
             model: OfficerModel | None, previous: dict[str, Node]) -> list[Grade]:
    """Grade the targets a full run would grade; drop the grades of those it no longer would.
    ``reader`` serves the walk (only findings were written since it read); of the grades, only
    those that differ from ``previous`` (the stored ones read before) are written."""
    hood = Neighbourhood(reader)
    parties = {r for r in targets if r.label in GRADED}
    graph = (repeat_context if model is not None else infringement_context)(hood, parties)
    infringements = infringement_facts(graph, policy, as_of)
    gradable = {r for r in parties
                if (r.label == "Company" and hood.node(r) is not None) or r in facts or r in infringements}
    grades = grade_all(graph, policy, as_of, gradable, facts, model, infringements)
    nodes, edges = [], []
    for item in grades:
        node, edge = item.to_graph(as_of.isoformat())
        if node.id not in previous:
            nodes.append(node)
            edges.append(edge)
        elif not _same(previous[node.id], node):
            nodes.append(node)  # its GRADE_OF edge is stored already
    dropped = {ref.id for ref in store.get_many(grade_ref(r) for r in parties - gradable)}
    if dropped:
        store.delete_nodes("Grade", keep={n.id for n in store.nodes("Grade")} - dropped)
    store.write(nodes, edges)
    return grades
