"""Court names: "江苏省苏州市中级人民法院" and "苏州市中级人民法院" are one court."""

from __future__ import annotations

import re

from graph.text import fold

_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,5}?(省|自治区)(?=.+[市县区])")


def node_id(name: str) -> str:
    """A court's id: its folded name without a leading province (kept when it is the whole name)."""
    return "court:" + _PROVINCE.sub("", fold(name))
