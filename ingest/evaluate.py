"""Entity-resolution quality against a synthetic province's truth (``truth/entities.jsonl``).

Every mention of a company in a document is resolved the way ingest resolves it (the resolver
seeded from the loaded graph, with the USCC when the document printed it). A mention resolved to
the company it truly names is right; resolved to another registered company, a false merge
(hurts precision); left unresolved or merged wrongly, it is missed (hurts recall).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from graph.store import GraphStore
from ingest.readers.route import document_text, route
from ingest.resolve import CompanyResolver, local_party
from nlp.extract import extract_document


def _parties(inbox: Path, relative: str, cache: dict[str, list[dict]]) -> list[dict]:
    """The parties extracted from one document (short names are local to it)."""
    if relative not in cache:
        path = inbox / relative
        data = path.read_bytes()
        routed = route(path, data[:8192])
        try:
            cache[relative] = extract_document(document_text(data, routed.format))["parties"]
        except (ValueError, AttributeError):
            cache[relative] = []
    return cache[relative]


def evaluate_resolution(province: Path, store: GraphStore) -> dict:
    """Score resolution of every mention in ``province/truth`` against the loaded ``store``."""
    truth_dir, inbox = province / "truth", province / "inbox"
    resolver = CompanyResolver.from_store(store)
    extracted: dict[str, list[dict]] = {}
    totals: Counter = Counter()
    by_variant: dict[str, Counter] = defaultdict(Counter)
    errors: list[dict] = []
    with (truth_dir / "entities.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            mention = json.loads(line)
            printed = mention["uscc"] if mention.get("uscc_printed") else None
            name = mention["mention"]
            party = local_party(_parties(inbox, mention["file"], extracted), name) or {}
            if party:
                name, printed = party["name"], party.get("uscc") or printed
            predicted = resolver.resolve(name, printed, address=party.get("address"),
                                         legal_rep=party.get("legal_rep")).node_id
            outcome = ("right" if predicted == mention["uscc"]
                       else "unresolved" if predicted.startswith("name:") else "wrong")
            for counter in (totals, by_variant[mention.get("variant", "?")]):
                counter[outcome] += 1
                counter["mentions"] += 1
            if outcome != "right" and len(errors) < 20:
                errors.append({**mention, "resolved_to": predicted})
    return {**_scores(totals), "by_variant": {k: _scores(v) for k, v in sorted(by_variant.items())},
            "examples_of_errors": errors}


def _scores(counts: Counter) -> dict:
    resolved = counts["right"] + counts["wrong"]
    return {
        "mentions": counts["mentions"], "right": counts["right"], "wrong": counts["wrong"],
        "unresolved": counts["unresolved"],
        "precision": round(counts["right"] / resolved, 4) if resolved else 1.0,
        "recall": round(counts["right"] / counts["mentions"], 4) if counts["mentions"] else 1.0,
    }
