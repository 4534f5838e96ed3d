"""Blocking: a mention is compared only with the companies that share a block key with it.

Keys are cheap and exact: the USCC, the normalised name (current, former and short names), the
name without places, the trade word, its pinyin, and — only when none of those finds anything —
city + industry. A mention's candidates are the union of its blocks, so the cost of a resolution
depends on the size of its blocks, not on the size of the register. A block larger than
``max_block`` is not expanded: a trade word thousands of companies share says little, and such a
block would bring back the quadratic cost.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.matching.types import Candidate, NameParts, Query


def _region_industry(parts: NameParts, regions: frozenset[str]) -> Iterator[str]:
    if parts.industry:
        for code in {r[:4] for r in regions if len(r) >= 4}:
            yield f"ri:{code}|{parts.industry}"


def candidate_keys(candidate: Candidate) -> set[str]:
    """Every block a registered company belongs to."""
    keys = {f"u:{candidate.uscc}"} if candidate.uscc else set()
    for parts in (candidate.parts, *candidate.former):
        keys |= {f"k:{parts.key}", f"b:{parts.rest}", f"t:{parts.trade}"}
        if parts.pinyin:
            keys.add(f"p:{parts.pinyin}")
    keys |= {f"k:{short}" for short in candidate.short}
    keys |= set(_region_industry(candidate.parts, candidate.regions))
    return keys


def query_keys(query: Query) -> list[str]:
    """The blocks a mention is looked up in, most specific first."""
    keys = [f"u:{query.uscc}"] if query.uscc else []
    if query.parts:
        p = query.parts
        keys += [f"k:{p.key}", f"b:{p.rest}", f"t:{p.trade}"]
        keys += [f"p:{p.pinyin}"] if p.pinyin else []
        keys += sorted(_region_industry(p, p.regions))
    return keys


@dataclass
class BlockReport:
    """Which blocks a lookup used, their sizes, and which were too large to expand."""

    used: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"used": self.used, "skipped": self.skipped}


class BlockIndex:
    """Registered companies by block key; grows as registrations load."""

    def __init__(self, max_block: int):
        self.max_block = max_block
        self.companies: dict[str, Candidate] = {}
        self._blocks: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self.companies)

    def add(self, candidate: Candidate) -> None:
        """Index a company (again: a later registration replaces the record, keys accumulate)."""
        known = candidate.id in self.companies
        self.companies[candidate.id] = candidate
        for key in candidate_keys(candidate):
            block = self._blocks.setdefault(key, [])
            if not known or candidate.id not in block:
                block.append(candidate.id)

    def lookup(self, query: Query) -> tuple[list[Candidate], BlockReport]:
        """The candidates for a mention: the union of its blocks that are not too large."""
        report, ids = BlockReport(), dict[str, None]()
        for key in query_keys(query):
            if key.startswith("ri:") and ids:
                continue  # city + industry only when no name-based block found anything
            block = self._blocks.get(key)
            if not block:
                continue
            if len(block) > self.max_block:
                report.skipped[key] = len(block)
                continue
            report.used[key] = len(block)
            ids.update(dict.fromkeys(block))
        return [self.companies[i] for i in ids], report

    def block_sizes(self) -> list[int]:
        return [len(block) for block in self._blocks.values()]
