"""Company names as keys: the same company under full/half-width and legal-form variants."""

from __future__ import annotations

import re

from graph.text import fold

# Variants that name the same legal form; folded to one spelling for matching only.
_LEGAL_FORMS = (("有限责任公司", "有限公司"), ("股份有限公司", "股份公司"))
_LEADING_PROVINCE = re.compile(r"^(中国)?江苏省?")
_BRACKETED = re.compile(r"\([^)]*\)$")


def match_key(name: str) -> str:
    """A key two spellings of one company share: folded, legal form unified, province dropped."""
    key = fold(name)
    key = _BRACKETED.sub("", key)
    for variant, canonical in _LEGAL_FORMS:
        key = key.replace(variant, canonical)
    return _LEADING_PROVINCE.sub("", key)


def unregistered_id(name: str) -> str:
    """Node id of a company known only by name (no USCC seen yet)."""
    return "name:" + match_key(name)
