"""Rulings and penalty decisions: the case, its parties, and the infringements it establishes."""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources
from typing import Any

import yaml

from graph.records import NodeRef
from graph.types import patent_no, trademark_no
from graph.types.court import node_id as court_id
from ingest.mapping.common import FragmentBuilder
from ingest.records import RecordRejected
from ingest.resolve import CompanyResolver, local_party, looks_like_organisation
from nlp.clauses import CRIME


@cache
def roles() -> dict[str, list[str]]:
    text = resources.files("ingest").joinpath("roles.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def is_defendant(role: str, qualifier: str | None) -> bool:
    """Whether a party stands on the infringer's side of the case."""
    table = roles()
    if qualifier:
        if any(q in qualifier for q in table["defendant_qualifiers"]):
            return True
        if any(q in qualifier for q in table["plaintiff_qualifiers"]):
            return False
    if role in table["ambiguous_roles"]:
        return False
    return role in table["defendant_roles"]


def case_id(case_no: str) -> str:
    """The printed case number with brackets half-width and no whitespace."""
    return "".join(unicodedata.normalize("NFKC", case_no).split())


def _span(extraction: dict, field: str) -> str | None:
    span = (extraction.get("spans") or {}).get(field)
    return f"{span[0]}-{span[1]}" if span else None


def map_document(builder: FragmentBuilder, resolver: CompanyResolver, extraction: dict) -> None:
    kind = (extraction.get("doc_type") or {}).get("kind")
    if kind == "ruling":
        _map_ruling(builder, resolver, extraction)
    elif kind == "penalty":
        _map_penalty(builder, resolver, extraction)
    else:
        raise RecordRejected("doc_type", "neither a court ruling nor a penalty decision")


def _party(builder: FragmentBuilder, resolver: CompanyResolver, party: dict,
           context_id: str) -> NodeRef:
    name = party["name"]
    position = "{}-{}".format(*party["span"]) if party.get("span") else None
    if party.get("uscc") or looks_like_organisation(name):
        resolution = resolver.resolve(name, party.get("uscc"), address=party.get("address"),
                                      legal_rep=party.get("legal_rep"))
        props: dict[str, Any] = {}
        if not resolver.knows(resolution.node_id):
            # The registry is authoritative for what it describes; a document only fills gaps.
            props = {"name": name, "address": party.get("address"), "kind": "from_document",
                     "former_names": party.get("former_names"),
                     "short_names": [party["short_name"]] if party.get("short_name") else None}
        if resolution.method == "uscc":
            props.update(uscc=resolution.node_id, uscc_valid=resolution.uscc_valid)
        ref = builder.node("Company", resolution.node_id, position, **props)
        for key, rel in (("legal_rep", "LEGAL_REP_OF"), ("operator", "LEGAL_REP_OF")):
            if party.get(key):
                person = builder.node("Person", resolver.person(party[key], ref.id), position,
                                      name=party[key])
                builder.edge(rel, person, ref, position)
        return ref
    node_id, props = resolver.person_in_document(name, party.get("id_number"), context_id)
    return builder.node("Person", node_id, position, **props)


def _rights(builder: FragmentBuilder, extraction: dict) -> list[NodeRef]:
    refs = []
    for raw in extraction.get("trademark_numbers") or []:
        try:
            number = trademark_no.clean(raw)
        except ValueError:
            continue
        refs.append(builder.node("Trademark", trademark_no.node_id(number), number=number))
    for raw in extraction.get("patent_numbers") or []:
        try:
            number = patent_no.parse(raw)
        except ValueError:
            continue
        refs.append(builder.node("Patent", number.application_no, number=number.application_no))
    return refs


def _map_ruling(builder: FragmentBuilder, resolver: CompanyResolver, ex: dict) -> None:
    if not ex.get("case_no"):
        raise RecordRejected("case_no", "no case number (案号) found in the ruling")
    if not ex.get("court"):
        raise RecordRejected("court", "no court found in the ruling")
    cid = case_id(ex["case_no"])
    doc_type = ex.get("doc_type") or {}
    crime = ex.get("criminal") or {}
    prosecutors = [p for p in ex.get("parties") or [] if p.get("role") in _PROSECUTORS]
    case = builder.node(
        "Case", cid, _span(ex, "case_no"), case_no=cid, court_name=ex["court"],
        doc_kind=doc_type.get("form"), procedure=doc_type.get("branch"), cause=ex.get("cause"),
        judgment_date=ex.get("judgment_date"), infringement_found=ex.get("infringement_found"),
        damages_claimed=ex.get("damages_claimed"), damages_awarded=ex.get("damages_awarded"),
        punitive=ex.get("punitive_multiple"),
        prosecutor=prosecutors[0]["name"] if prosecutors else None,
        charges=crime.get("charges") or None, illegal_turnover=crime.get("illegal_turnover"),
    )
    court = builder.node("Court", court_id(ex["court"]), _span(ex, "court"), name=ex["court"])
    builder.edge("DECIDED_BY", case, court)
    rights = _rights(builder, ex)
    origin = _first_instance(ex, cid)
    if origin is not None:
        builder.edge("APPEALED_IN", builder.node("Case", origin, case_no=origin), case)
    convicted = _convicted(crime)
    for party in ex.get("parties") or []:
        if party.get("role") in _PROSECUTORS:  # the prosecutor is a property of the case
            continue
        ref = _party(builder, resolver, party, cid)
        builder.edge("PARTY_TO", ref, case, role=party.get("role"), qualifier=party.get("qualifier"),
                     **resolver.mention_props(party, ref))
        if party.get("cleared") or not is_defendant(party.get("role", ""), party.get("qualifier")):
            continue
        if origin is not None:
            _appeal_outcome(builder, ref, NodeRef("Case", origin), case, ex, rights)
        elif convicted is not None:
            if _named(party, convicted):
                _infringement(builder, ref, case, "FOUND_IN", ex.get("judgment_date"), rights,
                              "conviction")
        elif ex.get("infringement_found"):
            _infringement(builder, ref, case, "FOUND_IN", ex.get("judgment_date"), rights,
                          "judgment", ex.get("intent_indicators"))
    _supply_chain(builder, resolver, ex, cid)


_PROSECUTORS = ("公诉机关", "原公诉机关", "抗诉机关")


def _convicted(crime: dict) -> set[str] | None:
    """Who a criminal judgment convicts of an IP crime (单位犯罪: the unit and its people, each
    by its own item); None when the document is not a criminal judgment with sentences."""
    sentences = crime.get("sentences") or []
    if not sentences:
        return None
    return {_fold(s["defendant"]) for s in sentences
            if s.get("defendant") and any(CRIME.fullmatch(c) for c in s.get("charges") or [])}


def _named(party: dict, names: set[str]) -> bool:
    return any(_fold(n) in names for n in (party.get("name"), party.get("short_name")) if n)


def _fold(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def _first_instance(ex: dict, cid: str) -> str | None:
    """For an appeal, the first-instance case it reviews (the cited number with 初)."""
    if (ex.get("case_no_parts") or {}).get("procedure") != "appeal":
        return None
    for cited in ex.get("cited_case_numbers") or []:
        other = case_id(cited)
        if other != cid and "初" in other:
            return other
    return None


def _appeal_outcome(builder: FragmentBuilder, party: NodeRef, origin: NodeRef, appeal: NodeRef,
                    ex: dict, rights: list[NodeRef]) -> None:
    """An appeal does not add an infringement: it upholds (and dates) or reverses the first one.

    The infringement stays keyed by the first-instance case, so loading both judgments, in any
    order, gives one infringement; ``effective_date`` is when the upholding judgment was given.
    """
    inf = builder.node("Infringement", f"inf:{origin.id}|{party.id}", established_by="judgment")
    builder.edge("COMMITTED", party, inf)
    if ex.get("infringement_found"):
        builder.node("Infringement", inf.id, effective_date=ex.get("judgment_date"),
                     upheld_in=appeal.id)
        builder.edge("FOUND_IN", inf, appeal)
        for right in rights:
            builder.edge("INFRINGES", inf, right)
    elif ex.get("infringement_found") is False:
        builder.node("Infringement", inf.id, reversed=True, reversed_by=appeal.id)


def _map_penalty(builder: FragmentBuilder, resolver: CompanyResolver, ex: dict) -> None:
    penalty = ex.get("penalty") or {}
    if not penalty.get("decision_no"):
        raise RecordRejected("penalty.decision_no", "no decision number (决定书文号) found")
    pid = case_id(penalty["decision_no"])
    ref = builder.node(
        "Penalty", pid, _span(ex, "decision_no"), decision_no=pid,
        authority_name=penalty.get("authority"), violation=penalty.get("violation"),
        fine=penalty.get("fine"), confiscation=penalty.get("confiscation"),
        basis=penalty.get("basis"), decision_date=penalty.get("decision_date"),
    )
    if penalty.get("authority"):
        authority = builder.node("Authority", "authority:" + penalty["authority"],
                                 name=penalty["authority"])
        builder.edge("ISSUED_BY", ref, authority)
    rights = _rights(builder, ex)
    text = " ".join(str(penalty.get(k) or "") for k in ("violation", "basis"))
    is_ip = any(word in text for word in roles()["ip_violation_words"])
    for party in ex.get("parties") or []:
        party_ref = _party(builder, resolver, party, pid)
        builder.edge("PARTY_TO", party_ref, ref, role=party.get("role"),
                     **resolver.mention_props(party, party_ref))
        if is_ip and is_defendant(party.get("role", ""), party.get("qualifier")):
            _infringement(builder, party_ref, ref, "PENALIZED_IN", penalty.get("decision_date"),
                          rights, "penalty")
    _supply_chain(builder, resolver, ex, pid)


def _infringement(builder: FragmentBuilder, party: NodeRef, where: NodeRef, rel: str,
                  date: str | None, rights: list[NodeRef], established_by: str,
                  intent: list[str] | None = None) -> None:
    """``intent``: the intentional-infringement indicators the court found (codes)."""
    inf = builder.node("Infringement", f"inf:{where.id}|{party.id}", date=date,
                       established_by=established_by,
                       right_kind="patent" if any(r.label == "Patent" for r in rights)
                       else "trademark", intent_indicators=sorted(intent) if intent else None)
    builder.edge("COMMITTED", party, inf)
    builder.edge(rel, inf, where)
    for right in rights:
        builder.edge("INFRINGES", inf, right)


def _supply_chain(builder: FragmentBuilder, resolver: CompanyResolver, ex: dict,
                  context_id: str) -> None:
    """A statement that a party's goods came from a named supplier links the two."""
    sellers = [p for p in ex.get("parties") or []
               if is_defendant(p.get("role", ""), p.get("qualifier"))]
    stated_on = ex.get("judgment_date") or (ex.get("penalty") or {}).get("decision_date")
    for statement in ex.get("source_statements") or []:
        supplier = statement.get("supplier")
        if not supplier or not sellers:
            continue
        position = "{}-{}".format(*statement["span"]) if statement.get("span") else None
        named = local_party(ex.get("parties") or [], supplier) or {"name": supplier}
        supplier_ref = _party(builder, resolver, named, context_id)
        for seller in sellers:
            seller_ref = _party(builder, resolver, seller, context_id)
            if seller_ref != supplier_ref:  # buying from the defendant itself is a test purchase
                builder.edge("SUPPLIED_BY", seller_ref, supplier_ref, position, date=stated_on)
