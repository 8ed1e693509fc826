"""Static pictures for reports (issue 30): every view as SVG and PNG, legible on A4.

Issue 30: "`copro-kg graph --view VIEW -o FILE.svg` and `.png` write a static picture
of the spectrum, the cycle and the hierarchy in the same layout and colours as the
interactive page, legible when printed at A4 width (no overlapping labels, text >= 9 pt),
with a caption naming the source and the version; no browser needed." Labels come from
the graph; text is measured with the font files (tests/viz/paper.py), not our metrics.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from copro_kg import reasoning
from copro_kg.io import sources as loading
from copro_kg.viz import convert, picture, svg, views
from copro_kg.viz.style import GROUP_STYLES
from tests.conftest import require_tool
from tests.viz.conftest import merged
from tests.viz.paper import FONTS, lines_of, node_texts, overlaps, shapes_of, size_pt

A4_TEXT_WIDTH_MM = 160  # an A4 page (210 mm) less two 25 mm margins
MIN_PT = 9.0  # issue 30: "text >= 9 pt"
PRINTED = ("spectrum", "cycle", "hierarchy")  # issue 30 names these for A4


def _views(shipped: nx.MultiDiGraph) -> dict[str, nx.MultiDiGraph]:
    drawn = {name: picture.for_paper(views.view(shipped, name)) for name in views.VIEWS}
    drawn["focus"] = views.select(shipped, "all", "co-design")[0]
    return drawn


@pytest.fixture(scope="module")
def pictures(shipped: nx.MultiDiGraph) -> dict[str, tuple[nx.MultiDiGraph, str]]:
    for path in FONTS.values():
        require_tool("fonts-liberation", str(path))
    return {name: (g, svg.render_svg(g, title=name)) for name, g in _views(shipped).items()}


@pytest.mark.parametrize("name", [*views.VIEWS, "focus"])
def test_no_two_texts_or_boxes_overlap(
    pictures: dict[str, tuple[nx.MultiDiGraph, str]], name: str
) -> None:
    _, text = pictures[name]
    lines = lines_of(text)
    assert overlaps([(f"{n.node}: {n.text}", n.rect) for n in lines]) == []
    assert overlaps(sorted(shapes_of(text).items())) == []


@pytest.mark.parametrize("name", [*views.VIEWS, "focus"])
def test_every_label_of_the_graph_is_in_its_node(
    pictures: dict[str, tuple[nx.MultiDiGraph, str]], name: str
) -> None:
    graph, text = pictures[name]
    joined = {n: " ".join(t.split()) for n, t in node_texts(text).items()}
    assert set(joined) == set(graph)
    for node, data in graph.nodes(data=True):
        label = " ".join(str(data.get("label", node)).split())
        assert label in joined[node] or label.upper() in joined[node], (node, joined[node])


@pytest.mark.parametrize("name", [*views.VIEWS, "focus"])
def test_text_is_at_least_9_pt_and_the_printed_views_fit_a4(
    pictures: dict[str, tuple[nx.MultiDiGraph, str]], name: str
) -> None:
    _, text = pictures[name]
    scale = size_pt(text)
    assert min(line.size for line in lines_of(text)) * scale >= MIN_PT
    width_mm = float(ET.fromstring(text).get("width", "0mm")[:-2])
    if name in PRINTED:
        assert width_mm <= A4_TEXT_WIDTH_MM
    view_width = float(ET.fromstring(text).get("viewBox", "").split()[2])
    # Nothing is drawn past the picture's edge.
    assert max(line.rect[2] for line in lines_of(text)) <= view_width


A4_TEXT_HEIGHT_MM = 247  # an A4 page (297 mm) less two 25 mm margins
PAGES = {"spectrum": 1, "cycle": 1, "hierarchy": 2}
"""A4 pages each picture of the glossary alone takes at full size (docs/graphs.md, "What
fits on one A4 page"; the README says the hierarchy is two pages)."""


@pytest.mark.parametrize("name", PAGES)
def test_the_glossarys_pictures_take_the_pages_the_docs_say(name: str) -> None:
    sources = loading.load_sources()
    glossary = convert.to_networkx(
        reasoning.reason(merged(sources)), shipped=convert.shipped_from(sources)
    )
    text = svg.render_svg(picture.for_paper(views.view(glossary, name)), title=name)
    height_mm = float(ET.fromstring(text).get("height", "0mm")[:-2])
    assert (PAGES[name] - 1) * A4_TEXT_HEIGHT_MM < height_mm <= PAGES[name] * A4_TEXT_HEIGHT_MM


def test_the_caption_names_the_source_and_the_version(
    pictures: dict[str, tuple[nx.MultiDiGraph, str]],
) -> None:
    from copro_kg._version import __version__

    _, text = pictures["spectrum"]
    caption = " ".join(line.text for line in lines_of(text) if line.node is None)
    assert "Co-production Network for Wales" in caption
    assert "Engagement and co-production glossary" in caption
    assert f"copro-kg {__version__}" in caption


def test_groups_are_drawn_in_the_pages_colours(
    pictures: dict[str, tuple[nx.MultiDiGraph, str]],
) -> None:
    _, text = pictures["spectrum"]
    root = ET.fromstring(text)
    fills = {
        g.get("data-iri"): g.find("{http://www.w3.org/2000/svg}rect")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("data-iri") in GROUP_STYLES
    }
    assert set(fills) == set(GROUP_STYLES)
    for iri, rect in fills.items():
        assert rect is not None
        assert (rect.get("fill"), rect.get("stroke")) == (
            GROUP_STYLES[iri].tint,
            GROUP_STYLES[iri].colour,
        )


def test_the_spectrum_picture_leaves_the_examples_to_the_level_boxes_unless_asked(
    shipped: nx.MultiDiGraph,
) -> None:
    whole = views.view(shipped, "spectrum")
    activities = [n for n, d in whole.nodes(data=True) if d.get("kind") == "activity"]
    examples = [n for n in activities if whole.nodes[n].get("shipped")]
    users = [n for n in activities if not whole.nodes[n].get("shipped")]
    assert examples and users  # tests/data/graph/activities.ttl places the user's
    paper = picture.for_paper(whole)
    assert not set(examples) & set(paper) and set(users) <= set(paper)
    assert paper.graph["hidden"] == f"{len(examples)} examples"
    assert set(picture.for_paper(whole, ["examples"])) == set(whole)


@pytest.mark.parametrize("name", [*views.VIEWS, "focus"])
def test_a_png_is_the_svg_at_200_dpi(
    pictures: dict[str, tuple[nx.MultiDiGraph, str]], name: str
) -> None:
    graph, text = pictures[name]
    png = svg.render_png(graph, title=name)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = struct.unpack(">I", png[16:20])[0]
    width_mm = float(ET.fromstring(text).get("width", "0mm")[:-2])
    assert width == round(width_mm / 25.4 * svg.DPI)


def test_hostile_labels_are_text(hostile_graph: nx.MultiDiGraph) -> None:
    text = svg.render_svg(views.view(hostile_graph, "all"), title="<script>x</script>")
    root = ET.fromstring(text)  # well-formed
    assert "<script>" not in text
    assert root.find("{http://www.w3.org/2000/svg}script") is None


@pytest.mark.parametrize("name", [*views.VIEWS, "focus"])
def test_our_readings_are_dotted_on_paper_and_the_legend_says_so(
    pictures: dict[str, tuple[nx.MultiDiGraph, str]], name: str
) -> None:
    graph, text = pictures[name]
    root = ET.fromstring(text)
    ns = "{http://www.w3.org/2000/svg}"
    paths = [p for p in root.iter(f"{ns}path") if "link" in (p.get("class") or "").split()]
    dotted = [p for p in paths if "ours" in (p.get("class") or "").split()]
    for path in paths:  # dotted: round dots; dashed: worked out; else solid
        ours = path in dotted
        assert (path.get("stroke-linecap") == "round") is ours
        assert (path.get("stroke-dasharray") == svg.PAPER_DASHES["ours"]) is ours
    drawn_ours = [
        d
        for s, o, d in graph.edges(data=True)
        if d.get("ours") and not d.get("inferred") and s != o and d.get("shownBy") != "block"
    ]
    assert len(dotted) == len(drawn_ours)
    legend = root.find(f".//{ns}g[@class='legend']")
    assert legend is not None
    words = " ".join(t.text or "" for t in legend.iter(f"{ns}text"))
    entry = "our reading, not stated in the glossary (dotted)"
    assert (entry in words) is bool(dotted)
    if name in ("spectrum", "cycle", "hierarchy"):
        # Ours in the shipped data: the order of the levels inside a group, of the
        # phases, and which levels are filed under "doing to" (ontology/evidence.ttl).
        assert dotted
