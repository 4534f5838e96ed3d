"""The policy file as data: each entry has a value, its legal basis and whether that is verified."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ipcredit.errors import PolicyError


@dataclass(frozen=True)
class PolicyEntry:
    key: str
    value: Any
    basis: str
    verified: bool

    def cite(self, version: str) -> str:
        """How a finding or factor names the rule it applied."""
        return f"{self.key}@{version}"


@dataclass(frozen=True)
class Policy:
    version: str
    entries: dict[str, PolicyEntry]

    def entry(self, key: str) -> PolicyEntry:
        try:
            return self.entries[key]
        except KeyError:
            raise PolicyError(f"policy {self.version} has no entry {key!r}") from None

    def value(self, key: str) -> Any:
        return self.entry(key).value

    def cite(self, key: str) -> str:
        return self.entry(key).cite(self.version)


def parse_policy(data: dict) -> Policy:
    entries = {}
    for key, spec in (data.get("entries") or {}).items():
        missing = {"value", "basis", "verified"} - set(spec)
        if missing:
            raise PolicyError(f"policy entry {key!r} lacks {', '.join(sorted(missing))}")
        entries[key] = PolicyEntry(key, spec["value"], spec["basis"], bool(spec["verified"]))
    return Policy(str(data["version"]), entries)


def load_policy(path: Path | None = None) -> Policy:
    """The policy at ``path``, or the one shipped with the package."""
    if path is None:
        return _default_policy()
    return parse_policy(yaml.safe_load(path.read_text(encoding="utf-8")))


@cache
def _default_policy() -> Policy:
    text = resources.files("risk").joinpath("policy.yaml").read_text(encoding="utf-8")
    return parse_policy(yaml.safe_load(text))
