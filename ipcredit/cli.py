"""``ipcredit``: one command per pipeline stage, plus the demo and the local Neo4j."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from ipcredit.cli_eval import eval_app
from ipcredit.cli_lists import leads_app, lists_app, restrictions_command
from ipcredit.cli_model import model_app
from ipcredit.cli_resolve import resolve_app
from ipcredit.errors import IpcreditError
from ipcredit.settings import Settings

app = typer.Typer(help="ipcredit — 知识产权信用监管: knowledge graph, detectors, credit grades.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
neo4j_app = typer.Typer(help="Run a local Neo4j 5.26 for development (persistent data).",
                        no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(eval_app, name="eval")
app.add_typer(lists_app, name="lists")
app.add_typer(leads_app, name="leads")
app.add_typer(model_app, name="model")
app.add_typer(resolve_app, name="resolve")
app.command("restrictions")(restrictions_command)
console = Console(stderr=True)

StoreOption = Annotated[str | None, typer.Option(
    "--store", help="embedded:PATH or bolt://HOST:PORT (default: $IPCREDIT_STORE, else "
                    "embedded:./ipcredit-data)")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="Evaluate rules as of this date (YYYY-MM-DD; default today)")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON")]
ModelOption = Annotated[Path | None, typer.Option(
    "--model", envvar="IPCREDIT_OFFICER_MODEL",
    help="Officers' decision model (ipcredit model train) shown as a grade factor")]


def _store(spec: str | None):
    from graph.locations import open_store

    return open_store(spec or Settings.from_env().store)


def _as_of(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise typer.BadParameter(f"--as-of must be YYYY-MM-DD, got {value!r}") from None


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(inbox: Annotated[Path, typer.Argument(help="Folder of input files (any mix)")],
           store: StoreOption = None, as_json: JsonOption = False,
           bulk: Annotated[bool, typer.Option(
               "--bulk", help="Fast path for a first load of a large inbox: same graph, writes "
                              "counted as merged instead of created/changed/unchanged")] = False,
           workers: Annotated[int | None, typer.Option(
               help="With --bulk: processes extracting documents (default: one per core)")] = None,
           ) -> None:
    """Read, extract, resolve and load every file under INBOX; report what became of each record."""
    from ingest.run import inbox_files, run_ingest

    if not inbox.is_dir():
        raise typer.BadParameter(f"{inbox} is not a folder")
    if workers is not None and not bulk:
        raise typer.BadParameter("--workers applies to --bulk loads only")
    with _store(store) as graph, Progress(console=console, transient=True) as bar:
        task = bar.add_task("ingest", total=len(inbox_files(inbox)))
        report = run_ingest(inbox, graph, progress=lambda _name, n: bar.advance(task, n),
                            bulk=bulk, workers=workers)
    if as_json:
        _print_json(report.as_dict())
    else:
        console.print(f"records in {report.records_in}: loaded {report.loaded}, unchanged "
                      f"{report.unchanged}, quarantined {report.quarantined}")
        for item in report.quarantine:
            console.print(f"  quarantined {item.file} {item.record} [{item.field}]: {item.reason}")


@app.command()
def extract(files: Annotated[list[Path], typer.Argument(help="Rulings or penalty decisions")],
            as_json: JsonOption = True) -> None:
    """Print the fields extracted from each document, one JSON object per line."""
    from ingest.readers.route import document_text, route
    from nlp.extract import extract_document

    failed = 0
    for path in files:
        try:
            data = path.read_bytes()
            routed = route(path, data[:8192])
            if routed is None or routed.source != "document":
                raise ValueError("not a ruling or penalty document (TXT, HTML, DOCX or PDF)")
            result = {"file": str(path), **extract_document(document_text(data, routed.format))}
        except (OSError, ValueError) as exc:
            failed += 1
            result = {"file": str(path), "error": str(exc)}
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failed:
        console.print(f"{failed} of {len(files)} documents could not be read")
        raise typer.Exit(1)


@app.command()
def detect(store: StoreOption = None, as_of: AsOfOption = None, as_json: JsonOption = False,
           workers: Annotated[int | None, typer.Option(
               min=1, help="processes running detector groups at once (default: one per core "
                           "for a graph of 300,000 nodes and edges or more, else 1)")] = None,
           ) -> None:
    """Run the detectors; findings replace the previous ones."""
    from risk.engine import detect as run_detect
    from risk.policy import load_policy

    with _store(store) as graph:
        findings = run_detect(graph, load_policy(), _as_of(as_of), workers=workers)
    rows = [{"entity": str(f.entity), "kind": f.kind, "score": f.score, "summary": f.summary,
             "policy_entry": f.policy_entry} for f in findings]
    if as_json:
        _print_json({"findings": rows})
    else:
        console.print(f"{len(rows)} findings")
        for row in rows:
            console.print(f"  {row['kind']} {row['entity']} ({row['score']:.2f}): {row['summary']}")


def _model(path: Path | None):
    from risk.models.officer import load_model

    if path is None:
        return None
    try:
        return load_model(path)
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(f"--model: {exc}") from None


@app.command()
def grade(store: StoreOption = None, as_of: AsOfOption = None, as_json: JsonOption = False,
          model: ModelOption = None) -> None:
    """Grade every entity A–D from its factors; flag list candidates."""
    from risk.engine import grade as run_grade
    from risk.policy import load_policy

    officer_model = _model(model)
    with _store(store) as graph:
        result = run_grade(graph, load_policy(), _as_of(as_of), officer_model)
    summary = {"graded": len(result.grades), "distribution": result.distribution(),
               "candidates": [str(g.entity) for g in result.candidates]}
    if as_json:
        _print_json(summary)
    else:
        console.print(f"graded {summary['graded']}: {summary['distribution']}; "
                      f"candidates: {', '.join(summary['candidates']) or 'none'}")


@app.command()
def rescore(changed_since: Annotated[str, typer.Option(
                "--changed-since", help="Re-score what was loaded at or after this ISO time")],
            store: StoreOption = None, as_of: AsOfOption = None, model: ModelOption = None,
            as_json: JsonOption = False) -> None:
    """Re-detect and re-grade only the entities whose neighbourhood changed since a time."""
    from risk.incremental import changed_since as find_changed
    from risk.incremental import rescore as run_rescore
    from risk.policy import load_policy

    officer_model = _model(model)
    with _store(store) as graph:
        run = run_rescore(graph, load_policy(), _as_of(as_of), find_changed(graph, changed_since),
                          officer_model)
    if as_json:
        _print_json(run.as_dict())
    else:
        console.print(f"{run.mode}: {run.changed} changed nodes → {run.affected} entities re-scored, "
                      f"{run.findings_written} findings written, {run.findings_removed} removed, "
                      f"{len(run.grades)} re-graded in {run.seconds:.2f} s {run.reason}")


@app.command()
def explain(entity: Annotated[str, typer.Argument(help="Name, USCC or id of the entity")],
            store: StoreOption = None) -> None:
    """Why does this entity have its grade? Factors, rules and source documents."""
    from risk.explain import explain_entity

    with _store(store) as graph:
        sys.stdout.write(explain_entity(graph, entity) + "\n")


@app.command()
def serve(store: StoreOption = None,
          host: Annotated[str | None, typer.Option(help="Interface to listen on")] = None,
          port: Annotated[int | None, typer.Option(help="Port to listen on")] = None) -> None:
    """Serve the dashboard."""
    from dashboard.server import serve as run_server

    settings = Settings.from_env()
    graph = _store(store)
    run_server(graph, host or settings.dashboard_host, port or settings.dashboard_port)


@app.command()
def demo(out: Annotated[Path, typer.Option(help="Folder for the demo's store and outputs")] =
         Path("demo-out"),
         serve_dashboard: Annotated[bool, typer.Option("--serve/--no-serve",
                                                       help="Serve the dashboard after")] = True,
         port: Annotated[int | None, typer.Option(help="Dashboard port")] = None,
         as_of: AsOfOption = None) -> None:
    """Build the sample province, run the whole pipeline on an embedded store, serve the dashboard."""
    from ipcredit.demo import run_demo

    summary, store = run_demo(out, _as_of(as_of), console)
    _print_json(summary)
    if serve_dashboard:
        from dashboard.server import serve as run_server

        settings = Settings.from_env()
        console.print(f"dashboard: http://{settings.dashboard_host}:{port or settings.dashboard_port}/")
        run_server(store, settings.dashboard_host, port or settings.dashboard_port)
    else:
        store.close()


@app.command()
def schedule(inbox: Annotated[Path, typer.Argument(help="Inbox folder watched by ingest")],
             store: StoreOption = None,
             every: Annotated[float, typer.Option(help="Minutes between cycles")] = 60.0,
             once: Annotated[bool, typer.Option("--once", help="Run one cycle and exit")] = False,
             ) -> None:
    """Run ingest → detect → grade on a schedule (or once)."""
    import logging

    from ipcredit.schedule import run_cycle, run_forever

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    graph = _store(store)
    if once:
        _print_json(run_cycle(graph, inbox))
        graph.close()
    else:
        run_forever(graph, inbox, every)


@app.command()
def synth(companies: Annotated[int, typer.Option(help="Number of companies")] = 1000,
          seed: Annotated[int, typer.Option(help="Seed: the same seed writes the same bytes")] = 1,
          out: Annotated[Path, typer.Option(help="Output folder (inbox/ and truth/)")] =
          Path("province"),
          mix: Annotated[str | None, typer.Option(
              help='Behaviour shares as JSON, e.g. \'{"repeat": 0.05}\'')] = None) -> None:
    """Generate a synthetic province with its ground truth (docs/SYNTHETIC.md)."""
    from ingest.synthetic.province import generate

    try:
        overrides = json.loads(mix) if mix else None
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(f"--mix is not JSON: {exc}") from None
    try:
        _print_json(generate(out, companies, seed, overrides))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def schema() -> None:
    """Print the graph model as Markdown (the source of docs/GRAPH.md)."""
    from graph.docs import render_markdown
    from graph.model import load_model

    sys.stdout.write(render_markdown(load_model()))


@neo4j_app.command("start")
def neo4j_start(home: Annotated[Path, typer.Option(help="Data directory")] = Path("neo4j-data")) -> None:
    """Start a local Neo4j in the background; prints its bolt:// URI."""
    from graph.neo4j_server import start_background

    sys.stdout.write(start_background(home) + "\n")


