"""Near-duplicate texts by MinHash/LSH over character n-gram shingles.

Chinese has no spaces between words, so a text is cut into overlapping character n-grams
(after folding width and dropping whitespace and punctuation, which drafting varies freely).
MinHash signatures estimate the Jaccard similarity of two shingle sets; locality-sensitive
hashing over bands of the signature proposes candidate pairs without comparing every pair, and
each candidate is then confirmed on the exact Jaccard similarity of its shingle sets. The
result is the same for the same texts and parameters (fixed seed, stable hash), so the edges it
yields can be written again unchanged.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

SEED = 1  # fixed: the same texts give the same signatures in every run and process
# A candidate whose signature estimate is this far below the threshold is not re-cut to be
# confirmed: with 128 permutations the estimate's standard error near 0.7 is about 0.04, so a
# pair truly above the threshold is dropped with probability around 1e-4 (saves most re-cutting).
ESTIMATE_MARGIN = 0.15


def normalise(text: str) -> str:
    """Full-width to half-width, lower case, without whitespace and punctuation."""
    return _dropped().sub("", unicodedata.normalize("NFKC", text).lower())


@cache
def _dropped() -> re.Pattern[str]:
    """Punctuation, separators and control characters of the basic plane, as one character
    class (a regular expression removes them in C; ``str.translate`` with a mapping of this
    size looks each character up in Python)."""
    codes = [i for i in range(0x10000) if unicodedata.category(chr(i)).startswith(("P", "Z", "C"))]
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
    template = _template(num_perm)
    sig = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_hash32, permutations=template.permutations,
                  scheme=template.scheme)
    values = [s.encode("utf-8") for s in items]
    if values:
        sig.update_batch(values)
    return sig


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
    keys = sorted(texts, key=str)
    lsh = MinHashLSH(threshold=candidate_threshold, num_perm=num_perm)
    pairs: dict[tuple[str, str], Pair] = {}
    values: dict[Hashable, np.ndarray] = {}
    floor = threshold - ESTIMATE_MARGIN
    for key in keys:  # shingle sets are not kept (memory stays with the index): re-cut to confirm
        mine = shingles(texts[key], shingle_size)
        if not mine:
            continue
        sig = signature(mine, num_perm)
        values[key] = sig.hashvalues
        candidates = lsh.query(sig)
        if candidates:
            estimates = (np.stack([values[c] for c in candidates]) == sig.hashvalues).mean(axis=1)
            candidates = [c for c, est in zip(candidates, estimates, strict=True) if est >= floor]
        for other in candidates:
            first, second = sorted((key, other), key=str)
            score = jaccard(mine, shingles(texts[other], shingle_size))
            if score >= threshold:
                pairs[(str(first), str(second))] = Pair(first, second, round(score, 4))
        lsh.insert(key, sig)
    return [pairs[k] for k in sorted(pairs)]


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


__all__ = ["Pair", "brute_force_pairs", "groups", "jaccard", "near_duplicate_pairs", "normalise",
           "shingles", "signature"]
