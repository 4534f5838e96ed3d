"""What a user sees, in a real headless Chromium against the app on a loopback port.

Search by part of a Chinese name → open the profile → grade, a factor and a sourced fact are
visible → the network canvas holds the expected nodes → depth and click work → the pyvis export
downloads → search by USCC finds the same company.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.links import profile_href
from dashboard.server import RunningServer, start_background
from tests.dashboard import graph_factory as g

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
TIMEOUT_MS = 15_000

pytestmark = pytest.mark.browser


@pytest.fixture
def server(graph_store) -> Iterator[RunningServer]:
    with start_background(graph_store, host="127.0.0.1", port=0) as running:
        yield running


@pytest.fixture
def page(tmp_path: Path):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure_chromium.sh to install Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                     headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                      locale="zh-CN", accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        tab = context.new_page()
        tab.errors = []  # type: ignore[attr-defined]
        tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
        tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
        try:
            yield tab
        finally:
            context.close()
            browser.close()


def _cy_nodes_equal(page, expected: int) -> None:
    """Wait until the live cytoscape instance (not the props sent to it) holds ``expected``."""
    page.wait_for_function(
        f"() => {{ const el = document.querySelector('#profile-network');"
        f" return el && el._cyreg && el._cyreg.cy.nodes().length === {expected}; }}"
    )


def _search(page, text: str) -> None:
    box = page.locator("#search-input")
    box.fill(text)
    box.press("Enter")


def test_search_profile_network_export(server, page, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.goto(server.url)
    expect(page.locator(".app-header")).to_contain_text("ipcredit 知识产权信用监管")
    expect(page.locator("#app-counts")).to_contain_text("企业 2")

    # Part of the Chinese name, submitted with Enter.
    _search(page, "恒达纺织")
    hit = page.locator("a.search-hit", has_text=g.COMPANY_NAME)
    expect(hit).to_be_visible()
    expect(page.locator("#search-results")).to_contain_text("D 严重失信")
    hit.click()

    # The profile: grade, factor with its basis and document, a fact with its source title.
    expect(page.locator("#profile-title")).to_have_text(g.COMPANY_NAME)
    assert page.url.endswith(profile_href(g.COMPANY))
    grade = page.locator("#profile-grade")
    expect(grade).to_contain_text("312 / 1000")
    expect(grade.locator(".grade-badge")).to_contain_text("D")
    expect(grade).to_contain_text("名单候选")
    factor = page.locator("#profile-factors tbody tr", has_text="重复侵权")
    expect(factor).to_contain_text("-400")
    expect(factor).to_contain_text("第六十三条")
    expect(factor).to_contain_text(g.RULING_TITLE)
    fact = page.locator("#profile-facts tbody tr", has_text="被告 · 案件")
    expect(fact).to_contain_text(g.CASE.id)
    expect(fact).to_contain_text(g.RULING_TITLE)
    expect(fact).to_contain_text(g.LOADED)
    expect(page.locator("#profile-findings")).to_contain_text("构成重复侵权")

    # The network canvas holds the depth-1 neighbourhood, derived nodes hidden.
    expect(page.locator("#profile-network canvas").first).to_be_visible()
    _cy_nodes_equal(page, g.DEPTH1_NODES)
    page.screenshot(path=str(tmp_path / "profile.png"), full_page=True)

    page.locator("#profile-depth label", has_text="2 跳").click()
    _cy_nodes_equal(page, g.DEPTH2_NODES)
    expect(page.locator("#profile-network-status")).to_contain_text(f"{g.DEPTH2_NODES} 个节点")
    page.locator("#profile-show-derived label").click()
    _cy_nodes_equal(page, g.DEPTH2_WITH_DERIVED)
    page.locator("#profile-show-derived label").click()
    page.locator("#profile-depth label", has_text="1 跳").click()
    _cy_nodes_equal(page, g.DEPTH1_NODES)

    # Clicking a node shows its summary and a link to its profile.
    page.evaluate(
        "id => { document.querySelector('#profile-network')._cyreg.cy.getElementById(id)"
        ".emit('tap'); }", f"Person:{g.PERSON.id}")
    expect(page.locator("#profile-node-info")).to_contain_text("张伟")
    expect(page.locator("#profile-node-link")).to_have_attribute("href", profile_href(g.PERSON))

    # The pyvis export downloads a standalone file of the same neighbourhood.
    with page.expect_download() as download_info:
        page.locator("#profile-export").click()
    download = download_info.value
    assert download.suggested_filename == f"network_{g.COMPANY_NAME}.html"
    exported = Path(download.path()).read_text(encoding="utf-8")
    assert "vis-network" in exported and exported.count('"from":') == g.DEPTH1_EDGES

    # Follow the summary link, then search by USCC from the home page.
    page.locator("#profile-node-link").click()
    expect(page.locator("#profile-title")).to_have_text("张伟")
    expect(page.locator("#profile-facts")).to_contain_text(g.COMPANY_NAME)
    page.locator("#app-brand").click()
    _search(page, g.USCC)
    first = page.locator("a.search-hit").first
    expect(first).to_have_text(g.COMPANY_NAME)
    expect(first).to_have_attribute("href", profile_href(g.COMPANY))
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)

    assert page.errors == []  # type: ignore[attr-defined]


def test_unknown_entity_shows_not_found(server, page) -> None:
    from playwright.sync_api import expect

    page.goto(server.url + "/entity/Company/no-such-company")
    expect(page.locator("#notfound-message")).to_contain_text("未找到企业")


def test_the_demo_province_shows_the_shell_company_graded_d_with_its_reasons(page, tmp_path: Path):
    """The pipeline's own output (not a hand-built graph) as a credit officer sees it."""
    from datetime import date

    from playwright.sync_api import expect
    from rich.console import Console

    from ipcredit.demo import run_demo

    _summary, store = run_demo(tmp_path / "demo", date(2026, 11, 25), Console(quiet=True))
    with start_background(store, host="127.0.0.1", port=0) as running:
        page.goto(running.url)
        _search(page, "恒盛")
        link = page.locator("a", has_text="苏州恒盛商贸有限公司").first
        expect(link).to_be_visible()
        link.click()
        body = page.locator("body")
        expect(body).to_contain_text("1000")  # the score scale of the grade card
        expect(body).to_contain_text("repeat_infringement")
        expect(body).to_contain_text("第六十条")
        expect(body).to_contain_text("2024-su0505-minchu-789.html")
        expect(page.locator("body")).to_contain_text("王建国")
        page.screenshot(path=str(tmp_path / "demo-profile.png"), full_page=True)
        assert "尚未评级" not in body.inner_text()
    assert not page.errors, page.errors
    store.close()
