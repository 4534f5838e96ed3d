"""Trademark and patent filings: the right, its applicant/owner and the filing agency."""

from __future__ import annotations

from datetime import date

from graph.records import NodeRef
from graph.text import fold
from graph.types import patent_no, trademark_no
from ingest.mapping import trademark_events as tm_events
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
    """A filing row (with its assignments, oppositions, invalidations) or a well-known-mark row.

    The applicant APPLIED_FOR the mark; the owner (the last assignee, else the applicant) OWNS a
    registered mark; each assignment is ASSIGNED_TO {date}; an opponent OPPOSED {date, outcome}
    and an invalidation applicant INVALIDATION_REQUESTED {date, outcome}.
    """
    row = as_object(builder.record)
    try:
        number = trademark_no.clean(str(require(row, "number")))
    except ValueError as exc:
        raise RecordRejected("number", str(exc)) from None
    try:
        nice = trademark_no.nice_class(require(row, "nice_class"))
    except ValueError as exc:
        raise RecordRejected("nice_class", str(exc)) from None
    if tm_events.is_well_known_row(row):
        _map_well_known(builder, resolver, row, number, nice)
        return
    events = {}
    for column, parse in (("assignments", tm_events.assignments),
                          ("oppositions", tm_events.challenges),
                          ("invalidations", tm_events.challenges)):
        try:
            events[column] = parse(row.get(column))
        except ValueError as exc:
            raise RecordRejected(column, str(exc)) from None
    goods = [g for g in (row.get("goods") or "").split(";") if g]
    mark = builder.node("Trademark", trademark_no.node_id(number), number=number,
                        mark=require(row, "mark"), nice_class=nice, goods=goods,
                        filed=row.get("filed"), registered=row.get("registered"),
                        status=row.get("status"))
    owner = _applicant(builder, resolver, require(row, "applicant"), row.get("applicant_uscc"))
    builder.edge("APPLIED_FOR", owner, mark)
    for event in events["assignments"]:
        owner = _applicant(builder, resolver, event.party, event.uscc)
        builder.edge("ASSIGNED_TO", mark, owner, date=event.date)
    if row.get("registered"):
        builder.edge("OWNS", owner, mark)
    for column, rel in (("oppositions", "OPPOSED"), ("invalidations", "INVALIDATION_REQUESTED")):
        for event in events[column]:
            party = _applicant(builder, resolver, event.party, event.uscc)
            builder.edge(rel, party, mark, date=event.date, outcome=event.outcome)
    if row.get("agency"):
        builder.edge("AGENT_FOR", _agency(builder, row["agency"], "trademark"), mark)


def _map_well_known(builder: FragmentBuilder, resolver: CompanyResolver, row: dict, number: str,
                    nice: int) -> None:
    """A recognition of a well-known mark (驰名商标): ``famous`` on the mark, its owner OWNS it."""
    mark = builder.node("Trademark", trademark_no.node_id(number), number=number,
                        mark=require(row, "mark"), nice_class=nice, famous=True,
                        famous_since=row.get("recognised"), famous_record=row.get("record"))
    if row.get("owner"):
        builder.edge("OWNS", _applicant(builder, resolver, row["owner"], row.get("owner_uscc")), mark)


def map_patent(builder: FragmentBuilder, resolver: CompanyResolver) -> None:
    """A patent filing: the applicants APPLIED_FOR it, the owner (the last assignee, else the
    applicants) OWNS it, each transfer (转让) is ASSIGNED_TO {date}; claims and inventors are kept
    on the Patent for the near-duplicate and inventor checks of ``abnormal_patent``."""
    data = as_object(builder.record)
    try:
        number = patent_no.parse(str(require(data, "application_no")))
    except ValueError as exc:
        raise RecordRejected("application_no", str(exc)) from None
    inventors = data.get("inventors") or []
    if not isinstance(inventors, list) or not all(isinstance(i, str) for i in inventors):
        raise RecordRejected("inventors", "inventors must be a list of names")
    assignments = _patent_assignments(data.get("assignments"))
    patent = builder.node("Patent", number.application_no, number=number.application_no,
                          title=require(data, "title"), abstract=data.get("abstract"),
                          claims=data.get("claims"), kind=data.get("kind") or number.kind,
                          ipc=data.get("ipc"), filed=data.get("filed"), status=data.get("status"),
                          inventors=[i.strip() for i in inventors if i.strip()])
    applicants = data.get("applicants") or []
    if not applicants:
        raise RecordRejected("applicants", "a patent filing names no applicant")
    owners = []
    for applicant in applicants:
        owners.append(_applicant(builder, resolver, applicant["name"], applicant.get("uscc")))
        builder.edge("APPLIED_FOR", owners[-1], patent)
    for on, name, uscc in assignments:
        assignee = _applicant(builder, resolver, name, uscc)
        builder.edge("ASSIGNED_TO", patent, assignee, date=on)
        owners = [assignee]
    for owner in owners:
        builder.edge("OWNS", owner, patent)
    if data.get("agency"):
        builder.edge("AGENT_FOR", _agency(builder, data["agency"], "patent"), patent)


def _patent_assignments(value: object) -> list[tuple[str, str, str | None]]:
    """``[{date, assignee, assignee_uscc}]`` in date order; a malformed one rejects the record."""
    if value in (None, []):
        return []
    if not isinstance(value, list):
        raise RecordRejected("assignments", "assignments must be a list")
    out = []
    for item in value:
        if not isinstance(item, dict) or not str(item.get("assignee") or "").strip():
            raise RecordRejected("assignments", f"an assignment names no assignee: {item!r}")
        try:
            on = date.fromisoformat(str(item.get("date"))).isoformat()
        except ValueError:
            raise RecordRejected("assignments", f"an assignment has no valid date: {item!r}") from None
        out.append((on, str(item["assignee"]).strip(), item.get("assignee_uscc") or None))
    return sorted(out, key=lambda a: a[0])
