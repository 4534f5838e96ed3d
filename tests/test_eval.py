"""The evaluation commands on a small generated province: detectors and resolution scored."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ingest.synthetic.province import generate
from ipcredit.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    out = tmp_path_factory.mktemp("province")
    generate(out, 400, seed=11)
    return out


def test_eval_detect_scores_every_detector_with_truth(province):
    result = runner.invoke(app, ["eval", "detect", str(province), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["detectors"]
    assert {"repeat_infringement", "shell_network", "source_tracing",
            "intentional_infringement"} <= set(report)
    for kind, scores in report.items():
        assert scores["truth"] > 0, kind
        assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9, (kind, scores)


def test_eval_resolve_reports_precision_and_recall(province):
    result = runner.invoke(app, ["eval", "resolve", str(province), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mentions"] > 100
    assert report["precision"] >= 0.99 and report["recall"] >= 0.97
