"""The extraction as an ordered list of named steps over one shared working state.

``extract_document`` runs every step in order; the spaCy pipeline (``nlp.pipeline``) runs the
same steps, one component each, so both give the same result by construction. A step reads
what earlier steps found from ``Work`` and writes its fields into ``Work.out``; a step that has
nothing to do for the document's kind returns at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nlp import claims, clauses, criminal, intent, liability, parties, penalties, rulings
from nlp.case_numbers import find_case_numbers
from nlp.header import Header, find_header, signature_date
from nlp.identifiers import find_patent_numbers, find_trademark_numbers
from nlp.text import Doc

_MIN_CHARS = 20
_IP_VIOLATION = re.compile(
    r"侵犯|侵害|假冒|冒充(?:注册商标|专利)|未经(?:商标注册人|专利权人|著作权人|权利人)的?许可")


@dataclass
class Work:
    """One document under extraction: its text layers, the result so far, and landmarks.

    ``start`` is where the parties block ends (narrative begins), ``limit`` where this document
    ends (a file may hold a second one).
    """

    doc: Doc
    kind: str
    header: Header | None = None
    parts: penalties.PenaltyParts | None = None
    outcome: rulings.Outcome | None = None
    start: int = 0
    limit: int = 0
    out: dict[str, Any] = field(default_factory=dict)


def empty_result() -> dict[str, Any]:
    """Every key of a result, with the value it has when nothing is found."""
    return {
        "doc_type": None, "case_no": None, "case_no_parts": None, "court": None,
        "judgment_date": None, "cause": None, "parties": [], "trademark_numbers": [],
        "patent_numbers": [], "damages_claimed": None, "damages_awarded": None,
        "infringement_found": None, "punitive_multiple": None, "stop_order": False,
        "statutes": [], "penalty": None, "criminal": None, "source_statements": [],
        "cited_case_numbers": [], "cited_decision_numbers": [], "spans": {},
        "item_spans": {}, "warnings": [], "intent_indicators": [],
    }


def begin(text: str) -> Work:
    """Check the input and decide what it is; ValueError (with the reason) if neither kind."""
    if not isinstance(text, str):
        raise ValueError(f"expected the document's text as str, got {type(text).__name__}")
    doc = Doc.from_text(text)
    if len(doc.norm.replace("\n", "")) < _MIN_CHARS:
        raise ValueError("empty document: fewer than 20 characters of text")
    header = find_header(doc)
    if header is not None and header.form in ("判决书", "裁定书", "调解书"):
        kind = "ruling"
    elif penalties.is_penalty(doc):
        kind, header = "penalty", None
    elif header is not None:
        kind = "ruling"
    else:
        raise ValueError(
            "not a court ruling or penalty decision: found neither a case number on a line of "
            "its own nor a penalty decision number (…〔YYYY〕N号) with a 当事人")
    work = Work(doc, kind, header=header, limit=len(doc.norm), out=empty_result())
    return work


def put(work: Work, key: str, value: Any, span: tuple[int, int] | None,
        target: dict[str, Any] | None = None) -> None:
    """Store a value (in ``target``, default the result) and its span under the field's name."""
    (work.out if target is None else target)[key] = value
    if span is not None:
        work.out["spans"][key] = work.doc.span(*span)


def add_item(work: Work, key: str, value: Any, span: tuple[int, int]) -> None:
    """Append to a list field once, recording the span of its first mention."""
    if value in work.out[key]:
        return
    work.out[key].append(value)
    work.out["item_spans"].setdefault(key, []).append(work.doc.span(*span))


def step_header(work: Work) -> None:
    """Ruling: form, branch, case number and court; where this document ends."""
    header = work.header
    if work.kind != "ruling" or header is None:
        return
    doc, out = work.doc, work.out
    out["doc_type"] = {"kind": "ruling", "branch": header.branch, "form": header.form}
    if header.case_no is not None:
        put(work, "case_no", header.case_no.canonical, header.case_span)
        out["case_no_parts"] = header.case_no.to_dict()
    if header.court is not None:
        put(work, "court", doc.value(*header.court), header.court)
    else:
        out["warnings"].append("no court line found in the header")
    following = find_header(doc, header.end)
    work.limit = following.start if following else len(doc.norm)


