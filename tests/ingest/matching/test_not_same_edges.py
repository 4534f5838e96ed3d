"""A "not same" judgement takes back the PARTY_TO edges of the old merge, and only those, on both
stores: after the re-ingest the graph is the one a load with the judgement in force from the start
builds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from graph.records import NodeRef
from ingest.matching.judgements import record
from ingest.matching.reopen import reopen_for
from ingest.readers.route import sha256
from ingest.run import run_ingest
from ipcredit.cli import app
from tests.ingest.matching.factory import HENGDA
from tests.ingest.matching.test_judgements import PENALTY, _inbox
from tests.snapshot import snapshot

NAME = "苏州恒达服饰有限公司"
FORMER = "苏州恒达服装厂"
AT = "2026-03-01T09:00:00.000000+00:00"
COMPANY = NodeRef("Company", HENGDA)


def _penalty(inbox: Path, samples: Path, file: str, number: str, name: str, uscc: bool) -> str:
    """One more penalty decision (its own number) naming its party ``name``; its sha256."""
    text = (samples / PENALTY).read_text(encoding="utf-8").replace("〔2023〕112号", f"〔2023〕{number}号")
    text = text.replace(f"当事人：{NAME}", f"当事人：{name}")
    if not uscc:
        text = text.replace(f"统一社会信用代码：{HENGDA}\n", "")
    (inbox / "penalties" / file).write_text(text, encoding="utf-8")
    return sha256((inbox / "penalties" / file).read_bytes())


def three_penalties(samples: Path, tmp: Path) -> tuple[Path, dict[str, str]]:
    """The company named by its name alone, by its former name alone, and by name and USCC."""
    inbox = _inbox(samples, tmp, NAME)
    docs = {"name": sha256((inbox / PENALTY).read_bytes()),
            "former": _penalty(inbox, samples, "former.txt", "113", FORMER, uscc=False),
            "uscc": _penalty(inbox, samples, "uscc.txt", "114", NAME, uscc=True)}
    return inbox, docs


def party_edges(store) -> dict[str, tuple]:
    """The company's PARTY_TO edges by penalty number, with their match, mention and load time."""
    return {e.end.id: (e.props.get("match", "").split(" ")[0], e.props.get("mention"), e.loaded_at)
            for e in store.incident(COMPANY) if e.type == "PARTY_TO"}


def wipe(store) -> None:
    for label in store.model.labels:
        store.delete_nodes(label)


def test_not_same_removes_only_the_edges_of_the_judged_name(store, samples_dir, tmp_path):
    inbox, docs = three_penalties(samples_dir, tmp_path)
    run_ingest(inbox, store)
    before = party_edges(store)
    assert {number: kept[:2] for number, kept in before.items()} == {
        "苏市监罚〔2023〕112号": ("name", NAME), "苏市监罚〔2023〕113号": ("former_name", FORMER),
        "苏市监罚〔2023〕114号": ("uscc", NAME)}
    judgement = record(store, NAME, HENGDA, "not-same", "alice", reason="同名异主")
    reopened = reopen_for(store, judgement)
    assert reopened["documents"] == [docs["name"]]
    (trail,) = reopened["removed_edges"]
    assert (trail["start"], trail["end"], trail["mention"]) == (
        str(COMPANY), "Penalty:苏市监罚〔2023〕112号", NAME)
    assert trail["match"].startswith("name ") and trail["sources"][0].startswith(docs["name"])
    assert reopened["removed"] == {"Infringement": 1, "Company": 0, "Person": 0, "PARTY_TO": 1}
    assert reopened["removed_nodes"]["Infringement"] == [f"inf:苏市监罚〔2023〕112号|{HENGDA}"]
    # the former name and the printed USCC still say it is the company: untouched, not reopened
    left = party_edges(store)
    assert left == {k: v for k, v in before.items() if k != "苏市监罚〔2023〕112号"}
    assert not store.get(NodeRef("Document", docs["name"])).props["complete"]
    assert store.get(NodeRef("Document", docs["former"])).props["complete"]


def test_removal_is_idempotent_and_the_re_ingest_equals_a_fresh_load(store, samples_dir, tmp_path):
    inbox, docs = three_penalties(samples_dir, tmp_path)
    run_ingest(inbox, store)
    judgement = record(store, NAME, HENGDA, "not-same", "alice", reason="同名异主", at=AT)
    first = reopen_for(store, judgement)
    again = reopen_for(store, judgement)  # repeated before the ingest: nothing left to remove
    assert first["removed"]["PARTY_TO"] == 1
    assert again["removed_edges"] == [] and set(again["removed"].values()) == {0}
    run_ingest(inbox, store)
    assert "苏市监罚〔2023〕112号" not in party_edges(store)
    assert {e.start.id for e in store.edges(["PARTY_TO"]) if e.end.id == "苏市监罚〔2023〕112号"} \
        == {"name:" + NAME}
    assert run_ingest(inbox, store).writes.writes == 0
    assert reopen_for(store, judgement)["removed_edges"] == []  # and after it
    reloaded = snapshot(store)

    wipe(store)  # the same inbox loaded with the judgement in force from the start
    record(store, NAME, HENGDA, "not-same", "alice", reason="同名异主", at=AT)
    run_ingest(inbox, store)
    fresh = snapshot(store)
    # The same nodes and edges with the same properties and sources, but for one thing a store
    # cannot take back (it only adds sources): the printed party's position in the reopened
    # document stays a source of the registered facts the old merge restated.
    assert _keyed(reloaded).keys() == _keyed(fresh).keys()
    restated = {}
    for key, (props, sources) in _keyed(reloaded).items():
        fresh_props, fresh_sources = _keyed(fresh)[key]
        assert props == fresh_props and set(fresh_sources) <= set(sources), key
        if set(sources) != set(fresh_sources):
            restated[key] = set(sources) - set(fresh_sources)
    rep = next(e.start for e in store.incident(COMPANY) if e.type == "LEGAL_REP_OF")
    assert set(restated) == {("Company", HENGDA), (rep.label, rep.id),
                             ("LEGAL_REP_OF", str(rep), str(COMPANY))}
    assert {ref.split("@")[0] for refs in restated.values() for ref in refs} == {docs["name"]}


def _keyed(graph: tuple[list, list]) -> dict[tuple, tuple]:
    nodes, edges = graph
    return {**{(n[0], n[1]): (n[2], n[3]) for n in nodes}, **{e[:3]: (e[3], e[4]) for e in edges}}


def test_the_judge_command_lists_what_it_removed(tmp_path, samples_dir):
    inbox = _inbox(samples_dir, tmp_path, NAME)
    store = f"embedded:{tmp_path / 'store'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(inbox), "--store", store]).exit_code == 0
    shown = runner.invoke(app, ["resolve", "judge", NAME, HENGDA, "not-same", "--by", "王科员",
                                "--reason", "同名异主", "--store", store])
    assert shown.exit_code == 0, shown.output
    assert f"removed PARTY_TO {COMPANY} -> Penalty:苏市监罚〔2023〕112号 (mention {NAME}" in shown.output
    assert f"removed Infringement:inf:苏市监罚〔2023〕112号|{HENGDA}" in shown.output
    assert "1 documents reopened" in shown.output
    repeated = runner.invoke(app, ["resolve", "judge", NAME, HENGDA, "not-same", "--by", "王科员",
                                   "--store", store, "--json"])
    assert json.loads(repeated.stdout)["reopened"]["removed_edges"] == []
