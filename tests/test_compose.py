"""What docker-compose.yml runs, run here by other means: same commands, same environment wiring,
against the real Neo4j the test session started (no Docker engine is needed)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.neo4j


def _cli(command: list[str]) -> list[str]:
    assert command[0] == "ipcredit"
    return [sys.executable, "-m", "ipcredit.cli", *command[1:]]


def _env(service: str, uri: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, **{k: str(v) for k, v in COMPOSE["services"][service]["environment"].items()}}
    assert env["IPCREDIT_STORE"] == "bolt://neo4j:7687"  # wired to the compose Neo4j by name
    env["IPCREDIT_STORE"] = uri  # here: the session's Neo4j
    env.update(extra)
    return env


def test_the_compose_file_runs_neo4j_the_dashboard_and_the_scheduler():
    services = COMPOSE["services"]
    assert services["neo4j"]["image"].startswith("neo4j:5")
    assert services["neo4j"]["environment"]["NEO4J_AUTH"] == "none"
    assert services["dashboard"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert services["scheduler"]["command"][:2] == ["ipcredit", "schedule"]


def test_the_scheduler_command_runs_a_cycle_against_neo4j(neo4j_store, neo4j_uri, samples_dir,
                                                          tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(samples_dir, inbox)
    command = COMPOSE["services"]["scheduler"]["command"]
    args = [inbox if part == "/inbox" else part for part in command]
    result = subprocess.run(_cli([str(a) for a in args[:3]] + ["--once"]),
                            env=_env("scheduler", neo4j_uri), capture_output=True, text=True,
                            timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    cycle = json.loads(result.stdout)
    assert cycle["loaded"] > 0 and cycle["findings"] >= 2 and cycle["grades"]["D"] >= 1


def test_the_dashboard_command_serves_pages_and_the_api_from_neo4j(neo4j_store, neo4j_uri):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = _env("dashboard", neo4j_uri, IPCREDIT_HOST="127.0.0.1", IPCREDIT_PORT=str(port))
    server = subprocess.Popen(_cli(COMPOSE["services"]["dashboard"]["command"]), env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as page:
                    assert page.status == 200
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "dashboard did not answer"
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/public-list", timeout=10) as api:
            assert api.status == 200
            json.loads(api.read())
    finally:
        server.terminate()
        server.wait(timeout=30)
