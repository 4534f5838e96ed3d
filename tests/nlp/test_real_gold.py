"""The accuracy goals on real judgments, against hand-written gold kept outside the project.

The gold is read from $IPCREDIT_REAL_GOLD, else /work/shared/realdata/gold/*.jsonl; the
documents from $IPCREDIT_REAL_DOCS, else /work/shared/realdata/judgments. Without both, skipped.
"""

from __future__ import annotations

import pytest

pytest.importorskip("jieba")

from ipcredit.cli_eval import real_sources  # noqa: E402
from nlp.evaluate import GOALS, evaluate  # noqa: E402

DOCS, GOLD, REASON = real_sources(None, None)
pytestmark = pytest.mark.skipif(GOLD is None or DOCS is None, reason=REASON or "no real gold")


def test_every_field_meets_its_goal() -> None:
    from nlp.pipeline import extract_many

    report = evaluate(DOCS, GOLD, lambda texts: extract_many(texts, n_process=1))
    assert not report.errors
    scores = {name: round(s.f1, 3) for name, s in report.fields.items()}
    assert not report.below_goal(), (scores, report.misses)
    for name in GOALS:
        assert name in scores
