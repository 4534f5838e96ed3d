"""``ipcredit model`` and the incremental re-score as a user drives them."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ipcredit.cli import app
from tests.risk.test_officer_model import history

runner = CliRunner()
HENGDA = "91320505MA1MXK3L5G"


def write_history(path) -> None:
    lines = [json.dumps({"uscc": e.entity.split(":")[1], "date": e.on, "features": e.features,
                         "listed": bool(e.label)}) for e in history()]
    path.write_text("\n".join(lines) + "\n")


def test_train_prints_hold_out_metrics_and_grade_shows_the_model_as_a_factor(tmp_path, samples_dir):
    decisions, model = tmp_path / "decisions.jsonl", tmp_path / "officer.json"
    write_history(decisions)
    result = runner.invoke(app, ["model", "train", "--history", str(decisions), "--out", str(model),
                                 "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["holdout"]["roc_auc"] > 0.9 and metrics["holdout"]["reliability"]
    assert json.loads(model.read_text())["version"] == metrics["version"]

    result = runner.invoke(app, ["model", "evaluate", "--model", str(model), "--history",
                                 str(decisions), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["metrics"]["n"] == 600

    store = f"embedded:{tmp_path / 's'}"
    for args in (["ingest", str(samples_dir)], ["detect", "--as-of", "2026-11-25"],
                 ["grade", "--as-of", "2026-11-25", "--model", str(model)]):
        result = runner.invoke(app, [*args, "--store", store])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["explain", HENGDA, "--store", store])
    assert "officer_model" in result.stdout and "列入概率" in result.stdout
    assert "model.officer.weight@" in result.stdout


def test_a_model_file_that_is_not_a_model_is_refused(tmp_path):
    bogus = tmp_path / "bogus.json"
    bogus.write_text("{}")
    result = runner.invoke(app, ["grade", "--model", str(bogus), "--store", f"embedded:{tmp_path / 's'}"])
    assert result.exit_code != 0 and "--model" in result.output


def test_rescore_after_nothing_new_changes_nothing_and_reports_it(tmp_path, samples_dir):
    store = f"embedded:{tmp_path / 's'}"
    for args in (["ingest", str(samples_dir)], ["detect", "--as-of", "2026-11-25"],
                 ["grade", "--as-of", "2026-11-25"]):
        assert runner.invoke(app, [*args, "--store", store]).exit_code == 0
    result = runner.invoke(app, ["rescore", "--changed-since", "2999-01-01", "--as-of", "2026-11-25",
                                 "--store", store, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["mode"] == "unchanged"
    result = runner.invoke(app, ["rescore", "--changed-since", "2000-01-01", "--as-of", "2026-11-25",
                                 "--store", store, "--json"])
    run = json.loads(result.stdout)
    assert run["mode"] == "incremental" and run["changed"] > 10
    assert run["detectors"]["repeat_infringement.v1"].startswith("local")


def test_anomaly_ranks_against_truth_when_there_is_some(tmp_path, samples_dir):
    store = f"embedded:{tmp_path / 's'}"
    assert runner.invoke(app, ["ingest", str(samples_dir), "--store", store]).exit_code == 0
    result = runner.invoke(app, ["model", "anomaly", "--store", store, "--as-of", "2026-11-25", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["bad_faith_filers.jsonl"] == "no truth file"
