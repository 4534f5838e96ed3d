"""The public list: the entries listed as of a date, with only what may be published.

Published per entry: the name, the USCC (public for market entities), the grounds, the penalty
and the authority behind it, the decision's number, the listing and expiry dates, the measures
and the status. Never published: who proposed or approved, the evidence, internal reasons, a
person's identifiers. Every field, and then each rendered file as a whole, passes through
``mask_id_numbers``, so an ID number that slipped into a grounds text is masked all the same.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from graph.records import NodeRef
from graph.store import GraphStore
from risk.documents import mask_deep, mask_id_numbers
from risk.lists import LISTED, STATE_NAMES, entries, replay
from risk.policy import Policy

FORMATS = ("csv", "json", "html")
COLUMNS = {  # field → published column heading
    "name": "名称", "uscc": "统一社会信用代码", "grounds": "列入事由", "penalty": "所依据的行政处罚",
    "authority": "作出决定机关", "decision_no": "列入决定书文号", "listed_on": "列入日期",
    "expires_on": "届满日期", "measures": "管理措施", "status": "状态",
}


def _decision_number(store: GraphStore, records: list[Any]) -> str:
    for record in records:
        if record.action == "decide":
            for item in record.evidence:
                if item.startswith("ListDocument:"):
                    doc = store.get(NodeRef("ListDocument", item.removeprefix("ListDocument:")))
                    if doc is not None and doc.props.get("kind") == "decision":
                        return str(doc.props.get("number", ""))
    return ""


def public_rows(store: GraphStore, as_of: date, policy: Policy) -> list[dict[str, Any]]:
    """One row per entry listed as of ``as_of`` (measures in force), masked, by listing date."""
    rows = []
    for _node, records in entries(store):
        st = replay(records, as_of)
        if st.state not in LISTED:
            continue
        penalty_id = st.fact("penalty")
        penalty = store.get(NodeRef("Penalty", penalty_id)) if penalty_id else None
        rows.append({
            "name": st.fact("entity_name"),
            "uscc": st.fact("uscc") if st.fact("entity_label") != "Person" else "",
            "grounds": st.fact("grounds"), "penalty": penalty_id,
            "authority": str(penalty.props.get("authority_name", "")) if penalty else "",
            "decision_no": _decision_number(store, records),
            "listed_on": st.fact("listed_on"), "expires_on": st.fact("expires_on"),
            "measures": [m["name"] for m in st.facts.get("measures") or []],
            "status": STATE_NAMES[st.state],
        })
    rows.sort(key=lambda r: (r["listed_on"], r["name"]))
    return mask_deep(rows)


def render(rows: list[dict[str, Any]], fmt: str, as_of: date, policy: Policy) -> str:
    """The list as CSV (UTF-8 with BOM, for spreadsheets), JSON or a standalone HTML page."""
    if fmt == "json":
        text = json.dumps({"title": "严重违法失信名单", "as_of": as_of.isoformat(),
                           "policy_version": policy.version, "count": len(rows), "entries": rows},
                          ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS.values())
        for row in rows:
            writer.writerow(["；".join(v) if isinstance(v, list) else v
                             for v in (row[k] for k in COLUMNS)])
        text = "\ufeff" + out.getvalue()
    elif fmt == "html":
        text = _html(rows, as_of)
    else:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return mask_id_numbers(text)


def _html(rows: list[dict[str, Any]], as_of: date) -> str:
    title = f"严重违法失信名单（截至 {as_of.isoformat()}）"
    head = "".join(f"<th>{escape(h)}</th>" for h in COLUMNS.values())
    body = []
    for row in rows:
        cells = []
        for key in COLUMNS:
            value = row[key]
            if isinstance(value, list):
                cells.append("<td><ul>" + "".join(f"<li>{escape(v)}</li>" for v in value)
                             + "</ul></td>")
            else:
                cells.append(f"<td>{escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    empty = "" if rows else f'<tr><td colspan="{len(COLUMNS)}">当前无列入主体</td></tr>'
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>"
            "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;"
            "vertical-align:top}</style></head><body>\n"
            f"<h1>{escape(title)}</h1>\n<p>共 {len(rows)} 条。依据《市场监督管理严重违法失信名单管理办法》"
            "公示；身份证件号码已按规定隐去。</p>\n"
            f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + empty
            + "\n</tbody></table>\n</body></html>\n")


def export(store: GraphStore, as_of: date, policy: Policy, fmt: str) -> str:
    return render(public_rows(store, as_of, policy), fmt, as_of, policy)


def write_export(store: GraphStore, as_of: date, policy: Policy, fmt: str, out: Path) -> int:
    """Write the public list to ``out``; returns the number of entries."""
    rows = public_rows(store, as_of, policy)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(rows, fmt, as_of, policy), encoding="utf-8")
    return len(rows)
