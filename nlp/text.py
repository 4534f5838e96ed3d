"""Text layers for extraction: match on a normalised copy, report spans in the original.

Real documents mix full- and half-width digits and punctuation, put spaces inside words
(江 苏 省 高 级 人 民 法 院) and arrive as HTML pages. Patterns are written once, against a
normalised form; every normalised character remembers where it came from, so values are cut
from the readable text and spans point into the text the caller passed in.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

_HORIZONTAL_SPACE = re.compile(r"[^\S\n]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<!--.*?-->|<![^>]*>", re.S)
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "title",
    "section", "article", "header", "footer", "pre",
})
_SKIPPED_TAGS = frozenset({"script", "style", "head"})
_LATIN = re.compile(r"[A-Za-z0-9]")


def looks_like_html(text: str) -> bool:
    """A published page rather than plain text: it opens with markup."""
    head = text.lstrip()[:500].lower()
    return head.startswith("<") and ("<html" in head or "<body" in head or "<p" in head
                                     or "<div" in head or "<!doctype" in head)


def html_to_text(page: str) -> tuple[str, list[int]]:
    """Drop markup, decode entities, break lines at block tags; keep each char's page offset."""
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    skipping: str | None = None
    for m in _TAG.finditer(page):
        if skipping is None:
            _emit_html_text(page, pos, m.start(), out, origin)
        closing, name = m.group(1), (m.group(2) or "").lower()
        if skipping is not None:
            if closing and name == skipping:
                skipping = None
        elif name in _SKIPPED_TAGS and not closing:
            skipping = name
        elif name in _BLOCK_TAGS:
            out.append("\n")
            origin.append(m.start())
        pos = m.end()
    if skipping is None:
        _emit_html_text(page, pos, len(page), out, origin)
    return "".join(out), origin


def _emit_html_text(page: str, start: int, end: int, out: list[str], origin: list[int]) -> None:
    pos = start
    for m in _ENTITY.finditer(page, start, end):
        for i in range(pos, m.start()):
            if page[i] not in "\r\n":
                out.append(page[i])
                origin.append(i)
        for ch in html.unescape(m.group(0)):
            out.append(ch)
            origin.append(m.start())
        pos = m.end()
    for i in range(pos, end):
        if page[i] not in "\r\n":
            out.append(page[i])
            origin.append(i)


def normalise_char(ch: str) -> str:
    """Full-width → half-width and compatibility forms folded; horizontal space dropped."""
    if ch == "\n":
        return ch
    if _HORIZONTAL_SPACE.match(ch):
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    return "" if folded.isspace() and folded != "\n" else folded


def fold(text: str) -> tuple[str, list[int]]:
    """``normalise_char`` over a text, with each output char's offset in ``text``.

    Each distinct character is folded once; when no character expands into several (the
    usual case), the text is translated in one pass and the offsets are those of the kept
    characters.
    """
    table = {ch: normalise_char(ch) for ch in set(text)}
    if all(len(out) <= 1 for out in table.values()):
        dropped = {ch for ch, out in table.items() if not out}
        changed = {ord(ch): out or None for ch, out in table.items() if out != ch}
        origin = ([i for i, ch in enumerate(text) if ch not in dropped] if dropped
                  else list(range(len(text))))
        return text.translate(changed), origin
    chars: list[str] = []
    origin = []
    for i, ch in enumerate(text):
        for out in table[ch]:
            chars.append(out)
            origin.append(i)
    return "".join(chars), origin


@dataclass
class Doc:
    """The caller's text (``raw``), its readable form (``plain``) and the matching form (``norm``).

    ``plain`` differs from ``raw`` only for HTML. ``norm`` is ``plain`` with horizontal space
    removed and width/compatibility forms folded, so ``（２０２１）苏 05 民初`` matches
    ``(2021)苏05民初``.
    """

    raw: str
    plain: str
    plain_origin: list[int]
    norm: str
    norm_origin: list[int] = field(repr=False)
    _lines: list[tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_text(cls, raw: str) -> Doc:
        if looks_like_html(raw):
            plain, plain_origin = html_to_text(raw)
        else:
            plain, plain_origin = raw.replace("\r", " "), list(range(len(raw)))
        norm, norm_origin = fold(plain)
        return cls(raw, plain, plain_origin, norm, norm_origin)

    def plain_range(self, start: int, end: int) -> tuple[int, int]:
        """The ``plain`` slice covering ``norm[start:end]``."""
        if end <= start:
            at = self.norm_origin[start] if start < len(self.norm_origin) else len(self.plain)
            return at, at
        return self.norm_origin[start], self.norm_origin[end - 1] + 1

    def span(self, start: int, end: int) -> list[int]:
        """``[start, end]`` in the caller's text for ``norm[start:end]``."""
        a, b = self.plain_range(start, end)
        if b <= a:
            at = self.plain_origin[a] if a < len(self.plain_origin) else len(self.raw)
            return [at, at]
        return [self.plain_origin[a], self.plain_origin[b - 1] + 1]

    def value(self, start: int, end: int) -> str:
        """The readable text for ``norm[start:end]``, with stray spacing removed."""
        a, b = self.plain_range(start, end)
        return tidy(self.plain[a:b])

    def lines(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each non-empty line of ``norm`` (computed once)."""
        if self._lines is None:
            self._lines = []
            pos = 0
            for line in self.norm.split("\n"):
                if line:
                    self._lines.append((pos, pos + len(line)))
                pos += len(line) + 1
        return self._lines


def tidy(value: str) -> str:
    """Drop whitespace except single spaces between Latin letters or digits (LOUIS VUITTON)."""
    parts = value.split()
    if not parts:
        return ""
    out = parts[0]
    for part in parts[1:]:
        if _LATIN.match(out[-1]) and _LATIN.match(part[0]):
            out += " "
        out += part
    return out
