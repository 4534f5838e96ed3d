"""``ipcredit eval``: measure the platform against gold, one command per stage measured.

``ipcredit eval nlp`` scores the extraction pipeline field by field (precision, recall, F1) on a
synthetic province and on real judgments with hand-written gold, when both are at hand.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

eval_app = typer.Typer(help="Measure the platform against gold (precision / recall / F1).",
                       no_args_is_help=True)
console = Console(stderr=True)


@eval_app.callback()
def _group() -> None:
    """Measure the platform against gold (precision / recall / F1)."""

# shared/ sits beside the repository (the real judgments are never copied into it)
SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL_DOCS = SHARED / "realdata" / "judgments"
REAL_GOLD_DIR = SHARED / "realdata" / "gold"
REAL_DOCS_ENV = "IPCREDIT_REAL_DOCS"
REAL_GOLD_ENV = "IPCREDIT_REAL_GOLD"


def real_sources(docs: Path | None, gold: Path | None) -> tuple[Path | None, Path | None, str]:
    """Where the real documents and their gold are: options, then environment, then shared/.

    Returns (documents folder, gold file, reason when either is missing).
    """
    docs = docs or (Path(os.environ[REAL_DOCS_ENV]) if os.environ.get(REAL_DOCS_ENV) else None)
    if docs is None and REAL_DOCS.is_dir():
        docs = REAL_DOCS
    gold = gold or (Path(os.environ[REAL_GOLD_ENV]) if os.environ.get(REAL_GOLD_ENV) else None)
    if gold is None and REAL_GOLD_DIR.is_dir():
        gold = next(iter(sorted(REAL_GOLD_DIR.glob("*.jsonl"))), None)
    if docs is None or not docs.is_dir():
        return None, gold, f"no real documents (--real, ${REAL_DOCS_ENV} or {REAL_DOCS})"
    if gold is None or not gold.is_file():
        return docs, None, (f"no real gold (--real-gold, ${REAL_GOLD_ENV} or "
                            f"{REAL_GOLD_DIR}/*.jsonl)")
    return docs, gold, ""


def read_document(path: Path) -> str:
    """A document file as ingest reads it (text, HTML, Word, PDF), so every format is scored."""
    from ingest.readers.route import document_text, route

    data = path.read_bytes()
    routed = route(path, data)
    return document_text(data, routed.format if routed and routed.source == "document" else "text")


def _table(title: str, report: dict[str, Any]) -> None:
    console.print(f"[bold]{title}[/bold]: {report['documents']} documents, "
                  f"{len(report['errors'])} refused")
    console.print(f"  {'field':<20}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
    rows = [*report["fields"].items(), ("micro (all fields)", report["micro"])]
    for name, s in rows:
        flag = "  below goal" if name in report["below_goal"] else ""
        console.print(f"  {name:<20}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
                      f"{s['tp']:>6}{s['fp']:>5}{s['fn']:>5}{flag}")
    for miss in report.get("misses", []):
        console.print(f"    miss {miss['file']} [{miss['field']}]: gold {miss['gold']!r} "
                      f"got {miss['got']!r}", markup=False, soft_wrap=True)


@eval_app.command("nlp")
def eval_nlp(
    synthetic: Annotated[Path | None, typer.Option(
        "--synthetic", help="A generated province (DIR/inbox, DIR/truth/extraction_gold.jsonl); "
                            "default: generate one in a temporary folder")] = None,
    real: Annotated[Path | None, typer.Option(
        "--real", help=f"Folder of real judgments (default ${REAL_DOCS_ENV}, else {REAL_DOCS})"
    )] = None,
    real_gold: Annotated[Path | None, typer.Option(
        "--real-gold", help=f"Gold JSON Lines for --real (default ${REAL_GOLD_ENV}, else "
                            f"{REAL_GOLD_DIR}/*.jsonl)")] = None,
    companies: Annotated[int, typer.Option(help="Size of a generated province")] = 500,
    seed: Annotated[int, typer.Option(help="Seed of a generated province")] = 2026,
    misses: Annotated[bool, typer.Option("--misses", help="List every disagreement")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON")] = False,
) -> None:
    """Field-level precision / recall / F1 of the extraction, synthetic and real."""
    from nlp.evaluate import evaluate

    out: dict[str, Any] = {}
    if synthetic is not None:
        gold = synthetic / "truth" / "extraction_gold.jsonl"
        if not gold.is_file():
            raise typer.BadParameter(f"{gold} not found", param_hint="--synthetic")
        out["synthetic"] = evaluate(synthetic / "inbox", gold, read=read_document).as_dict(misses)
        out["synthetic"]["source"] = str(synthetic)
    else:
        from ingest.synthetic.province import generate

        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp), companies, seed)
            report = evaluate(Path(tmp) / "inbox", Path(tmp) / "truth" / "extraction_gold.jsonl",
                              read=read_document)
        out["synthetic"] = report.as_dict(misses)
        out["synthetic"]["source"] = f"generated: {companies} companies, seed {seed}"
    docs, gold_file, reason = real_sources(real, real_gold)
    if docs is not None and gold_file is not None:
        out["real"] = evaluate(docs, gold_file, read=read_document).as_dict(misses)
        out["real"]["source"] = f"{docs} with gold {gold_file}"
    else:
        out["real"] = {"skipped": reason}
    if as_json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    _table(f"synthetic ({out['synthetic']['source']})", out["synthetic"])
    if "skipped" in out["real"]:
        console.print(f"[bold]real[/bold]: skipped: {out['real']['skipped']}")
    else:
        _table(f"real ({out['real']['source']})", out["real"])


ProvinceArg = Annotated[Path, typer.Argument(help="A synthetic province (with inbox/ and truth/)")]
LoadedStoreOption = Annotated[str | None, typer.Option(
    "--store", help="A store already loaded with the province (default: load it into a "
                    "temporary embedded store first)")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON")]


def _score_province(province: Path, store: str | None, needs: str,
                    evaluate: Callable[[Path, Any], dict]) -> dict:
    """Load the province (unless ``store`` already holds it) and run ``evaluate`` on the graph."""
    from graph.locations import open_store
    from ingest.run import run_ingest

    if not (province / "truth" / needs).exists():
        raise typer.BadParameter(f"{province} has no truth/{needs}")
    with tempfile.TemporaryDirectory() as scratch:
        graph = open_store(store or f"embedded:{scratch}")
        try:
            if store is None:
                run_ingest(province / "inbox", graph)
            return evaluate(province, graph)
        finally:
            graph.close()


@eval_app.command("resolve")
def eval_resolve(province: ProvinceArg, store: LoadedStoreOption = None,
                 as_json: JsonFlag = False) -> None:
    """Entity-resolution precision and recall over every company mention in the truth."""
    from ingest.evaluate import evaluate_resolution

    report = _score_province(province, store, "entities.jsonl", evaluate_resolution)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    Console().print(f"mentions {report['mentions']}: precision {report['precision']:.4f}, "
                    f"recall {report['recall']:.4f} (wrong {report['wrong']}, "
                    f"unresolved {report['unresolved']})")
    for variant, scores in report["by_variant"].items():
        Console().print(f"  {variant}: {scores['mentions']} mentions, precision "
                        f"{scores['precision']:.4f}, recall {scores['recall']:.4f}")


@eval_app.command("detect")
def eval_detect(province: ProvinceArg, store: LoadedStoreOption = None,
                as_json: JsonFlag = False) -> None:
    """Precision and recall of every detector with planted truth, as of the province's date."""
    from risk.evaluate import evaluate_detectors

    report = _score_province(province, store, "meta.json", evaluate_detectors)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    for kind, scores in report["detectors"].items():
        Console().print(f"{kind}: flagged {scores['flagged']}, truth {scores['truth']}, precision "
                        f"{scores['precision']:.4f}, recall {scores['recall']:.4f}")
