"""How a bad-faith filer varies someone else's mark, as examiners and courts describe it.

Four ways are planted, each the common form of a near-copy (近似商标) in published opposition and
invalidation decisions: the same characters in another class (``same``), a character swapped for
one that sounds the same (``homophone``, 恒达 → 衡达), a word added before or after (``added``,
恒达 → 新恒达, 恒达之星) and the mark written in traditional characters (``traditional``,
恒达 → 恆達). Homophones come from a pool of common characters grouped by their toneless pinyin
(pypinyin); traditional forms from OpenCC's simplified → traditional table.
"""

from __future__ import annotations

import random
from functools import cache

import opencc
from pypinyin import lazy_pinyin

from ingest.synthetic.names import TRADE_CHARS

# Common characters of Chinese marks and shop names; every trade-word character has a homophone.
HOMOPHONE_POOL = (
    "恒衡横亨达答大搭盛胜圣升生声鑫新心欣馨星兴型行华化话画花泰太态台瑞锐蕊睿丰峰风枫锋凤源远元园圆原"
    "缘诚城成程承晟信隆龙珑笼宏鸿红虹洪嘉佳家加甲和合河荷禾金今锦津劲银吟寅宝保堡汇会惠慧辉联连莲"
    "廉创窗博波伯柏正政郑争中众钟忠终天田添甜海亥美梅媚玫雅亚娅韵云运芸匀澜兰蓝岚湖虎胡壶鼎顶定丁昌"
    "长常畅唱昊浩皓豪泽则择润闰航杭德得福富府复符康抗乐叻安岸按宁凝柠永勇泳涌顺舜瞬通同童铜益易亿义"
    "艺利力立丽莉辰晨臣尘陈光广明名鸣阳洋扬杨春纯秋求球景井京晶翔祥相飞菲非腾藤跃越悦月卓琢尚上赏品"
    "聘优悠友臻真珍振佰百万湾千迁谦灼茁"
)
PREFIXES = ("新", "老", "小", "大", "金", "真", "正宗")
SUFFIXES = ("之星", "之家", "优品", "国际", "世家", "坊", "精品", "人家", "e家")
HOWS = ("same", "homophone", "added", "traditional")


def syllable(char: str) -> str:
    """The toneless pinyin of one character in its most common reading."""
    return lazy_pinyin(char)[0]


@cache
def _by_sound() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for char in dict.fromkeys(HOMOPHONE_POOL + TRADE_CHARS):
        groups.setdefault(syllable(char), []).append(char)
    return {sound: tuple(chars) for sound, chars in groups.items()}


def homophones(char: str) -> tuple[str, ...]:
    """Other characters of the pool read like ``char`` (toneless)."""
    return tuple(c for c in _by_sound().get(syllable(char), ()) if c != char)


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    return _s2t().convert(text)


def vary(rng: random.Random, mark: str, how: str) -> tuple[str, str]:
    """``mark`` varied the ``how`` way; falls back to another way where that one cannot apply
    (no character with a traditional form, none with a homophone). Returns (text, how)."""
    if how == "traditional":
        text = traditional(mark)
        if text != mark:
            return text, how
        how = "homophone"
    if how == "homophone":
        places = [i for i, ch in enumerate(mark) if homophones(ch)]
        if places:
            i = rng.choice(places)
            return mark[:i] + rng.choice(homophones(mark[i])) + mark[i + 1:], how
        how = "added"
    if how == "added":
        if rng.random() < 0.4:
            return rng.choice(PREFIXES) + mark, how
        return mark + rng.choice(SUFFIXES), how
    return mark, "same"
