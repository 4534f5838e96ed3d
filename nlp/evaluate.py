"""Field-level precision, recall and F1 of the extraction against gold JSON Lines.

A gold line is one document: ``file`` (relative to the documents folder) and the fields a person
(or the generator) wrote down. Only the fields a line has are scored for that document, so gold
written for a few fields scores only those. How a field is compared:

- scalars (case number, court, dates, amounts, booleans, decision fields): one value each; a
  correct value is a true positive, a wrong one counts as both a false positive and a false
  negative, a value where gold has none (null) a false positive, a missing one a false negative;
- lists (trademark and patent numbers, statutes, charges): as sets, item by item;
- ``parties``: the set of (role, name) pairs; ``party_qualifiers``: (role, qualifier, name)
  triples, scored from the same gold ``parties`` so appeals' 原审被告 etc. are checked too;
- ``party_details``: the set of (party name, field, value) for each party's uscc, address,
  legal_rep and operator that is printed (gold lists them as ``[name, field, value]``);
- ``attorneys``: the set of (party name, attorney name) (gold: ``[party, attorney]`` pairs);
- ``sentences`` (criminal judgments): the set of (defendant, punishment, term in months,
  probation in months, 罚金) (gold: ``[defendant, punishment, term, probation, fine]``);
- ``intent_indicators``: codes as a set, like the other lists;
- ``spans``: where a value is printed, gold ``{field: [start, end]}`` with offsets into the text
  the readers give (decoded text, HTML and Word unpacked, PDF text layer), scored per field as
  ``span.<field>`` (``span.party`` for the ``party|role|name`` keys: the party's name span): a
  predicted span that overlaps the gold one is right, one that does not is wrong, none is a miss;
- ``statutes``: as a set of (law, article): the law's name without 《》, 中华人民共和国 or a
  bracketed version note, and the article (第五十二条; 款 and 项 are not compared; Arabic
  article numbers read as Chinese ones), so 《中华人民共和国商标法》第五十二条第（一）项 and
  《商标法》第五十二条 are the same citation.

A document the extractor refuses scores as if nothing was extracted.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCALARS = ("kind", "case_no", "court", "judgment_date", "damages_claimed", "damages_awarded",
           "infringement_found", "stop_order", "punitive_multiple", "decision_no", "authority",
           "fine", "decision_date", "illegal_turnover")
SETS = ("trademark_numbers", "patent_numbers", "statutes", "charges", "intent_indicators")
PARTY_FIELDS = ("parties", "party_qualifiers")
PARTY_LISTS = ("party_details", "attorneys", "sentences")
DETAILS = ("uscc", "address", "legal_rep", "operator")
GOALS = {"case_no": 0.98, "court": 0.98, "judgment_date": 0.98}
DEFAULT_GOAL = 0.95


@dataclass
class FieldScore:
    """Counts for one field; precision, recall and F1 derive from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: FieldScore) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Report:
    """Scores per field, the micro average over all fields, and every disagreement."""

    fields: dict[str, FieldScore] = field(default_factory=dict)
    documents: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> FieldScore:
        total = FieldScore()
        for score in self.fields.values():
            total.add(score)
        return total

    def below_goal(self) -> list[str]:
        """Fields whose F1 is under their goal (0.98 for case number, court, date; else 0.95)."""
        return [name for name, s in self.fields.items()
                if s.f1 < GOALS.get(name, DEFAULT_GOAL)]

    def as_dict(self, misses: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.documents,
            "fields": {k: v.as_dict() for k, v in sorted(self.fields.items())},
            "micro": self.micro.as_dict(), "below_goal": self.below_goal(),
            "errors": self.errors,
        }
        if misses:
            out["misses"] = self.misses
        return out


