"""A read cache that notes what a detector actually reads: which property of which label or
relationship type, and whose sources. ``test_read_plans`` compares it with the detector's plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from graph.records import Edge, Node
from graph.snapshot import ReadCache

EVERY = "*"  # the whole property map was read (iterated, copied, unpacked)


class _Props(dict):
    """A property map that notes each key read; iterating or copying it counts as reading all."""

    def __init__(self, data: dict, seen: set[str]):
        super().__init__(data)
        self._seen = seen

    def get(self, key, default=None):
        self._seen.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self._seen.add(key)
        return super().__getitem__(key)

    def __contains__(self, key) -> bool:
        self._seen.add(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator:
        self._seen.add(EVERY)
        return super().__iter__()

    def keys(self):
        self._seen.add(EVERY)
        return super().keys()

    def items(self):
        self._seen.add(EVERY)
        return super().items()

    def values(self):
        self._seen.add(EVERY)
        return super().values()


class _Sources(Sequence):
    """Sources that note being read. Not a list on purpose: ``list += sources`` and ``set(...)``
    then go through ``__iter__`` / ``__getitem__`` instead of copying a list's items in C."""

    def __init__(self, items: list[str], noted: set[str], name: str):
        self._items, self._noted, self._name = items, noted, name

    def __getitem__(self, index):
        self._noted.add(self._name)
        return self._items[index]

    def __len__(self) -> int:
        self._noted.add(self._name)
        return len(self._items)

    def __iter__(self) -> Iterator[str]:
        self._noted.add(self._name)
        return iter(self._items)


class RecordingCache(ReadCache):
    """A ``ReadCache`` without a plan whose nodes and edges note what is read of them."""

    def __init__(self, store):
        super().__init__(store)
        self.props: dict[str, set[str]] = defaultdict(set)  # label or type -> keys read
        self.sources: set[str] = set()  # labels and types whose sources were read
        self.loaded: set[str] = set()  # labels and types read from the store at all

    def _kept_node(self, node: Node) -> Node:
        node = super()._kept_node(node)
        self.loaded.add(node.label)
        node.props = _Props(node.props, self.props[node.label])
        node.sources = _Sources(node.sources, self.sources, node.label)  # type: ignore[assignment]
        return node

    def _kept_edge(self, edge: Edge) -> Edge:
        edge = super()._kept_edge(edge)
        self.loaded.add(edge.type)
        edge.props = _Props(edge.props, self.props[edge.type])
        edge.sources = _Sources(edge.sources, self.sources, edge.type)  # type: ignore[assignment]
        return edge

    def read(self) -> dict[str, set[str]]:
        """Label or type -> the keys read of it (only names something was read of)."""
        return {name: keys for name, keys in self.props.items() if keys}
