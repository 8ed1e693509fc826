"""A view laid out on paper: the interactive page's layout, with text legible on A4.

The interactive page draws node text at 16 to 20 units and lets the reader zoom; a
picture in a report cannot be zoomed, and the same layout scaled down to the width of a
page would print its text at 5 pt. :func:`fit` keeps the layout -- the positions of
:func:`copro_kg.viz.layout.positions`, the boxes' widths and colours of
:func:`copro_kg.viz.style.node_style` -- and sets the text at :data:`FONT` points (9 pt,
the smallest size of the picture) on a page :data:`WIDTH` points wide (160 mm: the text
width of an A4 page with 25 mm margins):

* across, positions are scaled to the page, and each box is as wide as the page's box
  (its ``widthConstraint``) scaled alike, never wider than the room to its neighbours on
  the same row -- so two boxes of a row never meet -- and never narrower than its
  longest word;
* down, rows (the nodes the layout puts at one height) keep their order and their
  spacing where it is enough, and move down where the text, wrapped, is taller: a row
  starts below every box above it that it would touch.

The hierarchy is packed for a portrait page (:func:`copro_kg.viz.layout.tree_layout`
with the page's aspect) instead of a landscape window. :mod:`copro_kg.viz.svg` draws the
result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from copro_kg.viz.layout import node_box, positions, radial_layout, tree_layout
from copro_kg.viz.metrics import LINE_HEIGHT, text_width, wrap
from copro_kg.viz.style import node_label, node_style
from copro_kg.viz.views import hidden_note

__all__ = ["FONT", "GAP", "MARGIN", "MM", "PAD", "WIDTH", "Box", "fit", "for_paper"]

MM = 72 / 25.4
"""Points per millimetre."""

WIDTH = 160 * MM
"""The picture's width in points: 160 mm, an A4 page (210 mm) less two 25 mm margins."""

FONT = 9.0
"""Node text, in points: the smallest text of the picture."""

MARGIN = 6.0
PAD = 3.0
"""Between a box's border and its text."""
GAP = 6.0
"""The least space between two boxes."""
PORTRAIT = 160 / 240
"""Width over height of the hierarchy's packing: an A4 page's text area."""

_LINK = 3 * GAP
"""Room left between two neighbours of a row where their words allow: an arrow shows."""
_MARKERS = ("diamond", "dot", "square", "triangle")
_MARKER_SIZE = 10.0
_ROOT2 = 2**0.5


@dataclass
class Box:
    """One node on paper: where (centre, points), how big, its lines and how it is drawn."""

    node: str
    label: str
    lines: list[str]
    bold: int
    """How many of the first lines are bold (a spectrum group's name)."""
    shape: str
    """``box``, ``ellipse``, ``text`` (no border) or one of the markers (drawn above the text)."""
    fill: str
    stroke: str
    stroke_width: float
    radius: float
    dashes: tuple[float, ...]
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0

    @property
    def left(self) -> float:
        return self.x - self.w / 2

    @property
    def right(self) -> float:
        return self.x + self.w / 2

    @property
    def top(self) -> float:
        return self.y - self.h / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h / 2

    @property
    def text_top(self) -> float:
        """Where the first line's box starts."""
        if self.shape in _MARKERS:
            return self.top + _MARKER_SIZE + 2
        return self.y - len(self.lines) * FONT * LINE_HEIGHT / 2

    def anchor(self) -> tuple[float, float, float, float]:
        """The rectangle links end at: the marker for a marker, else the box."""
        if self.shape in _MARKERS:
            half = _MARKER_SIZE / 2
            cy = self.top + half
            return (self.x - half, cy - half, self.x + half, cy + half)
        return (self.left, self.top, self.right, self.bottom)


