"""The public list shows only what may be published, and never an unmasked personal ID number."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import date, timedelta

import pytest
from stdnum.cn import ric

from graph.records import Node, NodeRef
from risk.documents import mask_id_numbers
from risk.lists import add_years
from risk.publish import COLUMNS, FORMATS, export, public_rows, write_export
from tests.risk.test_lists import (
    D0,
    HENGDA,
    INVESTIGATOR,
    OFFICER,
    OTHER,
    POLICY,
    walk_to_published,
)

VALID_ID = "32050519800307123" + ric.calc_check_digit("32050519800307123")
BAD_CHECK_ID = "110105194912310021"  # right shape, wrong check digit: masked all the same
FULL_WIDTH_ID = "３２０５８３１９９２０２２９５６７Ｘ"
LISTED_ON = D0 + timedelta(days=10)
ANY_ID = re.compile(r"(?<![0-9A-Z])[1-8]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"
                    r"\d{3}[\dX](?![0-9A-Z])")


@pytest.mark.parametrize(("text", "expected"), [
    (f"身份证号{VALID_ID}。", f"身份证号{VALID_ID[:6]}********{VALID_ID[-4:]}。"),
    (f"id:{BAD_CHECK_ID}", "id:110105********0021"),
    ("证件号码32050519800307123x", "证件号码320505********123x"),
    (FULL_WIDTH_ID, "３２０５８３********５６７Ｘ"),
    ("统一社会信用代码91320505MA1MXK3L5G", "统一社会信用代码91320505MA1MXK3L5G"),
    ("全数字信用代码913201001345637283", "全数字信用代码913201001345637283"),
    ("电话13912345678，账号6222021234567890123", "电话13912345678，账号6222021234567890123"),
    ("已脱敏320505********1234", "已脱敏320505********1234"),
])
def test_id_numbers_are_masked_and_company_codes_are_not(text: str, expected: str) -> None:
    assert mask_id_numbers(text) == expected


def unmasked_ids(text: str) -> list[str]:
    return [m.group(0) for m in ANY_ID.finditer(unicodedata.normalize("NFKC", text).upper())]


def plant_personal_data(store) -> None:
    """An ID number in the finding's text and a tag in the name, before the entry is proposed."""
    for finding in store.nodes("Finding"):
        if finding.props.get("entity_id") == HENGDA:
            finding.props["summary"] = (f"{finding.props['summary']}；法定代表人王建国"
                                        f"（身份证号{VALID_ID}，曾用证件{FULL_WIDTH_ID}）")
            finding.props["basis"] = f"{finding.props['basis']}（经办人证件{BAD_CHECK_ID}）"
            store.write([finding])
    company = store.get(NodeRef("Company", HENGDA))
    store.write([Node("Company", HENGDA, {**company.props, "name": "苏州恒达服饰有限公司<b>"})])


def test_a_published_list_contains_no_unmasked_personal_id_number(graph) -> None:
    plant_personal_data(graph)
    walk_to_published(graph)
    proposal = next(n for n in graph.nodes("Transition") if n.props["action"] == "propose")
    assert VALID_ID in proposal.props["data"]  # internal records keep what was relied on
    for fmt in FORMATS:
        text = export(graph, LISTED_ON, POLICY, fmt)
        assert unmasked_ids(text) == [], fmt
        assert VALID_ID not in text and BAD_CHECK_ID not in text and FULL_WIDTH_ID not in text
        assert f"{VALID_ID[:6]}********{VALID_ID[-4:]}" in text
        assert HENGDA in text  # the company's own code is public
    for doc in graph.nodes("ListDocument"):
        assert unmasked_ids(doc.props["text"]) == [] and unmasked_ids(doc.props["html"]) == []


def test_only_publishable_fields_of_listed_entries_appear(graph) -> None:
    walk_to_published(graph)
    assert public_rows(graph, LISTED_ON - timedelta(days=1), POLICY) == []  # decided only
    assert public_rows(graph, add_years(LISTED_ON, 3), POLICY) == []  # expired
    rows = public_rows(graph, LISTED_ON, POLICY)
    assert len(rows) == 1 and set(rows[0]) == set(COLUMNS)
    row = rows[0]
    assert (row["uscc"], row["listed_on"], row["status"]) == (HENGDA, LISTED_ON.isoformat(), "已公示列入")
    assert row["decision_no"].startswith("信列决〔2027〕") and row["authority"] == "苏州市市场监督管理局"
    assert len(row["measures"]) == 7
    for fmt in FORMATS:
        text = export(graph, LISTED_ON, POLICY, fmt)
        for internal in (INVESTIGATOR, OFFICER, OTHER, "Finding:", "evidence", "credit_officer"):
            assert internal not in text, (fmt, internal)


def test_the_three_formats(graph, tmp_path) -> None:
    plant_personal_data(graph)
    walk_to_published(graph)
    rows = list(csv.reader(io.StringIO(export(graph, LISTED_ON, POLICY, "csv").lstrip("\ufeff"))))
    assert rows[0] == list(COLUMNS.values()) and len(rows) == 2
    data = json.loads(export(graph, LISTED_ON, POLICY, "json"))
    assert data["count"] == 1 and data["as_of"] == LISTED_ON.isoformat()
    page = export(graph, LISTED_ON, POLICY, "html")
    assert "苏州恒达服饰有限公司&lt;b&gt;" in page and "<b>" not in page
    out = tmp_path / "list.csv"
    assert write_export(graph, LISTED_ON, POLICY, "csv", out) == 1
    assert out.read_text(encoding="utf-8").startswith("\ufeff名称")
    with pytest.raises(ValueError, match="csv"):
        export(graph, date(2027, 1, 1), POLICY, "xml")
    assert "当前无列入主体" in export(graph, date(2020, 1, 1), POLICY, "html")
