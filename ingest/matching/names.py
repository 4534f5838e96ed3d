"""Company names taken apart for matching: leading places, trade word (字号), industry, legal form.

The key folds what documents vary but does not change who is meant: full/half width, 有限责任公司
for 有限公司, a leading 江苏省, traditional for simplified characters. Place names come from the
GB/T 2260 table python-stdnum ships (every county, city and province, including former names),
so 苏州市虎丘区恒达服饰有限公司 is region {3205, 320505} + 恒达 + 服饰 + 有限公司.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import opencc
import yaml
from pypinyin import lazy_pinyin

from graph.types import company_name
from ingest.matching.types import NameParts

_MIN_REST = 4  # a place name is only a prefix when a name of at least this length follows


@cache
def vocabulary() -> dict:
    text = resources.files("ingest.matching").joinpath("vocabulary.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def places() -> dict[str, frozenset[str]]:
    """Place name → the GB/T 2260 codes it names (a name may repeat: 鼓楼区 is in four cities)."""
    text = resources.files("stdnum").joinpath("cn/loc.dat").read_text("utf-8")
    table: dict[str, set[str]] = {}
    short_prefixes = tuple(vocabulary()["short_place_names"]["provinces"])
    province = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, value = line.strip().partition(" ")
        names = [re.sub(r"^\[[^\]]*\]", "", n) for n in value.split('"')[1].split(",")]
        if not line.startswith(" "):
            province = code
        full = code if not line.startswith(" ") else province + code
        # 32 (province), 3205 (prefecture: ends 00), 320505 (county)
        short = full[:2] if full[2:].strip("0") == "" else full[:4] if full.endswith("00") else full
        for name in names:  # a code may have had several names over time (郊区, then 新北区)
            if not name or name in ("市辖区", "县", "郊区", "省直辖县级行政区划"):
                continue
            table.setdefault(name, set()).add(short)
            stem = name[:-1] if name[-1] in "省市" and len(name) >= 3 else ""
            if stem and short.startswith(short_prefixes):
                table.setdefault(stem, set()).add(short)
    return {name: frozenset(codes) for name, codes in table.items()}


@cache
def _place_lengths() -> dict[str, tuple[int, ...]]:
    """By first character, the lengths of the place names starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for name in places():
        lengths.setdefault(name[0], set()).add(len(name))
    return {ch: tuple(sorted(n, reverse=True)) for ch, n in lengths.items()}


@lru_cache(maxsize=65536)
def _pinyin(trade: str) -> str:
    return "".join(lazy_pinyin(trade))


def name_key(name: str) -> str:
    """The match key of ``company_name`` over the simplified spelling of the name."""
    return company_name.match_key(_converter().convert(name))


@cache
def _generic_words() -> tuple[str, ...]:
    vocab = vocabulary()
    return tuple(vocab["industries"]["words"] + vocab["legal_forms"]["words"])


def _has_trade_word(rest: str, shortest: int) -> bool:
    """A place name is only a prefix when a trade word follows (two characters after a short form).

    泰兴服饰有限公司 is the trade word 泰兴, not the city 泰兴 and no trade word; 新北区尚茶叶店 is
    新北区 and the trade word 尚.
    """
    if rest.startswith(_generic_words()):
        return False
    body = rest[: len(rest) - len(_longest_suffix(rest, "legal_forms"))]
    body = body[: len(body) - len(_longest_suffix(body, "industries"))]
    return len(body) >= shortest


def strip_places(key: str) -> tuple[str, frozenset[str]]:
    """The key without its leading place names, and the codes those names stand for."""
    table, codes = places(), set()
    changed = True
    while changed:
        changed = False
        for length in _place_lengths().get(key[:1], ()):
            head = key[:length]
            if len(key) - length >= _MIN_REST and head in table \
                    and _has_trade_word(key[length:], 1 if head[-1] in "省市区县" else 2):
                codes |= table[head]
                key = key[length:]
                changed = True
                break
    return key, frozenset(codes)


@cache
def _suffixes(kind: str) -> tuple[frozenset[str], tuple[int, ...]]:
    words = frozenset(vocabulary()[kind]["words"])
    return words, tuple(sorted({len(w) for w in words}, reverse=True))


def _longest_suffix(text: str, kind: str) -> str:
    """The longest word of the vocabulary list ``kind`` that ends ``text`` (and is not all of it)."""
    words, lengths = _suffixes(kind)
    for length in lengths:
        if len(text) > length and text[-length:] in words:
            return text[-length:]
    return ""


def parse(name: str) -> NameParts:
    """Take a company name apart (pure; the same name always gives the same parts)."""
    key = name_key(name)
    rest, regions = strip_places(key)
    legal_form = _longest_suffix(rest, "legal_forms")
    body = rest[: len(rest) - len(legal_form)]
    industry = _longest_suffix(body, "industries")
    trade = body[: len(body) - len(industry)] if industry else body[:2] if len(body) > 3 else body
    return NameParts(key=key, rest=rest, regions=regions, trade=trade, industry=industry,
                     legal_form=legal_form, pinyin=_pinyin(trade))


def regions_agree(a: frozenset[str], b: frozenset[str]) -> bool | None:
    """Whether two sets of place codes can name the same place (None when either is empty)."""
    if not a or not b:
        return None
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)