def predicted_view(result: dict[str, Any]) -> dict[str, Any]:
    """The extraction result flattened to the gold's field names (penalty and criminal parts)."""
    if "error" in result or not result:
        return {}
    penalty = result.get("penalty") or {}
    crime = result.get("criminal") or {}
    return {**result, **{k: penalty.get(k) for k in ("decision_no", "authority", "fine",
                                                      "decision_date")},
            "kind": (result.get("doc_type") or {}).get("kind"),
            "charges": crime.get("charges") or [],
            "illegal_turnover": crime.get("illegal_turnover"),
            "sentences": [[s.get("defendant"), s.get("punishment"), s.get("term_months"),
                           s.get("probation_months"), s.get("fine")]
                          for s in crime.get("sentences") or []],
            **predicted_party_lists(result.get("parties"))}


def _fold(value: Any) -> Any:
    """Width-folded (（集团） = (集团)) and without spaces: printing, not content, differs."""
    if value is None:
        return None
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def _party_keys(parties: Iterable[dict[str, Any]] | None, qualified: bool) -> set[tuple]:
    out = set()
    for p in parties or []:
        role, name = _fold(p.get("role")), _fold(p.get("name"))
        out.add((role, _fold(p.get("qualifier")), name) if qualified else (role, name))
    return out


def predicted_party_lists(parties: Iterable[dict[str, Any]] | None) -> dict[str, list[list]]:
    """Extracted parties as the gold writes ``party_details`` and ``attorneys``."""
    details: list[list] = []
    attorneys: list[list] = []
    for p in parties or []:
        details += [[p.get("name"), k, p[k]] for k in DETAILS if p.get(k)]
        attorneys += [[p.get("name"), a.get("name")] for a in p.get("attorneys") or []
                      if a.get("name")]
    return {"party_details": details, "attorneys": attorneys}


def _tuple_keys(items: Iterable[Iterable[Any]] | None) -> set[tuple]:
    return {tuple(_fold(x) for x in item) for item in items or []}


_STATUTE = re.compile(r"(?P<law>[^第]*)(?P<article>第[^条]+条)?")
_VERSION = re.compile(r"[(（][^()（）]*[)）]")


def statute_key(citation: str) -> tuple[str, str]:
    """(law, article) of a citation: the parts compared (see the module docstring)."""
    from nlp.numerals import int_to_cn

    text = unicodedata.normalize("NFKC", "".join(str(citation).split()))
    text = text.replace("《", "").replace("》", "")
    m = _STATUTE.match(text)
    law = _VERSION.sub("", m.group("law") if m else text).removeprefix("中华人民共和国")
    article = (m.group("article") or "") if m else ""
    article = re.sub(r"\d+", lambda d: int_to_cn(int(d.group())), article)
    return law, article


def compare(name: str, gold: Any, got: Any) -> FieldScore:
    """Counts for one field of one document (see the module docstring for the rules)."""
    if name in PARTY_FIELDS:
        g, p = (_party_keys(v, name == "party_qualifiers") for v in (gold, got))
        return FieldScore(len(g & p), len(p - g), len(g - p))
    if name in PARTY_LISTS:
        g, p = _tuple_keys(gold), _tuple_keys(got)
        return FieldScore(len(g & p), len(p - g), len(g - p))
    if name == "statutes":
        g, p = ({statute_key(c) for c in v or []} for v in (gold, got))
        return FieldScore(len(g & p), len(p - g), len(g - p))
    if name in SETS:
        g, p = set(gold or []), set(got or [])
        return FieldScore(len(g & p), len(p - g), len(g - p))
    if gold is None:
        return FieldScore(fp=int(got is not None))
    if got is None:
        return FieldScore(fn=1)
    booleans = isinstance(gold, bool) or isinstance(got, bool)
    if (got is gold) if booleans else (got == gold):
        return FieldScore(tp=1)
    return FieldScore(fp=1, fn=1)


