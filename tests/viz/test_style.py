"""One palette and one set of shapes for the site and the graph pages (issue 15); the
legend's own tests are in tests/viz/test_legend.py."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from copro_kg.site import graphs as site_graphs
from copro_kg.viz import html, legend, style, views
from tests.conftest import REPO_ROOT
from tests.viz.conftest import EX, C

SITE_CSS = REPO_ROOT / "src" / "copro_kg" / "site" / "static" / "site.css"


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour ``#RRGGBB``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_site_and_graph_pages_colour_the_three_groups_alike(mini: nx.MultiDiGraph) -> None:
    # Issue 15: "the site colours the three groups differently from the graph pages";
    # glossary, "Engagement as a spectrum": "doing to doing for doing with".
    palette = site_graphs.palette_files()["static/palette.css"]
    site_colour = dict(re.findall(r"--(to|for|with):\s*(#[0-9A-Fa-f]{6})", palette))
    assert set(site_colour) == {"to", "for", "with"}
    # The site's stylesheet takes them from palette.css and defines none of its own.
    site_css = SITE_CSS.read_text(encoding="utf-8")
    assert '@import url("palette.css")' in site_css
    assert not re.search(r"--(to|for|with):", site_css)
    # The graph page draws each level's border in its group's colour.
    nodes, _ = html.to_vis(views.view(mini, "spectrum"))
    drawn = {n["id"]: n["color"]["border"] for n in nodes}
    for level, group in (("consultation", "for"), ("co-production", "with")):
        assert drawn[C + level].lower() == site_colour[group].lower()


def test_group_colours_keep_3_to_1_against_white() -> None:
    # WCAG 2.1 success criterion 1.4.11 (non-text contrast): 3:1 against adjacent colours.
    for group in style.GROUP_STYLES.values():
        ratio = 1.05 / (_luminance(group.colour) + 0.05)
        assert ratio >= 3.0, (group.name, round(ratio, 2))


def test_each_group_has_its_own_shape_as_well_as_its_colour() -> None:
    groups = list(style.GROUP_STYLES.values())
    assert len({g.colour for g in groups}) == len({g.radius for g in groups}) == 3


def test_the_users_activities_look_unlike_the_glossarys_examples(
    shipped: nx.MultiDiGraph,
) -> None:
    # Issue 15: "user activities look like the glossary's examples although the legend
    # promises" otherwise. Glossary figure: "e.g. criminal justice" is the glossary's.
    nodes, _ = html.to_vis(views.view(shipped, "spectrum"))
    by_id = {n["id"]: n for n in nodes}
    mine = by_id[EX + "budget-survey"]["color"]
    example = by_id[C + "example-criminal-justice"]["color"]
    assert mine["background"] != example["background"]
    assert example["background"].upper() == "#FFFFFF"  # hollow, as the legend says


@pytest.mark.parametrize("name", ["all", "spectrum", "cycle", "hierarchy"])
def test_our_readings_are_dotted_and_keep_the_look_of_their_kind(
    shipped: nx.MultiDiGraph, name: str
) -> None:
    drawn = views.view(shipped, name)
    ours = 0
    for *_, data in drawn.edges(data=True):
        look = style.edge_style(data, name)
        if data.get("inferred"):
            assert look["dashes"] == style.LINE_DASHES["inferred"]
        elif data.get("ours"):
            ours += 1
            assert look["dashes"] == style.LINE_DASHES["ours"]
        else:
            assert look["dashes"] is False
        # Dotted or not, a part-whole link keeps its brown line and diamond head.
        heads = [h["type"] for h in look["arrows"].values() if h.get("enabled")]
        assert heads == (["diamond"] if style.is_partitive(data) else ["arrow"])
    # The spectrum's order of the levels inside a group, the cycle's order of the phases,
    # and the levels filed under "doing to" are our readings (ontology/evidence.ttl).
    assert ours > 0
    assert style.LINE_DASHES["ours"] != style.LINE_DASHES["inferred"]
    texts = [line["text"] for line in legend.legend(drawn)[1]]
    assert legend.OURS_LEGEND in texts
