"""Human judgements on resolution: "these are the same company" / "these are not".

A judgement is a node of its own (label ``Judgement``), written through ``GraphStore`` so it
lives with the graph on either store. Judgements are appended, never edited: a later judgement on
the same pair supersedes the earlier one (``seq`` orders them) and the history stays. The
resolver consults them before the matcher: "not same" removes a candidate the rules would
choose, "same" attaches a name to a registered company the rules would never reach.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.records import Node
from graph.store import GraphStore
from graph.types import uscc
from ingest.matching.names import name_key

VERDICTS = ("same", "not_same")
LABEL = "Judgement"


def subject_key(text: str) -> str:
    """What a judgement is about: a USCC, a node id (``name:``/``person:``), or a name's key."""
    text = text.strip()
    if text.startswith(("name:", "person:")):
        return text
    try:
        return uscc.clean(text).value
    except ValueError:
        return "name:" + name_key(text)


@dataclass(frozen=True)
class Judgement:
    left: str
    right: str
    verdict: str  # same | not_same
    by: str
    at: str
    reason: str | None
    seq: int  # 1 for the first judgement on this pair, then 2, 3 …
    id: str = ""

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.left, self.right))

    def as_dict(self) -> dict:
        return {"id": self.id, "left": self.left, "right": self.right, "verdict": self.verdict,
                "by": self.by, "at": self.at, "reason": self.reason, "seq": self.seq}

    @classmethod
    def from_node(cls, node: Node) -> Judgement:
        p = node.props
        return cls(str(p["left"]), str(p["right"]), str(p["verdict"]), str(p["by"]), str(p["at"]),
                   str(p["reason"]) if p.get("reason") else None, int(p.get("seq") or 1), node.id)


class JudgementBook:
    """The judgements in force: the latest per pair, and the companies "same" ties names to."""

    def __init__(self, judgements: Iterable[Judgement] = ()):
        self.history: list[Judgement] = sorted(judgements, key=lambda j: (j.seq, j.at, j.id))
        self.latest: dict[frozenset[str], Judgement] = {}
        for judgement in self.history:
            self.latest[judgement.pair] = judgement
        self._parent: dict[str, str] = {}
        for judgement in self.latest.values():
            if judgement.verdict == "same":
                self._union(judgement.left, judgement.right)

    @classmethod
    def from_store(cls, store: GraphStore) -> JudgementBook:
        return cls(Judgement.from_node(n) for n in store.nodes(LABEL))

    def _find(self, key: str) -> str:
        while self._parent.get(key, key) != key:
            key = self._parent[key]
        return key

    def _union(self, a: str, b: str) -> None:
        self._parent.setdefault(a, a)
        self._parent.setdefault(b, b)
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def same_target(self, key: str) -> tuple[str, Judgement] | None:
        """The one registered company a name was judged the same as (with the judgement)."""
        if key not in self._parent:
            return None
        root = self._find(key)
        group = {k for k in self._parent if self._find(k) == root}
        registered = sorted(k for k in group if not k.startswith(("name:", "person:")))
        if len(registered) != 1 or registered[0] == key:
            return None  # two registered companies judged the same stay two legal entities
        target = registered[0]
        why = next((j for j in reversed(self.history) if j.verdict == "same"
                    and j.pair & group and self.latest.get(j.pair) is j), None)
        return (target, why) if why else None

    def not_same(self, keys: Iterable[str]) -> dict[str, Judgement]:
        """Companies judged not the same as any of ``keys``, with the judgement in force."""
        out: dict[str, Judgement] = {}
        wanted = set(keys)
        for pair, judgement in self.latest.items():
            if judgement.verdict == "not_same" and pair & wanted:
                for other in pair - wanted:
                    out[other] = judgement
        return out


def record(store: GraphStore, a: str, b: str, verdict: str, by: str, reason: str | None = None,
           at: str | None = None) -> Judgement:
    """Append a judgement on the pair (a, b); it supersedes any earlier one on that pair."""
    verdict = verdict.replace("-", "_")
    if verdict not in VERDICTS:
        raise ValueError(f"a judgement is 'same' or 'not-same', got {verdict!r}")
    if not by.strip():
        raise ValueError("a judgement needs the name of who made it (--by)")
    left, right = sorted((subject_key(a), subject_key(b)))
    if left == right:
        raise ValueError(f"both sides are {left}: nothing to judge")
    at = at or datetime.now(UTC).isoformat(timespec="microseconds")
    previous = [j for j in JudgementBook.from_store(store).history
                if j.pair == frozenset((left, right))]
    seq = max((j.seq for j in previous), default=0) + 1
    digest = hashlib.sha256("|".join((left, right, verdict, by, at, reason or "", str(seq)))
                            .encode()).hexdigest()[:24]
    judgement = Judgement(left, right, verdict, by.strip(), at, reason, seq, "judgement:" + digest)
    props = {k: v for k, v in judgement.as_dict().items() if k != "id" and v is not None}
    store.write([Node(LABEL, judgement.id, props, [f"judgement:{by.strip()}"], at)])
    return judgement
