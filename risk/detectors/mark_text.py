"""When one mark's text is a near-copy of another's: the same characters, the same characters in
traditional form, the same sound (pinyin), or the other mark with words added.

Pure and indexed: ``MarkIndex`` keys the originals by folded text and by toneless pinyin, and a
candidate looks up every run of two or more characters (or syllables) of itself, so matching a
province of marks costs one pass over short strings instead of comparing every pair. Folding is
NFKC, lower case, no spaces or punctuation, traditional → simplified by OpenCC's ``t2s`` table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import cache

import opencc
from pypinyin import Style, pinyin

MIN_LENGTH = 2  # a single character is never taken as a copy of anything


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """The text as compared: NFKC, lower case, letters/digits/CJK only, simplified characters."""
    text = unicodedata.normalize("NFKC", text).lower()
    kept = "".join(ch for ch in text if ch.isalnum())
    return _t2s().convert(kept)


@cache
def syllable(char: str) -> str:
    """Toneless pinyin of one character in its most common reading (itself if not Chinese)."""
    return pinyin(char, style=Style.NORMAL, errors=lambda c: [c])[0][0]


def sound(text: str) -> tuple[str, ...]:
    """The folded text's syllables, one per character, so positions line up with characters."""
    return tuple(syllable(ch) for ch in fold(text))


@dataclass(frozen=True)
class Match:
    original: Hashable  # the key the original was indexed under
    how: str  # same | traditional | homophone | added | added_homophone


def compare(candidate: str, original: str) -> str | None:
    """How ``candidate`` copies ``original`` (see ``Match.how``), or None when it does not."""
    a, b = fold(candidate), fold(original)
    if len(b) < MIN_LENGTH or not a:
        return None
    if a == b:
        raw_a = unicodedata.normalize("NFKC", candidate).lower()
        raw_b = unicodedata.normalize("NFKC", original).lower()
        return "same" if raw_a.replace(" ", "") == raw_b.replace(" ", "") else "traditional"
    sa, sb = sound(a), sound(b)
    if sa == sb:
        return "homophone"
    if b in a:
        return "added"
    if len(sa) > len(sb) and any(sa[i:i + len(sb)] == sb for i in range(len(sa) - len(sb) + 1)):
        return "added_homophone"
    return None


class MarkIndex:
    """Originals indexed by folded text and by sound; ``matches`` finds what a candidate copies."""

    def __init__(self) -> None:
        self._by_text: dict[str, list[tuple[Hashable, str]]] = {}
        self._by_sound: dict[tuple[str, ...], list[tuple[Hashable, str]]] = {}

    def add(self, key: Hashable, text: str) -> None:
        folded = fold(text)
        if len(folded) < MIN_LENGTH:
            return
        self._by_text.setdefault(folded, []).append((key, text))
        self._by_sound.setdefault(sound(folded), []).append((key, text))

    def matches(self, candidate: str) -> list[Match]:
        """Every indexed original the candidate copies, each once, in index order."""
        folded = fold(candidate)
        syllables = sound(folded)
        seen: dict[Hashable, str] = {}
        for part in _runs(len(folded)):
            pieces: Iterable[tuple[Hashable, str]] = (
                *self._by_text.get(folded[part], ()), *self._by_sound.get(syllables[part], ()))
            for key, text in pieces:
                if key not in seen:
                    how = compare(candidate, text)
                    if how is not None:
                        seen[key] = how
        return [Match(key, how) for key, how in seen.items()]


def _runs(length: int) -> list[slice]:
    return [slice(i, j) for i in range(length) for j in range(i + MIN_LENGTH, length + 1)]
