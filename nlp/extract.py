"""One entry point: a document's text in, its facts out, each with where it was read.

``extract_document`` accepts a court ruling or an administrative penalty decision, as plain
text or as a published HTML page, and returns a plain dict (JSON-ready). Spans are
``[start, end]`` string offsets into the text passed in, so every fact can be shown in its
document. The fields:

- ``doc_type``: ``kind`` ruling|penalty, ``branch`` civil|criminal|administrative|…,
  ``form`` 判决书|裁定书|调解书|决定书.
- ``case_no``: the header's case number, canonical (half-width brackets, no spaces), with its
  parts in ``case_no_parts``; ``court`` as printed; ``judgment_date`` ISO (for a penalty, the
  decision date). ``cause``: the 案由 (侵害商标权纠纷 …).
- ``parties``: role, qualifier (原审被告 …), name, kind (organisation|person), uscc and whether
  its check holds, address, legal_rep, operator (经营者 of an individual business), operates
  (the business a person runs), former_names, aliases (Latin names), short_name (以下简称),
  attorneys [{name, firm}], span.
- ``damages_claimed``: yuan asked for (in an appeal that names no sum, the first-instance claim
  it recounts); ``damages_awarded``: yuan this document orders paid, null when it orders none
  (驳回上诉，维持原判 orders nothing new); ``infringement_found``, ``punitive_multiple``,
  ``stop_order`` likewise for this document.
- ``statutes``: provisions the decision rests on; ``penalty``: decision_no, authority,
  violation, fine, confiscation, basis, decision_date (null for rulings).
- ``trademark_numbers``, ``patent_numbers`` (application numbers, ``202110123456.7``),
  ``cited_case_numbers``, ``cited_decision_numbers``, ``source_statements`` [{text, supplier,
  span}] (where goods were bought), ``spans`` {field: [start, end]} and ``warnings`` (facts
  found but doubtful: failed check digits, a date without a day).
"""

from __future__ import annotations

import re
from typing import Any

from nlp import clauses, parties, penalties, rulings
from nlp.case_numbers import find_case_numbers
from nlp.header import Header, find_header, signature_date
from nlp.identifiers import find_patent_numbers, find_trademark_numbers
from nlp.text import Doc

_MIN_CHARS = 20
_IP_VIOLATION = re.compile(r"侵犯|侵害|假冒|冒充")


def extract_document(text: str) -> dict[str, Any]:
    """Extract the fields of a ruling or penalty decision; ValueError if it is neither."""
    if not isinstance(text, str):
        raise ValueError(f"expected the document's text as str, got {type(text).__name__}")
    doc = Doc.from_text(text)
    if len(doc.norm.replace("\n", "")) < _MIN_CHARS:
        raise ValueError("empty document: fewer than 20 characters of text")
    header = find_header(doc)
    if header is not None and header.form in ("判决书", "裁定书", "调解书"):
        return _ruling(doc, header)
    if penalties.is_penalty(doc):
        return _penalty(doc)
    if header is not None:
        return _ruling(doc, header)
    raise ValueError(
        "not a court ruling or penalty decision: found neither a case number on a line of its "
        "own nor a penalty decision number (…〔YYYY〕N号) with a 当事人"
    )


def _base() -> dict[str, Any]:
    return {
        "doc_type": None, "case_no": None, "case_no_parts": None, "court": None,
        "judgment_date": None, "cause": None, "parties": [], "trademark_numbers": [],
        "patent_numbers": [], "damages_claimed": None, "damages_awarded": None,
        "infringement_found": None, "punitive_multiple": None, "stop_order": False,
        "statutes": [], "penalty": None, "source_statements": [], "cited_case_numbers": [],
        "cited_decision_numbers": [], "spans": {}, "warnings": [],
    }


def _set(out: dict[str, Any], doc: Doc, key: str, value: Any, span: tuple[int, int] | None,
         target: dict[str, Any] | None = None) -> None:
    """Store a value (in ``target``, default the result) and its span under the field's name."""
    (out if target is None else target)[key] = value
    if span is not None:
        out["spans"][key] = doc.span(*span)


def _common(out: dict[str, Any], doc: Doc, start: int, limit: int | None = None) -> None:
    """Identifiers, cited numbers and source statements: read anywhere in the document."""
    norm = doc.norm
    limit = len(norm) if limit is None else limit
    for found in find_trademark_numbers(norm, 0, limit):
        if found.value not in out["trademark_numbers"]:
            out["trademark_numbers"].append(found.value)
    for found in find_patent_numbers(norm, 0, limit):
        if found.value not in out["patent_numbers"]:
            out["patent_numbers"].append(found.value)
            if not found.valid:
                out["warnings"].append(f"patent number {found.value} fails its check digit")
    for cn, _, _ in find_case_numbers(norm, 0, limit):
        if cn.canonical != out["case_no"] and cn.canonical not in out["cited_case_numbers"]:
            out["cited_case_numbers"].append(cn.canonical)
    for m in penalties.DECISION_NO.finditer(norm, start, limit):
        number = penalties.canonical_decision_no(m)
        if number and number != (out["penalty"] or {}).get("decision_no") \
                and number not in out["cited_decision_numbers"]:
            out["cited_decision_numbers"].append(number)
    for a, b, s, e in clauses.find_source_statements(norm, start, limit):
        out["source_statements"].append(
            {"text": doc.value(a, b), "supplier": doc.value(s, e), "span": doc.span(a, b)})


