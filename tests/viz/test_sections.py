"""The "all terms" view by the glossary's sections, and a focus in rings (issue 15).

Expectations come from the glossary text (quoted) and from the issue: "the 'all terms'
view organised by the glossary's sections (the spectrum, the cycle, the values, the
Acts and guidance, the related approaches) instead of free physics".
"""

from __future__ import annotations

import json
import math

import networkx as nx

from copro_kg.viz import html, layout, sections, views
from tests.viz.conftest import EX, C


def _boxes(graph: nx.MultiDiGraph, pos: dict[str, tuple[int, int]]) -> dict[str, tuple[float, ...]]:
    out: dict[str, tuple[float, ...]] = {}
    for n, (x, y) in pos.items():
        w, h = layout.node_box(graph.nodes[n])
        out[n] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return out


def _overlaps(boxes: dict[str, tuple[float, ...]]) -> list[tuple[str, str]]:
    items = sorted(boxes.items())
    return [
        (a, b)
        for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items)
        for b, (bx0, by0, bx1, by1) in items[i + 1 :]
        if not (ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0)
    ]


def test_overview_blocks_are_the_glossarys_sections(shipped: nx.MultiDiGraph) -> None:
    overview = views.view(shipped, "all")
    blocks = sections.sections(overview)
    block_of = {n: b for b in blocks for n in b.members}
    # Every drawn term is in exactly one block.
    assert sorted(block_of) == sorted(overview)
    assert sum(len(b.members) for b in blocks) == overview.number_of_nodes()
    # "doing to doing for doing with": the spectrum's groups and levels share a block,
    # the first one.
    spectrum = block_of[C + "doing-with"]
    assert blocks[0] is spectrum
    assert {C + x for x in ("doing-to", "doing-for", "consultation", "co-production")} <= set(
        spectrum.members
    )
    # "a cycle that includes co-planning ..., co-design and co-decision making,
    # co-delivery ..., and co-evaluation": the phases are the second block.
    cycle = blocks[1]
    assert cycle.title == sections.CYCLE_TITLE
    assert set(cycle.members) == {
        C + x
        for x in ("co-planning", "co-design", "co-decision-making", "co-delivery", "co-evaluation")
    }
    # "using the 5 values": the values of co-production have a block of their own.
    values = block_of[C + "values-of-co-production"]
    assert values.root == C + "values-of-co-production"
    assert len([n for n in values.members if n != values.root]) == 5
    # "Good practice guidance / The National Principles for Public Engagement in Wales
    # ... The Children and Young People's National Participation Standards".
    guidance = block_of[C + "national-principles-for-public-engagement-in-wales"]
    assert guidance.title == "Good practice guidance"
    assert {
        C + "national-principles-for-public-engagement-in-wales",
        C + "children-and-young-peoples-national-participation-standards",
    } <= set(guidance.members)
    # The Acts are listed together (a collection: named entities stand outside the
    # hierarchy), not with the spectrum.
    acts = block_of[C + "well-being-of-future-generations-wales-act-2015"]
    assert acts.root is None and acts.title == "Legislation"
    assert C + "social-services-and-well-being-wales-act-2014" in acts.members
    # "asset based community development, ..., participatory budgeting, ..., design
    # charrettes, forum theatre": related approaches.
    related = block_of[C + "participatory-budgeting"]
    assert related.title == "Related approaches"
    assert {
        C + x for x in ("participatory-budgeting", "design-charrettes", "forum-theatre")
    } <= set(related.members)
    # The user's own activity (tests/data/graph/activities.ttl) is shown, in its block.
    assert block_of[EX + "budget-survey"].title == sections.ACTIVITIES_TITLE


def test_overview_positions_are_fixed_framed_and_apart(shipped: nx.MultiDiGraph) -> None:
    overview = views.view(shipped, "all")
    pos = {n: (d["x"], d["y"]) for n, d in overview.nodes(data=True)}
    assert len(pos) == overview.number_of_nodes()
    assert not _overlaps(_boxes(overview, pos))
    frames = overview.graph["sections"]
    assert len(frames) == len(sections.sections(overview))
    for i, a in enumerate(frames):  # blocks never overlap one another
        for b in frames[i + 1 :]:
            assert (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
    # Deterministic: the same input, the same picture.
    again = views.view(shipped, "all")
    assert pos == {n: (d["x"], d["y"]) for n, d in again.nodes(data=True)}
    # The page draws it without physics, with the frames.
    page = html.render_html(overview)
    start = page.index('id="graph-data">') + len('id="graph-data">')
    data = json.loads(page[start : page.index("</script>", start)])
    assert data["options"]["physics"]["enabled"] is False
    assert data["sections"] == frames


def test_a_term_is_drawn_under_its_broader_term_without_the_line(
    shipped: nx.MultiDiGraph,
) -> None:
    overview = views.view(shipped, "all")
    # Glossary: consultation is in the "doing for" group; in the block it sits under
    # doing for, so the link is not drawn (but stays in the graph for exports).
    consultation, doing_for = C + "consultation", C + "doing-for"
    assert overview.nodes[consultation]["y"] > overview.nodes[doing_for]["y"]
    links = overview.get_edge_data(consultation, doing_for)
    assert links and all(d.get("shownBy") == "block" for d in links.values())
    _, edges = html.to_vis(overview)
    drawn = [e for e in edges if e["from"] == consultation and e["to"] == doing_for]
    assert drawn and all(e.get("hidden") for e in drawn)


def test_focus_is_laid_out_in_rings_by_distance(shipped: nx.MultiDiGraph) -> None:
    around, title = views.select(shipped, "all", "co-design", 2)
    assert title == views.TITLES["focus"].format(label=shipped.nodes[C + "co-design"]["label"])
    assert "sections" not in around.graph
    pos = layout.positions(around)
    assert set(pos) == set(around)
    assert pos[C + "co-design"] == (0, 0)
    distance = nx.single_source_shortest_path_length(
        around.to_undirected(as_view=True), C + "co-design"
    )
    # Every ring is outside the one within it (on the same ellipse's axes).
    first = [n for n, d in distance.items() if d == 1]
    second = [n for n, d in distance.items() if d == 2]
    assert first and second
    a = max(abs(pos[n][0]) for n in first) or 1
    b = max(abs(pos[n][1]) for n in first) or 1
    assert all(math.hypot(pos[n][0] / a, pos[n][1] / b) > 1 for n in second)
    assert not _overlaps(_boxes(around, pos))
    assert pos == layout.positions(views.select(shipped, "all", "co-design", 2)[0])
