"""The spaCy pipeline: registered components, the same result as the rules, batches with errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
pytest.importorskip("jieba")

from spacy.language import Language  # noqa: E402

from nlp.components import STEP_FACTORIES  # noqa: E402
from nlp.extract import extract_document  # noqa: E402
from nlp.pipeline import build_pipeline, component_names, extract, extract_many, get_pipeline  # noqa: E402

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "factory_registrations.json"
SAMPLES = sorted((HERE.parents[1] / "samples" / "province").rglob("*.txt")) + sorted(
    (HERE.parents[1] / "samples" / "province").rglob("*.html"))
CRIMINAL = sorted((HERE / "fixtures" / "criminal").glob("*.txt"))
RULING = HERE.parents[1] / "samples" / "province" / "rulings" / "2021-su05-minchu-1234.txt"
REAL = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "judgments"
REAL_FILES = sorted(REAL.glob("*.txt")) if REAL.is_dir() else []


def registrations() -> dict[str, dict]:
    """What each ipcredit factory declares, and the result fields a rule step writes."""
    fields = {factory: list(written) for factory, _, written, _ in STEP_FACTORIES}
    out = {}
    for name in sorted(Language.factories):
        if name.startswith("ipcredit_"):
            meta = Language.get_factory_meta(name)
            out[name] = {"assigns": list(meta.assigns), "requires": list(meta.requires),
                         "fields": fields.get(name, [])}
    return out


def test_factories_match_the_snapshot() -> None:
    """A change in what a component does needs a new version name and a new snapshot."""
    assert registrations() == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_factory_names_carry_a_version() -> None:
    for name in registrations():
        assert re.fullmatch(r"ipcredit_[a-z]+_v\d+", name), name


def test_pipeline_is_blank_chinese_with_jieba_and_the_rule_components() -> None:
    nlp = get_pipeline()
    assert nlp.lang == "zh"
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "jieba"
    assert nlp.pipe_names == [name for name, _ in component_names()]
    assert [nlp.get_pipe_meta(n).factory for n in nlp.pipe_names] == \
        [factory for _, factory in component_names()]


def test_pipeline_rebuilds_from_its_config() -> None:
    nlp = get_pipeline()
    again = spacy.util.load_model_from_config(nlp.config, auto_fill=True)
    assert again.pipe_names == nlp.pipe_names


@pytest.mark.parametrize("path", SAMPLES + CRIMINAL, ids=lambda p: p.name)
def test_extract_equals_extract_document(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert extract(text) == extract_document(text)


@pytest.mark.skipif(not REAL_FILES, reason=f"no real judgments at {REAL}")
def test_extract_equals_extract_document_on_real_judgments() -> None:
    for path in REAL_FILES:
        text = path.read_text(encoding="utf-8")
        assert extract(text) == extract_document(text), path.name


def test_doc_carries_the_result_its_spans_and_law_entities() -> None:
    text = RULING.read_text(encoding="utf-8")
    doc = get_pipeline()(text)
    result = doc._.ipcredit
    assert result == extract_document(text)
    assert doc._.ipcredit_work is None  # the working state is not left on the doc
    labels = {span.label_: span for span in doc.spans["ipcredit"]}
    assert {"CASE_NO", "COURT", "JUDGMENT_DATE", "PARTY"} <= set(labels)
    assert labels["COURT"].text == result["court"]
    assert any(ent.label_ == "LAW" and ent.text.startswith("《") for ent in doc.ents)


@pytest.mark.parametrize("bad", ["", "短文", "这是一段与法律文书无关的普通文字，讲的是今天的天气很好。"])
def test_refusals_are_the_same(bad: str) -> None:
    with pytest.raises(ValueError) as rules:
        extract_document(bad)
    with pytest.raises(ValueError) as pipeline:
        extract(bad)
    assert str(rules.value) == str(pipeline.value)


def test_non_text_is_refused() -> None:
    with pytest.raises(ValueError, match="expected the document's text as str"):
        extract(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_batch_goes_on_past_bad_documents(n_process: int) -> None:
    good = SAMPLES[0].read_text(encoding="utf-8")
    batch = ["", good, 42, "无关的文字" * 10, good]
    results = list(extract_many(batch, n_process=n_process))
    assert len(results) == len(batch)
    assert "empty document" in results[0]["error"]
    assert "got int" in results[2]["error"]
    assert "not a court ruling" in results[3]["error"]
    assert results[1] == results[4] == extract_document(good)


def test_a_fresh_pipeline_is_independent() -> None:
    nlp = build_pipeline()
    assert nlp is not get_pipeline()
    assert nlp.pipe_names == get_pipeline().pipe_names
