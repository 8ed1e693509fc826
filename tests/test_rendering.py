"""networkx -> offline HTML / GraphML / GEXF, checked on the file itself (issue 6, issue 8).

The browser behaviour of the same pages is in ``test_graph_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from copro_kg.errors import InputError
from copro_kg.io import sources as loading
from copro_kg.reasoning import result as reasoning
from copro_kg.viz import convert as graphing
from copro_kg.viz import html as rendering

from .conftest import DATA_DIR

GRAPH_DATA = DATA_DIR / "graph"
HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">href</a>',
)


@pytest.fixture(scope="session")
def hostile_graph() -> nx.MultiDiGraph:
    files = [GRAPH_DATA / n for n in ("mini-spectrum.ttl", "activities.ttl", "hostile.ttl")]
    merged = loading.load(files, ontology=False)
    return graphing.to_networkx(reasoning.reason(merged))


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


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("view", graphing.VIEWS)
def test_page_references_no_other_host(hostile_graph: nx.MultiDiGraph, view: str) -> None:
    # Issue 6: "a test asserts the file has no http(s):// script or stylesheet source".
    html = rendering.render_html(graphing.view(hostile_graph, view))
    tags = _parse(html).tags
    for tag, attrs in tags:
        for name in ("src", "href", "srcset", "data", "action", "poster"):
            value = attrs.get(name)
            assert value is None or not re.match(r"\s*(https?:)?//", value), (tag, name, value)
    assert not any(tag == "link" for tag, _ in tags), "stylesheets must be inline"
    assert not any(tag == "script" and "src" in attrs for tag, attrs in tags)
    assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html


def test_csp_allows_exactly_the_inline_blocks(hostile_graph: nx.MultiDiGraph) -> None:
    html = rendering.render_html(graphing.view(hostile_graph, "all"))
    parsed = _parse(html)
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
    html = rendering.render_html(graphing.view(hostile_graph, "all"), title="<b>t</b>")
    for payload in HOSTILE:
        assert payload not in html
    assert "\u2028" not in html
    parsed = _parse(html)
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
    assert "<b>t</b>" not in html and "&lt;b&gt;t&lt;/b&gt;" in html


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
    _, edges = rendering.to_vis(g)
    by_label = {e["label"]: e for e in edges}
    assert by_label["has broader"]["dashes"] is False
    assert by_label["has narrower"]["dashes"]
    assert by_label["has narrower"]["info"]["explanation"] == "inverse of has broader"


def test_fixed_views_are_deterministic(hostile_graph: nx.MultiDiGraph) -> None:
    for view in graphing.VIEWS:
        a = rendering.render_html(graphing.view(hostile_graph, view))
        b = rendering.render_html(graphing.view(hostile_graph, view))
        assert a == b
    data = rendering.to_vis(graphing.view(hostile_graph, "spectrum"))[0]
    assert all(n.get("fixed") == {"x": True, "y": True} for n in data)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exchange_formats_keep_nodes_edges_and_attributes(
    hostile_graph: nx.MultiDiGraph, tmp_path: Path, fmt: str
) -> None:
    path = rendering.write_graph(hostile_graph, tmp_path / f"g.{fmt}", fmt)
    back = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == hostile_graph.number_of_nodes()
    assert back.number_of_edges() == hostile_graph.number_of_edges()
    iri = "https://example.org/activities/hostile"
    assert back.nodes[iri]["label"] == HOSTILE[0]
    assert back.nodes[iri]["kind"] == "activity"


def test_unknown_format_writes_nothing(hostile_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    target = tmp_path / "g.dot"
    with pytest.raises(InputError):
        rendering.write_graph(hostile_graph, target, "dot")
    assert not target.exists()


def test_failed_render_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "g.html"
    target.write_text("previous")

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(rendering, "render_html", boom)
    with pytest.raises(RuntimeError):
        rendering.write_graph(nx.MultiDiGraph(), target)
    assert target.read_text() == "previous"
    assert list(tmp_path.iterdir()) == [target]


def test_empty_graph_renders(tmp_path: Path) -> None:
    html = rendering.render_html(graphing.to_networkx(Graph()))
    assert "<title>" in html


def test_tooltip_and_label_data_for_nodes(hostile_graph: nx.MultiDiGraph) -> None:
    nodes, _ = rendering.to_vis(graphing.view(hostile_graph, "spectrum"))
    consultation = next(n for n in nodes if n["id"].endswith("/consultation"))
    # Glossary figure: consultation "e.g. surveys, urban planning, FixMyStreet".
    assert "e.g. surveys, urban planning, FixMyStreet" in consultation["label"]
    assert consultation["info"]["definition"].startswith("A formal process")
    survey = next(n for n in nodes if n["id"].endswith("/budget-survey"))
    assert survey["info"]["levelText"] == "consultation (doing for)"


def test_big_graphs_get_fixed_positions_and_no_browser_physics() -> None:
    # Issue 6 benchmark goal: a 2,000-node page must settle fast; vis-network's force
    # layout took ~25 s (benchmarks/RESULTS-graph.md), so positions come from Python.
    g = nx.MultiDiGraph()
    for i in range(1, graphing.BIG_GRAPH + 50):
        g.add_edge(f"n{i}", f"n{(i - 1) // 3}", key="b", label="has broader")
    for n in g:
        g.nodes[n].update(label=n, kind="concept")
    nodes, _ = rendering.to_vis(g)
    assert all("x" in n and "y" in n for n in nodes)
    assert rendering._options(g, len(nodes))["physics"]["enabled"] is False
    small = g.subgraph([f"n{i}" for i in range(20)]).copy()
    assert rendering._options(small, 20)["physics"]["enabled"] is True
    assert all("x" not in n for n in rendering.to_vis(small)[0])
