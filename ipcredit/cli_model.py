"""``ipcredit model``: train and evaluate the officers' decision model; rank filing anomalies.

``train`` fits the calibrated model on a decisions file (and closed leads in a store, when
given), prints its hold-out metrics and writes the JSON artefact ``grade --model`` reads.
``evaluate`` scores a saved model on any history and, with a store, checks that the features
computed from the graph agree with the ones the history recorded. ``anomaly`` reports how well
the filing-anomaly score ranks known bad filers (ROC AUC against a province's truth files).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

model_app = typer.Typer(help="Learned signals: the officers' decision model, filing anomalies.",
                        no_args_is_help=True)
console = Console(stderr=True)

HistoryOption = Annotated[Path, typer.Option("--history", help="officer_decisions.jsonl format")]
StoreOption = Annotated[str | None, typer.Option(
    "--store", help="embedded:PATH or bolt://… (closed leads, graph features)")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON")]
TRUTH_FILES = ("bad_faith_filers.jsonl", "patent_mills.jsonl")


def _print(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _open(spec: str):
    from graph.locations import open_store

    return open_store(spec)


def _summary(metrics: dict) -> str:
    hold = metrics["holdout"]
    rule = hold["baseline_rule"]
    return (f"hold-out n={hold['n']}: ROC AUC {hold['roc_auc']} (rule alone {rule['roc_auc']}), "
            f"Brier {hold['brier']} (base rate {hold['brier_base_rate']}, rule alone {rule['brier']})")


@model_app.command("train")
def train_command(history: HistoryOption,
                  out: Annotated[Path, typer.Option("--out", help="Where to write the model (JSON)")],
                  store: StoreOption = None, seed: Annotated[int, typer.Option()] = 0,
                  as_json: JsonOption = False) -> None:
    """Fit the calibrated model of officers' decisions; print hold-out metrics; save it."""
    from risk.models.history import lead_examples
    from risk.models.officer import read_history, train
    from risk.policy import load_policy

    if not history.is_file():
        raise typer.BadParameter(f"{history} is not a file")
    policy = load_policy()
    examples = read_history(history)
    if store:
        with _open(store) as graph:
            examples += lead_examples(graph, policy)
    try:
        model = train(examples, policy, seed)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    model.save(out)
    result = {"model": str(out), "version": model.version, "data_sha256": model.data_sha256,
              **model.metrics}
    if as_json:
        _print(result)
    else:
        console.print(f"{model.version} → {out}: {_summary(model.metrics)}")


@model_app.command("evaluate")
def evaluate_command(model_path: Annotated[Path, typer.Option("--model", help="A trained model")],
                     history: HistoryOption, store: StoreOption = None,
                     as_json: JsonOption = False) -> None:
    """Score a saved model on a history; with --store, check graph features against it."""
    from risk.models.history import feature_agreement
    from risk.models.officer import evaluate, load_model, read_history
    from risk.policy import load_policy

    model = load_model(model_path)
    examples = read_history(history)
    result: dict = {"model": model.version, "history": str(history),
                    "metrics": evaluate(model, examples)}
    if store:
        with _open(store) as graph:
            result["graph_features"] = feature_agreement(graph, load_policy(), examples)
    if as_json:
        _print(result)
    else:
        m = result["metrics"]
        console.print(f"{model.version} on {m['n']} decisions: ROC AUC {m['roc_auc']}, "
                      f"Brier {m['brier']} (base rate {m['brier_base_rate']})")


@model_app.command("anomaly")
def anomaly_command(store: StoreOption = None,
                    truth: Annotated[Path | None, typer.Option(
                        help="A province's truth/ folder (bad_faith_filers, patent_mills)")] = None,
                    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
                    top: Annotated[int, typer.Option(help="How many of the most unusual to list")] = 10,
                    as_json: JsonOption = False) -> None:
    """Score every applicant's filing behaviour; rank quality against truth when given."""
    from ipcredit.settings import Settings
    from risk.anomaly import roc_auc, scored_applicants
    from risk.policy import load_policy

    day = date.fromisoformat(as_of) if as_of else date.today()
    with _open(store or Settings.from_env().store) as graph:
        scored = scored_applicants(graph, load_policy(), day)
    ranked = sorted(scored, key=lambda s: -s.anomaly)
    result: dict = {"as_of": day.isoformat(), "scored": len(scored),
                    "flagged": sum(1 for s in scored if s.flagged),
                    "most_unusual": [{"entity": str(s.ref), "rank": s.rank, "flagged": s.flagged,
                                      "standout": [x[0] for x in s.standout]} for s in ranked[:top]]}
    for name in TRUTH_FILES:
        path = truth / name if truth else None
        if path is None or not path.is_file():
            result[name] = "no truth file"
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        positives = {str(r.get("uscc") or r.get("applicant_uscc") or "") for r in rows}
        result[name] = {"truth": len(positives), "roc_auc": roc_auc(scored, positives)}
    if as_json:
        _print(result)
    else:
        console.print(f"{result['scored']} applicants scored, {result['flagged']} flagged")
        for name in TRUTH_FILES:
            console.print(f"  {name}: {result[name]}")
