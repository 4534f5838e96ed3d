"""Text normalisation shared by stores and resolution: compare names the way a reader would."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """NFKC (full-width → half-width, compatibility forms), lower-case, no whitespace.

    Used for matching only; what is displayed keeps the original text.
    """
    return "".join(unicodedata.normalize("NFKC", text).lower().split())
