"""``ipcredit resolve``: explain a match, record a judgement, list judgements."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ipcredit.cli import app
from tests.ingest.matching.factory import HENGDA

runner = CliRunner()


def test_explain_judge_and_list_from_the_command_line(tmp_path, samples_dir):
    store = f"embedded:{tmp_path / 'store'}"
    assert runner.invoke(app, ["ingest", str(samples_dir), "--store", store]).exit_code == 0
    shown = runner.invoke(app, ["resolve", "explain", "江苏省苏州恒达服饰有限责任公司", "--store", store,
                                "--json"])
    report = json.loads(shown.stdout)
    assert report["decision"]["node_id"] == HENGDA
    assert report["candidates"][0]["features"]["name_equal"]["score"] == 1.0
    text = runner.invoke(app, ["resolve", "explain", "苏州恒达服装厂", "--store", store])
    assert "former_name" in text.stdout and HENGDA in text.stdout

    judged = runner.invoke(app, ["resolve", "judge", "苏州新纪元贸易有限公司", HENGDA, "same",
                                 "--by", "王科员", "--reason", "更名前字号", "--store", store, "--json"])
    assert judged.exit_code == 0, judged.output
    assert json.loads(judged.stdout)["judgement"]["by"] == "王科员"
    after = json.loads(runner.invoke(app, ["resolve", "explain", "苏州新纪元贸易有限公司", "--store",
                                           store, "--json"]).stdout)
    assert after["decision"]["method"] == "judged_same"
    assert after["judgements"][0]["reason"] == "更名前字号"
    listed = json.loads(runner.invoke(app, ["resolve", "judgements", "--store", store,
                                            "--json"]).stdout)["judgements"]
    assert [(j["verdict"], j["in_force"]) for j in listed] == [("same", True)]
    refused = runner.invoke(app, ["resolve", "judge", "a公司", HENGDA, "perhaps", "--by", "x",
                                  "--store", store])
    assert refused.exit_code != 0
