"""The spaCy pipeline for Chinese court rulings and penalty decisions.

``build_pipeline()`` returns ``spacy.blank("zh")`` with jieba segmentation and these components:
``ipcredit_document_v1`` (text layers, ruling or penalty, or a per-document error), one rule
component per extraction step (``nlp.components.steps``), spaCy's ``entity_ruler`` marking every
law named (``LAW`` entities), and ``ipcredit_result_v1`` (``doc._.ipcredit`` and the labelled
``doc.spans["ipcredit"]``). The rule components call the same functions as
``nlp.extract.extract_document``, so ``extract(text) == extract_document(text)``.

No component is trained: the fields are strongly structured (headers, party lines, operative
items) and the rules reach them; a statistical component would need annotated documents the
project does not have.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import Any

from nlp.components import ERROR, LAW_PATTERNS, RESULT, STEP_FACTORIES
from nlp.components.document import open_document

MAX_LENGTH = 5_000_000  # characters; a published judgment is rarely over 100,000
_PIPELINE: Any = None


def _spacy() -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a declared dependency
        raise ImportError("the NLP pipeline needs spaCy: pip install 'spacy>=3.7' jieba") from exc
    try:
        import jieba  # noqa: F401
    except ImportError as exc:  # pragma: no cover - jieba is a declared dependency
        raise ImportError("the NLP pipeline segments with jieba: pip install jieba") from exc
    return spacy


def component_names() -> list[tuple[str, str]]:
    """(instance name, factory name) of each component, in pipeline order."""
    steps = [(factory.rsplit("_", 1)[0], factory) for factory, *_ in STEP_FACTORIES]
    return [("ipcredit_document", "ipcredit_document_v1"), *steps,
            ("entity_ruler", "entity_ruler"), ("ipcredit_result", "ipcredit_result_v1")]


def build_pipeline() -> Any:
    """A fresh ``Language``: blank Chinese, jieba segmentation, the rule components."""
    spacy = _spacy()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.max_length = MAX_LENGTH
    for name, factory in component_names():
        if factory == "entity_ruler":
            ruler = nlp.add_pipe("entity_ruler", name=name, config={"validate": True})
            ruler.add_patterns(LAW_PATTERNS)
        else:
            nlp.add_pipe(factory, name=name)
    return nlp


def get_pipeline() -> Any:
    """The process's pipeline, built on first use (jieba's dictionary loads once)."""
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = build_pipeline()
    return _PIPELINE


def _check(text: object) -> str:
    if not isinstance(text, str):
        raise ValueError(f"expected the document's text as str, got {type(text).__name__}")
    return text


def extract(text: str) -> dict[str, Any]:
    """The fields of one ruling or penalty decision (see ``nlp.extract``); ValueError if neither."""
    nlp = get_pipeline()
    doc = nlp(open_document(nlp.make_doc(_check(text)), text))
    if doc._.get(ERROR):
        raise ValueError(doc._.get(ERROR))
    return doc._.get(RESULT)


def _extract_or_error(text: object) -> dict[str, Any]:
    try:
        return extract(text)  # type: ignore[arg-type]
    except ValueError as exc:
        return {"error": str(exc)}


def extract_many(texts: Iterable[object], n_process: int | None = None,
                 chunksize: int = 4) -> Iterator[dict[str, Any]]:
    """Extract each text, in order, on ``n_process`` processes (default: every core).

    A text that cannot be read yields ``{"error": reason}`` in its place; the batch goes on.
    """
    n_process = n_process or os.cpu_count() or 1
    if n_process == 1:
        yield from map(_extract_or_error, texts)
        return
    get_pipeline()  # built before the fork, so workers share it instead of each loading jieba
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(n_process) as pool:
        yield from pool.imap(_extract_or_error, texts, chunksize=chunksize)
