"""The restriction check: measures in force as of a date, with basis and end dates, on both stores."""

from __future__ import annotations

from datetime import date, timedelta

from graph.records import NodeRef
from risk.audit import Request
from risk.lists import act, add_years
from risk.restrictions import check, restricted_for
from tests.risk.test_lists import (
    ALL_MET,
    D0,
    HENGDA,
    HENGSHENG,
    OFFICER,
    OTHER,
    POLICY,
    walk_to_published,
)

LISTED_ON = D0 + timedelta(days=10)
EXPIRES = add_years(LISTED_ON, 3)
THREE_YEAR = {"measure.bidding_procurement", "measure.fiscal_funds", "measure.ipo_counselling"}
ONE_YEAR = {"measure.fee_reduction_priority", "measure.awards", "measure.key_supervision",
            "measure.credit_pledge"}


def keys(store, on: date, uscc: str = HENGDA) -> set[str]:
    return set(restricted_for(store, NodeRef("Company", uscc), on, POLICY))


def test_measures_run_from_publication_for_their_own_years_then_the_listing_expires(graph) -> None:
    entry = walk_to_published(graph)
    assert keys(graph, LISTED_ON - timedelta(days=1)) == set()  # decided, not yet published
    assert keys(graph, LISTED_ON) == THREE_YEAR | ONE_YEAR
    assert keys(graph, add_years(LISTED_ON, 1) - timedelta(days=1)) == THREE_YEAR | ONE_YEAR
    assert keys(graph, add_years(LISTED_ON, 1)) == THREE_YEAR
    assert keys(graph, EXPIRES - timedelta(days=1)) == THREE_YEAR
    assert keys(graph, EXPIRES) == set()  # expired by date, nobody recorded it
    assert keys(graph, LISTED_ON, HENGSHENG) == set()
    answer = check(graph, LISTED_ON, POLICY, uscc=HENGDA)
    result = answer["results"][0]
    assert answer["found"] and result["restricted"] and result["entity"]["uscc"] == HENGDA
    bidding = next(m for m in result["measures"] if m["key"] == "measure.bidding_procurement")
    assert bidding["ends"] == EXPIRES.isoformat() and bidding["starts"] == LISTED_ON.isoformat()
    assert "1702" in bidding["basis"] and bidding["verified"] is True
    assert bidding["entry_id"] == entry and bidding["policy_entry"].startswith("measure.")
    assert result["listings"][0]["status"] == "published"


def test_a_procedure_before_publication_is_not_shown(graph) -> None:
    walk_to_published(graph)
    result = check(graph, LISTED_ON - timedelta(days=1), POLICY, uscc=HENGDA)["results"][0]
    assert result == {**result, "restricted": False, "measures": [], "listings": []}


def test_check_by_name_and_an_unknown_entity(graph) -> None:
    walk_to_published(graph)
    by_name = check(graph, LISTED_ON, POLICY, name="苏州恒达服饰有限公司")
    assert [r["entity"]["id"] for r in by_name["results"]] == [HENGDA]
    assert by_name["results"][0]["restricted"]
    assert check(graph, LISTED_ON, POLICY, uscc="91320000000000000X")["found"] is False


def test_early_removal_ends_the_measures_and_the_past_stays_answerable(graph) -> None:
    entry = walk_to_published(graph)
    when = add_years(LISTED_ON, 1) + timedelta(days=30)
    act(graph, entry, Request("repair", OFFICER, "credit_officer", when, "申请信用修复",
                              ("修复申请书",)), POLICY)
    assert keys(graph, when) == THREE_YEAR  # still listed while the application is pending
    act(graph, entry, Request("remove", OTHER, "credit_officer", when + timedelta(days=10),
                              "符合提前移出条件", ("审核意见",), ALL_MET), POLICY)
    assert keys(graph, when + timedelta(days=10)) == set()
    assert keys(graph, when + timedelta(days=9)) == THREE_YEAR
    listing = check(graph, when + timedelta(days=10), POLICY, uscc=HENGDA)["results"][0]["listings"][0]
    assert listing["status"] == "removed" and listing["ended_on"] == (when + timedelta(days=10)).isoformat()
    removal = [n.props["text"] for n in graph.nodes("ListDocument") if n.props["kind"] == "removal"]
    assert len(removal) == 1 and "符合提前移出条件" in removal[0] and "停止执行" in removal[0]


def test_an_appeal_does_not_suspend_and_a_revoked_penalty_lifts_everything(graph) -> None:
    entry = walk_to_published(graph)
    act(graph, entry, Request("appeal", OFFICER, "credit_officer", LISTED_ON + timedelta(days=20),
                              "当事人申请行政复议", ("复议申请书",)), POLICY)
    assert keys(graph, LISTED_ON + timedelta(days=21)) == THREE_YEAR | ONE_YEAR
    act(graph, entry, Request("revoke", OFFICER, "credit_officer", LISTED_ON + timedelta(days=40),
                              "处罚决定被撤销", ("撤销决定书",)), POLICY)
    assert keys(graph, LISTED_ON + timedelta(days=40)) == set()
