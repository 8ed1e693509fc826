"""The graph pages in a real headless Chromium (issue 6 "Browser tests", issue 8 "HTML").

One browser for the whole session. For each view the page must load with no console
error and no request to anything but ``file:``/``data:``, show exactly the networkx
graph's nodes and edges, show a term's definition on hover, and render hostile labels
as text without running them. A screenshot of each view goes to ``build/screenshots/``
for a human to look at.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from copro_kg import reasoning
from copro_kg.io import sources as loading
from copro_kg.viz import convert, html, views

from .conftest import DATA_DIR, REPO_ROOT

pytestmark = pytest.mark.browser

GRAPH_DATA = DATA_DIR / "graph"
SCREENSHOTS = REPO_ROOT / "build" / "screenshots"
C = "https://w3id.org/copro-kg/"
# The term to hover in each view, and the start of its definition (glossary text).
HOVER = {
    "all": (C + "consultation", "A formal process by which policy makers"),
    "spectrum": (C + "consultation", "A formal process by which policy makers"),
    "cycle": (C + "co-design", "Co-design sees the design decisions"),
    "hierarchy": (C + "co-design", "Co-design sees the design decisions"),
}


@pytest.fixture(scope="session")
def hostile_graph() -> nx.MultiDiGraph:
    files = [GRAPH_DATA / n for n in ("mini-spectrum.ttl", "activities.ttl", "hostile.ttl")]
    return convert.to_networkx(reasoning.reason(loading.load(files, ontology=False)))


@dataclass
class Visit:
    page: Any
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    opened: list[Any] = []

    def open_page(path: Path) -> Visit:
        # Belt and braces: nothing may leave the machine even if the page tried. Offline,
        # a request to any host fails (and is still recorded); the page's own file: and
        # data: addresses load. (Cheaper than a route, which pauses every request.)
        context = browser.new_context(viewport={"width": 1400, "height": 860}, offline=True)
        opened.append(context)
        page = context.new_page()
        v = Visit(page)
        page.on("request", lambda r: v.requests.append(r.url))
        page.on("console", lambda m: v.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: v.console_errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            v.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.as_uri())
        _wait_stable(page)
        return v

    yield open_page
    for context in opened:
        context.close()


def _wait_stable(page: Any, timeout_s: float = 60.0) -> None:
    # wait_for_function evaluates a string in the page, which our CSP forbids: poll.
    deadline = time.monotonic() + timeout_s
    while not page.evaluate("() => !!(window.coproGraph && window.coproGraph.state.stabilized)"):
        assert time.monotonic() < deadline, "the layout never settled"
        page.wait_for_timeout(50)


def _hover(page: Any, node_id: str) -> str:
    point = page.evaluate(
        """(id) => {
            const net = window.coproGraph.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const r = document.getElementById('graph').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }""",
        node_id,
    )
    page.mouse.move(point["x"] + 40, point["y"] + 40)
    page.mouse.move(point["x"], point["y"], steps=4)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    return str(tooltip.text_content())


def _link_hover(page: Any) -> Callable[[], str]:
    """Pointing at the middle of a link from canvas (0, 0) to (400, 0): its pop-up's text."""
    point = page.evaluate(
        """() => {
            const net = window.coproGraph.network;
            const p = net.canvasToDOM({x: 200, y: 0});
            const r = document.getElementById('graph').getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y};
        }"""
    )
    tooltip = page.locator("div.vis-tooltip")

    def hover() -> str:
        page.mouse.move(point["x"], point["y"] + 30)
        page.mouse.move(point["x"], point["y"], steps=4)
        tooltip.wait_for(state="visible", timeout=5000)
        return str(tooltip.inner_text())

    return hover


@pytest.mark.parametrize("view", views.VIEWS)
def test_view_in_chromium(
    view: str, hostile_graph: nx.MultiDiGraph, visit: Any, tmp_path: Path
) -> None:
    drawn = views.view(hostile_graph, view)
    path = html.write_html(drawn, tmp_path / f"{view}.html", title=f"{view} <img src=x>")
    v = visit(path)
    page = v.page

    assert v.console_errors == []
    assert [u for u in v.requests if not u.startswith(("file:", "data:"))] == []

    counts = page.evaluate("() => [window.coproGraph.nodes.length, window.coproGraph.edges.length]")
    assert counts == [drawn.number_of_nodes(), drawn.number_of_edges()]
    assert drawn.number_of_nodes() > 0 and drawn.number_of_edges() > 0

    node_id, definition = HOVER[view]
    assert definition in _hover(page, node_id)

    # Hostile text shows as text: the title, the datalist, the hostile activity's tooltip.
    assert page.title() == f"{view} <img src=x>"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 3
    if C + "co-planning" in drawn:
        tip = _hover(page, C + "co-planning")
        assert "<img src=x onerror=alert(2)>" in tip and "href" in tip
    if "https://example.org/activities/hostile" in drawn:
        tip = _hover(page, "https://example.org/activities/hostile")
        assert tip.startswith("<img src=x onerror=alert(1)>")
    page.wait_for_timeout(200)
    assert v.dialogs == []

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.mouse.move(1, 1)
    page.screenshot(path=str(SCREENSHOTS / f"test-{view}.png"))


