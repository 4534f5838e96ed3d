"""The graph model loaded from ``schema.yaml``: the one place labels, keys and indexes are declared.

Stores derive their constraints and indexes from it, loaders check records against it, and the
documentation is generated from it, so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from ipcredit.errors import SchemaError

KEY = "id"


@dataclass(frozen=True)
class LabelSpec:
    """A node label: its natural key is always ``id``; ``unique`` and ``fulltext`` add indexes."""

    name: str
    description: str
    caption: str
    properties: tuple[str, ...]
    unique: tuple[str, ...] = ()
    fulltext: tuple[str, ...] = ()


@dataclass(frozen=True)
class RelSpec:
    """A relationship type with the labels allowed at each end."""

    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class GraphModel:
    version: int
    labels: dict[str, LabelSpec] = field(default_factory=dict)
    relationships: dict[str, RelSpec] = field(default_factory=dict)

    def label(self, name: str) -> LabelSpec:
        try:
            return self.labels[name]
        except KeyError:
            raise SchemaError(f"unknown node label {name!r}") from None

    def relationship(self, name: str) -> RelSpec:
        try:
            return self.relationships[name]
        except KeyError:
            raise SchemaError(f"unknown relationship type {name!r}") from None

    def check_edge(self, rel: str, source_label: str, target_label: str) -> None:
        """Refuse an edge whose ends the schema does not allow, naming what was expected."""
        spec = self.relationship(rel)
        if source_label not in spec.sources or target_label not in spec.targets:
            raise SchemaError(
                f"{rel} goes from {'|'.join(spec.sources)} to {'|'.join(spec.targets)}, "
                f"not from {source_label} to {target_label}"
            )

    def fulltext_properties(self) -> dict[str, tuple[str, ...]]:
        return {name: spec.fulltext for name, spec in self.labels.items() if spec.fulltext}

    def identifier_properties(self) -> dict[str, tuple[str, ...]]:
        """Per label, the properties a user may type exactly to find a node (id + unique keys)."""
        return {name: (KEY, *spec.unique) for name, spec in self.labels.items()}


def parse_model(data: dict) -> GraphModel:
    labels = {
        name: LabelSpec(
            name=name,
            description=spec.get("description", ""),
            caption=spec.get("caption", KEY),
            properties=tuple(spec.get("properties", ())),
            unique=tuple(spec.get("unique", ())),
            fulltext=tuple(spec.get("fulltext", ())),
        )
        for name, spec in data["labels"].items()
    }
    rels = {}
    for name, spec in data["relationships"].items():
        for end in (*spec["from"], *spec["to"]):
            if end not in labels:
                raise SchemaError(f"relationship {name} names unknown label {end!r}")
        rels[name] = RelSpec(
            name=name,
            sources=tuple(spec["from"]),
            targets=tuple(spec["to"]),
            properties=tuple(spec.get("properties", ())),
            description=spec.get("description", ""),
        )
    return GraphModel(version=int(data["version"]), labels=labels, relationships=rels)


@cache
def load_model() -> GraphModel:
    """The model shipped with the package."""
    text = resources.files("graph").joinpath("schema.yaml").read_text(encoding="utf-8")
    return parse_model(yaml.safe_load(text))