def step_penalty(work: Work) -> None:
    """Penalty decision: number, authority, violation, fine, confiscation, basis."""
    if work.kind != "penalty":
        return
    doc, out = work.doc, work.out
    parts = work.parts = penalties.read_penalty(doc)
    out["doc_type"] = {"kind": "penalty", "branch": "administrative", "form": "决定书"}
    penalty: dict[str, Any] = {"decision_no": None, "authority": None, "violation": None,
                               "fine": None, "confiscation": False, "basis": None,
                               "decision_date": None}
    out["penalty"] = penalty
    if parts.decision_no:
        put(work, "decision_no", parts.decision_no, parts.decision_span, penalty)
    else:
        out["warnings"].append("no decision number found")
    for key, span in (("authority", parts.authority), ("violation", parts.violation),
                      ("basis", parts.basis)):
        if span:
            put(work, key, doc.value(*span), span, penalty)
    if parts.fine:
        put(work, "fine", parts.fine[0], parts.fine[1], penalty)
    if parts.confiscation:
        put(work, "confiscation", True, parts.confiscation, penalty)
    if (parts.fine or parts.confiscation) and parts.violation \
            and _IP_VIOLATION.search(penalty["violation"]):
        out["infringement_found"] = True


def step_parties(work: Work) -> None:
    """The parties block after the header; sets where the narrative starts."""
    doc, out = work.doc, work.out
    if work.kind == "ruling" and work.header is not None:
        found, end = parties.parse_parties(doc, work.header.end, work.limit)
    elif work.parts is not None:
        found, end = parties.parse_parties(doc, work.parts.header_end)
    else:
        return
    parties.assign_short_names(doc, found)
    out["parties"] = parties.public(found)
    work.start = end
    for p in out["parties"]:
        if p["uscc"] and not p["uscc_valid"]:
            out["warnings"].append(f"USCC {p['uscc']} of {p['name']} fails its check character")
    if work.kind == "penalty" and not out["parties"]:
        out["warnings"].append("no 当事人 found")


def step_date(work: Work) -> None:
    """Signature date: the first after the header (ruling), the last one (penalty)."""
    doc, out = work.doc, work.out
    penalty = work.kind == "penalty"
    at = work.start if penalty else (work.header.end if work.header else 0)
    found = signature_date(doc, at, last=penalty)
    if found is None:
        out["warnings"].append("no signature date found")
    elif found[0] is None:
        out["warnings"].append(f"signature date is incomplete: {doc.value(found[1], found[2])}")
        out["spans"]["judgment_date"] = doc.span(found[1], found[2])
    else:
        put(work, "judgment_date", found[0], (found[1], found[2]))
    if penalty and out["penalty"] is not None:
        out["penalty"]["decision_date"] = out["judgment_date"]
        if "judgment_date" in out["spans"]:
            out["spans"]["decision_date"] = out["spans"]["judgment_date"]


def step_cause(work: Work) -> None:
    """The 案由 (侵害商标权纠纷, 假冒注册商标罪 …)."""
    norm = work.doc.norm
    if work.kind == "ruling":
        cause = (clauses.find_cause(norm, work.start, work.limit)
                 or clauses.find_cause(norm, 0, work.limit))
    else:
        cause = clauses.find_cause(norm, work.start)
    if cause:
        put(work, "cause", work.doc.value(*cause), cause)


def _appellant_was_defendant(found: list[dict[str, Any]]) -> bool | None:
    """Whether the appeal (or retrial application) was brought by the defendant's side."""
    for p in found:
        if p["role"] in ("上诉人", "再审申请人") and p["qualifier"]:
            return "被告" in p["qualifier"] and "反诉原告" not in p["qualifier"]
    return None


def step_outcome(work: Work) -> None:
    """Ruling: claim, award, infringement, punitive multiple, stop order."""
    if work.kind != "ruling":
        return
    norm = work.doc.norm
    by_defendant = _appellant_was_defendant(work.out["parties"])
    outcome = work.outcome = rulings.decide(norm, work.start, work.limit, by_defendant)
    outcome.claimed = claims.claimed_amount(
        norm, work.start, outcome.main[0] if outcome.main else work.limit, by_defendant)
    for key, found in (("damages_claimed", outcome.claimed), ("damages_awarded", outcome.awarded),
                       ("infringement_found", outcome.infringement),
                       ("punitive_multiple", outcome.punitive)):
        if found:
            put(work, key, found[0], found[1])
    if outcome.stop_order:
        put(work, "stop_order", True, outcome.stop_order)
    _clear_co_defendants(work)


