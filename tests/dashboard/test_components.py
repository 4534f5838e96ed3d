"""The pure builders behind the pages, on a real embedded store."""

from __future__ import annotations

import json

import pytest

from dashboard.components.common import fmt_value
from dashboard.components.export import export_filename, pyvis_html
from dashboard.components.facts import fact_rows, ordered_properties
from dashboard.components.findings import findings_for
from dashboard.components.grade import factor_rows, grade_node, grade_view
from dashboard.components.network import collect, cyto_elements, element_id
from dashboard.components.provenance import DocumentIndex, split_source
from dashboard.links import parse_profile_path, profile_href
from graph.records import Node, NodeRef
from tests.dashboard import graph_factory as g


@pytest.mark.parametrize("ref", [
    g.COMPANY, g.CASE, g.PERSON, g.PENALTY, NodeRef("Address", "addr:a/b?c#d%e"),
])
def test_profile_href_round_trips_awkward_ids(ref: NodeRef) -> None:
    href = profile_href(ref)
    assert href.count("/") == 3
    assert parse_profile_path(href) == ref


@pytest.mark.parametrize("path", [None, "", "/", "/entity/", "/entity/Company", "/other/x/y"])
def test_non_profile_paths_are_not_parsed(path: str | None) -> None:
    assert parse_profile_path(path) is None


def test_split_source() -> None:
    assert split_source(f"{g.RULING}@120-160") == (g.RULING, "120-160")
    assert split_source(g.RULING) == (g.RULING, "")


def test_document_index_resolves_titles_and_flags_unknown_documents(graph_store) -> None:
    docs = DocumentIndex(graph_store)
    known = docs.resolve(f"{g.RULING}@120-160")
    assert (known.title, known.position, known.known) == (g.RULING_TITLE, "120-160", True)
    assert known.path.endswith("123.txt")
    missing = docs.resolve("f" * 64 + "@r9")
    assert not missing.known and missing.title.startswith("文件 ffffffffffff")


def test_factor_rows_carry_points_basis_and_source_titles(graph_store) -> None:
    view = grade_view(grade_node(graph_store, g.COMPANY), DocumentIndex(graph_store))
    assert (view.grade, view.score, view.candidate) == ("D", 312, True)
    first = view.factors[0]
    assert (first.name, first.points, first.policy_entry) == ("重复侵权", -400, "十二.1")
    assert "第六十三条" in first.basis
    assert [d.title for d in first.documents] == [g.RULING_TITLE, g.PENALTY_TITLE]
    assert not view.error


def test_unreadable_factors_are_reported_not_hidden(graph_store) -> None:
    node = grade_node(graph_store, g.COMPANY)
    node.props["factors"] = "{not json"
    view = grade_view(node, DocumentIndex(graph_store))
    assert view.factors == [] and "无法解析" in view.error


def test_factor_rows_accept_lists_and_reject_non_lists(graph_store) -> None:
    docs = DocumentIndex(graph_store)
    rows = factor_rows([{"name": "x", "points": "12.5", "documents": []}], docs)
    assert rows[0].points == 12.5
    with pytest.raises(ValueError):
        factor_rows(json.dumps({"name": "x"}), docs)


def test_only_graded_labels_have_grades(graph_store) -> None:
    assert grade_node(graph_store, g.CASE) is None
    assert grade_node(graph_store, g.PLAINTIFF) is None


def test_fact_rows_read_from_the_viewed_node_with_sources(graph_store) -> None:
    rows = fact_rows(graph_store, g.COMPANY, DocumentIndex(graph_store))
    by_other = {r.other: r for r in rows}
    assert set(by_other) == {g.PERSON, g.CASE, g.PENALTY, g.INFRINGEMENT, g.ADDRESS}
    assert by_other[g.PERSON].phrase == "法定代表人" and not by_other[g.PERSON].outgoing
    case = by_other[g.CASE]
    assert case.phrase == "被告 · 案件" and case.props == {"role": "被告"}
    assert [(d.title, d.position) for d in case.sources] == [(g.RULING_TITLE, "120-160")]
    assert case.loaded_at == g.LOADED
    assert by_other[g.PENALTY].phrase == "受到处罚"
    assert all(r.sources for r in rows), "every fact names its source document"


def test_fact_rows_from_the_other_end(graph_store) -> None:
    rows = fact_rows(graph_store, g.CASE, DocumentIndex(graph_store))
    phrases = {(r.phrase, r.other) for r in rows}
    assert ("被告", g.COMPANY) in phrases and ("原告", g.PLAINTIFF) in phrases
    assert ("审理法院", g.COURT) in phrases
    assert all(r.rel != "EVIDENCED_BY" or r.other == g.FINDING for r in rows)


def test_properties_follow_schema_order(graph_store) -> None:
    rows = ordered_properties(graph_store, graph_store.get(g.COMPANY))
    assert [r.key for r in rows][:3] == ["id", "name", "uscc"]
    assert rows[2].name == "统一社会信用代码"


