"""``ipcredit lists …``, ``ipcredit leads …`` and ``ipcredit restrictions``: the list workflow,
the lead queue and the restriction check from the command line.

Every step takes ``--by`` (the person) and ``--role`` (SPEC §9 roles) and is evaluated as of
``--as-of``, so a step can be recorded on the date it happened and a past state can be read back.
A refused step prints the rule that refused it and exits non-zero; nothing is written then.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from graph.records import NodeRef
from graph.store import GraphStore
from ipcredit.errors import IpcreditError
from ipcredit.settings import Settings
from risk.audit import SYSTEM, Record, Request, TransitionRefused, verify
from risk.policy import load_policy

lists_app = typer.Typer(help="严重违法失信名单：propose → approve → notify → hearing → decide → publish "
                             "→ appeal / repair → remove / revoke / expire; public list; verify.",
                        no_args_is_help=True)
leads_app = typer.Typer(help="Investigative leads: sync from findings, ranked queue, assign, close.",
                        no_args_is_help=True)
console = Console(stderr=True)

StoreOption = Annotated[str | None, typer.Option(
    "--store", help="embedded:PATH or bolt://HOST:PORT (default: $IPCREDIT_STORE)")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="The date the step takes effect / the rules are evaluated (default today)")]
ByOption = Annotated[str, typer.Option("--by", help="The person acting (recorded, four-eyes)")]
RoleOption = Annotated[str, typer.Option(
    "--role", help="investigator, credit_officer, regulator or admin")]
ReasonOption = Annotated[str, typer.Option("--reason", help="Why (recorded with the step)")]
EvidenceOption = Annotated[list[str] | None, typer.Option(
    "--evidence", help="Evidence: document sha256, node (Label:id), file reference; repeatable")]
EntryArg = Annotated[str, typer.Argument(help="List entry id, e.g. list:Company:<USCC>:1")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON")]


def _open(spec: str | None) -> GraphStore:
    from graph.locations import open_store

    return open_store(spec or Settings.from_env().store)


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise typer.BadParameter(f"dates are YYYY-MM-DD, got {value!r}") from None


def _print(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _run(store: str | None, work: Callable[[GraphStore], Any]) -> Any:
    """Open the store, do the work, close it; a refusal or other known error exits non-zero."""
    try:
        with _open(store) as graph:
            return work(graph)
    except IpcreditError as exc:
        rule = f" ({exc.rule})" if isinstance(exc, TransitionRefused) else ""
        console.print(f"[red]refused{rule}[/red] {exc}")
        raise typer.Exit(exc.exit_code) from None


def _report(record: Record) -> None:
    _print({"entry": record.subject.id, "transition": record.id, "action": record.action,
            "from": record.from_state, "to": record.to_state, "at": record.at, "by": record.by,
            "data": record.data, "evidence": list(record.evidence)})


def _step(action: str, entry: str, req: Request, store: str | None) -> None:
    from risk.lists import act

    _report(_run(store, lambda g: act(g, entry, req, load_policy())))


def _resolve(graph: GraphStore, text: str) -> NodeRef:
    """``Label:id``, a USCC, or a name that matches one company, person or agency."""
    from risk.lists import ENTITY_LABELS

    label, _, rest = text.partition(":")
    if label in ENTITY_LABELS and rest:
        return NodeRef(label, rest)
    hits = [n for n in graph.search(text, limit=10) if n.label in ENTITY_LABELS]
    exact = [n for n in hits if text in (n.id, n.props.get("uscc"), n.props.get("name"))]
    chosen = exact or hits
    if len(chosen) != 1:
        names = ", ".join(f"{n.label}:{n.id}" for n in chosen[:5]) or "nothing"
        raise TransitionRefused("unknown", f"{text!r} matches {names}; give Label:id")
    return chosen[0].ref


@lists_app.command()
def propose(entity: Annotated[str, typer.Argument(help="Label:id, USCC or name of a candidate")],
            by: ByOption, role: RoleOption, reason: ReasonOption, evidence: EvidenceOption = None,
            penalty: Annotated[str | None, typer.Option(help="Penalty decision no. relied on "
                                                             "(default: the finding's)")] = None,
            store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """Propose listing a candidate (opens an entry; evidence defaults to its findings)."""
    from risk.lists import open_entry

    def work(graph: GraphStore) -> Record:
        req = Request("propose", by, role, _day(as_of), reason, tuple(evidence or ()),
                      {"penalty": penalty} if penalty else {})
        return open_entry(graph, _resolve(graph, entity), req, load_policy())

    _report(_run(store, work))


def _simple(action: str, doc: str) -> None:
    def command(entry: EntryArg, by: ByOption, role: RoleOption, reason: ReasonOption,
                evidence: EvidenceOption = None, store: StoreOption = None,
                as_of: AsOfOption = None) -> None:
        _step(action, entry, Request(action, by, role, _day(as_of), reason, tuple(evidence or ())),
              store)

    command.__doc__ = doc
    lists_app.command(action.replace("_", "-"))(command)


for _action, _doc in (
        ("approve", "Approve a proposal (four-eyes: not by the proposer)."),
        ("reject", "Decide not to list (after review or after the hearing)."),
        ("notify", "Serve the notice of intended listing (告知书); opens the hearing window."),
        ("hearing", "Record the statement of defence / hearing (陈述申辩、听证) within the window."),
        ("publish", "Publish the decided listing; the term runs from today (--as-of)."),
        ("uphold", "The reconsideration or lawsuit upheld the listing."),
        ("overturn", "The reconsideration or lawsuit quashed the listing: remove it."),
        ("repair", "Record an application for credit repair / early removal (≥ 1 year listed)."),
        ("refuse_repair", "Refuse early removal; the listing continues.")):
    _simple(_action, _doc)


@lists_app.command()
def decide(entry: EntryArg, by: ByOption, role: RoleOption, reason: ReasonOption,
           term_years: Annotated[int | None, typer.Option(help="Term (default and maximum from "
                                                                 "the policy)")] = None,
           evidence: EvidenceOption = None, store: StoreOption = None,
           as_of: AsOfOption = None) -> None:
    """Decide the listing (after the hearing window; four-eyes: not by the proposer)."""
    inputs = {"term_years": term_years} if term_years else {}
    _step("decide", entry, Request("decide", by, role, _day(as_of), reason, tuple(evidence or ()),
                                   inputs), store)


@lists_app.command()
def appeal(entry: EntryArg, by: ByOption, role: RoleOption, reason: ReasonOption,
           evidence: EvidenceOption = None,
           forum: Annotated[str, typer.Option(help="行政复议 or 行政诉讼")] = "行政复议",
           store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """Record a reconsideration request or a lawsuit against the listing."""
    _step("appeal", entry, Request("appeal", by, role, _day(as_of), reason, tuple(evidence or ()),
                                   {"forum": forum}), store)


@lists_app.command()
def remove(entry: EntryArg, by: ByOption, role: RoleOption, reason: ReasonOption,
           condition: Annotated[list[str] | None, typer.Option(
               "--condition", help="A met condition (measures_expired, obligations_fulfilled, "
                                   "harm_remedied, no_new_heavier_penalty); repeatable")] = None,
           evidence: EvidenceOption = None, store: StoreOption = None,
           as_of: AsOfOption = None) -> None:
    """Remove early on a repair application (four-eyes: not by who recorded it)."""
    conditions = dict.fromkeys(condition or (), True)
    _step("remove", entry, Request("remove", by, role, _day(as_of), reason, tuple(evidence or ()),
                                   {"conditions": conditions}), store)


@lists_app.command()
def revoke(entry: EntryArg, by: ByOption, role: RoleOption, reason: ReasonOption,
           evidence: EvidenceOption = None,
           revoked_on: Annotated[str | None, typer.Option(help="Date the penalty was revoked")] = None,
           store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """The penalty the listing rests on was revoked: remove the listing (within policy days)."""
    inputs = {"penalty_revoked_on": _day(revoked_on).isoformat()} if revoked_on else {}
    _step("revoke", entry, Request("revoke", by, role, _day(as_of), reason, tuple(evidence or ()),
                                   inputs), store)


@lists_app.command()
def expire(entry: Annotated[str | None, typer.Argument(help="Entry id (default: every entry "
                                                            "whose term has run out)")] = None,
           by: Annotated[str, typer.Option("--by")] = SYSTEM,
           role: Annotated[str, typer.Option("--role")] = SYSTEM,
           reason: Annotated[str, typer.Option("--reason")] = "列入期限届满，自动移出",
           store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """Record automatic removal of listings whose term ended (what the scheduler runs)."""
    from risk.list_expiry import expire_due
    from risk.lists import act

    day = _day(as_of)

    def work(graph: GraphStore) -> list[Record]:
        if entry:
            return [act(graph, entry, Request("expire", by, role, day, reason), load_policy())]
        return expire_due(graph, day, load_policy(), by, role, reason)

    records = _run(store, work)
    _print([{"entry": r.subject.id, "transition": r.id, "at": r.at} for r in records])


@lists_app.command()
def show(entry: EntryArg, store: StoreOption = None, as_of: AsOfOption = None,
         as_json: JsonOption = False) -> None:
    """The entry as of a date: state, deadlines, every transition, what may happen next."""
    from risk.lists import ACTIONS, STATE_NAMES, load_entry, replay

    node, chain = _run(store, lambda g: load_entry(g, entry))
    st = replay(chain, _day(as_of))
    data = {"entry": node.id, "as_of": _day(as_of).isoformat(), "state": st.state,
            "state_name": STATE_NAMES[st.state], "automatic_expiry": st.automatic,
            "facts": st.facts, "next": [a for a, spec in ACTIONS.items() if st.state in spec.sources],
            "transitions": [r.as_dict() for r in chain if r.at <= _day(as_of).isoformat()]}
    if as_json:
        _print(data)
        return
    console.print(f"{node.id}  {data['state_name']} ({st.state}) as of {data['as_of']}")
    for r in data["transitions"]:
        console.print(f"  {r['seq']:>2} {r['at']} {r['action']:<13} {r['by']} ({r['role']}): "
                      f"{r['reason']}  [{r['id'][:12]}]")
    console.print(f"  next: {', '.join(data['next']) or '—'}")


@lists_app.command()
def document(entry: EntryArg, kind: Annotated[str, typer.Option(
                 help="notice, decision or removal")] = "decision",
             fmt: Annotated[str, typer.Option("--format", help="text or html")] = "text",
             out: Annotated[Path | None, typer.Option(help="Write to this file")] = None,
             store: StoreOption = None) -> None:
    """Print (or write) the last document of that kind issued for the entry, as issued."""
    def work(graph: GraphStore) -> str:
        docs = [n for e in graph.incident(NodeRef("ListEntry", entry)) if e.type == "ISSUED_FOR"
                for n in [graph.get(e.start)] if n is not None and n.props.get("kind") == kind]
        if not docs:
            raise TransitionRefused("unknown", f"{entry} has no {kind} document")
        last = max(docs, key=lambda n: (str(n.props.get("issued_on")), str(n.props.get("number"))))
        return str(last.props["html" if fmt == "html" else "text"])

    text = _run(store, work)
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@lists_app.command("verify")
def verify_command(store: StoreOption = None) -> None:
    """Recompute every hash chain (list entries and leads); exit 1 if anything was tampered with."""
    problems = _run(store, verify)
    _print({"intact": not problems, "problems": [p.as_dict() for p in problems]})
    if problems:
        raise typer.Exit(1)


@lists_app.command("public-list")
def public_list(fmt: Annotated[str, typer.Option("--format", help="csv, json or html")] = "json",
                out: Annotated[Path | None, typer.Option(help="Write to this file")] = None,
                store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """The public list as of a date: only what may be published, ID numbers masked."""
    from risk.publish import FORMATS, export, write_export

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    day, policy = _day(as_of), load_policy()
    if out:
        count = _run(store, lambda g: write_export(g, day, policy, fmt, out))
        console.print(f"{count} entries → {out}")
    else:
        sys.stdout.write(_run(store, lambda g: export(g, day, policy, fmt)))


def restrictions_command(uscc: Annotated[str | None, typer.Option(help="USCC to check")] = None,
                         name: Annotated[str | None, typer.Option(help="Name to check")] = None,
                         store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """联合惩戒 check: the measures in force for a USCC or a name, with basis and end dates."""
    from risk.restrictions import check

    if bool(uscc) == bool(name):
        raise typer.BadParameter("give exactly one of --uscc or --name")
    result = _run(store, lambda g: check(g, _day(as_of), load_policy(), uscc=uscc, name=name))
    _print(result)
    if not result["found"]:
        raise typer.Exit(3)


@leads_app.command()
def sync(store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """Open a lead for every finding that has none (run after detect)."""
    from risk.leads import sync as run_sync

    _print({"opened": _run(store, lambda g: run_sync(g, _day(as_of), load_policy()))})


@leads_app.command()
def queue(store: StoreOption = None, as_of: AsOfOption = None,
          closed: Annotated[bool, typer.Option("--closed", help="Include closed leads")] = False
          ) -> None:
    """The ranked queue: strongest first, each with its evidence path."""
    from risk.leads import queue as ranked

    _print([v.as_dict() for v in _run(store, lambda g: ranked(g, _day(as_of), closed))])


def _lead_step(action: str, lead: str, req: Request, store: str | None) -> None:
    from risk.leads import act

    _report(_run(store, lambda g: act(g, lead, req, load_policy())))


LeadArg = Annotated[str, typer.Argument(help="Lead id, e.g. lead:<finding id>")]


@leads_app.command()
def assign(lead: LeadArg, by: ByOption, role: RoleOption, reason: ReasonOption,
           assignee: Annotated[str | None, typer.Option(help="Who works it (default --by)")] = None,
           store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """Take or assign a lead (status working)."""
    _lead_step("assign", lead, Request("assign", by, role, _day(as_of), reason,
                                       inputs={"assignee": assignee or by}), store)


@leads_app.command()
def close(lead: LeadArg, by: ByOption, role: RoleOption, reason: ReasonOption,
          outcome: Annotated[str, typer.Option(help="confirmed, referred, unfounded, duplicate")],
          evidence: EvidenceOption = None, store: StoreOption = None,
          as_of: AsOfOption = None) -> None:
    """Close a lead with its outcome (a labelled example for the supervised model)."""
    _lead_step("close", lead, Request("close", by, role, _day(as_of), reason,
                                      tuple(evidence or ()), {"outcome": outcome}), store)


@leads_app.command()
def reopen(lead: LeadArg, by: ByOption, role: RoleOption, reason: ReasonOption,
           store: StoreOption = None, as_of: AsOfOption = None) -> None:
    """Reopen a closed lead."""
    _lead_step("reopen", lead, Request("reopen", by, role, _day(as_of), reason), store)


@leads_app.command()
def history(store: StoreOption = None) -> None:
    """The labelled history: closed leads with outcome and label, as JSON."""
    from risk.leads import labelled_history

    _print(_run(store, labelled_history))
