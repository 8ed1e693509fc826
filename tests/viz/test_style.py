"""One palette and one set of shapes for the site and the graph pages, and a legend that
matches what is drawn (issue 15)."""

from __future__ import annotations

import re

import networkx as nx
import pytest

from copro_kg.site import graphs as site_graphs
from copro_kg.viz import html, style, views
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


def test_legend_lists_what_is_drawn_and_only_that(shipped: nx.MultiDiGraph) -> None:
    overview = views.view(shipped, "all")
    items, lines, _ = style.legend(overview)
    texts = " | ".join(i["text"] for i in items)
    # The user's own activity (tests/data/graph/activities.ttl) is drawn; the shipped
    # examples are hidden in the overview, so the legend does not promise them.
    assert EX + "budget-survey" in overview
    assert "your activity" in texts and "example" not in texts
    assert "criterion" not in texts  # criteria are hidden unless asked for
    assert {"doing to", "doing for", "doing with"} <= {i["text"] for i in items}
    asked = views.view(shipped, "all", include=["examples", "criteria"])
    texts = " | ".join(i["text"] for i in style.legend(asked)[0])
    assert "example" in texts and "criterion" in texts
    assert any(line["css"] == "inferred" for line in lines)


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
    texts = [line["text"] for line in style.legend(drawn)[1]]
    assert style.OURS_LEGEND in texts


def test_the_legend_names_dotted_lines_only_where_one_is_drawn(mini: nx.MultiDiGraph) -> None:
    # tests/data/graph has no evidence of ours: nothing is dotted, the legend says nothing.
    for name in ("all", "spectrum", "cycle"):
        drawn = views.view(mini, name)
        assert not any(d.get("ours") for *_, d in drawn.edges(data=True))
        assert style.OURS_LEGEND not in [line["text"] for line in style.legend(drawn)[1]]
    assert ".line.ours { border-top: 3px dotted" in style.legend_css()


def test_solid_lines_say_who_states_them(shipped: nx.MultiDiGraph) -> None:
    # Issue 25, "say only what the glossary says": the rungs of Arnstein's ladder are linked
    # by Arnstein (ontology/mappings.ttl: dcterms:source, dcterms:title "Arnstein's Ladder
    # of Citizen Participation (1969)"), the user's activities by the user
    # (tests/data/graph/activities.ttl): neither is "stated in the glossary".
    arnstein = "https://w3id.org/copro-kg/mapped/arnstein/"
    ladder = views.view(shipped, "hierarchy", include=["mappings"])
    inside = [d for s, _, d in ladder.edges(data=True) if s.startswith(arnstein)]
    assert inside and all(d.get("statedBy") == "source" for d in inside if not d["inferred"])
    texts = [line["text"] for line in style.legend(ladder)[1]]
    by_source = [t for t in texts if t.startswith("stated by its source, not the glossary")]
    assert by_source and "Arnstein's Ladder of Citizen Participation (1969)" in by_source[0]
    spectrum = views.view(shipped, "spectrum")
    mine = [d for s, _, d in spectrum.edges(data=True) if s.startswith(EX)]
    assert mine and all(d.get("statedBy") == "data" for d in mine if not d["inferred"])
    texts = [line["text"] for line in style.legend(spectrum)[1]]
    assert "stated in your data (solid, arrow)" in texts
    # Only where such a line is drawn: the hierarchy of the glossary alone has neither.
    texts = " | ".join(line["text"] for line in style.legend(views.view(shipped, "hierarchy"))[1])
    assert "your data" not in texts and "by its source" not in texts
    assert "stated in the glossary" in texts


def test_links_of_our_model_are_not_said_to_be_the_glossarys(shipped: nx.MultiDiGraph) -> None:
    # Issue 25: "Criterion is disjoint with EngagementActivity" (ontology/copro.ttl) is how
    # copro-kg models its records; the glossary has no such sentence (no evidence).
    drawn = views.view(shipped, "all", include=["classes"])
    data = drawn.get_edge_data(C + "Criterion", C + "EngagementActivity")
    assert data and all(d.get("statedBy") == "model" for d in data.values())
    texts = [line["text"] for line in style.legend(drawn)[1]]
    assert "part of copro-kg's model, not the glossary (solid, arrow)" in texts
    plain = [line["text"] for line in style.legend(views.view(shipped, "all"))[1]]
    assert not [t for t in plain if "copro-kg's model" in t]