def test_findings_with_evidence_captions_and_documents(graph_store) -> None:
    [finding] = findings_for(graph_store, g.COMPANY, DocumentIndex(graph_store))
    assert (finding.kind, finding.score) == ("重复侵权", 0.92)
    assert [(e.ref, e.caption, e.exists) for e in finding.evidence] == [
        (g.CASE, g.CASE.id, True), (g.PENALTY, g.PENALTY.id, True)]
    assert [d.title for d in finding.documents] == [g.RULING_TITLE, g.PENALTY_TITLE]
    assert findings_for(graph_store, g.PLAINTIFF, DocumentIndex(graph_store)) == []


@pytest.mark.parametrize(("depth", "show", "nodes"), [
    (1, False, g.DEPTH1_NODES), (2, False, g.DEPTH2_NODES), (1, True, g.DEPTH1_WITH_DERIVED),
    (2, True, g.DEPTH2_WITH_DERIVED),
])
def test_neighbourhood_hides_derived_labels_by_default(graph_store, depth, show, nodes) -> None:
    hood = collect(graph_store, g.COMPANY, depth, show_derived=show)
    assert len(hood.nodes) == nodes
    labels = {n.label for n in hood.nodes}
    assert show or not labels & {"Grade", "Finding", "Document"}


def test_neighbourhood_of_a_derived_node_keeps_it(graph_store) -> None:
    hood = collect(graph_store, g.FINDING, 1)
    assert g.FINDING in {n.ref for n in hood.nodes}
    assert {n.ref for n in hood.nodes} == {g.FINDING, g.COMPANY, g.CASE, g.PENALTY}


def test_neighbourhood_limit_marks_truncation(graph_store) -> None:
    hood = collect(graph_store, g.COMPANY, 2, limit=3)
    assert len(hood.nodes) == 3 and hood.truncated


def test_cyto_elements(graph_store) -> None:
    hood = collect(graph_store, g.COMPANY, 1)
    elements = cyto_elements(hood, graph_store.model)
    nodes = [e for e in elements if "source" not in e["data"]]
    edges = [e for e in elements if "source" in e["data"]]
    assert (len(nodes), len(edges)) == (g.DEPTH1_NODES, g.DEPTH1_EDGES)
    focus = next(e for e in nodes if "focus" in e["classes"])
    assert focus["data"]["id"] == element_id(g.COMPANY)
    assert focus["data"]["caption"] == g.COMPANY_NAME
    assert focus["data"]["href"] == profile_href(g.COMPANY)
    assert {e["classes"].split()[0] for e in nodes} >= {"Company", "Person", "Case"}
    ids = {e["data"]["id"] for e in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    legal = next(e for e in edges if e["data"]["type"] == "LEGAL_REP_OF")
    assert legal["data"]["label"] == "法定代表人"
    assert legal["data"]["source"] == element_id(g.PERSON)


def test_pyvis_export_is_standalone_and_matches_the_view(graph_store) -> None:
    hood = collect(graph_store, g.COMPANY, 1)
    page = pyvis_html(hood, graph_store, "测试网络")
    assert "vis-network" in page and "cdnjs" not in page  # scripts inlined, works offline
    escaped = json.dumps([g.COMPANY_NAME, "法定代表人"])[1:-1]  # pyvis writes JSON escapes
    assert all(text.strip('" ') in page for text in escaped.split(","))
    assert page.count('"from":') == g.DEPTH1_EDGES
    assert g.RULING_TITLE in page and "<title>测试网络</title>" in page  # the facts table
    assert page.count("<tr><td>") == g.DEPTH1_EDGES
    assert export_filename(g.COMPANY_NAME, g.COMPANY.id) == f"network_{g.COMPANY_NAME}.html"
    assert export_filename("a/b: c", "x") == "network_a_b_c.html"


def test_fmt_value() -> None:
    assert fmt_value(True) == "是" and fmt_value(["a", "b"]) == "a、b"
    assert len(fmt_value("x" * 500)) == 240


def test_node_without_caption_property_falls_back_to_id(graph_store) -> None:
    graph_store.write([Node("Company", "name:无名", {})])
    hood = collect(graph_store, NodeRef("Company", "name:无名"), 1)
    assert cyto_elements(hood, graph_store.model)[0]["data"]["caption"] == "name:无名"


def test_a_finding_lists_its_entity_as_a_fact(graph_store) -> None:
    rows = fact_rows(graph_store, g.FINDING, DocumentIndex(graph_store))
    assert ("FINDING_ABOUT", g.COMPANY) in {(r.rel, r.other) for r in rows}
    assert "FINDING_ABOUT" not in {
        r.rel for r in fact_rows(graph_store, g.COMPANY, DocumentIndex(graph_store))}
