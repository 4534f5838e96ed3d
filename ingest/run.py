"""One ingest run over an inbox folder: every record ends loaded, unchanged or quarantined.

A file is a Document node keyed by its sha256. Its records are written in batches, and only when
all are written is the Document marked complete with its counts. A second run skips complete
files (their records count as unchanged), and a run killed halfway re-does the incomplete file,
whose writes are idempotent merges: the graph ends the same either way.

``bulk=True`` is the fast path for a first load (``ingest.bulk``): the same mapping in the same
order, documents extracted by worker processes, writes batched across files without the
created/changed comparison. It ends in the same graph and resumes the same way.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from graph.records import Edge, Node, NodeRef, WriteStats
from graph.store import GraphStore
from ingest.mapping.common import FragmentBuilder
from ingest.mapping.documents import map_document
from ingest.mapping.filings import map_patent, map_trademark
from ingest.mapping.registry import map_registration
from ingest.readers import SOURCE_ORDER, Routed, Unparsed, read_file, route
from ingest.readers.route import sha256
from ingest.records import Quarantined, RawRecord, RecordRejected
from ingest.resolve import CompanyResolver
from nlp.extract import extract_document

BATCH_RECORDS = 500
Progress = Callable[[str, int], None]
Extract = Callable[[RawRecord], dict[str, Any]]


class Sink(Protocol):
    """Where a file's fragments go: written at once (daily loads) or batched (bulk)."""

    def write(self, nodes: list[Node], edges: list[Edge]) -> None: ...

    def complete(self, document: Node) -> None:
        """The file's Document, marked complete: stored no earlier than all its records."""


class DirectSink:
    """Compared writes; a file's last batch and its Document share one transaction."""

    def __init__(self, store: GraphStore, report: RunReport):
        self.store, self.report = store, report
        self._pending: tuple[list[Node], list[Edge]] | None = None

    def write(self, nodes: list[Node], edges: list[Edge]) -> None:
        self._send()
        self._pending = (nodes, edges)

    def complete(self, document: Node) -> None:
        nodes, edges = self._pending or ([], [])
        self._pending = None
        self.report.writes += self.store.write([*nodes, document], edges)

    def _send(self) -> None:
        if self._pending is not None:
            self.report.writes += self.store.write(*self._pending)
            self._pending = None


@dataclass
class RunReport:
    records_in: int = 0
    loaded: int = 0
    unchanged: int = 0
    quarantined: int = 0
    files: int = 0
    by_source: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    quarantine: list[Quarantined] = field(default_factory=list)
    writes: WriteStats = field(default_factory=WriteStats)
    # what was written, precisely: the property keys of each node and the (type, start, end) of
    # each edge, so re-scoring can skip the detectors that read none of it
    written_keys: dict[NodeRef, frozenset[str]] = field(default_factory=dict)
    written_edges: set[tuple[str, NodeRef, NodeRef]] = field(default_factory=set)
    # one shared copy of each set of property keys: a province's millions of nodes have few
    key_sets: dict[frozenset[str], frozenset[str]] = field(default_factory=dict, repr=False)

    @property
    def touched(self) -> set[NodeRef]:
        """Every node the run wrote, and both ends of every edge it wrote: where re-scoring starts."""
        return set(self.written_keys) | {end for _, start, stop in self.written_edges
                                         for end in (start, stop)}

    def count(self, source: str, outcome: str, n: int = 1) -> None:
        setattr(self, outcome, getattr(self, outcome) + n)
        self.records_in += n
        self.by_source[source]["records_in"] += n
        self.by_source[source][outcome] += n

    def as_dict(self) -> dict:
        # Reasons are grouped with the record's own values blanked out, so like counts with like.
        reasons = Counter(f"{q.field}: " + re.sub(r"'[^']*'|\d+", "…", q.reason)
                          for q in self.quarantine)
        return {
            "records_in": self.records_in, "loaded": self.loaded, "unchanged": self.unchanged,
            "quarantined": self.quarantined, "files": self.files,
            "by_source": {k: dict(v) for k, v in sorted(self.by_source.items())},
            "by_reason": dict(reasons.most_common()),
            "quarantine": [q.as_dict() for q in self.quarantine],
            "writes": self.writes.as_dict(),
        }


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def extract_text(record: RawRecord) -> dict[str, Any]:
    """The fields of a document record, extracted here and now."""
    return extract_document(record.data)


def _map(record: RawRecord, resolver: CompanyResolver, loaded_at: str,
         extract: Extract = extract_text) -> FragmentBuilder:
    builder = FragmentBuilder(record, loaded_at)
    if record.source == "registry":
        map_registration(builder)
    elif record.source == "trademark":
        map_trademark(builder, resolver)
    elif record.source == "patent":
        map_patent(builder, resolver)
    else:
        if isinstance(record.data, Unparsed):
            raise RecordRejected("(file)", str(record.data))
        try:
            extraction = extract(record)
        except ValueError as exc:
            raise RecordRejected("text", f"extraction failed: {exc}") from None
        map_document(builder, resolver, extraction)
    return builder


def _title(record: RawRecord) -> str:
    if record.source == "document":
        first = next((line.strip() for line in str(record.data).splitlines() if line.strip()), "")
        return first[:80] or record.file.name
    return record.file.name


def inbox_files(inbox: Path) -> list[Path]:
    return sorted(p for p in inbox.rglob("*") if p.is_file() and not p.name.startswith("."))