def _clear_co_defendants(work: Work) -> None:
    """Mark each party the ruling clears (``cleared`` with the clearing sentence's span)."""
    found = work.out["parties"]
    if len(found) < 3:  # one plaintiff and one defendant: the document's outcome is theirs
        return
    names = [[p.get("name"), p.get("short_name")] for p in found]
    for party, span in zip(found, liability.cleared(work.doc.norm, work.start, work.limit, names),
                           strict=True):
        if span is not None:
            party["cleared"] = True
            party["cleared_span"] = list(work.doc.span(*span))


def step_statutes(work: Work) -> None:
    """Provisions the decision rests on: the citation before the operative part."""
    norm, out = work.doc.norm, work.out
    if work.kind == "ruling":
        main = work.outcome.main if work.outcome else None
        basis_at = main[0] if main else work.limit
        basis_from = max(norm.rfind(w, work.start, basis_at) for w in ("依照", "依据", "根据"))
        cites = clauses.find_statutes(norm, basis_from if basis_from >= 0 else work.start,
                                      basis_at)
    elif work.parts is not None and work.parts.basis:
        cites = clauses.find_statutes(norm, *work.parts.basis)
    else:
        return
    out["statutes"] = clauses.statute_texts(norm, cites, work.doc.value)
    if cites:
        out["item_spans"]["statutes"] = clauses.statute_spans(norm, cites, work.doc.value,
                                                              work.doc.span)


def step_criminal(work: Work) -> None:
    """Criminal judgment: charges, sentences, fines (罚金), illegal turnover."""
    header = work.header
    if work.kind != "ruling" or header is None or header.branch != "criminal":
        return
    found = criminal.read_criminal(work.doc, work.start, work.limit)
    work.out["criminal"] = found.result
    for key, span in found.spans.items():
        work.out["spans"][key] = span
    if found.convicted and work.out["infringement_found"] is None and found.ip_crime:
        put(work, "infringement_found", True, found.convicted)


def _document_start(work: Work) -> int:
    """Where the document proper begins: a ruling's header (titles and commentaries before it
    belong to the publisher, not to the court), a penalty decision's first line."""
    return work.header.start if work.kind == "ruling" and work.header is not None else 0


def step_identifiers(work: Work) -> None:
    """Trademark registration and patent application numbers, anywhere in this document."""
    norm, first = work.doc.norm, _document_start(work)
    for found in find_trademark_numbers(norm, first, work.limit):
        add_item(work, "trademark_numbers", found.value, (found.start, found.end))
    for found in find_patent_numbers(norm, first, work.limit):
        if found.value not in work.out["patent_numbers"] and not found.valid:
            work.out["warnings"].append(f"patent number {found.value} fails its check digit")
        add_item(work, "patent_numbers", found.value, (found.start, found.end))


def step_citations(work: Work) -> None:
    """Other cases and decisions the text cites (not this document's own number)."""
    norm, out = work.doc.norm, work.out
    for cn, a, b in find_case_numbers(norm, _document_start(work), work.limit):
        if cn.canonical != out["case_no"]:
            add_item(work, "cited_case_numbers", cn.canonical, (a, b))
    own = (out["penalty"] or {}).get("decision_no")
    for m in penalties.DECISION_NO.finditer(norm, work.start, work.limit):
        number = penalties.canonical_decision_no(m)
        if number and number != own:
            add_item(work, "cited_decision_numbers", number, m.span())


def step_sources(work: Work) -> None:
    """Where goods were bought (货源, 进货自 …), with the supplier named."""
    doc = work.doc
    for a, b, s, e in clauses.find_source_statements(doc.norm, work.start, work.limit):
        work.out["source_statements"].append(
            {"text": doc.value(a, b), "supplier": doc.value(s, e), "span": doc.span(a, b)})


def step_intent(work: Work) -> None:
    """Civil ruling: the intentional-infringement indicators the court itself finds."""
    header = work.header
    if work.kind != "ruling" or header is None or header.branch not in ("civil", None):
        return
    main = work.outcome.main if work.outcome else None
    for code, a, b in intent.find_indicators(work.doc.norm, work.start,
                                             main[0] if main else work.limit):
        add_item(work, "intent_indicators", code, (a, b))


STEPS: tuple[tuple[str, Callable[[Work], None]], ...] = (
    ("header", step_header),
    ("penalty", step_penalty),
    ("parties", step_parties),
    ("date", step_date),
    ("cause", step_cause),
    ("outcome", step_outcome),
    ("statutes", step_statutes),
    ("criminal", step_criminal),
    ("identifiers", step_identifiers),
    ("citations", step_citations),
    ("sources", step_sources),
    ("intent", step_intent),
)
