"""Registered companies for matching tests: ``company("苏州恒达服饰有限公司", uscc=…)``."""

from __future__ import annotations

from graph.records import Node
from ingest.resolve import CompanyResolver

HENGDA = "91320505MA1MXK3L5G"  # 苏州 虎丘区
HENGDA_WUXI = "91320213MA1WBX6P2D"  # 无锡 梁溪区
JINLING = "913201001345637283"


def company(name: str, uscc: str, **props) -> Node:
    return Node("Company", uscc, {"name": name, "uscc": uscc, "region": uscc[2:8],
                                  "kind": "registered", **props})


def resolver(*nodes: Node, people: dict[str, list[str]] | None = None) -> CompanyResolver:
    """A resolver that knows these companies (and, by company id, the people registered in them)."""
    r = CompanyResolver()
    for node in nodes:
        r.learn(node)
    for company_id, names in (people or {}).items():
        for name in names:
            r.learn_person(company_id, name, f"person:{name}|320102********0011")
    return r