def test_inferred_edge_tooltip_explains(browser: Any, visit: Any, tmp_path: Path) -> None:
    g = nx.MultiDiGraph(view="spectrum")
    g.add_node("a", label="a", kind="concept", x=0, y=0)
    g.add_node("b", label="b", kind="concept", x=400, y=0)
    g.add_edge(
        "a",
        "b",
        key="p",
        predicate="https://example.org/p",
        label="has broader",
        inferred=True,
        explanation="a narrower b (asserted); broader is narrower's inverse",
    )
    v = visit(html.write_html(g, tmp_path / "e.html"))
    style = v.page.evaluate("() => window.coproGraph.edges.get()[0].dashes")
    assert style  # dashed
    hover = _link_hover(v.page)
    text = hover()
    assert "Worked out by copro-kg, not stated" in text
    # The derivation and the relation's IRI are technical detail (issue 30): hidden
    # until the legend's switch is on, then shown in the same pop-up.
    assert "broader is narrower's inverse" not in text and "example.org/p" not in text
    v.page.get_by_label("Show technical detail in pop-ups").check()
    text = hover()
    assert "broader is narrower's inverse" in text and "https://example.org/p" in text


def test_search_box_finds_a_term(
    hostile_graph: nx.MultiDiGraph, visit: Any, tmp_path: Path
) -> None:
    v = visit(html.write_html(views.view(hostile_graph, "all"), tmp_path / "s.html"))
    v.page.fill("#search", "co-design")
    v.page.press("#search", "Enter")
    assert v.page.evaluate("() => window.coproGraph.network.getSelectedNodes()") == [
        C + "co-design"
    ]
    assert v.page.text_content("#search-status") == "Found: co-design"
    v.page.fill("#search", "no such term")
    v.page.press("#search", "Enter")
    assert "No term matches" in v.page.text_content("#search-status")


def _one_link(whole: nx.MultiDiGraph, a: str, b: str, key: str) -> nx.MultiDiGraph:
    """The link ``a key b`` of ``whole`` alone, its two terms side by side."""
    g = nx.MultiDiGraph(view="all")
    g.add_node(a, **{**whole.nodes[a], "x": 400, "y": 0})
    g.add_node(b, **{**whole.nodes[b], "x": 0, "y": 0})
    g.add_edge(a, b, key=key, **whole.get_edge_data(a, b, key))
    return g


def test_a_link_of_ours_is_dotted_and_its_pop_up_says_whose_reading_and_why(
    browser: Any, visit: Any, tmp_path: Path
) -> None:
    # The shipped glossary's link, with its evidence from ontology/evidence.ttl: the
    # glossary orders the groups ("doing to doing for doing with", Engagement as a
    # spectrum), not the levels inside a group, so "consultation shares more power than
    # information" is copro-kg's reading.
    whole = convert.to_networkx(reasoning.reason(loading.load([])))
    a, b, key = C + "consultation", C + "information", C + "sharesMorePowerThan"
    g = _one_link(whole, a, b, key)
    v = visit(html.write_html(g, tmp_path / "ours.html"))
    assert v.console_errors == []
    assert v.page.evaluate("() => window.coproGraph.edges.get()[0].dashes") == [2, 6]
    legend = str(v.page.locator("#legend").inner_text())
    assert "our reading, not stated in the glossary (dotted" in legend
    assert "stated in the glossary (solid" not in legend  # no solid line is drawn
    hover = _link_hover(v.page)
    text = hover()
    assert "copro-kg\u2019s reading, not stated in the glossary" in text
    assert "Stated in the glossary" not in text
    assert "The glossary orders the groups" in text
    # Where the reason is recorded is technical detail (issue 30).
    assert "owl:Axiom" not in text
    v.page.get_by_label("Show technical detail in pop-ups").check()
    assert "copro:ourReading" in hover()


def test_a_link_of_your_data_says_so_in_its_pop_up(visit: Any, tmp_path: Path) -> None:
    # Issue 25: a link of the user's own file (tests/data/graph/activities.ttl: "Budget
    # survey 2025" a ConsultationActivity) is stated in their data, not in the glossary.
    from tests.viz.conftest import EX, GRAPH_DATA, merged

    sources = loading.load_sources([GRAPH_DATA / "activities.ttl"])
    whole = convert.to_networkx(
        reasoning.reason(merged(sources)), shipped=convert.shipped_from(sources)
    )
    a = EX + "budget-survey"
    b, key = next(
        (o, k) for _, o, k, d in whole.out_edges(a, keys=True, data=True) if not d["inferred"]
    )
    g = _one_link(whole, a, b, key)
    v = visit(html.write_html(g, tmp_path / "mine.html"))
    assert v.console_errors == []
    legend = str(v.page.locator("#legend").inner_text())
    assert "stated in your data (solid" in legend and "stated in the glossary" not in legend
    text = _link_hover(v.page)()
    assert "Stated in your data, not the glossary" in text
    assert "Stated in the glossary" not in text
