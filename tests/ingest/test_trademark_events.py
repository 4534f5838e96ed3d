"""Trademark rows with assignments, oppositions and invalidations, and the well-known-mark list,
mapped into the graph (both stores); malformed events quarantined with the column named."""

from __future__ import annotations

import json

import pytest

from graph.records import NodeRef
from ingest.mapping.trademark_events import assignments, challenges
from ingest.run import run_ingest

HOLDER, SQUATTER, BUYER = "9132050531423845XT", "91320505314317641A", "91320505314396837X"
HEADER = ("number,mark,nice_class,goods,applicant,applicant_uscc,agency,filed,registered,status,"
          "assignments,oppositions,invalidations\n")


def _inbox(tmp_path, rows: str):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    companies = [(HOLDER, "苏州恒达服饰股份有限公司"), (SQUATTER, "苏州越万商务咨询有限公司"),
                 (BUYER, "苏州鼎嘉贸易有限公司")]
    (inbox / "companies.jsonl").write_text("".join(
        json.dumps({"uscc": u, "name": n, "legal_rep": {"name": "王伟"}}, ensure_ascii=False) + "\n"
        for u, n in companies), encoding="utf-8")
    (inbox / "trademarks.csv").write_text(HEADER + rows, encoding="utf-8")
    (inbox / "well_known_marks.csv").write_text(
        "number,mark,nice_class,owner,owner_uscc,recognised,record\n"
        f"1000001,恒达,25,苏州恒达服饰股份有限公司,{HOLDER},2016-05-01,商标驰字〔2016〕10号\n",
        encoding="utf-8")
    return inbox


ROWS = (
    f"1000001,恒达,25,服装,苏州恒达服饰股份有限公司,{HOLDER},,2008-03-01,2009-03-01,已注册,,,\n"
    f"5000001,恆達,9,充电器,苏州越万商务咨询有限公司,{SQUATTER},甲知识产权代理有限公司,2020-01-10,"
    f"2021-01-15,已注册,2021-03-20|苏州鼎嘉贸易有限公司|{BUYER},,"
    f"2022-05-01|苏州恒达服饰股份有限公司|{HOLDER}|成立\n"
    f"5000002,衡达,3,香水,苏州越万商务咨询有限公司,{SQUATTER},,2020-02-10,,驳回,,"
    f"2020-06-01|苏州恒达服饰股份有限公司|{HOLDER}|成立,\n"
)


def test_events_and_the_well_known_list_become_edges_and_properties(store, tmp_path):
    report = run_ingest(_inbox(tmp_path, ROWS), store)
    assert report.quarantined == 0
    famous = store.get(NodeRef("Trademark", "TM1000001"))
    assert famous.props["famous"] is True and famous.props["famous_since"] == "2016-05-01"
    assert famous.props["famous_record"] == "商标驰字〔2016〕10号"
    assert famous.props["status"] == "已注册"  # the filing row and the list row meet on one node
    sold = NodeRef("Trademark", "TM5000001")
    edges = {(e.type, e.start.id, e.end.id): e for e in store.edges(
        ("APPLIED_FOR", "OWNS", "ASSIGNED_TO", "OPPOSED", "INVALIDATION_REQUESTED"))}
    assert ("APPLIED_FOR", SQUATTER, sold.id) in edges
    assert edges[("ASSIGNED_TO", sold.id, BUYER)].props == {"date": "2021-03-20"}
    assert ("OWNS", BUYER, sold.id) in edges and ("OWNS", SQUATTER, sold.id) not in edges
    assert edges[("INVALIDATION_REQUESTED", HOLDER, sold.id)].props == {"date": "2022-05-01",
                                                                       "outcome": "成立"}
    assert edges[("OPPOSED", HOLDER, "TM5000002")].props["outcome"] == "成立"
    assert ("OWNS", SQUATTER, "TM5000002") not in edges  # refused: nobody owns it


def test_a_malformed_event_quarantines_the_row_naming_the_column(store, tmp_path):
    rows = ROWS + (f"5000003,恒达之星,12,自行车,苏州越万商务咨询有限公司,{SQUATTER},,2020-03-01,,申请中,,"
                   f"2020-07-01|苏州恒达服饰股份有限公司|{HOLDER}|大概成立,\n")
    report = run_ingest(_inbox(tmp_path, rows), store)
    where = {(q.file, q.record, q.field) for q in report.quarantine}
    assert where == {("trademarks.csv", "r4", "oppositions")}
    assert store.get(NodeRef("Trademark", "TM5000003")) is None


@pytest.mark.parametrize(("cell", "error"), [
    ("2021-13-01|某公司|", "not a date"),
    ("2021-01-01", "date|assignee"),
])
def test_assignment_cells_are_checked(cell, error):
    with pytest.raises(ValueError, match=error):
        assignments(cell)


def test_event_cells_parse_items_and_pending_outcomes():
    items = challenges("2020-06-01|甲|913|成立; 2021-01-01|乙||")
    assert [(e.date, e.party, e.uscc, e.outcome) for e in items] == [
        ("2020-06-01", "甲", "913", "成立"), ("2021-01-01", "乙", None, None)]
    assert assignments("") == [] and challenges(None) == []
