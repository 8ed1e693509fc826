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

import networkx as nx
from rdflib import URIRef

from copro_kg.viz.convert import GROUP_ORDER
from copro_kg.viz.style import TREE_FONT, TREE_WRAP

__all__ = [
    "BIG_GRAPH",
    "TREE_FONT",
    "TREE_WRAP",
    "label_box",
    "positions",
    "radial_layout",
    "tree_layout",
]

_CHAR = 0.52 * TREE_FONT  # average width of a character of a sans-serif label
_LINE = 1.25 * TREE_FONT
_ROW_GAP = 12  # between two boxes of a column
_COLUMN_GAP = 70  # room for the links between two depths
_BLOCK_GAP = (80, 36)  # between the trees of two roots: across, down
_PAGE_ASPECT = 1100 / 760  # the drawing area of a 1400 x 860 window, legend aside


def label_box(label: str) -> tuple[float, float]:
    """Estimated width and height of a hierarchy box for ``label`` (vis-network units).

    The box wraps at :data:`TREE_WRAP`; :func:`tree_layout` spaces boxes by these sizes,
    so two boxes of the tree never overlap.

    >>> label_box("co-design")[0] < label_box("a much longer label than that one")[0]
    True
    """
    per_line = max(1, int((TREE_WRAP - 16) // _CHAR))
    lines = 0
    for paragraph in label.split("\n"):
        lines += max(1, math.ceil(len(paragraph) / per_line))
    width = min(TREE_WRAP, len(label) * _CHAR + 16)
    return width, lines * _LINE + 14


def tree_layout(tree: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Fixed positions for a broader/narrower graph: trees read left to right, packed.

    Edges point narrower -> broader. Each term sits one column right of its deepest
    broader term (its *primary* parent; other broader links are drawn as extra
    curves), children under one another, a parent level with the middle of its
    children -- so links never cross a box. Columns are as wide as their longest
    label and rows as tall as their wrapped label, so nothing overlaps. The tree of
    each root is a block; blocks are stacked into page columns whose height is chosen
    to fill a landscape window best, so the hierarchy is legible when fitted to the
    screen instead of one tall column. Pure and deterministic.

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
    box = {n: label_box(str(tree.nodes[n].get("label", n))) for n in simple}

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

    best: tuple[float, list[tuple[int, float, float]]] | None = None
    tallest = max((b[1] for b in blocks), default=0.0)
    total = sum(b[1] + _BLOCK_GAP[1] for b in blocks)
    limit = tallest
    while limit <= total + _LINE:
        placed: list[tuple[int, float, float]] = []  # (block index, x, y)
        x = y = column_width = height = 0.0
        for i, (w, h, _) in enumerate(blocks):
            if y and y + h > limit:
                x, y, column_width = x + column_width + _BLOCK_GAP[0], 0.0, 0.0
            placed.append((i, x, y))
            column_width = max(column_width, w)
            height = max(height, y + h)
            y += h + _BLOCK_GAP[1]
        scale = min(_PAGE_ASPECT / max(x + column_width, 1.0), 1 / max(height, 1.0))
        if best is None or scale > best[0] + 1e-12:
            best = (scale, placed)
        limit += _LINE
    positions: dict[str, tuple[int, int]] = {}
    for i, x, y in best[1] if best else []:
        for node, (nx_, ny) in blocks[i][2].items():
            positions[node] = (round(x + nx_), round(y + ny))
    return positions


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


def positions(graph: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Where each node of ``graph`` is drawn, when that is decided before the browser.

    The positions a view fixed (``x``/``y`` on every node: spectrum, cycle, hierarchy);
    else, for a graph of more than :data:`BIG_GRAPH` nodes, :func:`radial_layout`;
    else none: the page lays a small graph out with its force layout.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", x=0, y=10)
    >>> positions(g)
    {'a': (0, 10)}
    """
    if graph.number_of_nodes() and all("x" in d and "y" in d for _, d in graph.nodes(data=True)):
        return {n: (int(d["x"]), int(d["y"])) for n, d in graph.nodes(data=True)}
    if graph.number_of_nodes() > BIG_GRAPH:
        return radial_layout(graph)
    return {}