def _parties(out: dict[str, Any], doc: Doc, start: int, limit: int | None = None) -> int:
    found, end = parties.parse_parties(doc, start, limit)
    parties.assign_short_names(doc, found)
    out["parties"] = parties.public(found)
    for p in out["parties"]:
        if p["uscc"] and not p["uscc_valid"]:
            out["warnings"].append(f"USCC {p['uscc']} of {p['name']} fails its check character")
    return end


def _date(out: dict[str, Any], doc: Doc, start: int, last: bool = False) -> None:
    found = signature_date(doc, start, last=last)
    if found is None:
        out["warnings"].append("no signature date found")
        return
    iso, a, b = found
    if iso is None:
        out["warnings"].append(f"signature date is incomplete: {doc.value(a, b)}")
        out["spans"]["judgment_date"] = doc.span(a, b)
        return
    _set(out, doc, "judgment_date", iso, (a, b))


def _ruling(doc: Doc, header: Header) -> dict[str, Any]:
    out = _base()
    norm = doc.norm
    out["doc_type"] = {"kind": "ruling", "branch": header.branch, "form": header.form}
    if header.case_no is not None:
        _set(out, doc, "case_no", header.case_no.canonical, header.case_span)
        out["case_no_parts"] = header.case_no.to_dict()
    if header.court is not None:
        _set(out, doc, "court", doc.value(*header.court), header.court)
    else:
        out["warnings"].append("no court line found in the header")
    following = find_header(doc, header.end)
    limit = following.start if following else len(norm)
    end = _parties(out, doc, header.end, limit)
    _date(out, doc, header.end)
    cause = clauses.find_cause(norm, end, limit) or clauses.find_cause(norm, 0, limit)
    if cause:
        _set(out, doc, "cause", doc.value(*cause), cause)
    appellant_defendant = _appellant_was_defendant(out["parties"])
    outcome = rulings.decide(norm, end, limit, appellant_defendant)
    if outcome.claimed:
        _set(out, doc, "damages_claimed", outcome.claimed[0], outcome.claimed[1])
    if outcome.awarded:
        _set(out, doc, "damages_awarded", outcome.awarded[0], outcome.awarded[1])
    if outcome.infringement:
        _set(out, doc, "infringement_found", outcome.infringement[0], outcome.infringement[1])
    if outcome.punitive:
        _set(out, doc, "punitive_multiple", outcome.punitive[0], outcome.punitive[1])
    if outcome.stop_order:
        _set(out, doc, "stop_order", True, outcome.stop_order)
    basis_at = outcome.main[0] if outcome.main else limit
    basis_from = max(norm.rfind("依照", end, basis_at), norm.rfind("依据", end, basis_at),
                     norm.rfind("根据", end, basis_at))
    cites = clauses.find_statutes(norm, basis_from if basis_from >= 0 else end, basis_at)
    out["statutes"] = clauses.statute_texts(norm, cites, doc.value)
    _common(out, doc, end, limit)
    return out


def _appellant_was_defendant(found: list[dict[str, Any]]) -> bool | None:
    for p in found:
        if p["role"] == "上诉人" and p["qualifier"]:
            return "被告" in p["qualifier"]
    return None


def _penalty(doc: Doc) -> dict[str, Any]:
    out = _base()
    norm = doc.norm
    parts = penalties.read_penalty(doc)
    out["doc_type"] = {"kind": "penalty", "branch": "administrative", "form": "决定书"}
    penalty: dict[str, Any] = {"decision_no": None, "authority": None, "violation": None,
                               "fine": None, "confiscation": False, "basis": None,
                               "decision_date": None}
    out["penalty"] = penalty
    if parts.decision_no:
        _set(out, doc, "decision_no", parts.decision_no, parts.decision_span, penalty)
    else:
        out["warnings"].append("no decision number found")
    for key, span in (("authority", parts.authority), ("violation", parts.violation),
                      ("basis", parts.basis)):
        if span:
            _set(out, doc, key, doc.value(*span), span, penalty)
    if parts.fine:
        _set(out, doc, "fine", parts.fine[0], parts.fine[1], penalty)
    if parts.confiscation:
        _set(out, doc, "confiscation", True, parts.confiscation, penalty)
    end = _parties(out, doc, parts.header_end)
    if not out["parties"]:
        out["warnings"].append("no 当事人 found")
    _date(out, doc, end, last=True)
    penalty["decision_date"] = out["judgment_date"]
    if "judgment_date" in out["spans"]:
        out["spans"]["decision_date"] = out["spans"]["judgment_date"]
    cause = clauses.find_cause(norm, end)
    if cause:
        _set(out, doc, "cause", doc.value(*cause), cause)
    if parts.basis:
        out["statutes"] = clauses.statute_texts(
            norm, clauses.find_statutes(norm, parts.basis[0], parts.basis[1]), doc.value)
    if (parts.fine or parts.confiscation) and parts.violation \
            and _IP_VIOLATION.search(penalty["violation"]):
        out["infringement_found"] = True
    _common(out, doc, end)
    return out