def _style(node: str, data: dict[str, Any], view: str) -> tuple[Box, float]:
    """A node's box without size or place, and the width its page gives it (units)."""
    style = node_style(data, view)
    colour = style.get("color", {})
    shape = str(style.get("shape", "box"))
    if shape not in ("box", "ellipse", "text", *_MARKERS):
        shape = "box"
    label = node_label(data, view)
    bold = 1 if data.get("kind") == "group" else 0
    drawn = shape != "text" or data.get("kind") != "quote"
    box = Box(
        node=node,
        label=label,
        lines=[],
        bold=bold,
        shape=shape,
        fill=str(colour.get("background") or "#FFFFFF"),
        stroke=str(colour.get("border") or "#555555") if drawn else "none",
        stroke_width=min(float(style.get("borderWidth", 2)) / 2, 3.0),
        radius=float(style.get("shapeProperties", {}).get("borderRadius", 0)) / 3,
        dashes=tuple(
            float(d) / 2 for d in style.get("shapeProperties", {}).get("borderDashes", ())
        ),
    )
    wide = style.get("widthConstraint", {}).get("maximum")
    return box, float(wide) if wide else node_box(data)[0]


def _longest_piece(label: str, bold: bool) -> float:
    """The widest word of ``label`` once broken after its hyphens, in points."""
    pieces = [p for word in label.split() for p in word.replace("-", "- ").split()]
    return max((text_width(p, FONT, bold) for p in pieces), default=0.0)


def _lay_text(box: Box, width: float) -> None:
    """Wrap the label into ``width`` (the box's outer width) and size the box to it."""
    inner = width - 2 * PAD
    if box.shape == "ellipse":  # the text sits in the rectangle inscribed in the ellipse
        inner = width / _ROOT2 - 2 * PAD
    first, _, rest = box.label.partition("\n")
    box.lines = wrap(first, inner, FONT, bool(box.bold))
    box.bold = len(box.lines) if box.bold else 0
    if rest or "\n" in box.label:
        box.lines += wrap(rest, inner, FONT)
    while box.lines and not box.lines[-1]:
        box.lines.pop()
    widest = max((text_width(t, FONT, i < box.bold) for i, t in enumerate(box.lines)), default=0)
    text_h = len(box.lines) * FONT * LINE_HEIGHT
    if box.shape == "ellipse":
        box.w = max(width, (widest + 2 * PAD) * _ROOT2)
        box.h = (text_h + 2 * PAD) * _ROOT2
    elif box.shape in _MARKERS:
        box.w = max(widest + 2 * PAD, _MARKER_SIZE)
        box.h = _MARKER_SIZE + 2 + text_h + PAD
    else:
        box.w = widest + 2 * PAD if box.shape == "text" else max(width, widest + 2 * PAD)
        box.h = text_h + 2 * PAD