def run_ingest(inbox: Path, store: GraphStore, *, progress: Progress | None = None,
               bulk: bool = False, workers: int | None = None) -> RunReport:
    """Ingest every file under ``inbox`` into ``store`` and account for every record.

    ``bulk`` takes the fast first-load path (``ingest.bulk``, ``workers`` extraction processes).
    """
    report, planned = plan_inbox(inbox)
    resolver = CompanyResolver.from_store(store)
    if bulk:
        from ingest.bulk import load_bulk

        load_bulk(inbox, store, resolver, planned, report, progress=progress, workers=workers)
        return report
    sink = DirectSink(store, report)
    for routed, path in planned:
        data = path.read_bytes()
        digest = sha256(data)
        ingest_file(resolver, inbox, routed, path, digest, read_file(path, data, routed),
                    store.get(NodeRef("Document", digest)), report, sink)
        if progress:
            progress(path.name, 1)
    return report


def plan_inbox(inbox: Path) -> tuple[RunReport, list[tuple[Routed, Path]]]:
    """The files of ``inbox`` in load order (registrations first); unknown ones quarantined."""
    report = RunReport()
    planned: list[tuple[Routed, Path]] = []
    for path in inbox_files(inbox):
        with path.open("rb") as handle:
            routed = route(path, handle.read(8192))  # the head is enough to recognise a file
        report.files += 1
        if routed is None:
            report.count("unknown", "quarantined")
            report.quarantine.append(Quarantined(str(path.relative_to(inbox)), "(file)", "(file)",
                                                 "no reader takes this file: unknown format"))
            continue
        planned.append((routed, path))
    planned.sort(key=lambda item: (SOURCE_ORDER.index(item[0].source), str(item[1])))
    return report, planned


def ingest_file(resolver: CompanyResolver, inbox: Path, routed: Routed, path: Path, digest: str,
                records: Iterable[RawRecord] | Iterator[RawRecord], known: Node | None,
                report: RunReport, sink: Sink, extract: Extract = extract_text) -> None:
    """Map one file's records in order into ``sink``, then its Document; skip it if complete.

    Both paths run this, so they map the same records in the same order with the resolver
    learning at the same points: the same graph.
    """
    relative = str(path.relative_to(inbox))
    source = routed.source
    doc_ref = NodeRef("Document", digest)
    if known is not None and known.props.get("complete"):
        report.count(source, "unchanged", int(known.props.get("loaded", 0)))
        stored = [Quarantined(**q) for q in json.loads(str(known.props.get("quarantine", "[]")))]
        report.count(source, "quarantined", len(stored))
        report.quarantine.extend(stored)
        return
    loaded_at = _now()
    loaded, quarantined, title = 0, [], relative
    batch: list[FragmentBuilder] = []
    for record in records:
        title = _title(record)
        try:
            builder = _map(record, resolver, loaded_at, extract)
        except RecordRejected as rejected:
            quarantined.append(Quarantined(relative, record.position, rejected.field,
                                           rejected.reason))
            continue
        loaded += 1
        batch.append(builder)
        if len(batch) >= BATCH_RECORDS:
            _flush(sink, resolver, batch, report)
            batch = []
    _flush(sink, resolver, batch, report)
    document = Node("Document", doc_ref.id, {
        "sha256": doc_ref.id, "path": relative, "source": source, "title": title,
        "received_at": loaded_at, "records": loaded + len(quarantined), "loaded": loaded,
        "quarantined": len(quarantined), "complete": True,
        "quarantine": json.dumps([q.as_dict() for q in quarantined], ensure_ascii=False),
    }, [], loaded_at)
    sink.complete(document)
    report.count(source, "loaded", loaded)
    report.count(source, "quarantined", len(quarantined))
    report.quarantine.extend(quarantined)


def _flush(sink: Sink, resolver: CompanyResolver, batch: Iterable[FragmentBuilder],
           report: RunReport) -> None:
    nodes, edges = [], []
    for builder in batch:
        nodes.extend(builder.nodes.values())
        edges.extend(builder.edges.values())
    if not nodes and not edges:
        return
    sink.write(_merge_duplicates(nodes), edges)
    written, shared = report.written_keys, report.key_sets
    for node in nodes:
        ref, keys = node.ref, node.props.keys()
        known = written.get(ref)
        if known is None or not keys <= known:
            fresh = frozenset(keys) if known is None else known.union(keys)
            written[ref] = shared.setdefault(fresh, fresh)
    report.written_edges.update((edge.type, edge.start, edge.end) for edge in edges)
    names = {n.id: str(n.props.get("name", "")) for n in nodes if n.label == "Person"}
    for node in nodes:
        if node.label == "Company" and node.props.get("kind") == "registered":
            resolver.learn(node)
    for edge in edges:
        if edge.start.label == "Person" and edge.type in ("LEGAL_REP_OF", "SHAREHOLDER_OF",
                                                          "OFFICER_OF"):
            resolver.learn_person(edge.end.id, names.get(edge.start.id, ""), edge.start.id)


def _merge_duplicates(nodes: list[Node]) -> list[Node]:
    """Within one batch, records naming the same node are merged before the write."""
    merged: dict[tuple[str, str], Node] = {}
    for node in nodes:
        key = (node.label, node.id)
        if key not in merged:
            merged[key] = Node(node.label, node.id, dict(node.props), list(node.sources),
                               node.loaded_at)
        else:
            merged[key].props.update(node.props)
            merged[key].sources.extend(s for s in node.sources if s not in merged[key].sources)
    return list(merged.values())
