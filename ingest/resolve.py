"""Entity resolution: which company (or person) a mention in a record stands for, and why.

Companies: human judgements first (``ingest.matching.judgements``), then a printed USCC, then
the versioned matcher (``ingest.matching``, ``company-match.v1``) over the candidates that share
a block with the mention. Every resolution says how it was made (method, score, algorithm);
``explain`` recomputes the whole reasoning — every candidate with every feature — on demand, so
edges keep only a compact ``match`` string.

Persons: by name and ID number where a record prints one (full, 15-digit or masked, see
``ingest.matching.idnumber``), else by name and the company they were named with.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from graph.records import Node, NodeRef
from graph.store import GraphStore
from graph.types import uscc
from ingest.matching import idnumber
from ingest.matching.blocking import BlockIndex
from ingest.matching.judgements import Judgement, JudgementBook
from ingest.matching.model import DEFAULT, Matcher, get_algorithm
from ingest.matching.names import name_key, parse
from ingest.matching.types import Candidate, Query, Scored

ID_SECRET_ENV = "IPCREDIT_ID_SECRET"
_METHODS = {"uscc_equal": "uscc", "name_equal": "name", "former_name": "former_name",
            "short_name": "short_name", "name_without_region": "name_without_region",
            "trade_word_similar": "similar_name"}


@dataclass(frozen=True)
class Resolution:
    node_id: str
    # uscc | name | former_name | short_name | name_without_region | similar_name
    # | judged_same | new_name
    method: str
    uscc_valid: bool | None = None
    score: float | None = None
    algorithm: str = DEFAULT

    @property
    def match(self) -> str:
        """Compact, for an edge: method, score and algorithm (``explain`` gives the rest)."""
        score = f" {self.score:.2f}" if self.score is not None else ""
        return f"{self.method}{score} {self.algorithm}"


def mask_id_number(raw: str | None) -> str | None:
    """Keep a resident ID number only masked (first 6 and last 4 shown)."""
    if not raw:
        return None
    parsed = idnumber.parse(raw)
    if parsed is not None:
        return parsed.masked
    text = raw.strip().upper()
    if len(text) < 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def person_id(name: str, id_number: str | None, context_id: str) -> str:
    """A person is their name plus their masked ID number, else plus the company they were named with."""
    masked = mask_id_number(id_number)
    return f"person:{name}|{masked}" if masked else f"person:{name}|@{context_id}"


def unregistered_id(name: str) -> str:
    """Node id of a company known only by name: traditional and simplified spellings meet."""
    return "name:" + name_key(name)


def _regions(node_id: str, props: dict) -> frozenset[str]:
    code = str(props.get("region") or (node_id[2:8] if len(node_id) == 18 else ""))
    if not code.isdigit():
        return frozenset()
    return frozenset({code[:2] if code[2:] == "0000" else code[:4] if code.endswith("00") else code})


_ROLE_EDGES = ("LEGAL_REP_OF", "SHAREHOLDER_OF", "OFFICER_OF")
_CACHE_SIZE = 4096


class CompanyResolver:
    def __init__(self, algorithm: str = DEFAULT, judgements: JudgementBook | None = None,
                 id_secret: str | None = None) -> None:
        self.matcher: Matcher = get_algorithm(algorithm)
        self.index = BlockIndex(self.matcher.max_block)
        self.judgements = judgements or JudgementBook()
        self.id_secret = id_secret
        self._people: dict[tuple[str, str], str] = {}  # (company id, name) -> person id
        self._persons: dict[str, set[str]] = {}  # name -> ids of persons with an ID number
        self._cache: dict[tuple, Resolution] = {}

    @classmethod
    def from_store(cls, store: GraphStore, algorithm: str = DEFAULT) -> CompanyResolver:
        resolver = cls(algorithm, JudgementBook.from_store(store), os.environ.get(ID_SECRET_ENV))
        for node in store.nodes("Company"):
            resolver.learn(node)
        names = {}
        for node in store.nodes("Person"):
            names[node.id] = str(node.props.get("name", ""))
            resolver._learn_person_id(names[node.id], node.id)
        for edge in store.edges(_ROLE_EDGES):
            if edge.start.label == "Person":
                resolver.learn_person(edge.end.id, names.get(edge.start.id, ""), edge.start.id)
        return resolver

    # persons ---------------------------------------------------------------------------------
    def _learn_person_id(self, name: str, node_id: str) -> None:
        if name and "|@" not in node_id and "|" in node_id:
            self._persons.setdefault(name, set()).add(node_id)

    def learn_person(self, company_id: str, name: str, node_id: str) -> None:
        """Remember who a registration names in a company, so documents naming them agree."""
        if name and "|@" not in node_id:
            self._people.setdefault((company_id, name), node_id)
            self._learn_person_id(name, node_id)
            company = self.index.companies.get(company_id)
            if company is not None:
                company.reps.add(name)

    def person(self, name: str, company_id: str) -> str:
        """A person named in a document with a company: the registered person, if there is one."""
        return self._people.get((company_id, name)) or person_id(name, None, company_id)

    def person_in_document(self, name: str, raw_id: str | None, context_id: str,
                           company_id: str | None = None) -> tuple[str, dict[str, Any]]:
        """A person a document names, with the ID number it prints if any: (node id, props).

        A full or masked number meets the registered person of that name whose masked number
        it agrees with (one only); a number that agrees with none makes a person of its own. The
        props never hold the full number: the masked form, and a keyed hash when configured.
        """
        parsed = idnumber.parse(raw_id)
        if parsed is None:
            node = self.person(name, company_id) if company_id else person_id(name, None, context_id)
            return node, {"name": name}
        props: dict[str, Any] = {"name": name, "id_number_masked": parsed.masked,
                                 "id_number_valid": parsed.valid,
                                 "id_number_hash": idnumber.keyed_hash(parsed, self.id_secret)}
        own = f"person:{name}|{parsed.masked}"
        known = self._persons.get(name, set())
        if own in known:
            return own, props
        agreeing = [pid for pid in sorted(known)
                    if len(pid.rsplit("|", 1)[-1]) == 18
                    and idnumber.compatible(pid.rsplit("|", 1)[-1], parsed.pattern)]
        return (agreeing[0] if len(agreeing) == 1 else own), props

    # companies -------------------------------------------------------------------------------
    def learn(self, node: Node) -> None:
        """Remember a company's names so later mentions resolve to it."""
        if node.id.startswith("name:"):
            return
        props = node.props
        name = str(props.get("name") or "")
        if not name:
            if node.id not in self.index.companies:
                self.index.companies[node.id] = Candidate(node.id, "", node.id, parse(""))
            return
        parts = parse(name)
        previous = self.index.companies.get(node.id)
        candidate = Candidate(
            id=node.id, name=name, uscc=str(props.get("uscc") or node.id), parts=parts,
            former=[parse(str(n)) for n in props.get("former_names") or [] if n],
            short=[name_key(str(n)) for n in props.get("short_names") or [] if n],
            regions=_regions(node.id, props) | parts.regions,
            address=str(props["address"]) if props.get("address") else None,
            reps=previous.reps if previous else set(),
        )
        self.index.add(candidate)
        self._cache.clear()

    def knows(self, node_id: str) -> bool:
        """Whether a registration already describes this company (documents then add no names)."""
        return node_id in self.index.companies

    def resolve(self, name: str, raw_uscc: str | None = None, *, address: str | None = None,
                legal_rep: str | None = None) -> Resolution:
        """The company a mention stands for (memoised until the resolver learns more)."""
        key = (name, raw_uscc, address, legal_rep)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._decide(name, raw_uscc, address, legal_rep)[0]
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def mention_props(self, party: dict, ref: NodeRef) -> dict[str, str]:
        """What a PARTY_TO edge keeps of a company's resolution: ``match`` (method score algorithm)
        and ``mention``, the name as printed, which a later judgement on it is checked against."""
        if ref.label != "Company" or not party.get("name"):
            return {}
        return {"match": self.resolve(party["name"], party.get("uscc"), address=party.get("address"),
                                      legal_rep=party.get("legal_rep")).match,
                "mention": party["name"]}

    def _query(self, name: str, raw_uscc: str | None, address: str | None,
               legal_rep: str | None) -> tuple[Query, bool | None]:
        checked, valid = None, None
        if raw_uscc:
            try:
                result = uscc.clean(raw_uscc)
                checked, valid = result.value, result.check_digit_ok
            except ValueError:
                pass  # an unreadable USCC in a document falls back to the name
        return Query(name, checked, address, legal_rep, parse(name)), valid

    def _decide(self, name: str, raw_uscc: str | None, address: str | None,
                legal_rep: str | None, explain: bool = False) -> tuple[Resolution, dict[str, Any]]:
        query, valid = self._query(name, raw_uscc, address, legal_rep)
        keys = [k for k in (query.uscc, unregistered_id(name)) if k]
        trace: dict[str, Any] = {"judgements": [], "candidates": [], "blocks": {}}
        for key in keys:
            forced = self.judgements.same_target(key)
            if forced:
                trace["judgements"].append({"applied": "same", **forced[1].as_dict()})
                return Resolution(forced[0], "judged_same", score=1.0,
                                  algorithm=self.matcher.name), trace
        excluded: dict[str, Judgement] = self.judgements.not_same(keys)
        trace["judgements"] += [{"applied": "not_same", **j.as_dict()} for j in excluded.values()]
        by_uscc = bool(query.uscc) and query.uscc not in excluded
        ranked: list[Scored] = []
        if explain or not by_uscc:  # the register number decides: then the ranking only explains
            candidates, blocks = self.index.lookup(query)
            trace["blocks"] = blocks.as_dict()
            ranked = self.matcher.rank(query, candidates, frozenset(excluded))
            if explain:
                trace["candidates"] = [s.as_dict(self.matcher.weights) for s in ranked]
        if by_uscc:
            return Resolution(query.uscc, "uscc", valid, 1.0, self.matcher.name), trace
        chosen = next((s for s in ranked if s.decision == "chosen"), None)
        if chosen is not None:
            return Resolution(chosen.candidate_id, _METHODS.get(chosen.evidence, chosen.evidence),
                              score=round(chosen.total, 4), algorithm=self.matcher.name), trace
        best = ranked[0].total if ranked else 0.0
        return Resolution(unregistered_id(name), "new_name", score=round(best, 4),
                          algorithm=self.matcher.name), trace

    def explain(self, name: str, raw_uscc: str | None = None, *, address: str | None = None,
                legal_rep: str | None = None, limit: int = 10) -> dict[str, Any]:
        """The whole reasoning for one mention: parts, blocks, judgements, candidates, decision."""
        resolution, trace = self._decide(name, raw_uscc, address, legal_rep, explain=True)
        query, _ = self._query(name, raw_uscc, address, legal_rep)
        parts = query.parts
        return {
            "mention": {"name": name, "uscc": raw_uscc, "address": address, "legal_rep": legal_rep},
            "parts": {"key": parts.key, "without_places": parts.rest, "places": sorted(parts.regions),
                      "trade_word": parts.trade, "pinyin": parts.pinyin,
                      "industry": parts.industry, "legal_form": parts.legal_form} if parts else None,
            "algorithm": {"name": self.matcher.name, "threshold": self.matcher.threshold,
                          "margin": self.matcher.margin},
            "decision": {"node_id": resolution.node_id, "method": resolution.method,
                         "score": resolution.score, "match": resolution.match},
            "judgements": trace["judgements"],
            "blocks": trace["blocks"],
            "candidates": trace["candidates"][:limit],
            "candidates_total": len(trace["candidates"]),
        }


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
