"""The spectrum reflowed for narrow frames: its columns in rows, group by group.

The glossary's figure reads left to right ("doing to doing for doing with"), six columns
wide: in a phone's frame, at a legible size, most of it would sit outside. A page
embedded in the site (``graph.js``, issue 30) picks the widest of these layouts that fits
its frame at a legible zoom: each group (its box, then its columns, ``per_row`` side by
side, each column its quote, its levels and the activities placed there, in the figure's
order), one group under the other. Sizes are estimates (:func:`copro_kg.viz.layout.label_box`
with the fonts :mod:`copro_kg.viz.style` draws with); the page then moves apart any boxes
that still overlap.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(view="spectrum")
>>> g.add_node("to", kind="group", label="Doing to", x=0, y=0)
>>> g.add_node("a", kind="level", label="a", group="to", position=1, x=0, y=300)
>>> g.add_node("b", kind="level", label="b", group="to", position=2, x=230, y=300)
>>> rows = spectrum_rows(g, 1)
>>> rows["a"][0] == rows["b"][0] and rows["a"][1] < rows["b"][1]
True
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from copro_kg.viz.figures import COLUMN_WIDTH
from copro_kg.viz.layout import label_box, node_box
from copro_kg.viz.style import node_label

__all__ = ["GAP", "spectrum_layouts", "spectrum_rows"]

GAP = 28
"""Vertical space between two boxes of a column (vis-network units)."""

_SIZES = {"group": (18, 420, 14), "level": (16, 190, 10), "quote": (16, 200, 2)}
"""Font, widest box and margin of each kind, as viz.style draws the spectrum."""


def _height(graph: nx.MultiDiGraph, node: str) -> float:
    data = graph.nodes[node]
    kind = str(data.get("kind"))
    if kind in _SIZES:
        font, wrap, margin = _SIZES[kind]
        return label_box(node_label(data, "spectrum"), font=font, wrap=wrap, margin=margin)[1]
    return node_box(data)[1]


def spectrum_rows(graph: nx.MultiDiGraph, per_row: int) -> dict[str, tuple[int, int]]:
    """Positions of the spectrum view ``graph`` with ``per_row`` columns side by side.

    Nodes are placed by the figure's own positions (``x`` picks a node's column, ``y``
    its order in the column); a group's box comes first, over its columns.
    """
    columns: dict[int, list[str]] = defaultdict(list)
    groups: list[str] = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "group":
            groups.append(node)
        else:
            columns[round(float(data.get("x", 0)) / COLUMN_WIDTH)].append(node)
    groups.sort(key=lambda n: float(graph.nodes[n].get("x", 0)))
    for members in columns.values():
        members.sort(key=lambda n: float(graph.nodes[n].get("y", 0)))

    def group_of(members: list[str]) -> str | None:
        found = [graph.nodes[n].get("group") for n in members if graph.nodes[n].get("group")]
        return str(found[0]) if found else None

    out: dict[str, tuple[int, int]] = {}
    y = 0.0
    order = [None, *groups] if any(group_of(m) is None for m in columns.values()) else groups
    for group in order:
        mine = [c for c in sorted(columns) if group_of(columns[c]) == group]
        if group is not None:
            height = _height(graph, group)
            width = (min(per_row, len(mine)) - 1) * COLUMN_WIDTH
            out[group] = (round(width / 2), round(y + height / 2))
            y += height + GAP
        for start in range(0, len(mine), per_row):
            tallest = 0.0
            for i, column in enumerate(mine[start : start + per_row]):
                top = y
                for node in columns[column]:
                    height = _height(graph, node)
                    out[node] = (i * COLUMN_WIDTH, round(top + height / 2))
                    top += height + GAP
                tallest = max(tallest, top - y)
            y += tallest + GAP
    return out


def spectrum_layouts(graph: nx.MultiDiGraph) -> list[dict[str, list[int]]]:
    """The narrower layouts a framed spectrum page may choose from, widest first."""
    count = len({round(float(d.get("x", 0)) / COLUMN_WIDTH) for _, d in graph.nodes(data=True)})
    return [
        {node: list(xy) for node, xy in spectrum_rows(graph, per_row).items()}
        for per_row in (3, 2, 1)
        if per_row < count
    ]
