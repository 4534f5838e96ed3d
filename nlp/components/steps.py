"""One rule component per extraction step of ``nlp.steps``, under a versioned factory name.

The components work on the text layers (normalised text with a map back to the caller's
offsets), not on tokens: case numbers, amounts and dates are split unpredictably by a word
segmenter, while patterns over the normalised text are exact. What each writes into the result
is listed in ``STEP_FACTORIES`` (and in docs/NLP.md).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.document import WORK
from nlp.steps import STEPS, Work

# factory name, step name, result fields it writes, what it reads
STEP_FACTORIES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("ipcredit_header_v1", "header", ("doc_type", "case_no", "case_no_parts", "court"),
     "court / form / case-number lines of a ruling"),
    ("ipcredit_penalty_v1", "penalty", ("doc_type", "penalty", "infringement_found"),
     "decision number, authority, violation, fine, confiscation, basis of a penalty decision"),
    ("ipcredit_parties_v1", "parties", ("parties",),
     "the party block: role, qualifier, name, USCC, address, legal rep or 经营者, attorneys"),
    ("ipcredit_dates_v1", "date", ("judgment_date",), "the signature date"),
    ("ipcredit_cause_v1", "cause", ("cause",), "the 案由"),
    ("ipcredit_amounts_v1", "outcome",
     ("damages_claimed", "damages_awarded", "infringement_found", "punitive_multiple",
      "stop_order"), "claims, the operative part and the court's reasoning"),
    ("ipcredit_statutes_v1", "statutes", ("statutes",), "the citation before the decision"),
    ("ipcredit_criminal_v1", "criminal", ("criminal", "infringement_found"),
     "charges, sentences, 罚金 and illegal turnover of a criminal judgment"),
    ("ipcredit_identifiers_v1", "identifiers", ("trademark_numbers", "patent_numbers"),
     "trademark registration and patent application numbers"),
    ("ipcredit_citations_v1", "citations", ("cited_case_numbers", "cited_decision_numbers"),
     "other case and decision numbers the text cites"),
    ("ipcredit_sources_v1", "sources", ("source_statements",),
     "statements of where goods were bought"),
    ("ipcredit_intent_v1", "intent", ("intent_indicators",),
     "intentional-infringement indicators the court finds (法释〔2021〕4号 arts. 3–4)"),
)
_STEPS = dict(STEPS)


class StepComponent:
    """Runs one rule step on the document's working state; refused documents pass by."""

    def __init__(self, step: Callable[[Work], None]) -> None:
        self.step = step

    def __call__(self, doc: Doc) -> Doc:
        work = doc._.get(WORK)
        if work is not None:
            self.step(work)
        return doc


def _register(factory: str, step_name: str, fields: tuple[str, ...], reads: str) -> None:
    step = _STEPS[step_name]

    def make(nlp: Language, name: str) -> StepComponent:
        return StepComponent(step)

    make.__doc__ = f"Rule component: {reads} → {', '.join(fields)}."
    Language.factory(factory, assigns=[f"doc._.{WORK}"], requires=[f"doc._.{WORK}"], func=make)


for _entry in STEP_FACTORIES:
    if not Language.has_factory(_entry[0]):
        _register(*_entry)
