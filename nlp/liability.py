"""Which co-defendants a ruling clears: an infringement found is not found against everyone.

A platform that took links down in time, or a co-defendant the court finds did not infringe, is
named next to a clearing phrase in the reasoning or in a dismissal of the claims against it.
One defendant alone is never cleared here: the document-level outcome speaks for it. (A seller
that proves a legal source still infringes; it is only spared damages, so 不承担赔偿责任 alone
is not a clearing phrase.)
"""

from __future__ import annotations

import re

from nlp.text import fold

_CLEARING = re.compile(r"不构成(?:侵权|对.{0,30}?的侵害)|不承担侵权责任|尽到了?合理(?:的)?注意义务"
                       r"|不存在过错|无需承担(?:任何)?(?:侵权|赔偿)?责任")
_SENTENCE = re.compile(r"[^。;!?]+")


def cleared(norm: str, start: int, end: int, names: list[list[str]]) -> list[tuple[int, int] | None]:
    """For each party (its names: full and short), the span of the sentence that clears it."""
    found: list[tuple[int, int] | None] = [None] * len(names)
    folded = [[fold(n)[0] for n in group if n] for group in names]
    for sentence in _SENTENCE.finditer(norm, start, end):
        text = sentence.group()
        dismissal = "驳回" in text and "诉讼请求" in text
        if not (dismissal or _CLEARING.search(text)):
            continue
        for index, group in enumerate(folded):
            if found[index] is None and any(name in text for name in group):
                if dismissal and not re.search("对[^。]{0,40}?(" + "|".join(map(re.escape, group))
                                                + ")[^。]{0,20}?诉讼请求", text):
                    continue
                found[index] = (sentence.start(), sentence.end())
    return found
