"""The offline first load into Neo4j: stage bulk writes, then run Neo4j's own importer.

``Neo4jImport`` is a write target for ``ingest --bulk`` (``ipcredit neo4j import``) into an
empty database kept in a Neo4j home. It ends in exactly the graph the same ``write_bulk`` calls
would leave in an empty database through Bolt. The importer itself writes tens of thousands of
items per second, but two JVM starts and the index build after it are fixed costs: on this
project's 2-core figures the path overtakes the Bolt writes only around a million companies
(docs/BENCHMARKS.md, "Offline import"). The steps:

1. **staging** — each ``write_bulk`` call checks labels and ends against the model, builds the
   rows ``Neo4jStore`` would send (``graph.neo4j_store.node_row``/``edge_row``) and appends
   them, in call order, to one of ``PARTITIONS`` files chosen by a hash of the node (for an
   edge: of its start node; its end node gets a reference record in the end's partition).
2. **CSV** — worker processes merge one partition at a time (memory: one partition): props
   updated in call order with ``None`` removing a key (``SET n += r.props``), ``sources`` the
   sorted union, ``loaded_at`` the first call's; every edge end must exist no later than the
   edge's own call, else the load fails naming the edge. The kinds of the merged values are
   noted per label (relationship group) and key (a value Neo4j cannot store fails here), then a
   second pass writes the importer's CSV files: strings always quoted (so ``""`` stays an empty
   string and an empty field is an absent property), arrays joined by U+001F, rows holding a
   line break in files read as multi-line, and a row whose value kind differs from its key's
   usual kind in a file group with its own header. The rare value CSV cannot carry (an empty
   list, ``[""]``, U+001F or NUL in text, an unusual key) is set after the import instead.
3. **importer** — ``neo4j-admin database import full`` into ``HOME/data/databases/neo4j``, the
   layout the launcher's embedded DBMS opens.
4. **schema** — the database is started, ``Neo4jStore.ensure_schema`` creates constraints and
   indexes (a duplicate unique value fails there, naming it), the set-after values are written.

Reads answer for the database as it stands before the import: empty.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import pickle
import re
import shutil
import subprocess
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from graph.model import KEY, GraphModel
from graph.neo4j_server import JVM_FLAGS, Neo4jServer, _java, ensure_jars, status
from graph.neo4j_store import Neo4jStore, edge_row, node_row
from graph.records import Edge, Node, NodeRef, WriteStats
from graph.store import GraphStore
from ipcredit.errors import SchemaError, StoreError

PARTITIONS = 128
DATABASE = "neo4j"
ARRAY = "\x1f"  # array delimiter: refused inside text values (set after the import instead)
PATCH_BATCH = 5000
_SAFE_KEY = re.compile(r"\w+")
_LONG = 2 ** 63
_IMPORTED = re.compile(r"Imported:\s+(\d+) nodes\s+(\d+) relationships")
_DOUBLES = {math.inf: "Infinity", -math.inf: "-Infinity"}
_SCALARS = {str: "string", bool: "boolean", float: "double"}  # int: range-checked first

Group = tuple[str, ...]  # ("n", label) or ("e", type, start label, end label)
Signature = tuple[tuple[str, str], ...]  # (key, kind) of the keys off their usual kind


@dataclass
class ImportReport:
    """What an import wrote and how long each step took."""

    nodes: int = 0
    relationships: int = 0
    set_after: int = 0  # values written through Cypher after the importer (see module doc)
    files: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: {
        "staging": 0.0, "csv": 0.0, "importer": 0.0, "schema": 0.0})

    @property
    def writes(self) -> int:
        return self.nodes + self.relationships

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "relationships": self.relationships,
                "set_after": self.set_after, "files": self.files,
                "seconds": {k: round(v, 2) for k, v in self.seconds.items()}}


def database_exists(home: Path) -> bool:
    """Whether ``home`` already holds the store files of the ``neo4j`` database."""
    return any(any(folder.iterdir()) for folder in (
        home / "data" / "databases" / DATABASE, home / "data" / "transactions" / DATABASE)
        if folder.is_dir())


def kind_of(value: Any, what: str) -> str | None:
    """The Neo4j type a value is stored as (``string``, ``long[]``…); None for an empty list.

    Values Neo4j cannot store (maps, mixed lists, integers beyond 64 bits) are refused, as a
    write through Bolt would refuse them.
    """
    t = type(value)
    kind = _SCALARS.get(t)
    if kind is not None:
        return kind
    if t is list or t is tuple:
        types = set(map(type, value))
        if len(types) == 1 and (only := _SCALARS.get(types.pop())) not in (None, "long"):
            return only + "[]"
        kinds = {kind_of(item, what) for item in value}
        if not kinds:
            return None
        if len(kinds) == 1 and kinds <= {"string", "boolean", "long", "double"}:
            return kinds.pop() + "[]"
        if kinds == {"long", "double"}:
            return "double[]"
    elif isinstance(value, bool):
        return "boolean"
    elif isinstance(value, int):
        if -_LONG <= value < _LONG:
            return "long"
        raise SchemaError(f"{what}: integer {value} does not fit in 64 bits")
    elif isinstance(value, str | float):
        return "string" if isinstance(value, str) else "double"
    raise SchemaError(f"{what}: a value of type {t.__name__} ({value!r:.60}) cannot be stored "
                      f"as a property")


# staging -------------------------------------------------------------------------------------
class Neo4jImport(GraphStore):
    """A first load into the empty Neo4j database of ``home``: ``write_bulk`` calls, then
    ``finish()`` (or ``import_csv()`` and ``complete(uri)`` with a server of one's own).

    Refuses a home whose database exists unless ``replace`` (the importer then deletes it), and
    a home whose server is running.
    """

    def __init__(self, home: Path, *, replace: bool = False, model: GraphModel | None = None,
                 partitions: int = PARTITIONS, workers: int | None = None,
                 version: str | None = None):
        super().__init__(model)
        self.home = Path(home).resolve()
        if status(self.home)["running"]:
            raise StoreError(f"a Neo4j server is running for {self.home}: stop it before "
                             f"importing (ipcredit neo4j stop --home {self.home})")
        if database_exists(self.home) and not replace:
            raise StoreError(f"{self.home} already holds a Neo4j database; an import would "
                             f"replace it: ask for that explicitly (--replace)")
        self.replace = replace
        self.version = version
        self.workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self.work = self.home / "import"
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        self.report = ImportReport()
        self._open = contextlib.ExitStack()
        self._stage: list[BinaryIO] | None = [
            self._open.enter_context(open(self.work / f"stage-{i:03d}.bin", "wb"))  # noqa: SIM115
            for i in range(partitions)]
        self._columns: dict[Group, list[str]] = {}
        self._usual: dict[Group, dict[str, str]] = {}
        self._calls = 0
        self._files: dict[tuple[Group, Signature], list[tuple[str, bool]]] = {}
        self._patches: list[str] = []

    @property
    def location(self) -> str:
        return f"import:{self.home}"

    def ensure_schema(self) -> None:
        """Nothing yet: the schema is created on the imported database (``complete``)."""

    def close(self) -> None:
        self._close_stage()
        shutil.rmtree(self.work, ignore_errors=True)

    def _close_stage(self) -> None:
        self._open.close()
        self._stage = None

    # writes ------------------------------------------------------------------------------------
    def write(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        raise StoreError("an offline import takes bulk writes only (ingest --bulk)")

    def delete_nodes(self, label: str, keep: set[str] | None = None) -> int:
        raise StoreError("an offline import cannot delete")

    def delete_edges(self, keys: Iterable[tuple[str, NodeRef, NodeRef]]) -> int:
        raise StoreError("an offline import cannot delete")

    def write_bulk(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> WriteStats:
        """Stage one call: the checks and rows of ``Neo4jStore.write_bulk``, item by item.

        Repeats within the call are not folded here: merging rows in call order (``_fold_in``)
        gives what folding first (``graph.collapse``) gives, since a row's folded copies depend
        only on its own values. The stats count distinct items, as a bulk write does.
        """
        if self._stage is None:
            raise StoreError("this import is already finished")
        started = time.perf_counter()
        nodes, edges = list(nodes), list(edges)
        label = self.model.label
        for node in nodes:
            label(node.label)
        for edge in edges:
            self.model.check_edge(edge.type, edge.start.label, edge.end.label)
        call = self._calls
        self._calls += 1
        count = len(self._stage)
        parts: list[list[tuple]] = [[] for _ in range(count)]
        for node in nodes:
            row = node_row(self.model, node)
            parts[hash((node.label, node.id)) % count].append(
                (0, node.label, node.id, row["props"], row["sources"], row["loaded_at"], call))
        for edge in edges:
            row = edge_row(edge)
            sl, sid, el, eid = edge.start.label, edge.start.id, edge.end.label, edge.end.id
            parts[hash((sl, sid)) % count].append(
                (1, edge.type, sl, sid, el, eid, row["props"], row["sources"], row["loaded_at"],
                 call))
            parts[hash((el, eid)) % count].append((2, el, eid, call, edge.type, sl, sid))
        for handle, part in zip(self._stage, parts, strict=True):
            if part:
                pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)
        stats = WriteStats(nodes_merged=len({(n.label, n.id) for n in nodes}),
                           edges_merged=len({(e.type, e.start, e.end) for e in edges}))
        self.report.seconds["staging"] += time.perf_counter() - started
        return stats

    # reads: the database before the import is empty ---------------------------------------------
    def get(self, ref: NodeRef) -> Node | None:
        return None

    def nodes(self, label: str) -> Iterator[Node]:
        return iter(())

    def edges(self, types: Sequence[str] | None = None) -> Iterator[Edge]:
        return iter(())

    def incident(self, ref: NodeRef) -> list[Edge]:
        return []

    def search(self, text: str, limit: int = 20) -> list[Node]:
        return []

    def counts(self) -> dict[str, int]:
        return {}

    # finishing ---------------------------------------------------------------------------------
    def finish(self) -> ImportReport:
        """CSV files, the importer, then the schema on the started database; cleans up."""
        self.import_csv()
        started = time.perf_counter()
        with Neo4jServer(self.home, version=self.version) as server:
            assert server.uri is not None
            self.complete(server.uri)
        self.report.seconds["schema"] = time.perf_counter() - started
        return self.report

    def import_csv(self) -> None:
        """Merge the staged rows into CSV files and run the importer (the database stays stopped)."""
        if self._stage is None:
            raise StoreError("this import is already finished")
        self._close_stage()
        started = time.perf_counter()
        self._write_csv()
        self.report.seconds["csv"] = time.perf_counter() - started
        started = time.perf_counter()
        self._run_importer()
        self.report.seconds["importer"] = time.perf_counter() - started
        for path in self.work.glob("*.csv"):
            path.unlink()

    def complete(self, uri: str) -> None:
        """On the imported database, started at ``uri``: the schema, then the set-after values."""
        with Neo4jStore(uri, model=self.model) as store:
            try:
                store.ensure_schema()
            except StoreError as exc:
                raise StoreError(
                    f"the graph imported into {self.home} has no complete schema: {exc} — a "
                    f"unique property holds the same value twice? Fix the input and import "
                    f"again with --replace") from exc
        self._apply_patches(uri)
        shutil.rmtree(self.work, ignore_errors=True)

    def _write_csv(self) -> None:
        """Two passes over the partitions, each spread over the worker processes: merge (and
        note each key's kinds), then write the CSV lines under headers known by then."""
        stages = sorted(str(p) for p in self.work.glob("stage-*.bin"))
        jobs = [(n, stages[n::self.workers]) for n in range(min(self.workers, len(stages)))]
        merged = self._map(_merge_job, jobs)
        failures = [result["error"] for result in merged if result["error"]]
        if failures:
            kind, message = min(failures)
            raise (SchemaError if kind == "schema" else StoreError)(message)
        kinds: dict[Group, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for result in merged:
            self.report.nodes += result["nodes"]
            self.report.relationships += result["relationships"]
            for group, keys in result["kinds"].items():
                for key, options in keys.items():
                    kinds[group][key] |= options
        self._columns = {group: sorted(keys) for group, keys in kinds.items()}
        self._usual = {group: {key: sorted(options)[0] for key, options in keys.items()}
                       for group, keys in kinds.items()}
        for path in stages:
            os.unlink(path)
        written = self._map(_csv_job, [(n, result["merged"], self._columns, self._usual)
                                       for n, result in enumerate(merged)])
        for result in written:
            self.report.set_after += result["set_after"]
            self._patches.append(result["patches"])
            for key, paths in result["files"].items():
                self._files.setdefault(key, []).extend(paths)

    def _map(self, function: Any, jobs: list[tuple]) -> list[dict[str, Any]]:
        """``function`` of each job, in worker processes when there are several jobs."""
        jobs = [(str(self.work), *job) for job in jobs]
        if len(jobs) < 2:
            return [function(job) for job in jobs]
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        with context.Pool(len(jobs)) as pool:
            return pool.map(function, jobs)

    def _header(self, group: Group, signature: Signature, name: str) -> str:
        kinds = {**self._usual[group], **dict(signature)}
        head = [f"{KEY}:ID({group[1]})"] if group[0] == "n" else \
            [f":START_ID({group[2]})", f":END_ID({group[3]})"]
        head += [f"{key}:{kinds[key]}" for key in self._columns[group] if _SAFE_KEY.fullmatch(key)]
        path = self.work / name
        path.write_text(",".join(head) + "\n", encoding="utf-8")
        return str(path)

    def _run_importer(self) -> None:
        if not self._files:
            raise StoreError(f"nothing was written, so nothing is imported into {self.home}")
        lib = ensure_jars(self.version)
        args, multiline = [], []
        for n, ((group, signature), files) in enumerate(sorted(self._files.items())):
            header = self._header(group, signature, f"header-{n:04d}.csv")
            paths = [path for path, _ in files]
            multiline += [path for path, is_multiline in files if is_multiline]
            if group[0] == "n":
                args.append(f"--nodes={group[1]}={','.join([header, *paths])}")
            else:
                args.append(f"--relationships={group[1]}={','.join([header, *paths])}")
        self.report.files = sum(len(files) for files in self._files.values())
        command = [
            _java(), *JVM_FLAGS, "-cp", f"{lib}{os.sep}*", "org.neo4j.cli.AdminTool",
            "database", "import", "full", DATABASE,  # first: options may take several values
            f"--array-delimiter=U+{ord(ARRAY):04X}",
            "--id-type=string", "--bad-tolerance=0", "--skip-bad-relationships=false",
            "--skip-duplicate-nodes=false", "--ignore-empty-strings=false", "--trim-strings=false",
            f"--threads={os.cpu_count() or 1}", f"--report-file={self.work / 'import.report'}",
            f"--overwrite-destination={'true' if self.replace else 'false'}"]
        if multiline:
            command += ["--multiline-fields-format=v2", f"--multiline-fields={','.join(multiline)}"]
        command += args
        log = self.work / "importer.log"
        with open(log, "wb") as out:
            done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, cwd=self.work,
                                  env={**os.environ, "NEO4J_HOME": str(self.home)})
        output = log.read_text(encoding="utf-8", errors="replace")
        tail = "\n".join([line for line in output.splitlines()  # stack frames say little
                          if not line.lstrip().startswith("at ")][-30:])
        if done.returncode != 0:
            raise StoreError(f"the Neo4j importer failed (exit {done.returncode}) for "
                             f"{self.home}; last output:\n{tail}")
        counts = _IMPORTED.search(output)
        if counts is None or (int(counts[1]), int(counts[2])) != \
                (self.report.nodes, self.report.relationships):
            raise StoreError(f"the Neo4j importer did not import {self.report.nodes} nodes and "
                             f"{self.report.relationships} relationships; last output:\n{tail}")

    def _apply_patches(self, uri: str) -> None:
        from neo4j import GraphDatabase

        groups: dict[Group, list[dict[str, Any]]] = defaultdict(list)
        for path in self._patches:
            for group, row in _records(path):
                groups[group].append(row)
        if not groups:
            return
        with GraphDatabase.driver(uri, auth=None) as driver:
            for group, rows in groups.items():
                if group[0] == "n":
                    cypher = (f"UNWIND $rows AS r MATCH (n:`{group[1]}` {{{KEY}: r.id}}) "
                              f"SET n += r.props")
                else:
                    cypher = (f"UNWIND $rows AS r MATCH (:`{group[2]}` {{{KEY}: r.s}})"
                              f"-[x:`{group[1]}`]->(:`{group[3]}` {{{KEY}: r.e}}) SET x += r.props")
                for start in range(0, len(rows), PATCH_BATCH):
                    driver.execute_query(cypher, {"rows": rows[start:start + PATCH_BATCH]},
                                         database_=DATABASE)


# merging (worker processes) --------------------------------------------------------------------
def _records(path: str) -> Iterator[Any]:
    with open(path, "rb") as handle:
        while True:
            try:
                yield from pickle.load(handle)
            except EOFError:
                return


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if '"' in text else '"' + text + '"'


def _plain(item: Any) -> str:
    """An array element or a number as the importer parses it."""
    t = type(item)
    if t is bool:
        return "true" if item else "false"
    if t is float:
        return _DOUBLES.get(item, "NaN" if item != item else repr(item))
    return str(item)


def _field(value: Any, kind: str) -> str | None:
    """The CSV field of a value, or None when CSV cannot carry it exactly."""
    if kind == "string":
        if ARRAY in value or "\0" in value:
            return None
        return _quote(value)
    if kind.endswith("[]"):
        if kind == "string[]":
            text = ARRAY.join(value)
            if not text or text.count(ARRAY) != len(value) - 1 or "\0" in text:
                return None  # [""] reads back as no value; the delimiter inside an item
            return _quote(text)
        return ARRAY.join(map(_plain, value))
    return _plain(value)


class _Writer:
    """A worker's CSV data files, one per (group, signature, multi-line)."""

    def __init__(self, work: str, worker: int):
        self.work, self.worker = work, worker
        self.handles: dict[tuple[Group, Signature, bool], TextIO] = {}
        self._open = contextlib.ExitStack()
        self.files: dict[tuple[Group, Signature], list[tuple[str, bool]]] = defaultdict(list)

    def write(self, group: Group, signature: Signature, multiline: bool, line: str) -> None:
        key = (group, signature, multiline)
        handle = self.handles.get(key)
        if handle is None:
            name = f"w{self.worker}-{len(self.handles):04d}{'-m' if multiline else ''}.csv"
            path = os.path.join(self.work, name)
            handle = self.handles[key] = self._open.enter_context(
                open(path, "w", encoding="utf-8", newline=""))  # noqa: SIM115 (closed by close())
            self.files[(group, signature)].append((path, multiline))
        handle.write(line)

    def close(self) -> None:
        self._open.close()


def _merge_job(job: tuple) -> dict[str, Any]:
    """Pass 1: merge each partition, check edge ends, note the kinds; merged rows to a file."""
    work, _, stages = job
    kinds: dict[Group, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    result: dict[str, Any] = {"nodes": 0, "relationships": 0, "error": None, "merged": []}
    try:
        for stage in stages:
            path = os.path.join(work, "merged-" + os.path.basename(stage))
            error = _merge_partition(stage, path, kinds, result)
            if error:
                result["error"] = ("store", error)
                break
            result["merged"].append(path)
    except SchemaError as exc:
        result["error"] = ("schema", exc.args[0])
    result["kinds"] = {group: dict(keys) for group, keys in kinds.items()}
    return result


def _merge_partition(stage: str, path: str, kinds: dict[Group, dict[str, set[str]]],
                     result: dict[str, Any]) -> str | None:
    """Merge one partition's rows in call order into ``path``; an error message or None."""
    nodes: dict[tuple[str, str], list[Any]] = {}
    edges: dict[tuple[str, str, str, str, str], list[Any]] = {}
    ends: dict[tuple[str, str], tuple] = {}
    for record in _records(stage):
        kind = record[0]
        if kind == 0:
            _, label, node_id, props, sources, loaded_at, call = record
            _fold_in(nodes, (label, node_id), props, sources, loaded_at, call)
        elif kind == 1:
            _, rel, sl, sid, el, eid, props, sources, loaded_at, call = record
            _fold_in(edges, (rel, sl, sid, el, eid), props, sources, loaded_at, call)
        else:
            _, el, eid, call, rel, sl, sid = record
            ends.setdefault((el, eid), (call, rel, sl, sid))  # the first is the earliest
    for (rel, sl, sid, el, eid), (_, _, _, call) in edges.items():
        error = _missing(nodes, (sl, sid), call, f"edge {rel} {sl}:{sid} -> {el}:{eid}")
        if error:
            return error
    for (el, eid), (call, rel, sl, sid) in ends.items():
        error = _missing(nodes, (el, eid), call, f"edge {rel} {sl}:{sid} -> {el}:{eid}")
        if error:
            return error
    rows: list[tuple[Group, tuple[str, ...], dict[str, Any]]] = []
    for (label, node_id), merged in nodes.items():
        group = ("n", label)
        values = _final(merged)
        _note(kinds[group], values, f"node {label}:{node_id}")
        rows.append((group, (node_id,), values))
    for (rel, sl, sid, el, eid), merged in edges.items():
        group = ("e", rel, sl, el)
        values = _final(merged)
        _note(kinds[group], values, f"edge {rel} {sl}:{sid} -> {el}:{eid}")
        rows.append((group, (sid, eid), values))
    with open(path, "wb") as handle:
        pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
    result["nodes"] += len(nodes)
    result["relationships"] += len(edges)
    return None


def _fold_in(merged: dict, key: tuple, props: dict[str, Any], sources: list[str],
             loaded_at: str | None, call: int) -> None:
    """A later write of the same key: ``SET += props``, sources united, first ``loaded_at`` kept."""
    known = merged.get(key)
    if known is None:
        merged[key] = [props, sources, loaded_at, call]
        return
    known[0].update(props)
    if sources != known[1] and not set(sources) <= set(known[1]):
        known[1] = sorted(set(known[1]) | set(sources))


def _final(merged: list[Any]) -> dict[str, Any]:
    """The stored properties: a key last set to None is gone (``SET n += {k: null}``)."""
    props, sources, loaded_at = merged[0], merged[1], merged[2]
    values = {key: value for key, value in props.items() if value is not None}
    values["sources"] = sources
    if loaded_at is not None:
        values["loaded_at"] = loaded_at
    return values


def _note(kinds: dict[str, set[str]], values: dict[str, Any], what: str) -> None:
    for key, value in values.items():
        kind = _SCALARS.get(type(value)) or kind_of(value, what)
        if kind:
            kinds[key].add(kind)


def _missing(nodes: dict[tuple[str, str], list[Any]], ref: tuple[str, str], call: int,
             edge: str) -> str | None:
    node = nodes.get(ref)
    if node is None:
        return f"{edge}: node {ref[0]}:{ref[1]} does not exist"
    if node[3] > call:
        return f"{edge}: node {ref[0]}:{ref[1]} does not exist yet when the edge is written"
    return None


def _csv_job(job: tuple) -> dict[str, Any]:
    """Pass 2: a worker's merged partitions as CSV lines, and the values set after."""
    work, worker, paths, columns, usual = job
    header = {group: [(key, usual[group][key]) for key in keys if _SAFE_KEY.fullmatch(key)]
              for group, keys in columns.items()}
    out = _Writer(work, worker)
    patches_path = os.path.join(work, f"w{worker}-patches.bin")
    set_after = 0
    try:
        with open(patches_path, "wb") as patches:
            for path in paths:
                pending = []
                for group, ids, values in _records(path):
                    line, extra = _line(",".join(map(_quote, ids)), values, header[group])
                    out.write(group, *line)
                    if extra:
                        key = {"id": ids[0]} if len(ids) == 1 else {"s": ids[0], "e": ids[1]}
                        pending.append((group, {**key, "props": extra}))
                        set_after += len(extra)
                if pending:
                    pickle.dump(pending, patches, protocol=pickle.HIGHEST_PROTOCOL)
                os.unlink(path)
    finally:
        out.close()
    return {"files": dict(out.files), "patches": patches_path, "set_after": set_after}


def _line(first: str, values: dict[str, Any], columns: list[tuple[str, str]],
          ) -> tuple[tuple, dict[str, Any]]:
    """One CSV line (with its signature and multi-line flag) and the values set after."""
    fields = [first]
    off: list[tuple[str, str]] = []
    extra: dict[str, Any] = {}
    for key, usual in columns:
        value = values.pop(key, None)
        if value is None:
            fields.append("")
            continue
        if type(value) is str and usual == "string" and ARRAY not in value and "\0" not in value:
            fields.append(_quote(value))
            continue
        kind = _SCALARS.get(type(value)) or kind_of(value, "")
        text = _field(value, kind) if kind else None
        if text is None:
            extra[key] = value
            fields.append("")
            continue
        if kind != usual:
            off.append((key, kind))
        fields.append(text)
    extra.update(values)  # keys no header can name, and empty lists (of no known kind)
    body = ",".join(fields)
    return (tuple(off), "\n" in body or "\r" in body, body + "\n"), extra
