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


# Jiangsu's prefecture-level cities (a district or county may follow).
_JIANGSU_CITIES = "南京|无锡|徐州|常州|苏州|南通|连云港|淮安|盐城|扬州|镇江|泰州|宿迁"


def bare_key(name: str) -> str:
    """The match key without the leading place name: 苏州市虎丘区恒达… and 恒达… share it.

    Many companies share a trade name across cities, so a bare key identifies a company only
    when it is unique; the resolver checks that.
    """
    key = match_key(name)
    city = re.match(rf"^(?:{_JIANGSU_CITIES})市?", key)
    if not city:
        return key
    rest = key[city.end():]
    district = re.match(r"^[\u4e00-\u9fff]{1,4}?[区县](?=.{4})", rest)
    return rest[district.end():] if district else rest


def unregistered_id(name: str) -> str:
    """Node id of a company known only by name (no USCC seen yet)."""
    return "name:" + match_key(name)
