"""Structured records as XML: ``<companies><company>…</company></companies>`` and the like.

Parsed with defusedxml (no entity expansion, no external entities). An element with children
becomes a mapping, except a wrapper whose children all share one tag, which becomes a list —
so ``<former_names><name>甲</name></former_names>`` reads as ``former_names: ["甲"]``, the same
records the JSON Lines and CSV readers produce.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree

XML_SOURCES = {"companies": "registry", "trademarks": "trademark", "patents": "patent"}
_LIST_FIELDS = {"former_names", "shareholders", "officers", "applicants", "inventors", "changes"}
_ROOT = re.compile(r"<(?!\?|!)([A-Za-z_][\w.-]*)")


@dataclass(frozen=True)
class BadRecord:
    reason: str


def xml_root_tag(head: str) -> str | None:
    match = _ROOT.search(head)
    return match.group(1) if match else None


def _value(element: Element) -> Any:
    children = list(element)
    if not children:
        return (element.text or "").strip()
    if element.tag in _LIST_FIELDS or (len(children) > 1 and len({c.tag for c in children}) == 1):
        return [_value(child) for child in children]
    return {child.tag: _value(child) for child in children}


def read_xml_records(data: bytes) -> Iterator[tuple[int, dict | BadRecord]]:
    """Each child of the root as a record; an unparseable file is one bad record."""
    try:
        root = ElementTree.fromstring(data)
    except (ParseError, ValueError) as exc:
        yield 1, BadRecord(f"not well-formed XML ({exc})")
        return
    for number, element in enumerate(root, start=1):
        value = _value(element)
        yield number, value if isinstance(value, dict) else BadRecord(
            f"<{element.tag}> holds no fields")
