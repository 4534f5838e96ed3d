"""Trademark and patent filings: the right, its applicant/owner and the filing agency."""

from __future__ import annotations

from graph.records import NodeRef
from graph.text import fold
from graph.types import patent_no, trademark_no
from ingest.mapping.common import FragmentBuilder, as_object, require
from ingest.records import RecordRejected
from ingest.resolve import CompanyResolver


def _applicant(builder: FragmentBuilder, resolver: CompanyResolver, name: str,
               raw_uscc: str | None) -> NodeRef:
    resolution = resolver.resolve(name, raw_uscc)
    props = {} if resolver.knows(resolution.node_id) else {"name": name}
    if resolution.method == "uscc":
        props.update(uscc=resolution.node_id, uscc_valid=resolution.uscc_valid)
    return builder.node("Company", resolution.node_id, **props)


def _agency(builder: FragmentBuilder, name: str, kind: str) -> NodeRef:
    return builder.node("Agency", "agency:" + fold(name), name=name, kind=kind)


def map_trademark(builder: FragmentBuilder, resolver: CompanyResolver) -> None:
    row = as_object(builder.record)
    try:
        number = trademark_no.clean(str(require(row, "number")))
    except ValueError as exc:
        raise RecordRejected("number", str(exc)) from None
    try:
        nice = trademark_no.nice_class(require(row, "nice_class"))
    except ValueError as exc:
        raise RecordRejected("nice_class", str(exc)) from None
    goods = [g for g in (row.get("goods") or "").split(";") if g]
    mark = builder.node("Trademark", trademark_no.node_id(number), number=number,
                        mark=require(row, "mark"), nice_class=nice, goods=goods,
                        filed=row.get("filed"), registered=row.get("registered"),
                        status=row.get("status"))
    owner = _applicant(builder, resolver, require(row, "applicant"), row.get("applicant_uscc"))
    builder.edge("APPLIED_FOR", owner, mark)
    if row.get("registered"):
        builder.edge("OWNS", owner, mark)
    if row.get("agency"):
        builder.edge("AGENT_FOR", _agency(builder, row["agency"], "trademark"), mark)


def map_patent(builder: FragmentBuilder, resolver: CompanyResolver) -> None:
    data = as_object(builder.record)
    try:
        number = patent_no.parse(str(require(data, "application_no")))
    except ValueError as exc:
        raise RecordRejected("application_no", str(exc)) from None
    patent = builder.node("Patent", number.application_no, number=number.application_no,
                          title=require(data, "title"), abstract=data.get("abstract"),
                          kind=data.get("kind") or number.kind, ipc=data.get("ipc"),
                          filed=data.get("filed"), status=data.get("status"))
    applicants = data.get("applicants") or []
    if not applicants:
        raise RecordRejected("applicants", "a patent filing names no applicant")
    for applicant in applicants:
        owner = _applicant(builder, resolver, applicant["name"], applicant.get("uscc"))
        builder.edge("APPLIED_FOR", owner, patent)
        builder.edge("OWNS", owner, patent)
    if data.get("agency"):
        builder.edge("AGENT_FOR", _agency(builder, data["agency"], "patent"), patent)
