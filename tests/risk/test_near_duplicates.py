"""Shingling and MinHash/LSH near-duplicate search on tables of texts."""

from __future__ import annotations

import random
import zlib

import numpy as np
import pytest
from datasketch import MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.synthetic import patent_text
from risk.near_duplicates import (
    _candidates,
    _colliding,
    brute_force_pairs,
    groups,
    jaccard,
    near_duplicate_pairs,
    shingle_hashes,
    shingles,
    signature,
    signatures,
)

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


# the whole-array search is datasketch's MinHash and MinHashLSH, done in bulk ---------------------
def _mill_texts(count: int, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    texts: dict[str, str] = {}
    while len(texts) < count:
        base = patent_text.template(rng, rng.choice(("电机端盖", "台灯")), "结构简单", features=5)
        for i in range(rng.randint(1, 4)):
            tpl = patent_text.variant(rng, base) if i else base
            texts[f"t{len(texts):04d}"] = tpl.title() + tpl.abstract("实用新型") + tpl.claims()
    return texts


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet="一种电机端盖台灯座ABＣ３，。 ", min_size=1, max_size=40),
                min_size=1, max_size=12))
def test_signatures_in_bulk_equal_datasketch_minhash(texts):
    sets = [shingles(t, 3) for t in texts]
    sets = [s for s in sets if s]
    if not sets:
        return
    bulk = signatures([np.fromiter(map(zlib.crc32, map(str.encode, s)), np.uint32) for s in sets], 128)
    for row, items in zip(bulk, sets, strict=True):
        assert (row == signature(items, 128).hashvalues).all()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), min_size=0, max_size=60))
def test_colliding_rows_are_every_pair_of_equal_rows_once(values):
    rows = np.array(values, dtype=np.uint32).reshape(-1, 2)
    found = [(int(i), int(j)) for first, second in _colliding(rows)
             for i, j in zip(first, second, strict=True)]
    expected = [(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
                if (rows[i] == rows[j]).all()]
    assert sorted(found) == expected


def test_candidates_are_what_a_datasketch_lsh_index_proposes():
    texts = _mill_texts(300, seed=11)
    keys = sorted(texts)
    sigs = signatures([shingle_hashes(texts[k], 3) for k in keys], 128)
    lsh = MinHashLSH(threshold=0.6, num_perm=128)
    proposed = set()
    for i, key in enumerate(keys):
        minhash = signature(shingles(texts[key], 3), 128)
        proposed |= {(keys.index(other), i) for other in lsh.query(minhash)}
        lsh.insert(key, minhash)
    codes = _candidates(sigs, 0.6, floor=0.0)  # no estimate filter: every proposal
    assert proposed and {divmod(int(c), len(keys)) for c in codes} == proposed