def score(golds: Iterable[dict[str, Any]], predictions: Iterable[dict[str, Any]]) -> Report:
    """Score predictions (extraction results or ``{"error": …}``) against gold, line by line."""
    report = Report()
    for gold, result in zip(golds, predictions, strict=True):
        report.documents += 1
        if "error" in result:
            report.errors.append({"file": gold.get("file", ""), "error": result["error"]})
        got = predicted_view(result)
        for name, counts in span_scores(gold.get("spans") or {}, result).items():
            report.fields.setdefault(name, FieldScore()).add(counts)
            if counts.fn:
                report.misses.append({"file": gold.get("file", ""), "field": name,
                                      "gold": gold["spans"], "got": _spans_of(result)})
        for name in _scored_fields(gold):
            gold_value = gold["parties"] if name == "party_qualifiers" else gold[name]
            got_value = got.get("parties" if name == "party_qualifiers" else name)
            counts = compare(name, gold_value, got_value)
            report.fields.setdefault(name, FieldScore()).add(counts)
            if counts.fp or counts.fn:
                report.misses.append({"file": gold.get("file", ""), "field": name,
                                      "gold": _show(name, gold_value),
                                      "got": _show(name, got_value)})
    return report


def _overlap(a: list[int] | None, b: list[int] | None) -> bool:
    return bool(a and b) and a[0] < b[1] and b[0] < a[1]  # type: ignore[index]


def _spans_of(result: dict[str, Any]) -> dict[str, Any]:
    """The predicted spans gold is compared with: the result's, and each party's name."""
    spans = dict(result.get("spans") or {})
    for p in result.get("parties") or []:
        if (p.get("spans") or {}).get("name"):
            spans.setdefault(f"party|{_fold(p.get('role'))}|{_fold(p.get('name'))}", p["spans"]["name"])
    return spans


def span_scores(gold: dict[str, list[int]], result: dict[str, Any]) -> dict[str, FieldScore]:
    """Counts per ``span.<field>``: the predicted span overlapping the gold one is right."""
    got = _spans_of(result) if "error" not in result else {}
    out: dict[str, FieldScore] = {}
    for key, span in gold.items():
        name = "span.party" if key.startswith("party|") else f"span.{key}"
        if key.startswith("party|"):
            _, role, party = key.split("|", 2)
            key = f"party|{_fold(role)}|{_fold(party)}"
        predicted = got.get(key)
        score = out.setdefault(name, FieldScore())
        if predicted is None:
            score.fn += 1
        elif _overlap(span, predicted):
            score.tp += 1
        else:
            score.fp, score.fn = score.fp + 1, score.fn + 1
    return out


def _scored_fields(gold: dict[str, Any]) -> list[str]:
    names = [n for n in (*SCALARS, *SETS, *PARTY_LISTS) if n in gold]
    if "parties" in gold:
        names += list(PARTY_FIELDS)
    return names


def _show(name: str, value: Any) -> Any:
    if name in PARTY_FIELDS:
        return sorted(map(list, _party_keys(value, name == "party_qualifiers")), key=str)
    if name in PARTY_LISTS:
        return sorted(map(list, _tuple_keys(value)), key=str)
    return value


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold JSON Lines; blank lines and lines starting with # are skipped."""
    out = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not JSON: {exc}") from None
    return out


def decode(data: bytes) -> str:
    """Document bytes as text: UTF-8 (with or without BOM), else GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def read_text(path: Path) -> str:
    """A plain-text or HTML document file as text (HTML pages are read by the extractor)."""
    return decode(path.read_bytes())


def evaluate(documents: Path, gold_path: Path,
             extract_many: Callable[[list[object]], Iterable[dict[str, Any]]] | None = None,
             read: Callable[[Path], str] = read_text) -> Report:
    """Extract every document a gold line names (under ``documents``) and score it.

    ``read`` turns a file into text; callers that accept more formats (Word, PDF) pass their
    own reader. A file that cannot be read counts as refused.
    """
    golds = read_gold(gold_path)
    texts: list[object] = []
    unreadable: dict[int, str] = {}
    for i, gold in enumerate(golds):
        try:
            texts.append(read(documents / gold["file"]))
        except (OSError, ValueError) as exc:
            unreadable[i] = f"cannot read: {exc}"
            texts.append("")
    if extract_many is None:
        from nlp.pipeline import extract_many as pipeline_many

        extract_many = pipeline_many
    results = [{"error": unreadable[i]} if i in unreadable else r
               for i, r in enumerate(extract_many(texts))]
    return score(golds, results)
