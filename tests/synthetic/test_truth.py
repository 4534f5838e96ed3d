"""The truth's repeat-infringer rule is the detector's: checked on random small worlds written
straight into a graph (no documents, no extraction), so only the two rules are compared."""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.embedded import EmbeddedStore
from graph.records import Edge, Node, NodeRef
from ingest.resolve import person_id
from ingest.synthetic.names import INDUSTRIES
from ingest.synthetic.registry import Company, Holding, Person, Registry
from ingest.synthetic.truth import Event, repeat_infringers
from risk.detectors import RepeatInfringement
from risk.policy import load_policy

AS_OF = date(2025, 6, 30)
# Dates around the edges of the five-year window and of as_of.
OFFSETS = (-1830, -1827, -1826, -1825, -1700, -900, -30, -1, 0, 1, 200)


def _world(seed: int) -> tuple[list[Company], list[Event]]:
    rng = random.Random(seed)
    reg = Registry(rng)
    people = [reg.person() for _ in range(rng.randrange(1, 4))]
    companies = []
    for _ in range(rng.randrange(2, 6)):
        company = reg.company(rng.choice(INDUSTRIES), date(2010, 1, 1), legal_rep=rng.choice(people))
        # a registration lists each shareholder once (with the total stake)
        holders = rng.sample(people, rng.randrange(0, min(3, len(people) + 1)))
        company.shareholders = [Holding(rng.choice((0.3, 0.49, 0.5, 0.51, 1.0)), holder)
                                for holder in holders]
        companies.append(company)
    events = [Event(rng.choice(companies), AS_OF + timedelta(days=rng.choice(OFFSETS)), f"c{i}", ())
              for i in range(rng.randrange(0, 6))]
    return companies, events


def _graph(store: EmbeddedStore, companies: list[Company], events: list[Event]) -> None:
    def person(p: Person, company: Company) -> NodeRef:
        return NodeRef("Person", person_id(p.name, p.id_number, company.uscc))

    nodes = [Node("Company", c.uscc, {"name": c.name}) for c in companies]
    edges = []
    for c in companies:
        nodes.append(Node("Person", person(c.legal_rep, c).id, {"name": c.legal_rep.name}))
        edges.append(Edge("LEGAL_REP_OF", person(c.legal_rep, c), NodeRef("Company", c.uscc)))
        for h in c.shareholders:
            assert h.person is not None
            nodes.append(Node("Person", person(h.person, c).id, {"name": h.person.name}))
            edges.append(Edge("SHAREHOLDER_OF", person(h.person, c), NodeRef("Company", c.uscc),
                              {"stake": h.stake}))
    for e in events:
        case = Node("Case", e.number, {"judgment_date": e.on.isoformat()}, [f"doc{e.number}@0-1"])
        inf = Node("Infringement", f"inf:{e.number}", {"date": e.on.isoformat()})
        nodes += [case, inf]
        edges += [Edge("COMMITTED", NodeRef("Company", e.company.uscc), inf.ref),
                  Edge("FOUND_IN", inf.ref, case.ref)]
    store.write(nodes, edges)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_truth_flags_exactly_what_the_detector_flags(seed):
    companies, events = _world(seed)
    expected = {line["uscc"] for line in repeat_infringers(companies, events, AS_OF)}
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(tmp) as store:
        store.ensure_schema()
        _graph(store, companies, events)
        found = {f.entity.id for f in RepeatInfringement().run(store, load_policy(), AS_OF)}
    assert found == expected


def test_a_shell_inherits_history_only_through_a_controller():
    reg = Registry(random.Random(1))
    boss, other = reg.person(), reg.person()
    old = reg.company(INDUSTRIES[0], date(2015, 1, 1), legal_rep=boss)
    shell = reg.company(INDUSTRIES[0], date(2021, 1, 1), legal_rep=other, owner=boss)
    shell.shareholders = [Holding(0.5, boss), Holding(0.5, other)]
    minority = reg.company(INDUSTRIES[0], date(2021, 1, 1), legal_rep=other)
    minority.shareholders = [Holding(0.49, boss)]
    events = [Event(old, date(2022, 1, 1), "a", ()), Event(shell, date(2024, 1, 1), "b", ()),
              Event(minority, date(2024, 2, 1), "c", ())]
    flagged = {line["uscc"]: line for line in repeat_infringers([old, shell, minority], events, AS_OF)}
    # the minority company shares ``other`` as legal rep with the shell, so it is linked too
    assert set(flagged) == {old.uscc, shell.uscc, minority.uscc}
    assert flagged[old.uscc]["via_shells"] == 1
    alone = repeat_infringers([old, minority], events[::2], AS_OF)
    assert alone == []  # a 0.49 stake does not make boss a controller of ``minority``
