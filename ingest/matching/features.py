"""Feature functions of the company matcher: each compares a mention with one registered company.

Every function reads like a sentence, returns ``FtResult(score, detail)`` with a score in [0, 1]
(qualifiers too: their weight is negative), and is pure. The model (``company_match_v1.yaml``)
says how they are weighted and grouped.
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import fuzz

from graph.text import fold
from ingest.matching.names import regions_agree
from ingest.matching.types import NO, Candidate, FtResult, Query

Feature = Callable[[Query, Candidate], FtResult]


def uscc_equal(q: Query, c: Candidate) -> FtResult:
    """The document prints the company's unified social credit code."""
    if q.uscc and c.uscc and q.uscc == c.uscc:
        return FtResult(1.0, f"USCC {q.uscc} printed")
    return NO


def uscc_conflict(q: Query, c: Candidate) -> FtResult:
    """The document prints a USCC and the company has another one."""
    if q.uscc and c.uscc and q.uscc != c.uscc:
        return FtResult(1.0, f"printed USCC {q.uscc} is not the company's {c.uscc}")
    return NO


def name_equal(q: Query, c: Candidate) -> FtResult:
    """The names are the same once width, legal form, 江苏省 and script are folded."""
    if q.parts and q.parts.key == c.parts.key:
        return FtResult(1.0, f"normalised name {q.parts.key} equals the registered name")
    return NO


def former_name(q: Query, c: Candidate) -> FtResult:
    """The name is one the company was registered under before."""
    for former in c.former:
        if q.parts and q.parts.key == former.key:
            return FtResult(1.0, f"former name {former.key}")
    return NO


def short_name(q: Query, c: Candidate) -> FtResult:
    """The name is a short name (以下简称) the company is known by."""
    if q.parts and q.parts.key in c.short:
        return FtResult(1.0, f"short name {q.parts.key}")
    return NO


def name_without_region(q: Query, c: Candidate) -> FtResult:
    """The names are the same once leading place names are dropped from both."""
    if not q.parts:
        return NO
    for parts in (c.parts, *c.former):
        if q.parts.rest == parts.rest and q.parts.key != parts.key:
            return FtResult(1.0, f"{q.parts.rest} without place names")
    return NO


def trade_word_similar(q: Query, c: Candidate) -> FtResult:
    """The names without places are nearly the same, in characters or in pinyin.

    Scored 0 below 80% similarity, rising to 1 at identity, so that two trade words sharing a
    character (恒达 / 恒通) score nothing while a variant character (恒达 / 衡达) scores high.
    """
    if not q.parts:
        return NO
    best, how = 0.0, ""
    for parts in (c.parts, *c.former):
        chars = fuzz.ratio(q.parts.rest, parts.rest, score_cutoff=80) / 100
        same_industry = q.parts.industry == parts.industry and q.parts.legal_form == parts.legal_form
        sound = (fuzz.ratio(q.parts.pinyin, parts.pinyin, score_cutoff=80) / 100 * 0.98
                 if same_industry and q.parts.pinyin else 0.0)
        for value, label in ((chars, f"{q.parts.rest}~{parts.rest}"),
                             (sound, f"pinyin {q.parts.pinyin}~{parts.pinyin}")):
            if value > best:
                best, how = value, label
    score = max(0.0, (best - 0.8) / 0.2)
    return FtResult(round(score, 4), f"{how} similarity {best:.2f}") if score else NO


def region_conflict(q: Query, c: Candidate) -> FtResult:
    """The mention names a place the company is not registered in."""
    if not q.parts:
        return NO
    agree = regions_agree(q.parts.regions, c.regions)
    if agree is False:
        return FtResult(1.0, f"place {sorted(q.parts.regions)} is not the company's "
                             f"{sorted(c.regions)}")
    return NO


def address_agrees(q: Query, c: Candidate) -> FtResult:
    """The document gives the company's registered address."""
    if not q.address or not c.address:
        return NO
    score = fuzz.token_set_ratio(fold(q.address), fold(c.address)) / 100
    score = max(0.0, (score - 0.7) / 0.3)
    return FtResult(round(score, 4), f"address {q.address} ~ {c.address}")


def legal_rep_agrees(q: Query, c: Candidate) -> FtResult:
    """The document names the company's legal representative."""
    if q.legal_rep and q.legal_rep in c.reps:
        return FtResult(1.0, f"legal representative {q.legal_rep}")
    return NO


def legal_rep_conflict(q: Query, c: Candidate) -> FtResult:
    """The document names a legal representative the company never had."""
    if q.legal_rep and c.reps and q.legal_rep not in c.reps:
        return FtResult(1.0, f"legal representative {q.legal_rep} is not {sorted(c.reps)}")
    return NO


FEATURES: dict[str, Feature] = {f.__name__: f for f in (
    uscc_equal, uscc_conflict, name_equal, former_name, short_name, name_without_region,
    trade_word_similar, region_conflict, address_agrees, legal_rep_agrees, legal_rep_conflict,
)}