def for_paper(graph: nx.MultiDiGraph, include: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The view as its picture draws it: the spectrum without the glossary's example
    activities unless ``include`` asks for ``examples`` (or ``everything``).

    The level boxes already name the glossary figure's examples ("e.g. ..."); drawn as
    well, the 17 example activities make the figure a page and a quarter tall. The
    user's own activities always show. ``graph.graph["hidden"]`` says what was left out,
    as :func:`copro_kg.viz.views.overview` does, and the caption repeats it.
    """
    if graph.graph.get("view") != "spectrum" or {"examples", "everything"} & set(include):
        return graph
    dropped = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") in ("activity", "individual") and d.get("shipped")
    ]
    if not dropped:
        return graph
    sub = graph.copy()
    sub.remove_nodes_from(dropped)
    sub.graph["hidden"] = hidden_note(graph, dropped)
    return sub


def _placements(graph: nx.MultiDiGraph) -> list[dict[str, tuple[int, int]]]:
    """The layout's positions to try: the page's own; for the hierarchy, its trees
    packed for pages of a few shapes and box widths (the shortest picture is kept)."""
    if graph.graph.get("view") == "hierarchy" and "focus" not in graph.graph:
        return [tree_layout(graph, aspect=a, wrap=w) for a, w in _TREE_SHAPES]
    placed = positions(graph)
    if len(placed) < graph.number_of_nodes():  # a small graph the browser would lay out
        placed = radial_layout(graph)
    return [placed]


_TREE_SHAPES = tuple((a, w) for a in (0.25, 0.45, PORTRAIT) for w in (110.0, 130.0, 160.0))
"""(aspect, box width) of the hierarchy's packings tried for paper: the shortest picture
that fits the page's width is kept."""


def fit(graph: nx.MultiDiGraph) -> list[Box]:
    """The boxes of ``graph`` (a view of :mod:`copro_kg.viz.views`) placed on the page.

    Coordinates are points from the top left of the drawing, which is :data:`WIDTH` wide
    (wider only where two neighbours' longest words cannot fit otherwise); heights grow
    with the text.
    """
    best: list[Box] = []
    for placed in _placements(graph):
        boxes = _fit_at(graph, placed)
        size = (_extent(boxes)[0] > WIDTH + 0.01, _extent(boxes)[1])
        if not best or size < (_extent(best)[0] > WIDTH + 0.01, _extent(best)[1]):
            best = boxes
    return best


def _extent(boxes: list[Box]) -> tuple[float, float]:
    """Width and height the boxes take, margins included."""
    if not boxes:
        return (WIDTH, 0.0)
    return (max(b.right for b in boxes) + MARGIN, max(b.bottom for b in boxes))


def _fit_at(graph: nx.MultiDiGraph, placed: dict[str, tuple[int, int]]) -> list[Box]:
    view = str(graph.graph.get("view", "all"))
    styled = {n: _style(n, data, view) for n, data in graph.nodes(data=True)}
    if not styled:
        return []
    rows: dict[int, list[str]] = {}
    for node in sorted(graph, key=lambda n: (placed[n][1], placed[n][0], n)):
        rows.setdefault(placed[node][1], []).append(node)
    x_min = min(x for x, _ in placed.values())
    avail = WIDTH - 2 * MARGIN
    span = max(x for x, _ in placed.values()) - x_min
    need = {n: _longest_piece(b.label, bool(b.bold)) + 2 * PAD for n, (b, _) in styled.items()}
    need.update({n: w * _ROOT2 for n, w in need.items() if styled[n][0].shape == "ellipse"})
    # The least scale at which the longest words of two neighbours on a row fit side by side.
    least = max(
        (
            (need[a] + need[b] + 2 * GAP) / 2 / abs(placed[a][0] - placed[b][0])
            for members in rows.values()
            for i, a in enumerate(members)
            for b in members[i + 1 :]
            if placed[a][0] != placed[b][0]
        ),
        default=0.0,
    )
    scale = max(least, avail / max(span + max(w for _, w in styled.values()), 1.0))
    for _ in range(12):
        # The page's edges, from the leftmost word: no box reaches past them.
        low = min((placed[n][0] - x_min) * scale - need[n] / 2 for n in styled)
        high = max([low + avail, *((placed[n][0] - x_min) * scale + need[n] / 2 for n in styled)])
        for members in rows.values():
            for node in members:
                box, wide = styled[node]
                x = (placed[node][0] - x_min) * scale
                room = min(
                    [
                        abs(placed[m][0] - placed[node][0]) * scale - _LINK
                        for m in members
                        if m != node
                    ]
                    + [2 * (x - low), 2 * (high - x)]
                )
                _lay_text(box, max(need[node], min(wide * scale, room, avail)))
                box.x = x
        left = min(b.left for b, _ in styled.values())
        right = max(b.right for b, _ in styled.values())
        if right - left <= avail + 0.01 or scale <= least:
            break
        scale = max(least, scale * 0.98 * avail / (right - left))
    boxes = [b for b, _ in styled.values()]
    shift = MARGIN - min(b.left for b in boxes)
    for b in boxes:
        b.x += shift
    _stack(rows, {b.node: b for b in boxes}, scale)
    return boxes


def _stack(rows: dict[int, list[str]], box: dict[str, Box], scale: float) -> None:
    """Place the rows top to bottom: each at the layout's distance below the previous one,
    or lower, below every box above that it would touch."""
    done: list[Box] = []
    previous: tuple[int, float] | None = None
    for y_layout in sorted(rows):
        members = [box[n] for n in rows[y_layout]]
        tallest = max(b.h for b in members)
        y = tallest / 2 if previous is None else previous[1] + (y_layout - previous[0]) * scale
        for b in members:
            for other in done:
                if b.left < other.right + GAP and other.left < b.right + GAP:
                    y = max(y, other.bottom + GAP + b.h / 2)
        for b in members:
            b.y = y
        done.extend(members)
        previous = (y_layout, y)
