"""Each detector's read plan is what it reads: a run through a ``ReadCache`` that keeps only the
plan finds exactly what a run that keeps everything finds, and a recording cache catches any
property or source a detector reads beyond its plan (the plan would drop it at scale)."""

from __future__ import annotations

import pytest

from graph.snapshot import ReadCache, ReadPlan, read_plan
from risk.detectors import DETECTORS
from risk.engine import GRADE_PLAN, detect, grade_all, grade_inputs
from risk.models.officer import read_history, train
from risk.policy import load_policy
from tests.risk.recording import EVERY, RecordingCache
from tests.synthetic.scoring import build

COMPANIES, SEED = 500, 2026
# more of the rare planted kinds than the default mix, so every detector has findings to compare
MIX = {"malicious_litigants": 0.006, "risky_agencies": 0.004}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A 500-company synthetic province loaded into an embedded store (a few seconds)."""
    out = tmp_path_factory.mktemp("plans")
    store, as_of, _ = build(out, COMPANIES, SEED, MIX)
    yield store, as_of, out
    store.close()


@pytest.fixture(scope="module")
def province(built):
    store, as_of, _ = built
    return store, as_of


@pytest.fixture(scope="module")
def graded(built):
    """The province with its findings stored, and the officers' model trained on its history."""
    store, as_of, out = built
    policy = load_policy()
    detect(store, policy, as_of)
    model = train(read_history(out / "truth" / "officer_decisions.jsonl"), policy)
    return store, as_of, model


@pytest.mark.parametrize("name", sorted(DETECTORS))
def test_a_detector_reads_nothing_beyond_its_plan(province, name):
    store, as_of = province
    detector = DETECTORS[name]
    recorder = RecordingCache(store)
    assert detector.run(recorder, load_policy(), as_of), f"{name} found nothing: the check is void"
    _assert_within(recorder, detector.plan, name)


def _assert_within(recorder: RecordingCache, plan: ReadPlan, name: str) -> None:
    planned = {**plan.nodes, **plan.edges}
    assert recorder.loaded <= set(planned), f"{name} reads {recorder.loaded - set(planned)} unplanned"
    for kind, keys in recorder.read().items():
        wanted = planned[kind]
        if wanted is not None:
            assert EVERY not in keys, f"{name} reads every property of {kind}: plan None"
            assert keys <= wanted, f"{name} reads {sorted(keys - wanted)} of {kind} beyond its plan"
    assert recorder.sources <= plan.sources, f"{name} reads sources of {recorder.sources - plan.sources}"


@pytest.mark.parametrize("name", sorted(DETECTORS))
def test_a_run_keeping_only_the_plan_finds_the_same(province, name):
    store, as_of = province
    detector, policy = DETECTORS[name], load_policy()
    whole = detector.run(ReadCache(store), policy, as_of)
    planned = detector.run(ReadCache(store, detector.plan), policy, as_of)
    assert planned == whole


def test_a_plan_keeps_only_the_planned_properties_and_sources(province):
    store, _ = province
    plan = read_plan({"Company": ("name",)}, {"SHAREHOLDER_OF": ()}, sources=("SHAREHOLDER_OF",))
    cache = ReadCache(store, plan)
    companies = list(cache.nodes("Company"))
    assert companies and all(set(c.props) <= {"name"} and not c.sources for c in companies)
    assert any(c.props for c in companies)
    stakes = list(cache.edges(["SHAREHOLDER_OF"]))
    assert stakes and all(not e.props and e.sources for e in stakes)
    patents = list(cache.nodes("Patent"))  # not in the plan: read whole
    assert patents and all(p.props.get("title") and p.sources for p in patents)


def test_edge_ends_read_through_a_cache_are_shared(province):
    store, _ = province
    cache = ReadCache(store)
    edges = list(cache.edges(["LEGAL_REP_OF", "SHAREHOLDER_OF"]))
    by_value: dict = {}
    for edge in edges:
        for end in (edge.start, edge.end):
            assert by_value.setdefault(end, end) is end  # one object per node, however many edges
    company = next(cache.nodes("Company"))
    assert any(e.end is not company.ref for e in edges)  # sanity: refs compared by identity above


def test_plans_combine_by_union():
    a = read_plan({"Company": ("name",), "Patent": None}, {"OWNS": ()}, sources=("Patent",))
    b = read_plan({"Company": ("scope",)}, {"OWNS": ("date",)}, sources=("Case",))
    both = a | b
    assert both.nodes == {"Company": frozenset({"name", "scope"}), "Patent": None}
    assert both.edges == {"OWNS": frozenset({"date"})}
    assert both.sources == {"Patent", "Case"}


@pytest.mark.parametrize("with_model", [False, True], ids=["rules", "officers-model"])
def test_grading_reads_nothing_beyond_its_plan(graded, with_model):
    store, as_of, model = graded
    recorder = RecordingCache(store)
    graph, entities, findings, infringements = grade_inputs(
        recorder, load_policy(), as_of, model if with_model else None)
    assert findings and infringements, "nothing to grade on: the check is void"
    grade_all(graph, load_policy(), as_of, entities, findings, model if with_model else None,
              infringements)
    _assert_within(recorder, GRADE_PLAN, "grade")


@pytest.mark.parametrize("with_model", [False, True], ids=["rules", "officers-model"])
def test_grading_through_its_plan_gives_the_same_grades(graded, with_model):
    store, as_of, model = graded
    model = model if with_model else None
    policy = load_policy()

    def grades(reader: ReadCache) -> list:
        graph, entities, findings, infringements = grade_inputs(reader, policy, as_of, model)
        return grade_all(graph, policy, as_of, entities, findings, model, infringements)

    whole, planned = grades(ReadCache(store)), grades(ReadCache(store, GRADE_PLAN))
    assert len(whole) >= COMPANIES and planned == whole  # grades with their factors
    assert {g.grade for g in whole} >= {"A", "C"}  # graded on something, not all alike
    if with_model:
        assert any(f.name == "officer_model" for g in whole for f in g.factors)
