"""Shingling and MinHash/LSH near-duplicate search on tables of texts."""

from __future__ import annotations

import random

import pytest

from ingest.synthetic import patent_text
from risk.near_duplicates import brute_force_pairs, groups, jaccard, near_duplicate_pairs, shingles

PARAMS = {"shingle_size": 3, "num_perm": 128, "candidate_threshold": 0.6, "threshold": 0.7}


@pytest.mark.parametrize(("text", "size", "expected"), [
    ("一种电机端盖", 3, {"一种电", "种电机", "电机端", "机端盖"}),
    ("一种 电机，端盖。", 3, {"一种电", "种电机", "电机端", "机端盖"}),  # spaces and punctuation dropped
    ("ＡＢＳ塑料", 2, {"ab", "bs", "s塑", "塑料"}),  # full-width folded, lower case
    ("端盖", 3, {"端盖"}),  # shorter than a shingle: the whole text
    ("，。", 3, set()),
])
def test_shingles_are_character_ngrams_of_the_normalised_text(text, size, expected):
    assert shingles(text, size) == expected


BASE = ("一种便于安装的电机端盖，包括盖体、轴承座和密封圈，其特征在于：所述轴承座设置于所述盖体的中部，"
        "所述密封圈与所述轴承座相连，所述密封圈呈环形，材质为硅胶，厚度为3mm。")


@pytest.mark.parametrize(("other", "near"), [
    (BASE, True),  # filed twice
    (BASE.replace("硅胶", "橡胶"), True),  # one material swapped
    (BASE.replace("便于安装", "便于清洁").replace("3mm", "5mm"), True),  # two small swaps
    (BASE + "所述盖体的外侧壁设有散热片。", True),  # one feature added (简单组合)
    ("一种台灯，包括灯座、灯杆和灯罩，所述灯杆转动连接于所述灯座的顶部，所述灯罩呈梯形。", False),
    ("一种电机端盖，包括端盖本体和轴承室，所述轴承室内设有散热片，本体压铸成型。", False),  # same object
])
def test_copies_with_small_swaps_are_near_duplicates_and_other_texts_are_not(other, near):
    pairs = near_duplicate_pairs({"a": BASE, "b": other}, **PARAMS)
    assert bool(pairs) is near
    if near:
        assert pairs[0].score == round(jaccard(shingles(BASE, 3), shingles(other, 3)), 4) >= 0.7


def test_lsh_finds_the_same_groups_as_comparing_every_pair_and_nothing_false():
    rng = random.Random(7)
    texts: dict[str, str] = {}
    for g in range(8):  # eight mill templates with copies, and genuine filings on the same objects
        base = patent_text.template(rng, rng.choice(("电机端盖", "台灯", "拉杆箱")), "结构简单", features=5)
        for i in range(6):
            tpl = patent_text.variant(rng, base) if i else base
            texts[f"m{g}-{i}"] = tpl.title() + tpl.abstract("实用新型") + tpl.claims()
    for i in range(150):
        tpl = patent_text.template(rng, rng.choice(("电机端盖", "台灯", "拉杆箱")), "结构简单")
        texts[f"g{i}"] = tpl.title() + tpl.abstract("实用新型") + tpl.claims()
    exact = brute_force_pairs(texts, shingle_size=3, threshold=0.7)
    found = near_duplicate_pairs(texts, **PARAMS)
    assert {(p.a, p.b, p.score) for p in found} <= {(p.a, p.b, p.score) for p in exact}
    assert len(found) >= 0.8 * len(exact)  # a pair LSH misses is joined to its group by the others
    assert groups(found) == groups(exact)
    assert {tuple(g) for g in groups(found)} == {tuple(f"m{g}-{i}" for i in range(6)) for g in range(8)}


def test_groups_join_copies_of_copies_and_keep_pairs_apart():
    from risk.near_duplicates import Pair
    pairs = [Pair("a", "b", 0.9), Pair("b", "c", 0.8), Pair("x", "y", 0.75)]
    assert groups(pairs) == [["a", "b", "c"], ["x", "y"]]
