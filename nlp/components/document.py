"""First and last components: open the document for the rule steps, then publish the result.

``ipcredit_document_v1`` builds the text layers of ``doc.text`` and decides whether it is a
ruling or a penalty decision; a document that is neither gets ``doc._.ipcredit_error`` and every
later component passes it by, so one bad file never stops a batch. ``ipcredit_result_v1`` moves
the result to ``doc._.ipcredit``, labels every value's span in ``doc.spans["ipcredit"]``, and
drops the working state (it is not serialisable, and ``nlp.pipe`` workers send docs back as bytes).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.steps import begin

RESULT = "ipcredit"
ERROR = "ipcredit_error"
WORK = "ipcredit_work"
SPAN_KEY = "ipcredit"

for _name in (RESULT, ERROR, WORK):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_ITEM_LABELS = {"trademark_numbers": "TRADEMARK_NO", "patent_numbers": "PATENT_NO",
                "statutes": "STATUTE", "cited_case_numbers": "CITED_CASE_NO",
                "cited_decision_numbers": "CITED_DECISION_NO"}
_PARTY_LABELS = {"name": "PARTY", "uscc": "USCC", "address": "ADDRESS", "legal_rep": "LEGAL_REP",
                 "operator": "OPERATOR"}


class OpenDocument:
    """Text layers and document kind for the rule steps; a refusal becomes a per-doc error.

    A doc already opened by ``open_document`` (which is given the text, sparing the rebuild of
    ``doc.text`` from every token) is passed by.
    """

    def __call__(self, doc: Doc) -> Doc:
        if doc._.get(WORK) is None and doc._.get(ERROR) is None:
            open_document(doc, doc.text)
        return doc


def open_document(doc: Doc, text: str) -> Doc:
    """Attach the working state for ``text`` (the doc's own text) or the reason it is refused."""
    doc._.set(RESULT, None)
    try:
        doc._.set(WORK, begin(text))
        doc._.set(ERROR, None)
    except ValueError as exc:
        doc._.set(WORK, None)
        doc._.set(ERROR, str(exc))
    return doc


class PublishResult:
    """``doc._.ipcredit`` (the JSON-ready result) and ``doc.spans["ipcredit"]`` (its spans)."""

    def __call__(self, doc: Doc) -> Doc:
        work = doc._.get(WORK)
        doc._.set(WORK, None)
        if work is None:
            return doc
        doc._.set(RESULT, work.out)
        doc.spans[SPAN_KEY] = value_spans(doc, work.out)
        return doc


def value_spans(doc: Doc, out: dict[str, Any]) -> list[Span]:
    """One labelled token span per extracted value (expanded to whole tokens)."""
    found: list[tuple[str, list[int]]] = []
    found.extend((key.upper(), span) for key, span in out["spans"].items())
    for key, spans in out["item_spans"].items():
        found.extend((_ITEM_LABELS.get(key, key.upper()), span) for span in spans)
    for party in out["parties"]:
        found.extend((_PARTY_LABELS[k], s) for k, s in party["spans"].items()
                     if k in _PARTY_LABELS)
        found.extend(("ATTORNEY", a["span"]) for a in party["attorneys"])
    found.extend(("SOURCE", s["span"]) for s in out["source_statements"])
    for sentence in (out["criminal"] or {}).get("sentences", []):
        found.append(("SENTENCE", sentence["span"]))
    spans = []
    for label, (start, end) in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


@Language.factory("ipcredit_document_v1", assigns=[f"doc._.{WORK}", f"doc._.{ERROR}"])
def make_document(nlp: Language, name: str) -> OpenDocument:
    """Open each document for the rule components (text layers, ruling or penalty)."""
    return OpenDocument()


@Language.factory("ipcredit_result_v1", assigns=[f"doc._.{RESULT}", "doc.spans"],
                  requires=[f"doc._.{WORK}"])
def make_result(nlp: Language, name: str) -> PublishResult:
    """Publish the extraction result and the spans of its values."""
    return PublishResult()
