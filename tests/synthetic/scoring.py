"""Score the pipeline on a generated province: detector precision/recall with each error's
cause, extraction field accuracy, and entity resolution by name variant.

Run as a script for the figures in docs/SYNTHETIC.md:
``.venv/bin/python -m tests.synthetic.scoring --companies 500 --seed 2026``
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from graph.embedded import EmbeddedStore
from graph.records import NodeRef
from graph.store import GraphStore
from ingest.readers import read_file, route
from ingest.run import RunReport, run_ingest
from ingest.synthetic.province import generate
from nlp.extract import extract_document
from risk.engine import detect
from risk.policy import load_policy

RULING_FIELDS = ("case_no", "court", "judgment_date", "party_names", "party_roles", "damages_awarded",
                 "infringement_found", "trademark_numbers", "patent_numbers")
PENALTY_FIELDS = ("judgment_date", "party_names", "party_roles", "infringement_found",
                  "trademark_numbers", "patent_numbers", "decision_no", "authority", "fine",
                  "decision_date")


def lines(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def build(out: Path, companies: int, seed: int,
          mix: dict | None = None) -> tuple[GraphStore, date, RunReport]:
    """Generate a province under ``out`` and ingest its inbox into an embedded store there."""
    generate(out, companies, seed, mix)
    store = EmbeddedStore(out / "store")
    store.ensure_schema()
    report = run_ingest(out / "inbox", store)
    as_of = date.fromisoformat(json.loads((out / "truth" / "meta.json").read_text())["as_of"])
    return store, as_of, report


def repeat_scores(store: GraphStore, out: Path, as_of: date) -> dict:
    """Precision and recall of repeat_infringement findings, every error with its cause."""
    findings = [f for f in detect(store, load_policy(), as_of) if f.kind == "repeat_infringement"]
    found = {f.entity.id: f for f in findings}
    truth = {line["uscc"]: line for line in lines(out / "truth" / "repeat_infringers.jsonl")}
    hits = sorted(set(found) & set(truth))
    paths = {n.id: str(n.props.get("path")) for n in store.nodes("Document")}
    context = _context(out)
    false_pos = [{"entity": e, "cause": _fp_cause(found[e], paths, context)}
                 for e in sorted(set(found) - set(truth))]
    false_neg = [{"entity": e, "cause": _fn_cause(truth[e], context)}
                 for e in sorted(set(truth) - set(found))]
    return {"found": len(found), "truth": len(truth), "true_positives": len(hits),
            "precision": round(len(hits) / len(found), 4) if found else 1.0,
            "recall": round(len(hits) / len(truth), 4) if truth else 1.0,
            "false_positives": false_pos, "false_negatives": false_neg}


def _context(out: Path) -> dict:
    innocent = {line["uscc"]: line["kind"] for line in lines(out / "truth" / "innocent.jsonl")}
    gold = {line["file"]: line for line in lines(out / "truth" / "extraction_gold.jsonl")}
    hard = {(m["file"], m["uscc"]) for m in lines(out / "truth" / "entities.jsonl")
            if m["where"] == "party" and "no_region" in m["variant"] and not m["uscc_printed"]}
    return {"innocent": innocent, "gold": gold, "hard": hard, "inbox": out / "inbox"}


def _fp_cause(finding, paths: dict[str, str], context: dict) -> str:
    """Why the detector flagged a company the truth does not: which planted look-alike."""
    kind = context["innocent"].get(finding.entity.id, "not planted")
    files = [paths.get(sha, "") for sha in finding.documents]
    golds = [context["gold"].get(f, {}) for f in files]
    if kind == "platform_codefendant":
        return "platform co-defendant dismissed, counted as infringer (document-level finding)"
    if any(g.get("kind") == "penalty" and g.get("infringement_found") is None for g in golds):
        return "non-IP penalty counted as an infringement"
    if any(g.get("superseded_by") for g in golds):
        return "first-instance judgment counted although its appeal reversed or re-dated it"
    if finding.entity.id.startswith("name:"):
        return "unresolved party name"
    return f"unexplained ({kind})"


def _fn_cause(line: dict, context: dict) -> str:
    """Why a planted repeat infringer was missed: which hard case hid one of its infringements."""
    mine = [(f, item["uscc"]) for item in line["infringements"] for f in item["files"]]
    if any(pair in context["hard"] for pair in mine):
        return "party named without region or USCC: not resolved to the registered company"
    golds = [context["gold"][f] for f, _ in mine]
    if any(p["role"] == "被处罚人" for g in golds for p in g["parties"]):
        return "penalty party printed as 被处罚人: not an infringer's role in ingest/roles.yaml"
    if any("当事人名称：" in (context["inbox"] / f).read_text(encoding="utf-8") for f, _ in mine):
        return "当事人名称： line: the extractor reads a person named 名称"
    return "unexplained"


def _extracted(text: str) -> dict:
    try:
        ex = extract_document(text)
    except ValueError:
        return {}
    penalty = ex.get("penalty") or {}
    parties = ex.get("parties") or []
    return {**ex, **{k: penalty.get(k) for k in ("decision_no", "authority", "fine", "decision_date")},
            "party_names": [p["name"] for p in parties],
            "party_roles": [[p["role"], p["qualifier"]] for p in parties]}


def extraction_scores(out: Path) -> dict:
    """Per-field accuracy of ``extract_document`` against extraction_gold.jsonl."""
    right: Counter = Counter()
    total: Counter = Counter()
    misses: list[dict] = []
    for gold in lines(out / "truth" / "extraction_gold.jsonl"):
        path = out / "inbox" / gold["file"]
        data = path.read_bytes()
        got = _extracted(next(read_file(path, data, route(path, data))).data)
        want = {**gold, "party_names": [p["name"] for p in gold["parties"]],
                "party_roles": [[p["role"], p["qualifier"]] for p in gold["parties"]]}
        for name in RULING_FIELDS if gold["kind"] == "ruling" else PENALTY_FIELDS:
            total[name] += 1
            if got.get(name) == want[name]:
                right[name] += 1
            else:
                misses.append({"file": gold["file"], "field": name, "gold": want[name],
                               "got": got.get(name)})
    return {"accuracy": {k: round(right[k] / total[k], 4) for k in sorted(total)},
            "counts": {k: [right[k], total[k]] for k in sorted(total)}, "misses": misses}


def resolution_scores(store: GraphStore, out: Path) -> dict:
    """Share of party mentions that land on the company they truly name, by name variant."""
    parties: dict[str, set[str]] = {}
    for gold in lines(out / "truth" / "extraction_gold.jsonl"):
        number = gold["case_no"] or gold["decision_no"]
        label = "Case" if gold["case_no"] else "Penalty"
        ref = NodeRef(label, "".join(number.split()))
        parties[gold["file"]] = {e.start.id for e in store.incident(ref) if e.type == "PARTY_TO"}
    right: Counter = Counter()
    total: Counter = Counter()
    for mention in lines(out / "truth" / "entities.jsonl"):
        if mention["where"] != "party":
            continue
        variant = mention["variant"] + ("" if mention["uscc_printed"] else " (no USCC)")
        total[variant] += 1
        right[variant] += mention["uscc"] in parties.get(mention["file"], set())
    return {k: [right[k], total[k]] for k in sorted(total)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--misses", action="store_true", help="list every extraction miss")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        store, as_of, _ = build(out, args.companies, args.seed)
        extraction = extraction_scores(out)
        if not args.misses:
            extraction.pop("misses")
        report = {"companies": args.companies, "seed": args.seed, "as_of": as_of.isoformat(),
                  "repeat_infringement": repeat_scores(store, out, as_of),
                  "extraction": extraction, "resolution": resolution_scores(store, out)}
        store.close()
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
