"""Pages and callbacks, called directly: routing, search, network redraw, click, export."""

from __future__ import annotations

from dash import no_update

from dashboard.app import APP_NAME, create_app, label_counts, route
from dashboard.links import profile_href
from dashboard.pages import profile, search
from graph.embedded import EmbeddedStore
from tests.dashboard import graph_factory as g
from tests.dashboard.helpers import by_id, hrefs, text_of


def test_search_by_part_of_a_chinese_name_lists_both_companies_with_grades(graph_store) -> None:
    hits = search.search_hits(graph_store, "恒达")
    by_ref = {h.ref: h for h in hits}
    assert {g.COMPANY, g.PLAINTIFF} <= set(by_ref)
    assert (by_ref[g.COMPANY].grade, by_ref[g.COMPANY].candidate) == ("D", True)
    assert by_ref[g.PLAINTIFF].grade == ""
    assert by_ref[g.COMPANY].href == profile_href(g.COMPANY)


def test_search_by_identifiers(graph_store) -> None:
    assert search.search_hits(graph_store, g.USCC)[0].ref == g.COMPANY
    assert search.search_hits(graph_store, g.CASE.id)[0].ref == g.CASE
    assert search.search_hits(graph_store, "  ") == []


def test_search_results_render_links_and_empty_message(graph_store) -> None:
    rendered = search.render_hits(search.search_hits(graph_store, "恒达纺织"), "恒达纺织")
    assert profile_href(g.COMPANY) in hrefs(rendered)
    assert "D 严重失信" in text_of(rendered)
    assert "未找到" in text_of(search.render_hits([], "不存在的公司"))


def test_routes(graph_store) -> None:
    home = route(graph_store, "/", "?q=恒达纺织")
    assert by_id(home, "search-input").value == "恒达纺织"
    assert profile_href(g.COMPANY) in hrefs(home)
    page = route(graph_store, profile_href(g.COMPANY), "")
    text = text_of(page)
    assert g.COMPANY_NAME in text and "312 / 1000" in text and "重复侵权" in text
    assert g.RULING_TITLE in text and "被告 · 案件" in text
    assert "未找到" in text_of(route(graph_store, profile_href(g.COMPANY) + "X", ""))
    assert "页面不存在" in text_of(route(graph_store, "/nowhere", ""))


def test_profile_of_a_document_and_of_an_ungraded_node(graph_store) -> None:
    doc = text_of(route(graph_store, f"/entity/Document/{g.RULING}", ""))
    assert "rulings/2021_su05_zhiminchu_123.txt" in doc
    case = text_of(route(graph_store, profile_href(g.CASE), ""))
    assert "尚未评级" in case and "原告" in case


def test_initial_network_matches_depth_one(graph_store) -> None:
    page = profile.layout(graph_store, g.COMPANY)
    elements = by_id(page, "profile-network").elements
    assert sum("source" not in e["data"] for e in elements) == g.DEPTH1_NODES


def test_redraw_follows_depth_and_toggle(graph_store) -> None:
    data = {"label": g.COMPANY.label, "id": g.COMPANY.id}
    elements, layout, status, _legend = profile.redraw(graph_store, 2, [], data)
    assert sum("source" not in e["data"] for e in elements) == g.DEPTH2_NODES
    assert status.startswith(f"{g.DEPTH2_NODES} 个节点")
    elements, layout2, _, _ = profile.redraw(graph_store, 1, [profile.SHOW_DERIVED], data)
    assert sum("source" not in e["data"] for e in elements) == g.DEPTH1_WITH_DERIVED
    assert layout != layout2, "a new layout dict makes cytoscape lay the new elements out"
    assert profile.redraw(graph_store, 1, [], None) == (no_update,) * 4


def test_clicked_node_summary_links_to_its_profile(graph_store) -> None:
    summary = profile.clicked_node(graph_store, {"kind": "Person", "node_id": g.PERSON.id})
    assert "张伟" in text_of(summary)
    assert hrefs(summary) == [profile_href(g.PERSON)]
    assert profile.clicked_node(graph_store, None) is no_update


def test_export_download(graph_store) -> None:
    data = {"label": g.COMPANY.label, "id": g.COMPANY.id}
    download = profile.export_download(graph_store, 1, 2, [], data)
    assert download["filename"] == f"network_{g.COMPANY_NAME}.html"
    assert download["type"] == "text/html" and "<html" in download["content"]
    assert profile.export_download(graph_store, 0, 1, [], data) is no_update


def test_app_wires_pages_and_counts(graph_store) -> None:
    app = create_app(graph_store)
    assert app.title == APP_NAME
    outputs = " ".join(app.callback_map)
    for target in ("app-page.children", "search-results.children", "profile-network.elements",
                   "profile-node-info.children", "profile-download.data"):
        assert target in outputs
    counts = dict(label_counts(graph_store))
    assert counts["Company"] == 2 and "PARTY_TO" not in counts


def test_two_apps_do_not_share_state(graph_store, tmp_path) -> None:
    other = EmbeddedStore(tmp_path / "empty")
    try:
        create_app(graph_store)
        create_app(other)
        assert search.search_hits(other, "恒达") == []
        assert search.search_hits(graph_store, "恒达")
    finally:
        other.close()


def test_grade_and_finding_profiles_explain_themselves(graph_store) -> None:
    finding = route(graph_store, profile_href(g.FINDING), "")
    text = text_of(finding)
    assert "构成重复侵权" in text and "涉及主体" in text and g.COMPANY_NAME in text
    grade = route(graph_store, profile_href(g.GRADE), "")
    assert "重复侵权" in text_of(by_id(grade, "profile-factors"))
    assert profile_href(g.COMPANY) in hrefs(grade)
