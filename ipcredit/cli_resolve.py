"""``ipcredit resolve``: why a mention resolves as it does, and the human judgements that overrule it."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console

resolve_app = typer.Typer(help="Entity resolution: explain a match, record and list judgements.",
                          no_args_is_help=True)
console = Console(stderr=True)

StoreOption = Annotated[str | None, typer.Option(
    "--store", help="embedded:PATH or bolt://HOST:PORT (default: $IPCREDIT_STORE, else "
                    "embedded:./ipcredit-data)")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON")]


def _store(spec: str | None):
    from graph.locations import open_store
    from ipcredit.settings import Settings

    return open_store(spec or Settings.from_env().store)


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@resolve_app.command("explain")
def explain(name: Annotated[str, typer.Argument(help="The company name as a document prints it")],
            uscc: Annotated[str | None, typer.Option("--uscc", help="The USCC printed with it")] = None,
            address: Annotated[str | None, typer.Option(help="The address printed with it")] = None,
            legal_rep: Annotated[str | None, typer.Option(
                "--legal-rep", help="The legal representative printed with it")] = None,
            limit: Annotated[int, typer.Option(help="Candidates to show")] = 10,
            store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Candidates for a mention with every feature score, the threshold and the decision."""
    from ingest.resolve import CompanyResolver

    with _store(store) as graph:
        report = CompanyResolver.from_store(graph).explain(name, uscc, address=address,
                                                           legal_rep=legal_rep, limit=limit)
    if as_json:
        _print_json(report)
        return
    out = Console()
    decision, algorithm = report["decision"], report["algorithm"]
    out.print(f"{name} → {decision['node_id']} ({decision['method']}, score "
              f"{decision['score']}; {algorithm['name']} threshold {algorithm['threshold']}, "
              f"margin {algorithm['margin']})", markup=False)
    for judgement in report["judgements"]:
        out.print(f"  judgement {judgement['applied']}: {judgement['left']} / {judgement['right']} "
                  f"by {judgement['by']} at {judgement['at']}: {judgement['reason'] or ''}",
                  markup=False)
    for row in report["candidates"]:
        out.print(f"  {row['total']:.2f} {row['decision']:<16} {row['candidate']} {row['name']}",
                  markup=False)
        for feature, result in row["features"].items():
            out.print(f"       {result['weight']:+.2f} × {result['score']:.2f} {feature}: "
                      f"{result['detail']}", markup=False)


@resolve_app.command("judge")
def judge(a: Annotated[str, typer.Argument(help="A company: USCC, node id or name")],
          b: Annotated[str, typer.Argument(help="Another company: USCC, node id or name")],
          verdict: Annotated[str, typer.Argument(help="same | not-same")],
          by: Annotated[str, typer.Option("--by", help="Who judges (recorded)")],
          reason: Annotated[str | None, typer.Option(help="Why (recorded)")] = None,
          store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Record that A and B are (not) the same company; it overrules the matcher from now on."""
    from ingest.matching.judgements import record
    from ingest.matching.reopen import reopen_for

    with _store(store) as graph:
        try:
            judgement = record(graph, a, b, verdict, by, reason)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        reopened = reopen_for(graph, judgement)
    result = {"judgement": judgement.as_dict(), "reopened": reopened}
    if as_json:
        _print_json(result)
    else:
        console.print(f"recorded {judgement.verdict} {judgement.left} / {judgement.right} "
                      f"(#{judgement.seq} on this pair) by {judgement.by}", markup=False)
        for edge in reopened["removed_edges"]:
            console.print(f"removed {edge['type']} {edge['start']} -> {edge['end']} "
                          f"(mention {edge['mention'] or '?'}, {edge['match'] or 'no match'}; "
                          f"sources {', '.join(edge['sources'])})", markup=False, soft_wrap=True)
        for label, ids in reopened["removed_nodes"].items():
            for node_id in ids:
                console.print(f"removed {label}:{node_id} (and its edges)", markup=False,
                              soft_wrap=True)
        if reopened["documents"]:
            console.print(f"{len(reopened['documents'])} documents reopened: the next ingest "
                          "re-resolves them", markup=False)


@resolve_app.command("judgements")
def judgements(store: StoreOption = None, as_json: JsonOption = False,
               history: Annotated[bool, typer.Option(
                   "--history", help="Also the judgements later ones superseded")] = False) -> None:
    """The judgements in force (latest per pair), or their whole history."""
    from ingest.matching.judgements import JudgementBook

    with _store(store) as graph:
        book = JudgementBook.from_store(graph)
    in_force = {j.id for j in book.latest.values()}
    rows = [{**j.as_dict(), "in_force": j.id in in_force} for j in book.history
            if history or j.id in in_force]
    if as_json:
        _print_json({"judgements": rows})
        return
    for row in rows:
        flag = "" if row["in_force"] else " (superseded)"
        Console().print(f"{row['at']} {row['by']}: {row['left']} {row['verdict']} {row['right']}"
                        f"{flag} {row['reason'] or ''}", markup=False)


@resolve_app.command("model")
def model(algorithm: Annotated[str, typer.Option(help="Algorithm name")] = "company-match.v1"
          ) -> None:
    """The matcher as data: features, groups, weights, threshold and margin, each with why."""
    from ingest.matching.model import get_algorithm

    try:
        _print_json(get_algorithm(algorithm).describe())
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
