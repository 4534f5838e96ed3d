"""Near-duplicate texts by MinHash/LSH over character n-gram shingles.

Chinese has no spaces between words, so a text is cut into overlapping character n-grams
(after folding width and dropping whitespace and punctuation, which drafting varies freely).
MinHash signatures estimate the Jaccard similarity of two shingle sets; locality-sensitive
hashing over bands of the signature proposes candidate pairs without comparing every pair, and
each candidate is then confirmed on the exact Jaccard similarity of its shingle sets. The
result is the same for the same texts and parameters (fixed seed, stable hash), so the edges it
yields can be written again unchanged.

A province has hundreds of thousands of patents, so the work is done on whole arrays: the
signatures of many texts at once (the permutations and the seed of ``datasketch.MinHash``, whose
values they equal), each band's collisions found by sorting, and each candidate's estimate
compared in bulk. Only candidates whose estimate is near the threshold are re-cut and confirmed.
The bands are ``datasketch.MinHashLSH``'s for the same threshold, so the candidates are the ones
its index would propose.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

SEED = 1  # fixed: the same texts give the same signatures in every run and process
# A candidate whose signature estimate is this far below the threshold is not re-cut to be
# confirmed: with 128 permutations the estimate's standard error near 0.7 is about 0.04, so a
# pair truly above the threshold is dropped with probability around 1e-4 (saves most re-cutting).
ESTIMATE_MARGIN = 0.15
# Shingle hashes permuted at once (bounds the temporary array: permutations × this, 32-bit).
SHINGLES_PER_BLOCK = 200_000
# Candidate pairs estimated at once (each compares two signatures).
PAIRS_PER_BLOCK = 200_000
# Characters dropped before NFKC as well as after: all of the dropped class but the few that
# NFKC turns into something kept (overlines and the double low line become combining marks).
_KEPT_BY_NFKC = "\u2017\u203e\ufe49\ufe4a\ufe4b\ufe4c"


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), lower case, without whitespace and punctuation.

    Punctuation goes first, so the common text (Chinese, no full-width letters or digits left)
    is checked as already normalised instead of being normalised character by character.
    """
    text = _dropped(_KEPT_BY_NFKC).sub("", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _dropped().sub("", text.lower())


@cache
def _dropped(keep: str = "") -> re.Pattern[str]:
    """Punctuation, separators and control characters of the basic plane but ``keep``, as one
    character class (a regular expression removes them in C; ``str.translate`` with a mapping
    of this size looks each character up in Python)."""
    codes = [i for i in range(0x10000)
             if unicodedata.category(chr(i)).startswith(("P", "Z", "C")) and chr(i) not in keep]
    ranges, start = [], codes[0]
    for prev, code in zip(codes, [*codes[1:], None], strict=True):
        if code is None or code != prev + 1:  # a run of consecutive codes ends at prev
            ranges.append(re.escape(chr(start)) if start == prev
                          else f"{re.escape(chr(start))}-{re.escape(chr(prev))}")
            start = code  # type: ignore[assignment]
    return re.compile(f"[{''.join(ranges)}]")


def shingles(text: str, size: int) -> set[str]:
    """The character ``size``-grams of the normalised text (the whole text when shorter)."""
    clean = normalise(text)
    if len(clean) <= size:
        return {clean} if clean else set()
    return {clean[i:i + size] for i in range(len(clean) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


_hash32 = zlib.crc32  # stable across processes, unlike hash(); C, called per shingle


@cache
def _template(num_perm: int) -> MinHash:
    """Drawing the permutations is the costly part of a MinHash: draw them once per size."""
    return MinHash(num_perm=num_perm, seed=SEED)


def signature(items: Iterable[str], num_perm: int) -> MinHash:
    """One set's MinHash, as ``datasketch`` computes it (``signatures`` does many at once)."""
    template = _template(num_perm)
    sig = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_hash32, permutations=template.permutations,
                  scheme=template.scheme)
    values = [s.encode("utf-8") for s in items]
    if values:
        sig.update_batch(values)
    return sig


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """The 32-bit hashes of a text's shingles (``_hash32`` of each, as ``signature`` hashes)."""
    found = shingles(text, size)
    return np.fromiter(map(_hash32, map(str.encode, found)), dtype=np.uint32, count=len(found))


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, which ``MinHash`` applies to every input hash (scheme affine32)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signatures(hashes: Sequence[np.ndarray], num_perm: int) -> np.ndarray:
    """The MinHash values of many non-empty hash sets, one row each (``len(hashes)`` ×
    ``num_perm``, equal to ``signature``'s), computed a block of texts at a time."""
    template = _template(num_perm)
    if template.scheme != "affine32":  # the arithmetic below is that scheme's
        raise ValueError(f"MinHash scheme {template.scheme!r} is not supported")
    a, b = (np.asarray(p, dtype=np.uint32)[:, None] for p in template.permutations)
    out = np.empty((len(hashes), num_perm), dtype=np.uint32)
    start = 0
    while start < len(hashes):
        stop, total = start, 0
        while stop < len(hashes) and (stop == start or total + hashes[stop].size <= SHINGLES_PER_BLOCK):
            total += hashes[stop].size
            stop += 1
        block = _fmix32(np.concatenate(hashes[start:stop]))
        offsets = np.cumsum([0] + [h.size for h in hashes[start:stop - 1]])
        permuted = a * block[None, :] + b  # wraps modulo 2**32, as the scheme intends
        out[start:stop] = np.minimum.reduceat(permuted, offsets, axis=1).T
        start = stop
    return out


@cache
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) that ``MinHashLSH`` picks for this threshold."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def _colliding(rows: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs (i < j) of rows equal in every column, as index arrays, a batch at a time.

    Rows are sorted by their values; a run of equal rows yields each of its pairs once (the
    partner ``d`` places further on, for d = 1, 2, … while any run is still that long).
    """
    order = np.lexsort(rows.T[::-1])
    ranked = rows[order]
    equal_next = np.all(ranked[1:] == ranked[:-1], axis=1)
    # the end of each position's run of equal rows, so a partner d places on is in it iff
    # position + d <= run end
    run_end = np.empty(len(rows), dtype=np.int64)
    if len(rows):
        breaks = np.flatnonzero(~equal_next)
        ends = np.append(breaks, len(rows) - 1)
        run_end = np.repeat(ends, np.diff(np.append(-1, ends)))
    active = np.flatnonzero(run_end > np.arange(len(rows)))
    step = 1
    while active.size:
        first, second = order[active], order[active + step]
        yield np.minimum(first, second), np.maximum(first, second)
        step += 1
        active = active[run_end[active] >= active + step]


def _candidates(sigs: np.ndarray, threshold: float, floor: float) -> np.ndarray:
    """Pairs (i < j, as ``i * n + j``) sharing a band whose signature estimate is ≥ ``floor``.

    Texts sharing drafting boilerplate collide in bands far more often than they are near
    duplicates, and their number grows with the square of the corpus; each is first compared on
    the low byte of every value (a quarter of the memory to read). Values that are equal have
    equal low bytes, so a pair with enough equal values always passes; only the few that pass
    are compared on the whole values.
    """
    count, rows = bands(threshold, sigs.shape[1])
    n, needed = len(sigs), math.ceil(floor * sigs.shape[1] - 1e-9)
    low = (sigs & np.uint32(0xFF)).astype(np.uint8)
    kept: list[np.ndarray] = []
    for band in range(count):
        for first, second in _colliding(sigs[:, band * rows:(band + 1) * rows]):
            for at in range(0, first.size, PAIRS_PER_BLOCK):
                i, j = first[at:at + PAIRS_PER_BLOCK], second[at:at + PAIRS_PER_BLOCK]
                maybe = np.count_nonzero(low[i] == low[j], axis=1) >= needed
                i, j = i[maybe], j[maybe]
                near = np.count_nonzero(sigs[i] == sigs[j], axis=1) >= needed
                kept.append(i[near].astype(np.int64) * n + j[near])
    return np.unique(np.concatenate(kept)) if kept else np.empty(0, dtype=np.int64)


@dataclass(frozen=True)
class Pair:
    a: Hashable
    b: Hashable
    score: float  # exact Jaccard similarity of the two shingle sets


def near_duplicate_pairs(texts: Mapping[Hashable, str], *, shingle_size: int, num_perm: int,
                         candidate_threshold: float, threshold: float) -> list[Pair]:
    """Every pair of texts whose shingle sets have Jaccard similarity ≥ ``threshold``.

    LSH proposes pairs whose estimated similarity is around ``candidate_threshold`` or more
    (set it below ``threshold`` so pairs just above it are not missed); each proposal is checked
    on the exact sets. Pairs come sorted, ``a`` < ``b``.
    """
    keys: list[Hashable] = []
    sigs = np.empty((len(texts), num_perm), dtype=np.uint32)
    pending: list[np.ndarray] = []  # the hashes of a block of texts, dropped once signed:
    held = 0  # the whole corpus's would be several times the size of its signatures

    def sign() -> None:
        sigs[len(keys) - len(pending):len(keys)] = signatures(pending, num_perm)
        pending.clear()

    for key in sorted(texts, key=str):  # shingle sets are not kept: re-cut the few to confirm
        found = shingle_hashes(texts[key], shingle_size)
        if found.size:
            keys.append(key)
            pending.append(found)
            held += found.size
            if held >= SHINGLES_PER_BLOCK:
                sign()
                held = 0
    if pending:
        sign()
    if len(keys) < 2:
        return []
    sigs = sigs[:len(keys)]
    codes = _candidates(sigs, candidate_threshold, threshold - ESTIMATE_MARGIN)
    first, second = np.divmod(codes, len(keys))
    cut: dict[int, set[str]] = {}
    pairs = []
    for i, j in zip(first.tolist(), second.tolist(), strict=True):  # sorted: keys are
        for k in (i, j):
            if k not in cut:
                cut[k] = shingles(texts[keys[k]], shingle_size)
        score = jaccard(cut[i], cut[j])
        if score >= threshold:
            pairs.append(Pair(keys[i], keys[j], round(score, 4)))
    return pairs


def brute_force_pairs(texts: Mapping[Hashable, str], *, shingle_size: int,
                      threshold: float) -> list[Pair]:
    """The same answer by comparing every pair: the baseline LSH is measured against."""
    keys = sorted(texts, key=str)
    sets = [shingles(texts[key], shingle_size) for key in keys]
    found = []
    for i in range(len(keys)):
        left = sets[i]
        for j in range(i + 1, len(keys)):
            score = jaccard(left, sets[j])
            if score >= threshold:
                found.append(Pair(keys[i], keys[j], round(score, 4)))
    return sorted(found, key=lambda p: (str(p.a), str(p.b)))


def groups(pairs: Sequence[Pair]) -> list[list[Hashable]]:
    """Connected components of the pairs (a filing copied twice links its copies), sorted."""
    parent: dict[Hashable, Hashable] = {}

    def find(x: Hashable) -> Hashable:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        ra, rb = find(pair.a), find(pair.b)
        if ra != rb:
            parent[max(ra, rb, key=str)] = min(ra, rb, key=str)
    members: dict[Hashable, list[Hashable]] = {}
    for node in parent:
        members.setdefault(find(node), []).append(node)
    return sorted((sorted(m, key=str) for m in members.values()), key=lambda m: str(m[0]))


__all__ = ["Pair", "bands", "brute_force_pairs", "groups", "jaccard", "near_duplicate_pairs",
           "normalise", "shingle_hashes", "shingles", "signature", "signatures"]
