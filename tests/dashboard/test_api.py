"""The JSON API over HTTP against a running server, on the sample province after the real pipeline
and a real listing: restrictions, the public list, tokens and roles, the OpenAPI document."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from rich.console import Console

from dashboard.api import PREFIX, parse_tokens
from dashboard.app import create_app
from dashboard.server import start_background
from graph.records import NodeRef
from ipcredit.demo import run_demo
from ipcredit.errors import ConfigError
from risk.audit import Request
from risk.leads import sync
from risk.lists import act, open_entry
from risk.policy import load_policy

HENGDA, HENGSHENG = "91320505MA1MXK3L5G", "91320505MA27QW8T13"
PLANTED_ID = "320505198003071235"
TOKENS = "inv-token=investigator,officer-token=credit_officer,admin-token=admin,reg-token=regulator"
LISTED_ON = date(2027, 1, 14)
ID_PATTERN = re.compile(r"(?<![0-9A-Z])[1-8]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])\d{2}\d{3}[\dX](?![0-9A-Z])")
ROOT = Path(__file__).resolve().parents[2]


def list_hengda(store) -> str:
    """The credit officers' work: propose, approve, notify, decide, publish (four-eyes kept)."""
    policy = load_policy()
    for finding in store.nodes("Finding"):  # personal data in the grounds must not leak
        if finding.props["entity_id"] == HENGDA and finding.props["kind"] == "repeat_infringement":
            finding.props["summary"] += f"；法定代表人身份证号{PLANTED_ID}"
            store.write([finding])
    entry = open_entry(store, NodeRef("Company", HENGDA), Request(
        "propose", "张调查", "investigator", date(2027, 1, 4), "重复侵权，建议列入"), policy).subject.id
    for action, by, day in (("approve", "李审核", 5), ("notify", "李审核", 6),
                            ("decide", "王决定", 12), ("publish", "李审核", 14)):
        act(store, entry, Request(action, by, "credit_officer", date(2027, 1, day), "依法办理"), policy)
    sync(store, date(2027, 1, 4), policy)
    return entry


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, object]]:
    out = tmp_path_factory.mktemp("api")
    _, store = run_demo(out, date(2026, 11, 25), Console(quiet=True))
    entry = list_hengda(store)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IPCREDIT_API_TOKENS", TOKENS)
        server = start_background(store, port=0)
    yield server.url, entry, store
    server.stop()
    store.close()


