"""The CLI as a user drives it: the demo, each stage alone, explain, and errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ipcredit.cli import app

runner = CliRunner()
HENGDA = "91320505MA1MXK3L5G"
HENGSHENG = "91320505MA27QW8T13"


def test_demo_headless_reports_entities_findings_and_grades(tmp_path):
    result = runner.invoke(app, ["demo", "--no-serve", "--out", str(tmp_path / "demo"),
                                 "--as-of", "2026-11-25"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["entities"]["Company"] >= 10
    # four rulings, and the first-instance case the appeal reviewed
    assert summary["entities"]["Case"] == 5 and summary["entities"]["Penalty"] == 2
    ingest = summary["ingest"]
    assert ingest["records_in"] == ingest["loaded"] + ingest["unchanged"] + ingest["quarantined"]
    flagged = {f["entity"] for f in summary["findings"] if f["kind"] == "repeat_infringement"}
    # the repeat infringer and the shell its controller set up; not the one-time loser
    assert flagged == {f"Company:{HENGDA}", f"Company:{HENGSHENG}"}
    kinds = {(f["entity"], f["kind"]) for f in summary["findings"]}
    assert (f"Company:{HENGSHENG}", "shell_network") in kinds
    assert (f"Company:{HENGDA}", "source_tracing") in kinds  # the Wuxi shop's supplier
    assert summary["grades"]["D"] >= 1
    assert set(summary["candidates"]) == flagged
    assert (tmp_path / "demo" / "store" / "graph.sqlite").exists()


def test_each_stage_runs_alone_and_explain_says_why(tmp_path, samples_dir):
    store = f"embedded:{tmp_path / 's'}"
    result = runner.invoke(app, ["ingest", str(samples_dir), "--store", store, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["records_in"] == report["loaded"] + report["unchanged"] + report["quarantined"]
    again = json.loads(runner.invoke(app, ["ingest", str(samples_dir), "--store", store,
                                           "--json"]).stdout)
    assert again["loaded"] == 0 and again["unchanged"] == report["loaded"]
    detect = runner.invoke(app, ["detect", "--store", store, "--as-of", "2026-11-25", "--json"])
    kinds = [f["kind"] for f in json.loads(detect.stdout)["findings"]]
    assert kinds.count("repeat_infringement") == 2
    in_workers = runner.invoke(app, ["detect", "--store", store, "--as-of", "2026-11-25", "--json",
                                     "--workers", "2"])  # the groups in two worker processes
    assert in_workers.exit_code == 0, in_workers.output
    assert json.loads(in_workers.stdout) == json.loads(detect.stdout)
    grade = runner.invoke(app, ["grade", "--store", store, "--as-of", "2026-11-25", "--json"])
    assert json.loads(grade.stdout)["distribution"]["D"] >= 1
    explained = runner.invoke(app, ["explain", "恒盛商贸", "--store", store])
    assert explained.exit_code == 0
    assert "苏州恒盛商贸有限公司" in explained.stdout and "repeat_infringement" in explained.stdout
    assert "第六十条" in explained.stdout and "rulings/" in explained.stdout


def test_a_bad_store_spec_and_a_missing_inbox_are_clear_errors(tmp_path):
    result = runner.invoke(app, ["detect", "--store", "mysql://x"])
    assert result.exit_code != 0
    assert "embedded:PATH or a bolt://" in str(result.exception) + result.output
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope")], env={"COLUMNS": "400"})
    assert missing.exit_code == 2 and "is not a folder" in " ".join(missing.output.split())


def test_synth_writes_the_same_province_for_the_same_seed(tmp_path):
    runs = []
    for name in ("a", "b"):
        result = runner.invoke(app, ["synth", "--companies", "300", "--seed", "5",
                                     "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        runs.append(json.loads(result.stdout))
    assert runs[0] == runs[1]
    first = (tmp_path / "a" / "inbox" / "companies.jsonl").read_bytes()
    assert first == (tmp_path / "b" / "inbox" / "companies.jsonl").read_bytes()
    assert (tmp_path / "a" / "truth" / "repeat_infringers.jsonl").exists()
    bad = runner.invoke(app, ["synth", "--mix", "{nope", "--out", str(tmp_path / "c")],
                        env={"COLUMNS": "400"})
    assert bad.exit_code == 2 and "not JSON" in " ".join(bad.output.split())
