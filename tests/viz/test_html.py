"""networkx -> the offline HTML page, checked on the file itself (issue 6, issue 8).

The browser behaviour of the same pages is in ``tests/test_graph_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from typing import Any

import networkx as nx
import pytest
from rdflib import Graph

from copro_kg.viz import convert, html, layout, views

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">href</a>',
)


class _Tags(HTMLParser):
    """Collect start tags with attributes and the text of each <script>/<style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))
            self.blocks.append((tag, dict(attrs), ""))

    def handle_data(self, data: str) -> None:
        if self._open and self.blocks:
            tag, attrs, text = self.blocks[-1]
            self.blocks[-1] = (tag, attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self._open = None


def _parse(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("view", views.VIEWS)
def test_page_references_no_other_host(hostile_graph: nx.MultiDiGraph, view: str) -> None:
    # Issue 6: "a test asserts the file has no http(s):// script or stylesheet source".
    page = html.render_html(views.view(hostile_graph, view))
    tags = _parse(page).tags
    for tag, attrs in tags:
        for name in ("src", "href", "srcset", "data", "action", "poster"):
            value = attrs.get(name)
            assert value is None or not re.match(r"\s*(https?:)?//", value), (tag, name, value)
    assert not any(tag == "link" for tag, _ in tags), "stylesheets must be inline"
    assert not any(tag == "script" and "src" in attrs for tag, attrs in tags)
    assert "cdn.jsdelivr.net" not in page and "cdnjs.cloudflare.com" not in page


def test_csp_allows_exactly_the_inline_blocks(hostile_graph: nx.MultiDiGraph) -> None:
    page = html.render_html(views.view(hostile_graph, "all"))
    parsed = _parse(page)
    csp = next(
        a["content"]
        for t, a in parsed.tags
        if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"
    )
    assert csp is not None
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["connect-src"] == "'none'"

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    scripts = [text for tag, a, text in parsed.blocks if tag == "script" and not a.get("type")]
    styles = [text for tag, _, text in parsed.blocks if tag == "style"]
    assert sorted(directives["script-src"].split()) == sorted(digest(s) for s in scripts)
    assert sorted(directives["style-src"].split()) == sorted(digest(s) for s in styles)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_hostile_text_is_escaped_everywhere(hostile_graph: nx.MultiDiGraph) -> None:
    page = html.render_html(views.view(hostile_graph, "all"), title="<b>t</b>")
    for payload in HOSTILE:
        assert payload not in page
    assert "\u2028" not in page
    parsed = _parse(page)
    # Only our own elements exist: no <img>, no <a>, no extra <script>.
    assert not any(tag in ("img", "a", "iframe") for tag, _ in parsed.tags)
    assert [a.get("type") for tag, a, _ in parsed.blocks if tag == "script"] == [
        "application/json",
        None,
        None,
    ]
    # The data block round-trips to the original text (escaped, not altered).
    data = json.loads(next(t for tag, a, t in parsed.blocks if a.get("type") == "application/json"))
    labels = {n["info"]["label"] for n in data["nodes"]}
    assert HOSTILE[0] in labels
    assert "<b>t</b>" not in page and "&lt;b&gt;t&lt;/b&gt;" in page


def test_inferred_edges_are_dashed_and_asserted_solid() -> None:
    g = nx.MultiDiGraph(view="all")
    g.add_node("a", label="a", kind="concept")
    g.add_node("b", label="b", kind="concept")
    g.add_edge("a", "b", key="p", predicate="p", label="has broader", inferred=False)
    g.add_edge(
        "b",
        "a",
        key="q",
        predicate="q",
        label="has narrower",
        inferred=True,
        explanation="inverse of has broader",
    )
    _, edges = html.to_vis(g)
    by_label = {e["label"]: e for e in edges}
    assert by_label["has broader"]["dashes"] is False
    assert by_label["has narrower"]["dashes"]
    assert by_label["has narrower"]["info"]["explanation"] == "inverse of has broader"


def test_fixed_views_are_deterministic(hostile_graph: nx.MultiDiGraph) -> None:
    for view in views.VIEWS:
        a = html.render_html(views.view(hostile_graph, view))
        b = html.render_html(views.view(hostile_graph, view))
        assert a == b
    data = html.to_vis(views.view(hostile_graph, "spectrum"))[0]
    assert all(n.get("fixed") == {"x": True, "y": True} for n in data)


def test_empty_graph_renders() -> None:
    page = html.render_html(convert.to_networkx(Graph()))
    assert "<title>" in page


def test_tooltip_and_label_data_for_nodes(hostile_graph: nx.MultiDiGraph) -> None:
    nodes, _ = html.to_vis(views.view(hostile_graph, "spectrum"))
    consultation = next(n for n in nodes if n["id"].endswith("/consultation"))
    # Glossary figure: consultation "e.g. surveys, urban planning, FixMyStreet".
    assert "e.g. surveys, urban planning, FixMyStreet" in consultation["label"]
    assert consultation["info"]["definition"].startswith("A formal process")
    survey = next(n for n in nodes if n["id"].endswith("/budget-survey"))
    assert survey["info"]["levelText"] == "consultation (doing for)"


def _page_data(page: str) -> Any:
    """The graph data block of a rendered page (what the page's script draws)."""
    parsed = _parse(page)
    return json.loads(next(t for _, a, t in parsed.blocks if a.get("type") == "application/json"))


def test_big_graphs_get_fixed_positions_and_no_browser_physics() -> None:
    # Issue 6 benchmark goal: a 2,000-node page must settle fast; vis-network's force
    # layout took ~25 s (benchmarks/RESULTS-graph.md), so positions come from Python.
    g = nx.MultiDiGraph()
    for i in range(1, layout.BIG_GRAPH + 50):
        g.add_edge(f"n{i}", f"n{(i - 1) // 3}", key="b", label="has broader")
    for n in g:
        g.nodes[n].update(label=n, kind="concept")
    nodes, _ = html.to_vis(g)
    assert all("x" in n and "y" in n for n in nodes)
    assert _page_data(html.render_html(g))["options"]["physics"]["enabled"] is False
    small = g.subgraph([f"n{i}" for i in range(20)]).copy()
    assert _page_data(html.render_html(small))["options"]["physics"]["enabled"] is True
    assert all("x" not in n for n in html.to_vis(small)[0])
