"""Fixed positions for the pictures: the hierarchy's tree and the radial layout of big graphs.

Positions are in vis-network units; the page fits them to its window. The sizes below
are the renderer's pixel metrics: the hierarchy's boxes are drawn with :data:`TREE_FONT`
and wrapped at :data:`TREE_WRAP` (:mod:`copro_kg.viz.style` uses the same two numbers),
so the tree can be packed without overlaps. :func:`positions` is the one place a page
asks for positions: those a view fixed, else a radial layout above :data:`BIG_GRAPH`
nodes, else none (the browser's force layout).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

import networkx as nx
from rdflib import URIRef

from copro_kg.viz.convert import GROUP_ORDER
from copro_kg.viz.style import OVERVIEW_FONT, OVERVIEW_WRAP, TREE_FONT, TREE_WRAP

__all__ = [
    "BIG_GRAPH",
    "TREE_FONT",
    "TREE_WRAP",
    "label_box",
    "node_box",
    "pack",
    "positions",
    "radial_layout",
    "ring_layout",
    "tree_layout",
]

_LINE = 1.25 * TREE_FONT
_ROW_GAP = 12  # between two boxes of a column
_COLUMN_GAP = 70  # room for the links between two depths
_BLOCK_GAP = (80, 36)  # between the trees of two roots: across, down
_PAGE_ASPECT = 1100 / 760  # the drawing area of a 1400 x 860 window, legend aside


def label_box(
    label: str, font: float = TREE_FONT, wrap: float = TREE_WRAP, margin: float = 7
) -> tuple[float, float]:
    """Estimated width and height of a box for ``label`` (vis-network units).

    The box's text is ``font`` units high and wraps at ``wrap`` units (the hierarchy's
    :data:`TREE_FONT` and :data:`TREE_WRAP` by default); :func:`tree_layout` spaces
    boxes by these sizes, so two boxes of the tree never overlap.

    >>> label_box("co-design")[0] < label_box("a much longer label than that one")[0]
    True
    """
    char = 0.52 * font
    per_line = max(1, int((wrap - 2 * margin - 2) // char))
    lines = 0
    for paragraph in label.split("\n"):
        lines += max(1, math.ceil(len(paragraph) / per_line))
    width = min(wrap, len(label) * char + 2 * margin + 2)
    return width, lines * 1.25 * font + 2 * margin


def node_box(data: Mapping[str, object]) -> tuple[float, float]:
    """Estimated size of a node's drawn box in the overview and a neighbourhood, whose
    text is :data:`~copro_kg.viz.style.OVERVIEW_FONT` units at most (vis-network units).

    >>> node_box({"label": "Doing with", "kind": "group"})[0] > node_box({"label": "Doing with"})[0]
    True
    """
    label = str(data.get("label", ""))
    kind = data.get("kind")
    if kind == "group":
        return label_box(label, font=OVERVIEW_FONT, wrap=220, margin=20)
    if kind == "phase":  # an ellipse is wider and taller than its text
        w, h = label_box(label, font=OVERVIEW_FONT, wrap=OVERVIEW_WRAP, margin=12)
        return w * 1.25 + 10, h * 1.4
    if kind in ("activity", "individual"):  # a diamond, its label under it
        w, h = label_box(label, font=16, wrap=150, margin=4)
        return max(w, 40), h + 40
    return label_box(label, font=OVERVIEW_FONT, wrap=OVERVIEW_WRAP, margin=10)


def tree_layout(
    tree: nx.MultiDiGraph, aspect: float = _PAGE_ASPECT, wrap: float = TREE_WRAP
) -> dict[str, tuple[int, int]]:
    """Fixed positions for a broader/narrower graph: trees read left to right, packed.

    Edges point narrower -> broader. Each term sits one column right of its deepest
    broader term (its *primary* parent; other broader links are drawn as extra
    curves), children under one another, a parent level with the middle of its
    children -- so links never cross a box. Columns are as wide as their longest
    label and rows as tall as their wrapped label, so nothing overlaps. The tree of
    each root is a block; blocks are stacked into page columns whose height is chosen
    to fill a landscape window best (``aspect``: width over height; a printed picture
    asks for a portrait page, and narrower boxes: ``wrap``), so the hierarchy is legible
    when fitted to the screen instead of one tall column. Pure and deterministic.

    >>> t = nx.MultiDiGraph()
    >>> _ = t.add_edge("b", "a"), t.add_edge("c", "a")
    >>> pos = tree_layout(t)
    >>> pos["a"][0] < pos["b"][0] == pos["c"][0], pos["b"][1] < pos["a"][1] < pos["c"][1]
    (True, True)
    """
    simple = nx.DiGraph(tree)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    depth: dict[str, int] = {}
    if nx.is_directed_acyclic_graph(simple):
        # Longest path from a root: broader terms first (reverse topological order).
        for node in reversed(list(nx.lexicographical_topological_sort(simple))):
            parents = list(simple.successors(node))
            depth[node] = 1 + max((depth[p] for p in parents), default=-1)
    else:  # a cycle in the user's data: shortest distance from the roots instead
        tops = [n for n in simple if simple.out_degree(n) == 0] or [min(simple)]
        reverse = simple.reverse(copy=False)
        depth.update(nx.multi_source_dijkstra_path_length(reverse, set(tops)))
        for node in simple:
            depth.setdefault(node, 0)

    def order(node: str) -> tuple[int, int, str]:
        data = tree.nodes[node]
        group = GROUP_ORDER.index(URIRef(node)) if URIRef(node) in GROUP_ORDER else 99
        position = data.get("position")
        label = str(data.get("label", node)).casefold()
        return (group, position if isinstance(position, int) else 0, label)

    children: dict[str, list[str]] = defaultdict(list)
    roots: list[str] = []
    for node in sorted(simple, key=order):
        parents = [p for p in simple.successors(node) if depth[p] < depth[node]]
        if parents:
            children[min(parents, key=lambda p: (-depth[p], order(p)))].append(node)
        else:
            roots.append(node)
    box = {n: label_box(str(tree.nodes[n].get("label", n)), wrap=wrap) for n in simple}

    # One block per root: (width, height, node -> (x, y) inside the block).
    blocks: list[tuple[float, float, dict[str, tuple[float, float]]]] = []
    for root in roots:
        spot: dict[str, tuple[int, float]] = {}
        height = _place_subtree(root, depth[root], children, depth, box, spot, 0.0)
        widths: dict[int, float] = defaultdict(float)
        for node, (column, _) in spot.items():
            widths[column] = max(widths[column], box[node][0])
        left = [sum(widths[c] + _COLUMN_GAP for c in range(col)) for col in range(len(widths))]
        inside = {n: (left[c] + widths[c] / 2, y) for n, (c, y) in spot.items()}
        blocks.append((left[-1] + widths[len(widths) - 1], height, inside))
    blocks.sort(key=lambda b: -b[1] * b[0])  # biggest first: the reader starts there

    placed = pack(blocks, aspect=aspect)
    positions: dict[str, tuple[int, int]] = {}
    for (_, _, inside), (x, y) in zip(blocks, placed, strict=True):
        for node, (nx_, ny) in inside.items():
            positions[node] = (round(x + nx_), round(y + ny))
    return positions


def pack(
    blocks: Sequence[tuple[float, float, object]],
    gap: tuple[float, float] = _BLOCK_GAP,
    aspect: float = _PAGE_ASPECT,
) -> list[tuple[float, float]]:
    """Top-left corners for ``blocks`` (width, height, anything), in page columns.

    Blocks keep their order, down each column and then across; the column height is
    the one that draws the whole biggest in a window of ``aspect`` (width over height;
    a landscape window, :data:`_PAGE_ASPECT`, by default), so the page is legible when
    fitted to the screen instead of one tall column.

    >>> pack([(10, 10, None), (10, 10, None)], gap=(5, 5))
    [(0.0, 0.0), (15.0, 0.0)]
    """
    best: tuple[float, list[tuple[float, float]]] | None = None
    tallest = max((b[1] for b in blocks), default=0.0)
    total = sum(b[1] + gap[1] for b in blocks)
    limit = tallest
    step = max(_LINE, (total - tallest) / 200)  # at most ~200 tries
    while limit <= total + step:
        placed: list[tuple[float, float]] = []
        x = y = column_width = height = 0.0
        for w, h, _ in blocks:
            if y and y + h > limit:
                x, y, column_width = x + column_width + gap[0], 0.0, 0.0
            placed.append((x, y))
            column_width = max(column_width, w)
            height = max(height, y + h)
            y += h + gap[1]
        scale = min(aspect / max(x + column_width, 1.0), 1 / max(height, 1.0))
        if best is None or scale > best[0] + 1e-12:
            best = (scale, placed)
        limit += step
    return best[1] if best else []


def _place_subtree(
    node: str,
    base: int,
    children: dict[str, list[str]],
    depth: dict[str, int],
    box: dict[str, tuple[float, float]],
    spot: dict[str, tuple[int, float]],
    top: float,
) -> float:
    """Put ``node``'s subtree into ``spot`` (column, centre y) from ``top``; returns the
    y where the next subtree may start.

    A leaf takes its box's height; a parent sits level with the middle of its children
    (or takes its own height if that is more).
    """
    kids = [k for k in children[node] if k not in spot]
    spot[node] = (0, 0.0)  # claimed: guards against revisits
    own = box[node][1] + _ROW_GAP
    if not kids:
        spot[node] = (depth[node] - base, top + own / 2)
        return top + own
    bottom = top
    for kid in kids:
        bottom = _place_subtree(kid, base, children, depth, box, spot, bottom)
    middle = (spot[kids[0]][1] + spot[kids[-1]][1]) / 2
    spot[node] = (depth[node] - base, middle)
    return max(bottom, top + own)


BIG_GRAPH = 300
"""Above this many nodes a force layout in the browser is too slow (25 s for 2,000
nodes in headless Chromium, benchmarks/RESULTS-graph.md): the page gets
:func:`radial_layout` positions instead and runs no physics."""


def radial_layout(
    graph: nx.MultiDiGraph, ring: float = 160, gap: float = 34
) -> dict[str, tuple[int, int]]:
    """Fixed positions for a big graph in O(nodes + links), pure Python: radial trees.

    Each connected component is drawn as the breadth-first tree from its best
    connected node (ties by IRI): depth ``d`` on a ring of radius at least
    ``d * ring``, widened until its nodes are ``gap`` apart, and each subtree gets
    an angle proportional to its leaves, so branches do not cross. Components are
    placed left to right in rows. Deterministic: neighbours are visited in IRI order.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> pos = radial_layout(g)
    >>> len({pos["a"], pos["b"], pos["c"]})
    3
    """
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    components = sorted(
        (sorted(c) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0])
    )
    positions: dict[str, tuple[int, int]] = {}
    x0 = y0 = row_height = 0.0
    row_limit = 4 * ring * max(1.0, math.sqrt(len(components)))
    for members in components:
        root = max(members, key=lambda n: (undirected.degree(n), [-ord(c) for c in n]))
        kids: dict[str, list[str]] = defaultdict(list)
        level = {root: 0}
        for parent, child in nx.bfs_edges(undirected, root, sort_neighbors=sorted):
            kids[parent].append(child)
            level[child] = level[parent] + 1
        leaves: dict[str, int] = {}
        for node in sorted(level, key=lambda n: -level[n]):
            leaves[node] = sum(leaves[k] for k in kids[node]) or 1
        per_level: dict[int, int] = defaultdict(int)
        for d in level.values():
            per_level[d] += 1
        radius: dict[int, float] = {0: 0.0}
        for d in range(1, max(per_level) + 1):
            radius[d] = max(radius[d - 1] + ring, per_level[d] * gap / (2 * math.pi))
        local: dict[str, tuple[float, float]] = {}
        stack = [(root, 0.0, 2 * math.pi)]
        while stack:
            node, start, span = stack.pop()
            angle = start + span / 2
            r = radius[level[node]]
            local[node] = (r * math.cos(angle), r * math.sin(angle))
            for kid in kids[node]:
                share = span * leaves[kid] / leaves[node]
                stack.append((kid, start, share))
                start += share
        extent = radius[max(per_level)] + ring / 2
        if x0 and x0 + 2 * extent > row_limit:
            x0, y0, row_height = 0.0, y0 + row_height, 0.0
        for node, (x, y) in local.items():
            positions[node] = (round(x0 + extent + x), round(y0 + extent + y))
        x0 += 2 * extent
        row_height = max(row_height, 2 * extent)
    return positions


_RING_GAP = (28, 18)  # between two neighbours on a ring: across, down


def _ring_steps(
    boxes: list[tuple[float, float]], a: float, b: float, start: float
) -> tuple[list[float], float]:
    """Angles for ``boxes`` around an ellipse of half-axes ``a`` x ``b`` from ``start``,
    each just far enough from the previous one that their boxes do not meet: the step
    at angle t is the smaller of the widths over the horizontal speed ``a |sin t|`` and
    the heights over the vertical speed ``b |cos t|``. Returns the angles and the angle
    used in all (with the gap back to the first box)."""
    angles = [start]
    t = start
    n = len(boxes)
    for i in range(n):
        (w1, h1), (w2, h2) = boxes[i], boxes[(i + 1) % n]
        across = (w1 + w2) / 2 + _RING_GAP[0]
        down = (h1 + h2) / 2 + _RING_GAP[1]
        t += min(across / max(a * abs(math.sin(t)), 1e-9), down / max(b * abs(math.cos(t)), 1e-9))
        angles.append(t)
    return angles[:n], t - start


def ring_layout(graph: nx.MultiDiGraph, centre: str) -> dict[str, tuple[int, int]]:
    """Fixed positions for a term's neighbourhood: rings by distance from ``centre``.

    The centre sits at (0, 0); the terms one link away on the first ring, two links away
    on the second, and so on (links in either direction), each ring an ellipse wider
    than tall like the boxes and the window, just big enough that no two boxes of it
    meet (:func:`_ring_steps`) and clear of the ring inside. The first ring is in
    reading order (kind, then label); a term of an outer ring sits near the first term
    of the inner ring it links to, so links stay short. Deterministic.

    >>> g = nx.MultiDiGraph([("c", "a"), ("c", "b"), ("a", "d")])
    >>> pos = ring_layout(g, "c")
    >>> pos["c"], abs(pos["d"][0]) > abs(pos["a"][0]) or abs(pos["d"][1]) > abs(pos["a"][1])
    ((0, 0), True)
    """
    undirected = graph.to_undirected(as_view=True)
    distance = nx.single_source_shortest_path_length(undirected, centre)
    far = max(distance.values(), default=0) + 1
    for node in graph:
        distance.setdefault(node, far)  # not linked to the centre: the outermost ring
    box = {n: node_box(graph.nodes[n]) for n in graph}
    kinds = ("group", "level", "phase", "concept")

    def reading(node: str) -> tuple[int, str]:
        kind = str(graph.nodes[node].get("kind"))
        label = str(graph.nodes[node].get("label", node)).casefold()
        return (kinds.index(kind) if kind in kinds else len(kinds), label)

    out: dict[str, tuple[int, int]] = {centre: (0, 0)}
    angle_of: dict[str, float] = {centre: -math.pi / 2}
    a = box[centre][0] / 2
    b = box[centre][1] / 2
    inner_w, inner_h = box[centre]
    for ring in range(1, max(distance.values(), default=0) + 1):
        members = [n for n in graph if distance[n] == ring]
        if not members:
            continue

        def near(node: str, ring: int = ring) -> tuple[float, tuple[int, str]]:
            inside = [angle_of[m] for m in undirected[node] if distance.get(m) == ring - 1]
            return (min(inside, default=math.inf) % (2 * math.pi), reading(node))

        members.sort(key=near if ring > 1 else reading)
        boxes = [box[n] for n in members]
        width = max(w for w, _ in boxes)
        height = max(h for _, h in boxes)
        a0 = a + (inner_w + width) / 2 + 50
        b0 = b + (inner_h + height) / 2 + 60
        scale = 1.0
        while True:  # grow the ellipse until the ring closes without overlaps
            first = near(members[0])[0] if ring > 1 else math.inf
            start = first if first < math.inf else -math.pi / 2
            angles, used = _ring_steps(boxes, a0 * scale, b0 * scale, start)
            if used <= 2 * math.pi or len(members) == 1:
                break
            scale *= 1.04
        spare = (2 * math.pi - used) / len(members) if len(members) > 1 else 0.0
        for i, node in enumerate(members):
            t = angles[i] + spare * (i + 0.5)
            angle_of[node] = t
            out[node] = (round(a0 * scale * math.cos(t)), round(b0 * scale * math.sin(t)))
        a, b, inner_w, inner_h = a0 * scale, b0 * scale, width, height
    return out


def positions(graph: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Where each node of ``graph`` is drawn, when that is decided before the browser.

    The positions a view fixed (``x``/``y`` on every node: spectrum, cycle, hierarchy,
    the sections of the "all terms" view); else, for a term's neighbourhood
    (``graph.graph["focus"]``), :func:`ring_layout`; else, for a graph of more than
    :data:`BIG_GRAPH` nodes, :func:`radial_layout`;
    else none: the page lays a small graph out with its force layout.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", x=0, y=10)
    >>> positions(g)
    {'a': (0, 10)}
    """
    if graph.number_of_nodes() and all("x" in d and "y" in d for _, d in graph.nodes(data=True)):
        return {n: (int(d["x"]), int(d["y"])) for n, d in graph.nodes(data=True)}
    centre = graph.graph.get("focus")
    if centre in graph and graph.number_of_nodes() <= BIG_GRAPH:
        return ring_layout(graph, centre)
    if graph.number_of_nodes() > BIG_GRAPH:
        return radial_layout(graph)
    return {}
