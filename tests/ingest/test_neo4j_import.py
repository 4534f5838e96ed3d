"""``ipcredit neo4j import``: a province imported offline is the graph ``ingest --bulk`` makes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.embedded import EmbeddedStore
from graph.neo4j_server import Neo4jServer
from graph.neo4j_store import Neo4jStore
from ingest.run import run_ingest
from ipcredit.cli import app
from ipcredit.errors import StoreError
from tests.ingest.test_bulk import full_snapshot

runner = CliRunner()


@pytest.mark.neo4j
def test_an_imported_province_is_the_bulk_graph_and_a_daily_load_changes_nothing(tmp_path):
    from ingest.synthetic.province import generate

    generate(tmp_path / "province", 300, seed=11)
    inbox = tmp_path / "province" / "inbox"
    with EmbeddedStore(tmp_path / "reference") as reference:
        bulk = run_ingest(inbox, reference, bulk=True, workers=1)
        expected = full_snapshot(reference)
        counts = reference.counts()

    home = tmp_path / "home"
    result = runner.invoke(app, ["neo4j", "import", str(inbox), "--home", str(home),
                                 "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["records_in"], report["loaded"], report["unchanged"], report["quarantined"]) \
        == (bulk.records_in, bulk.loaded, 0, bulk.quarantined)
    assert report["writes"] == bulk.writes.as_dict()
    imported = report["import"]
    labels = set(reference.model.labels)
    assert imported["nodes"] == sum(n for k, n in counts.items() if k in labels)
    assert imported["relationships"] == sum(n for k, n in counts.items() if k not in labels)
    assert set(imported["seconds"]) == {"mapping", "staging", "csv", "importer", "schema", "total"}
    assert imported["writes_per_s"] > 0

    again = runner.invoke(app, ["neo4j", "import", str(inbox), "--home", str(home)])
    assert isinstance(again.exception, StoreError) and "--replace" in str(again.exception)

    with Neo4jServer(home) as server:
        assert server.uri is not None
        with Neo4jStore(server.uri) as store:
            assert full_snapshot(store) == expected
            daily = runner.invoke(app, ["ingest", str(inbox), "--store", server.uri, "--json"])
            assert daily.exit_code == 0, daily.output
            daily_report = json.loads(daily.stdout)
            assert daily_report["unchanged"] == bulk.loaded
            assert daily_report["loaded"] == 0 and daily_report["writes"]["nodes_created"] == 0
            assert full_snapshot(store) == expected
