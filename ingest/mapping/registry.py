"""Corporate registrations (工商登记): the company, its people, shareholders, address and contacts."""

from __future__ import annotations

from graph.types import uscc
from ingest.mapping.common import FragmentBuilder, as_object, require
from ingest.records import RecordRejected
from ingest.resolve import mask_id_number, person_id


def map_registration(builder: FragmentBuilder) -> None:
    data = as_object(builder.record)
    name = require(data, "name")
    try:
        checked = uscc.clean(str(require(data, "uscc")))
    except ValueError as exc:
        raise RecordRejected("uscc", str(exc)) from None
    company = builder.node(
        "Company", checked.value, name=name, uscc=checked.value,
        uscc_valid=checked.check_digit_ok, region=uscc.region(checked.value),
        former_names=list(data.get("former_names") or []), legal_form=data.get("legal_form"),
        capital=data.get("capital"), founded=data.get("founded"), status=data.get("status"),
        scope=data.get("scope"), address=data.get("address"), kind="registered",
    )
    rep = data.get("legal_rep") or {}
    if rep.get("name"):
        rep_ref = builder.node("Person", person_id(rep["name"], rep.get("id_number"), company.id),
                               name=rep["name"], id_number_masked=mask_id_number(rep.get("id_number")))
        builder.edge("LEGAL_REP_OF", rep_ref, company)
    stakes: dict = {}
    for holder in data.get("shareholders") or []:
        ref = _holder(builder, holder, company.id)
        stake = _stake(holder.get("stake"))
        # one holder listed twice (two tranches) holds their sum: control is about the total
        stakes[ref] = None if stake is None or stakes.get(ref, 0.0) is None else (
            round(stakes.get(ref, 0.0) + stake, 6))
    for ref, stake in stakes.items():
        builder.edge("SHAREHOLDER_OF", ref, company, stake=stake)
    for officer in data.get("officers") or []:
        ref = builder.node("Person", person_id(officer["name"], officer.get("id_number"), company.id),
                           name=officer["name"],
                           id_number_masked=mask_id_number(officer.get("id_number")))
        builder.edge("OFFICER_OF", ref, company, role=officer.get("role"))
    if data.get("address"):
        builder.edge("LOCATED_AT", company,
                     builder.node("Address", "addr:" + data["address"], text=data["address"]))
    if data.get("phone"):
        digits = "".join(ch for ch in data["phone"] if ch.isdigit())
        builder.edge("HAS_PHONE", company, builder.node("Phone", "phone:" + digits,
                                                       number=data["phone"]))
    if data.get("email"):
        address = data["email"].strip().lower()
        builder.edge("HAS_EMAIL", company, builder.node("Email", "email:" + address,
                                                       address=address))


def _stake(raw: object) -> float | None:
    if raw in (None, ""):
        return None
    try:
        value = float(str(raw))
    except ValueError:
        raise RecordRejected("shareholders.stake", f"not a number: {raw!r}") from None
    if not 0 <= value <= 1:
        raise RecordRejected("shareholders.stake", f"a stake is a share 0–1, got {raw!r}")
    return value


def _holder(builder: FragmentBuilder, holder: dict, company_id: str):
    if holder.get("kind") == "company":
        try:
            checked = uscc.clean(str(holder.get("uscc") or ""))
        except ValueError as exc:
            raise RecordRejected("shareholders.uscc", str(exc)) from None
        return builder.node("Company", checked.value, name=holder.get("name"), uscc=checked.value)
    name = holder.get("name")
    if not name:
        raise RecordRejected("shareholders.name", "a shareholder has no name")
    return builder.node("Person", person_id(name, holder.get("id_number"), company_id), name=name,
                        id_number_masked=mask_id_number(holder.get("id_number")))
