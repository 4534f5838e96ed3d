"""The trademark register as the trademark detectors read it: each mark with its applicant,
owners, agency, assignments, oppositions and invalidations, and whether a decision has found it
infringed — everything known on the as-of date, read in one projection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from graph.projection import documents_of, fetch
from graph.records import NodeRef
from graph.snapshot import read_plan, shared
from graph.store import GraphStore
from risk.changes import reads_of
from risk.detectors.repeat_infringement import established_on

_RELS = ("APPLIED_FOR", "OWNS", "ASSIGNED_TO", "AGENT_FOR", "OPPOSED", "INVALIDATION_REQUESTED",
         "INFRINGES")
_PARTY = ("name", "former_names", "scope")
# What ``load`` reads: every relationship at a Trademark, the marks whole, the names and scope of
# the parties, and when an infringement of a mark was established.
REGISTER_READS = reads_of({rel: ("Trademark",) for rel in _RELS},
                       {"Trademark": None, "Company": _PARTY, "Person": _PARTY, "Agency": _PARTY,
                        "Infringement": ("reversed", "effective_date", "date")})
# What a full run of a detector building the register reads (its ``ReadCache`` keeps only this).
REGISTER_PLAN = read_plan(
    {"Trademark": ("mark", "nice_class", "filed", "registered", "status", "famous", "famous_since"),
     "Company": _PARTY, "Person": _PARTY, "Agency": _PARTY,
     "Infringement": ("reversed", "effective_date", "date"),
     "Patent": ()},  # at the other end of the same edge types
    {rel: ("date", "outcome") for rel in _RELS},
    sources=("Trademark",))


def day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Challenge:
    kind: str  # OPPOSED | INVALIDATION_REQUESTED
    party: NodeRef
    on: date | None
    outcome: str | None  # 成立 | 不成立 | 部分成立 | None (pending)


@dataclass
class Mark:
    ref: NodeRef
    text: str
    nice: int | None
    filed: date | None
    registered: date | None
    status: str
    famous: bool
    documents: tuple[str, ...]
    applicants: list[NodeRef] = field(default_factory=list)
    owners: list[NodeRef] = field(default_factory=list)
    agencies: list[NodeRef] = field(default_factory=list)
    assignments: list[tuple[NodeRef, date | None]] = field(default_factory=list)
    challenges: list[Challenge] = field(default_factory=list)
    enforced: bool = False  # a decision on or before the as-of date found it infringed

    @property
    def holders(self) -> set[NodeRef]:
        """Everyone who applied for, owns or received the mark: none of them copies it."""
        return set(self.applicants) | set(self.owners) | {who for who, _ in self.assignments}


@dataclass
class Register:
    marks: dict[NodeRef, Mark]
    parties: dict[NodeRef, dict]  # props of applicants, owners, agencies, challengers
    by_applicant: dict[NodeRef, list[Mark]]
    by_agency: dict[NodeRef, list[Mark]]
    # assessments of this register by policy (``bad_faith_trademark.assess``), computed once
    assessed: dict = field(default_factory=dict, repr=False, compare=False)


def load(store: GraphStore, as_of: date) -> Register:
    """Every trademark filed by ``as_of`` (well-known marks whatever their date), with the events
    dated by then. Built once per run and shared by the detectors that read it."""
    return shared(store, ("trademark_register", as_of), lambda: _load(store, as_of))


def _load(store: GraphStore, as_of: date) -> Register:
    nodes, edges = fetch(store, _RELS)
    marks: dict[NodeRef, Mark] = {}
    for ref, node in nodes.items():
        if ref.label != "Trademark":
            continue
        props = node.props
        filed = day(props.get("filed"))
        famous = bool(props.get("famous")) and (day(props.get("famous_since")) or as_of) <= as_of
        if filed is not None and filed > as_of and not famous:
            continue
        nice = props.get("nice_class")
        registered = day(props.get("registered"))
        marks[ref] = Mark(ref, str(props.get("mark") or ""), int(nice) if nice else None, filed,
                          registered if registered and registered <= as_of else None,
                          str(props.get("status") or ""), famous,
                          tuple(documents_of(node.sources)))
    parties: dict[NodeRef, dict] = {}
    for edge in edges:
        start, end, kind, props = edge.start, edge.end, edge.type, edge.props
        mark = marks.get(end if kind != "ASSIGNED_TO" else start)
        if mark is None:
            continue
        other = start if kind != "ASSIGNED_TO" else end
        when = day(props.get("date"))
        if kind == "INFRINGES":
            on = established_on(nodes[start].props)
            mark.enforced = mark.enforced or (on is not None and on <= as_of)
            continue
        if when is not None and when > as_of:
            continue
        parties[other] = nodes[other].props
        if kind == "APPLIED_FOR":
            mark.applicants.append(other)
        elif kind == "OWNS":
            mark.owners.append(other)
        elif kind == "AGENT_FOR":
            mark.agencies.append(other)
        elif kind == "ASSIGNED_TO":
            mark.assignments.append((other, when))
        else:
            outcome = props.get("outcome")
            mark.challenges.append(Challenge(kind, other, when, str(outcome) if outcome else None))
    by_applicant: dict[NodeRef, list[Mark]] = {}
    by_agency: dict[NodeRef, list[Mark]] = {}
    for mark in sorted(marks.values(), key=lambda m: (m.filed or date.min, m.ref)):
        for who in mark.applicants:
            by_applicant.setdefault(who, []).append(mark)
        for agency in mark.agencies:
            by_agency.setdefault(agency, []).append(mark)
    return Register(marks, parties, by_applicant, by_agency)