def get(base: str, path: str, token: str | None = None) -> tuple[int, str, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode("utf-8")


def get_json(base: str, path: str, token: str | None = None, status: int = 200) -> dict:
    code, media, body = get(base, path, token)
    assert (code, media.split(";")[0]) == (status, "application/json"), body
    return json.loads(body)


def test_restrictions_by_uscc_and_by_name_are_anonymous(served) -> None:
    base, entry, _ = served
    data = get_json(base, f"{PREFIX}/restrictions?uscc={HENGDA}&as_of=2027-06-01")
    result = data["results"][0]
    assert data["as_of"] == "2027-06-01" and result["restricted"] is True
    assert {m["key"] for m in result["measures"]} >= {"measure.bidding_procurement",
                                                     "measure.fiscal_funds", "measure.ipo_counselling"}
    assert all(m["basis"] and m["ends"] > "2027-06-01" and m["entry_id"] == entry
               for m in result["measures"])
    by_name = get_json(base, f"{PREFIX}/restrictions?name={quote('苏州恒达服饰有限公司')}&as_of=2027-06-01")
    assert by_name["results"][0]["entity"]["uscc"] == HENGDA and by_name["results"][0]["restricted"]
    later = get_json(base, f"{PREFIX}/restrictions?uscc={HENGDA}&as_of=2030-01-14")
    assert later["results"][0]["restricted"] is False  # the term ran out
    other = get_json(base, f"{PREFIX}/restrictions?uscc={HENGSHENG}&as_of=2027-06-01")
    assert other["results"][0]["restricted"] is False


@pytest.mark.parametrize(("query", "status"), [
    ("", 400), (f"?uscc={HENGDA}&name=x", 400), ("?uscc=91320000000000000X", 404),
    (f"?uscc={HENGDA}&as_of=2027-13-01", 400),
])
def test_restriction_errors_are_json_with_a_status(served, query: str, status: int) -> None:
    body = get_json(served[0], f"{PREFIX}/restrictions{query}", status=status)
    assert body["error"]["status"] == status and body["error"]["message"]


@pytest.mark.parametrize(("fmt", "media"), [("json", "application/json"), ("csv", "text/csv"),
                                             ("html", "text/html")])
def test_the_public_list_is_anonymous_and_masks_id_numbers(served, fmt: str, media: str) -> None:
    code, got, body = get(served[0], f"{PREFIX}/public-list?format={fmt}&as_of=2027-06-01")
    assert code == 200 and got.split(";")[0] == media
    assert "苏州恒达服饰有限公司" in body and HENGDA in body
    assert PLANTED_ID not in body and "320505********1235" in body
    assert ID_PATTERN.findall(unicodedata.normalize("NFKC", body)) == []
    assert "张调查" not in body and "李审核" not in body  # who acted is internal
    if fmt == "json":
        assert json.loads(body)["count"] == 1


def test_the_public_list_as_of_another_date(served) -> None:
    assert get_json(served[0], f"{PREFIX}/public-list?as_of=2027-01-13")["count"] == 0
    assert get_json(served[0], f"{PREFIX}/public-list?format=xml", status=400)["error"]


def test_routes_other_than_the_two_public_reads_need_a_token_with_a_role(served) -> None:
    base, entry, _ = served
    assert get_json(base, f"{PREFIX}/entities?q={HENGDA}", status=401)["error"]["code"] == \
        "unauthenticated"
    assert get_json(base, f"{PREFIX}/entities?q={HENGDA}", "nope", status=401)
    hits = get_json(base, f"{PREFIX}/entities?q={quote('恒达')}", "reg-token")["results"]
    assert any(h["id"] == HENGDA for h in hits)
    company = get_json(base, f"{PREFIX}/entities/Company/{HENGDA}?as_of=2027-06-01", "inv-token")
    assert company["properties"]["name"] == "苏州恒达服饰有限公司" and company["grade"] == "D"
    assert company["listings"] == [{"entry_id": entry, "status": "published"}]
    person = get_json(base, f"{PREFIX}/entities/Person/{quote('person:王建国|320505********1234')}",
                      "inv-token")
    assert person["properties"]["id_number_masked"] == "320505********1234"
    grade = get_json(base, f"{PREFIX}/grades/Company/{HENGDA}", "officer-token")
    assert grade["grade"] == "D" and grade["candidate"] is True
    assert all(f["policy_entry"] and f["basis"] for f in grade["factors"])
    assert get_json(base, f"{PREFIX}/lists/{entry}", "inv-token", status=403)["error"]["code"] == \
        "forbidden"
    listed = get_json(base, f"{PREFIX}/lists/{entry}?as_of=2027-06-01", "officer-token")
    assert listed["status"] == "published"
    assert [t["action"] for t in listed["transitions"]] == ["propose", "approve", "notify",
                                                            "decide", "publish"]
    assert get_json(base, f"{PREFIX}/lists/list:nope", "officer-token", status=404)
    leads = get_json(base, f"{PREFIX}/leads?as_of=2027-01-05", "inv-token")["leads"]
    assert leads and leads[0]["rank"] == 1 and leads[0]["evidence_path"][0]["why"] == "线索对象"
    assert get_json(base, f"{PREFIX}/audit/verify", "officer-token", status=403)
    assert get_json(base, f"{PREFIX}/audit/verify", "admin-token") == {"intact": True, "problems": []}
    assert get_json(base, f"{PREFIX}/no/such/route", status=404)["error"]["code"] == "not_found"
    code, media, _ = get(base, "/")
    assert code == 200 and media.startswith("text/html")  # the dashboard is still there


def test_the_openapi_document_describes_every_api_route(served) -> None:
    _, _, store = served
    doc = get_json(served[0], "/api/openapi.json")
    assert doc["openapi"].startswith("3.") and doc["components"]["securitySchemes"]
    paths = doc["paths"]
    assert paths[f"{PREFIX}/restrictions"]["get"]["security"] == []
    assert paths[f"{PREFIX}/public-list"]["get"]["security"] == []
    assert {p["name"] for p in paths[f"{PREFIX}/restrictions"]["get"]["parameters"]} == \
        {"uscc", "name", "as_of"}
    assert paths[f"{PREFIX}/grades/{{label}}/{{node_id}}"]["get"]["security"]
    rules = {re.sub(r"<(?:path:)?(\w+)>", r"{\1}", rule.rule)
             for rule in create_app(store).server.url_map.iter_rules()
             if rule.rule.startswith(PREFIX) and "<path:rest>" not in rule.rule}
    assert rules == set(paths)
    for path in paths.values():
        for ref in re.findall(r'"#/components/schemas/(\w+)"', json.dumps(path)):
            assert ref in doc["components"]["schemas"]


def test_tokens_are_parsed_and_an_unknown_role_is_refused() -> None:
    assert parse_tokens(TOKENS)["officer-token"] == "credit_officer"
    assert parse_tokens('{"t": "admin"}') == {"t": "admin"} and parse_tokens("") == {}
    with pytest.raises(ConfigError, match="boss"):
        parse_tokens("t=boss")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_ipcredit_serve_serves_the_api(served) -> None:
    """The real command in its own process, on the same embedded store."""
    _, _, store = served
    port = free_port()
    env = {**os.environ, "IPCREDIT_API_TOKENS": TOKENS}
    process = subprocess.Popen(
        [sys.executable, "-m", "ipcredit.cli", "serve", "--store", store.location, "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                data = get_json(base, f"{PREFIX}/restrictions?uscc={HENGDA}&as_of=2027-06-01")
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.3)
        assert data["results"][0]["restricted"] is True
        assert get_json(base, "/api/openapi.json")["paths"]
        in_a_day = (LISTED_ON + timedelta(days=1)).isoformat()
        assert get_json(base, f"{PREFIX}/public-list?as_of={in_a_day}")["count"] == 1
    finally:
        process.terminate()
        process.wait(timeout=20)