@neo4j_app.command("stop")
def neo4j_stop(home: Annotated[Path, typer.Option(help="Data directory")] = Path("neo4j-data")) -> None:
    """Stop the local Neo4j started with ``ipcredit neo4j start``."""
    from graph.neo4j_server import stop_background

    stop_background(home)


@neo4j_app.command("status")
def neo4j_status(home: Annotated[Path, typer.Option(help="Data directory")] = Path("neo4j-data")) -> None:
    """Is the local Neo4j running, on which URI, and does it answer?"""
    from graph.neo4j_server import status

    _print_json(status(home))


@neo4j_app.command("import")
def neo4j_import(inbox: Annotated[Path, typer.Argument(help="Folder of input files (any mix)")],
                 home: Annotated[Path, typer.Option(help="Data directory")] = Path("neo4j-data"),
                 workers: Annotated[int | None, typer.Option(
                     help="Processes extracting documents (default: one per core)")] = None,
                 replace: Annotated[bool, typer.Option(
                     "--replace", help="Replace the database HOME already holds")] = False,
                 as_json: JsonOption = False) -> None:
    """First load of a large inbox into a new database with Neo4j's importer (server stopped).

    The same mapping and report as ``ingest --bulk``; then ``neo4j start --home HOME`` serves it.
    """
    import time

    from graph.neo4j_import import Neo4jImport
    from ingest.run import inbox_files, run_ingest

    if not inbox.is_dir():
        raise typer.BadParameter(f"{inbox} is not a folder")
    started = time.perf_counter()
    with Neo4jImport(home, replace=replace) as target:
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task("mapping", total=len(inbox_files(inbox)))
            report = run_ingest(inbox, target, progress=lambda _name, n: bar.advance(task, n),
                                bulk=True, workers=workers)
        mapping = time.perf_counter() - started
        console.print(f"mapped in {mapping:.1f} s; importing into {target.home}")
        imported = target.finish()
    total = time.perf_counter() - started
    seconds = {"mapping": round(mapping, 2), **imported.as_dict()["seconds"],
               "total": round(total, 2)}
    summary = {**imported.as_dict(), "seconds": seconds,
               "writes_per_s": round(imported.writes / total) if total else 0}
    if as_json:
        _print_json({**report.as_dict(), "import": summary})
    else:
        console.print(f"records in {report.records_in}: loaded {report.loaded}, unchanged "
                      f"{report.unchanged}, quarantined {report.quarantined}")
        for item in report.quarantine:
            console.print(f"  quarantined {item.file} {item.record} [{item.field}]: {item.reason}")
        console.print(f"imported {imported.nodes} nodes and {imported.relationships} relationships "
                      f"in {total:.1f} s ({summary['writes_per_s']} writes/s; "
                      + ", ".join(f"{k} {v} s" for k, v in seconds.items() if k != "total") + ")")


def main() -> None:
    try:
        app()
    except IpcreditError as exc:
        console.print(f"[red]error[/red] {exc}")
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()
