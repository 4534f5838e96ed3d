"""The bulk path for a first load of a large province (``ipcredit ingest --bulk``).

Same mapping, same order, same resolver as a daily load (``ingest.run.ingest_file``), so the graph
ends the same. What changes is the work around it:

- documents are read and extracted by worker processes, a bounded window ahead of the mapper;
- fragments are buffered across files and written by one background thread with
  ``GraphStore.write_bulk`` (large batches, no created/changed comparison), while the main
  thread maps the next records;
- the store may relax its settings for the run (``GraphStore.bulk_load``).

Resumable like a daily load: a file's Document is marked complete in the same or a later write
than its last records, writes happen in order, and after a failed write no later one is made.
A killed bulk run, restarted (bulk or not), redoes only the incomplete files with idempotent
merges. Correct on a non-empty store too: bulk writes merge, they never blindly create.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any

from graph.records import Edge, Node, WriteStats
from graph.store import GraphStore
from ingest.readers import Routed, Unparsed, read_file
from ingest.readers.route import sha256
from ingest.records import RawRecord
from ingest.resolve import CompanyResolver
from ingest.run import Progress, RunReport, ingest_file
from nlp.extract import extract_document

BULK_ITEMS = 20000  # nodes + edges per bulk write
WINDOW = 64  # documents read and extracted ahead of the mapper, per worker
QUEUE = 2  # bulk writes waiting for the writer thread

Read = tuple[str, list[RawRecord], dict[str, Any]]  # digest, records, extraction per position

_complete: frozenset[str] = frozenset()


class BulkSink:
    """Buffers fragments across files; one background thread writes them in order.

    Once a write fails, the thread writes nothing more (so no later Document can be marked
    complete ahead of its records) and the failure is raised in the caller's thread.
    """

    def __init__(self, store: GraphStore, report: RunReport, items: int | None = None):
        self.store, self.report, self.items = store, report, items or BULK_ITEMS
        self._nodes: list[Node] = []
        self._edges: list[Edge] = []
        self._stats = WriteStats()
        self._error: BaseException | None = None
        self._queue: queue.Queue[tuple[list[Node], list[Edge]] | None] = queue.Queue(QUEUE)
        self._thread = threading.Thread(target=self._run, name="bulk-writer", daemon=True)
        self._thread.start()

    def write(self, nodes: list[Node], edges: list[Edge]) -> None:
        self._nodes += nodes
        self._edges += edges
        if len(self._nodes) + len(self._edges) >= self.items:
            self._hand_over()

    def complete(self, document: Node) -> None:
        self._nodes.append(document)

    def close(self) -> None:
        """Write what is buffered, wait for the writer, raise its failure if any."""
        if self._error is None:
            self._hand_over()
        self._queue.put(None)
        self._thread.join()
        self._raise()
        self.report.writes += self._stats

    def abandon(self) -> None:
        """Stop the writer after a failure elsewhere; buffered fragments are dropped."""
        self._error = self._error or RuntimeError("bulk load abandoned")
        self._queue.put(None)
        self._thread.join()

    def _hand_over(self) -> None:
        self._raise()
        if self._nodes or self._edges:
            self._queue.put((self._nodes, self._edges))
            self._nodes, self._edges = [], []

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (work := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._stats += self.store.write_bulk(*work)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                    self._error = exc


def _init_worker(complete: frozenset[str]) -> None:
    global _complete
    _complete = complete


def read_document(item: tuple[Routed, Path]) -> Read:
    """A document file's records and their extractions (skipped for files already complete)."""
    routed, path = item
    data = path.read_bytes()
    digest = sha256(data)
    records = list(read_file(path, data, routed))
    extracted: dict[str, Any] = {}
    if digest not in _complete:
        for record in records:
            if not isinstance(record.data, Unparsed):
                try:
                    extracted[record.position] = extract_document(record.data)
                except ValueError as exc:
                    extracted[record.position] = exc
    return digest, records, extracted


def _read_ahead(pool: Pool | None, items: Sequence[tuple[Routed, Path]],
                window: int) -> Iterator[Read]:
    """``read_document`` of each item, in order, at most ``window`` items ahead."""
    if pool is None:
        yield from map(read_document, items)
        return
    pending: deque[AsyncResult[Read]] = deque()
    upcoming = iter(items)
    for item in upcoming:
        pending.append(pool.apply_async(read_document, (item,)))
        if len(pending) >= window:
            break
    while pending:
        result = pending.popleft().get()
        following = next(upcoming, None)
        if following is not None:
            pending.append(pool.apply_async(read_document, (following,)))
        yield result


def _extractor(extracted: dict[str, Any]):
    def extract(record: RawRecord) -> dict[str, Any]:
        result = extracted[record.position] if record.position in extracted else \
            extract_document(record.data)
        if isinstance(result, ValueError):
            raise result
        return result
    return extract


def load_bulk(inbox: Path, store: GraphStore, resolver: CompanyResolver,
              planned: list[tuple[Routed, Path]], report: RunReport, *,
              progress: Progress | None = None, workers: int | None = None) -> None:
    """Load the planned files of ``inbox`` through the bulk path; ``report`` accounts for all."""
    documents = {node.id: node for node in store.nodes("Document")}
    complete = frozenset(sha for sha, node in documents.items() if node.props.get("complete"))
    texts = [item for item in planned if item[0].source == "document"]
    workers = (os.cpu_count() or 1) if workers is None else workers
    pool = None
    if workers > 0 and texts:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        pool = context.Pool(workers, initializer=_init_worker, initargs=(complete,))
    else:
        _init_worker(complete)
    try:
        with store.bulk_load():
            sink = BulkSink(store, report)
            try:
                reads = _read_ahead(pool, texts, WINDOW * max(workers, 1))
                for routed, path in planned:
                    if routed.source == "document":
                        digest, records, extracted = next(reads)
                        ingest_file(resolver, inbox, routed, path, digest, records,
                                    documents.get(digest), report, sink, _extractor(extracted))
                    else:
                        data = path.read_bytes()
                        digest = sha256(data)
                        ingest_file(resolver, inbox, routed, path, digest,
                                    read_file(path, data, routed), documents.get(digest), report,
                                    sink)
                    if progress:
                        progress(path.name, 1)
            except BaseException:
                sink.abandon()  # the writer stops before the store's bulk settings are undone
                raise
            sink.close()
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
