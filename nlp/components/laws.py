"""Token patterns for the entity ruler: every law named in the text, as ``LAW`` entities.

The ``statutes`` field keeps only the provisions the decision rests on; the ruler marks every
law a document mentions (the parties' arguments, the first-instance basis an appeal recounts),
which is what a reader scanning ``doc.ents`` wants to see. Book-title marks delimit the name,
so the pattern holds whatever the segmenter does inside them.
"""

from __future__ import annotations

from typing import Any

LAW_PATTERNS: list[dict[str, Any]] = [
    {"label": "LAW", "id": "law", "pattern": [
        {"ORTH": "《"},
        {"ORTH": {"NOT_IN": ["《", "》", "。", "\n"]}, "OP": "+"},
        {"ORTH": "》"},
    ]},
]
