"""Entity resolution, thin form: companies by USCC, else by a normalised name or former name.

The index is seeded from the companies already in the graph and grows as registrations load,
so a ruling that names a party without its USCC still lands on the registered company. Each
resolution says how it was made, and that reason is kept on the edge it produced.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.records import Node
from graph.store import GraphStore
from graph.types import company_name, uscc


@dataclass(frozen=True)
class Resolution:
    node_id: str
    method: str  # "uscc" | "name" | "former_name" | "short_name" | "new_name"
    uscc_valid: bool | None = None


def mask_id_number(raw: str | None) -> str | None:
    """Keep a resident ID number only masked (first 6 and last 4 shown)."""
    if not raw:
        return None
    text = raw.strip().upper()
    if len(text) < 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def person_id(name: str, id_number: str | None, context_id: str) -> str:
    """A person is their name plus their masked ID number, else plus the company they were named with."""
    masked = mask_id_number(id_number)
    return f"person:{name}|{masked}" if masked else f"person:{name}|@{context_id}"


_ROLE_EDGES = ("LEGAL_REP_OF", "SHAREHOLDER_OF", "OFFICER_OF")


class CompanyResolver:
    def __init__(self) -> None:
        self._by_key: dict[str, tuple[str, str]] = {}
        self._by_bare: dict[str, set[str]] = {}
        self._known: set[str] = set()
        self._people: dict[tuple[str, str], str] = {}  # (company id, name) -> person id

    @classmethod
    def from_store(cls, store: GraphStore) -> CompanyResolver:
        resolver = cls()
        for node in store.nodes("Company"):
            resolver.learn(node)
        names = {n.id: str(n.props.get("name", "")) for n in store.nodes("Person")}
        for edge in store.edges(_ROLE_EDGES):
            if edge.start.label == "Person":
                resolver.learn_person(edge.end.id, names.get(edge.start.id, ""), edge.start.id)
        return resolver

    def learn_person(self, company_id: str, name: str, node_id: str) -> None:
        """Remember who a registration names in a company, so documents naming them agree."""
        if name and "|@" not in node_id:
            self._people.setdefault((company_id, name), node_id)

    def person(self, name: str, company_id: str) -> str:
        """A person named in a document with a company: the registered person, if there is one."""
        return self._people.get((company_id, name)) or person_id(name, None, company_id)

    def learn(self, node: Node) -> None:
        """Remember a company's names so later mentions resolve to it."""
        if node.id.startswith("name:"):
            return
        self._known.add(node.id)
        names = [("name", node.props.get("name"))]
        names += [("former_name", n) for n in node.props.get("former_names") or []]
        names += [("short_name", n) for n in node.props.get("short_names") or []]
        for method, name in names:
            if name:
                self._by_key.setdefault(company_name.match_key(str(name)), (node.id, method))
                self._by_bare.setdefault(company_name.bare_key(str(name)), set()).add(node.id)

    def knows(self, node_id: str) -> bool:
        """Whether a registration already describes this company (documents then add no names)."""
        return node_id in self._known

    def resolve(self, name: str, raw_uscc: str | None = None) -> Resolution:
        if raw_uscc:
            try:
                checked = uscc.clean(raw_uscc)
                return Resolution(checked.value, "uscc", checked.check_digit_ok)
            except ValueError:
                pass  # an unreadable USCC in a document falls back to the name
        hit = self._by_key.get(company_name.match_key(name))
        if hit:
            return Resolution(hit[0], hit[1])
        bare = self._by_bare.get(company_name.bare_key(name), set())
        if len(bare) == 1:  # written without its place name, and no other company fits
            return Resolution(next(iter(bare)), "name_without_region")
        return Resolution(company_name.unregistered_id(name), "new_name")


_PERSON_SUFFIXES = ("公司", "厂", "店", "行", "社", "中心", "部", "所", "局", "院", "会", "馆", "场")


def looks_like_organisation(name: str) -> bool:
    """Parties that are organisations end in an organisational word; people do not."""
    return name.endswith(_PERSON_SUFFIXES) or len(name) > 5


def local_party(parties: list[dict], name: str) -> dict | None:
    """The party of this document a name stands for: its short name (以下简称) or its own name.

    Short names such as 丰嘉公司 mean something only inside the document that defines them.
    """
    for party in parties:
        if name in (party.get("short_name"), party.get("name")):
            return party
    return None
