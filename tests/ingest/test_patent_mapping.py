"""Patent filings: claims and inventors land on the Patent, transfers become ASSIGNED_TO edges."""

from __future__ import annotations

import json
from pathlib import Path

from graph.records import NodeRef
from ingest.run import run_ingest

SELLER = "91320411MA1XY2D497"
BUYER = "91320505MA1MXK3L5G"
PATENT = NodeRef("Patent", "202220345678.3")


def _company(uscc: str, name: str) -> dict:
    return {"uscc": uscc, "name": name, "legal_form": "有限责任公司", "capital": "50万元人民币",
            "founded": "2019-03-01", "status": "存续", "address": "常州市新北区太湖路1号",
            "scope": "机械", "legal_rep": {"name": "孙鼎", "id_number": "320411198001011234"}}


def _patent(**extra) -> dict:
    record = {"application_no": "202220345678.3", "title": "一种电机端盖", "kind": "实用新型",
              "abstract": "本实用新型公开了一种电机端盖。", "ipc": "H02K5/15",
              "claims": "1. 一种电机端盖，包括盖体与轴承座，其特征在于：所述轴承座设置于所述盖体的中部。",
              "applicants": [{"name": "常州鼎新机械有限公司", "uscc": SELLER}],
              "inventors": ["孙鼎", "钱工"], "filed": "2022-02-14", "status": "授权"}
    record.update(extra)
    return record


def _inbox(tmp_path: Path, *patents: dict) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    companies = [_company(SELLER, "常州鼎新机械有限公司"), _company(BUYER, "苏州恒达服饰有限公司")]
    (inbox / "companies.jsonl").write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in companies), encoding="utf-8")
    (inbox / "patents.jsonl").write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in patents), encoding="utf-8")
    return inbox


def test_claims_and_inventors_are_kept_on_the_patent(store, tmp_path):
    run_ingest(_inbox(tmp_path, _patent()), store)
    patent = store.get(PATENT)
    assert patent.props["claims"].startswith("1. 一种电机端盖")
    assert patent.props["inventors"] == ["孙鼎", "钱工"]
    owns = [e for e in store.incident(PATENT) if e.type == "OWNS"]
    assert [e.start.id for e in owns] == [SELLER]  # never transferred: the applicant owns it


def test_a_transfer_links_the_assignee_with_its_date_and_makes_it_the_owner(store, tmp_path):
    transfer = [{"date": "2022-05-20", "assignee": "苏州恒达服饰有限公司", "assignee_uscc": BUYER}]
    run_ingest(_inbox(tmp_path, _patent(assignments=transfer)), store)
    edges = store.incident(PATENT)
    assigned = [e for e in edges if e.type == "ASSIGNED_TO"]
    assert [(e.end.id, e.props["date"]) for e in assigned] == [(BUYER, "2022-05-20")]
    assert {e.start.id for e in edges if e.type == "OWNS"} == {BUYER}
    assert {e.start.id for e in edges if e.type == "APPLIED_FOR"} == {SELLER}
    assert assigned[0].sources and assigned[0].sources[0].endswith("@r1")


def test_a_transfer_without_a_valid_date_or_assignee_is_quarantined(store, tmp_path):
    bad_date = _patent(assignments=[{"date": "2022-13-01", "assignee": "苏州恒达服饰有限公司"}])
    no_one = _patent(application_no="202110123456.7", assignments=[{"date": "2022-05-20"}])
    report = run_ingest(_inbox(tmp_path, bad_date, no_one), store)
    assert {(q.record, q.field) for q in report.quarantine} == {("r1", "assignments"), ("r2", "assignments")}
    assert store.get(PATENT) is None
