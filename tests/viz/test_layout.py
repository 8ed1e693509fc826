"""Fixed positions: the hierarchy's tree and the radial layout of big graphs (issue 6)."""

from __future__ import annotations

import networkx as nx

from copro_kg.viz import layout, views
from tests.viz.conftest import C


def test_hierarchy_layout_reads_left_to_right_without_overlaps(shipped: nx.MultiDiGraph) -> None:
    h = views.hierarchy(shipped)
    pos = {n: (d["x"], d["y"]) for n, d in h.nodes(data=True)}
    # ISO 25964 display convention used here: a narrower term to the right of its
    # broader term. Every link of the tree (same-block) points right -> left.
    assert sum(pos[s][0] > pos[o][0] for s, o in h.edges()) >= 0.9 * h.number_of_edges()
    assert pos[C + "co-design"][0] > pos[C + "co-production"][0]  # part -> whole
    boxes = {}
    for n, (x, y) in pos.items():
        w, ht = layout.label_box(h.nodes[n]["label"])
        boxes[n] = (x - w / 2, y - ht / 2, x + w / 2, y + ht / 2)
    items = sorted(boxes.items())
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items):
        for b, (bx0, by0, bx1, by1) in items[i + 1 :]:
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, (a, b)
    # The ladders we map to are left out unless asked for.
    assert all(d["kind"] != "mapped" for _, d in h.nodes(data=True))
    assert any(
        d["kind"] == "mapped"
        for _, d in views.hierarchy(shipped, include=["mappings"]).nodes(data=True)
    )


def test_radial_layout_places_every_node_of_a_big_graph_apart() -> None:
    g = nx.MultiDiGraph()
    for i in range(1, 600):
        g.add_edge(f"n{i}", f"n{(i - 1) // 4}")
    g.add_node("alone")
    pos = layout.radial_layout(g)
    assert set(pos) == set(g)
    assert len(set(pos.values())) == g.number_of_nodes()
    assert pos == layout.radial_layout(g)  # deterministic
