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
- ``criminal`` (criminal judgments, else null): ``charges`` (罪名), ``sentences`` [{defendant,
  charges, punishment, term, term_months, probation_months, fine, span}], ``fines`` (罚金)
  [{defendant, amount, span}], ``illegal_turnover`` (非法经营数额 / 销售金额, yuan).
- ``intent_indicators`` (civil rulings): codes of the intentional-infringement circumstances
  (法释〔2021〕4号 arts. 3–4) the court itself finds, never a claim it rejects (``nlp.intent``).
- ``trademark_numbers``, ``patent_numbers`` (application numbers, ``202110123456.7``),
  ``cited_case_numbers``, ``cited_decision_numbers``, ``source_statements`` [{text, supplier,
  span}] (where goods were bought), ``spans`` {field: [start, end]} for single values,
  ``item_spans`` {field: [[start, end], …]} parallel to the list fields (first mention of each),
  and ``warnings`` (facts found but doubtful: failed check digits, a date without a day).

The work is done by the ordered steps of ``nlp.steps``, which the spaCy pipeline
(``nlp.pipeline``) runs as one component each; this function runs them without spaCy.
"""

from __future__ import annotations

from typing import Any

from nlp.steps import STEPS, begin


def extract_document(text: str) -> dict[str, Any]:
    """Extract the fields of a ruling or penalty decision; ValueError if it is neither."""
    work = begin(text)
    for _, step in STEPS:
        step(work)
    return work.out
