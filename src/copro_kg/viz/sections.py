"""The glossary's sections, read from the graph: the blocks of the "all terms" view.

The glossary is written in sections -- engagement and its definitions, the spectrum
("Engagement as a spectrum"), the co-production cycle, the values of co-production,
the Acts and good practice guidance, the related approaches ... -- and
``ontology/glossary.ttl`` models a section of terms either as a *top concept* of the
scheme with the section's terms under it by ``skos:broader`` /
``iso-thes:broaderGeneric`` or ``copro:isPartOf`` (engagement, values of co-production
...), or, for named entities outside the hierarchy (Acts, bodies, guidance, models) and
the approaches co-production has synergies with, as a ``skos:Collection`` that lists them
(the node attribute ``collection``). So a term's section is the top of its chain of
broader terms, or its collection: no list of slugs here. Two more blocks are not a
broader chain: the phases of the co-production cycle (``copro:CyclePhase``, kind
``phase``), which are *part of* co-production but are the glossary's own figure, and the
user's activities. Other top concepts with nothing under them share one block.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("v", label="Values", kind="concept")
>>> g.add_node("a", label="value a", kind="concept")
>>> _ = g.add_edge("a", "v", key=str(BROADER_GENERIC))
>>> [(s.title, s.root, s.members) for s in sections(g)]
[('Values', 'v', ('v', 'a'))]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib.namespace import RDFS, SKOS

from copro_kg.namespace import COPRO, ISOTHES
from copro_kg.viz.convert import GROUP_ORDER
from copro_kg.viz.figures import cycle
from copro_kg.viz.layout import node_box, pack

__all__ = [
    "ACTIVITIES_TITLE",
    "BROADER_GENERIC",
    "CYCLE_TITLE",
    "HIERARCHY_LINKS",
    "MORE_TITLE",
    "Section",
    "section_layout",
    "sections",
]

BROADER_GENERIC = ISOTHES.broaderGeneric

HIERARCHY_LINKS = {
    str(SKOS.broader): "generic",
    str(BROADER_GENERIC): "generic",
    str(RDFS.subClassOf): "generic",
    str(ISOTHES.broaderPartitive): "partitive",
    str(COPRO.isPartOf): "partitive",
}
"""The links that put a term under a broader one (narrower -> broader), by kind."""

CYCLE_TITLE = "The co-production cycle"
ACTIVITIES_TITLE = "Engagement activities (your files)"
MORE_TITLE = "More terms of the glossary"


@dataclass(frozen=True)
class Section:
    """One block of the "all terms" view."""

    title: str
    root: str | None
    """The top concept heading the block (drawn as its first box), or ``None``."""
    members: tuple[str, ...]
    """Every node of the block, the root first, then depth first in reading order."""
    children: dict[str, list[str]] = field(default_factory=dict)
    """The block's tree: a term -> the terms drawn under it (``""``: the block's top row
    when there is no root)."""


def _order(graph: nx.MultiDiGraph, node: str) -> tuple[int, int, str]:
    """Reading order of siblings: the spectrum's groups in the glossary's order, then
    the levels and phases by position, then by label."""
    data = graph.nodes[node]
    iris = [str(g) for g in GROUP_ORDER]
    group = iris.index(node) if node in iris else len(iris)
    position = data.get("position", data.get("phaseNumber"))
    label = str(data.get("label", node)).casefold()
    return (group, position if isinstance(position, int) else 0, label)


def _primary_parents(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> dict[str, str]:
    """Each term's *primary* broader term among ``nodes``: the deepest one (as the
    hierarchy view draws it), ties in reading order. Terms with none are tops."""
    keep = set(nodes)
    up: dict[str, set[str]] = defaultdict(set)
    for s, o, k in graph.edges(keys=True):
        if k in HIERARCHY_LINKS and s in keep and o in keep and s != o:
            up[s].add(o)
    depth: dict[str, int] = {}

    def depth_of(node: str, seen: frozenset[str]) -> int:
        if node not in depth:
            parents = [p for p in up[node] if p not in seen]  # a cycle in the user's data
            depth[node] = 1 + max((depth_of(p, seen | {node}) for p in parents), default=-1)
        return depth[node]

    parent: dict[str, str] = {}
    for node in sorted(keep):
        parents = sorted(up[node], key=lambda p: (-depth_of(p, frozenset({node})), p))
        if parents:
            parent[node] = parents[0]
    # Break any cycle the user's data makes: a node whose chain returns to itself is a top.
    for node in sorted(parent):
        seen = {node}
        walk = parent.get(node)
        while walk is not None and walk not in seen:
            seen.add(walk)
            walk = parent.get(walk)
        if walk == node:
            del parent[node]
    return parent


def sections(graph: nx.MultiDiGraph) -> list[Section]:
    """The blocks of the "all terms" view of ``graph``, in reading order.

    The spectrum's section first (the one holding its groups), then the co-production
    cycle, then the other top concepts by label, the single top concepts together, and
    the user's activities last. Deterministic.
    """
    kinds = {n: str(d.get("kind")) for n, d in graph.nodes(data=True)}
    phases = sorted((n for n, k in kinds.items() if k == "phase"), key=lambda n: _order(graph, n))
    people = sorted(
        (n for n, k in kinds.items() if k in ("activity", "individual")),
        key=lambda n: _order(graph, n),
    )
    terms = [n for n in graph if n not in set(phases) | set(people)]
    parent = _primary_parents(graph, terms)
    below: dict[str, list[str]] = defaultdict(list)
    for node in sorted(parent, key=lambda n: _order(graph, n)):
        below[parent[node]].append(node)
    tops = sorted((n for n in terms if n not in parent), key=lambda n: _order(graph, n))

    def walk(node: str) -> list[str]:
        out = [node]
        for kid in below[node]:
            out += walk(kid)
        return out

    blocks: list[Section] = []
    singles: list[str] = []
    for top in tops:
        members = walk(top)
        if len(members) == 1:
            singles.append(top)
            continue
        tree = {n: list(below[n]) for n in members if below[n]}
        title = str(graph.nodes[top].get("label", top))
        blocks.append(Section(title, top, tuple(members), tree))

    # Terms outside the hierarchy (named Acts, bodies, guidance, models, the approaches
    # co-production has synergies with) are gathered by the skos:Collection that lists
    # them -- the glossary's heading or ours -- each a block of its own, in reading order
    # among the other blocks.
    listed: dict[str, list[str]] = defaultdict(list)
    for single in singles:
        listed[str(graph.nodes[single].get("collection") or "")].append(single)
    for title in sorted(t for t in listed if t):
        blocks.append(_flat(title, listed[title]))

    def rank(section: Section) -> tuple[int, str]:
        spectrum = any(kinds[n] in ("group", "level") for n in section.members)
        return (0 if spectrum else 1, section.title.casefold())

    blocks.sort(key=rank)
    if phases:
        blocks.insert(1 if blocks and rank(blocks[0])[0] == 0 else 0, _flat(CYCLE_TITLE, phases))
    if listed.get(""):
        blocks.append(_flat(MORE_TITLE, listed[""]))
    if people:
        blocks.append(_flat(ACTIVITIES_TITLE, people))
    return blocks


def _flat(title: str, members: list[str]) -> Section:
    return Section(title, None, tuple(members), {"": list(members)})


_GAP = (26, 22)  # between two boxes: across, down
_PAD = 28  # inside a block's frame
_TITLE = 46  # room for the frame's title, where the block has no heading term
_BLOCK_GAP = (90, 70)


Placed = tuple[float, float, dict[str, tuple[float, float]]]
"""A block being built: width, height, node -> centre from the block's top-left."""


def _grid(members: list[str], box: dict[str, tuple[float, float]]) -> Placed:
    """Leaves in columns, read down then across, about as tall as wide."""
    columns = max(1, round(math.sqrt(len(members) / 2.9)))
    rows = math.ceil(len(members) / columns)
    cols = [members[i * rows : (i + 1) * rows] for i in range(columns)]
    heights = [max(box[c[r]][1] for c in cols if r < len(c)) for r in range(rows)]
    tops = [sum(heights[:r]) + _GAP[1] * r for r in range(rows)]
    out: dict[str, tuple[float, float]] = {}
    x = 0.0
    for col in cols:
        width = max(box[n][0] for n in col)
        for r, node in enumerate(col):
            out[node] = (x + width / 2, tops[r] + heights[r] / 2)
        x += width + _GAP[0]
    return x - _GAP[0], tops[-1] + heights[-1], out


def _tree(node: str, children: dict[str, list[str]], box: dict[str, tuple[float, float]]) -> Placed:
    """A small top-down tree: ``node`` centred over a row of its subtrees, its narrower
    terms without narrower terms of their own gathered in a :func:`_grid`."""
    kids = children.get(node, [])
    parts = [_tree(k, children, box) for k in kids if children.get(k)]
    leaves = [k for k in kids if not children.get(k)]
    if leaves:
        parts.append(_grid(leaves, box))
    own_w, own_h = box[node] if node else (0.0, 0.0)
    row_w = sum(p[0] for p in parts) + _GAP[0] * max(0, len(parts) - 1)
    width = max(own_w, row_w)
    out: dict[str, tuple[float, float]] = {}
    if node:
        out[node] = (width / 2, own_h / 2)
    top = own_h + 2 * _GAP[1] if node and parts else own_h
    x = (width - row_w) / 2
    for w, _, inside in parts:
        for n, (px, py) in inside.items():
            out[n] = (x + px, top + py)
        x += w + _GAP[0]
    return width, top + max((p[1] for p in parts), default=0.0), out


def _ring(
    graph: nx.MultiDiGraph, phases: tuple[str, ...], box: dict[str, tuple[float, float]]
) -> Placed:
    """The cycle's phases as the glossary's figure draws them (viz.figures.cycle), small."""
    ring = cycle(graph, radius=150)
    spots = {n: (ring.nodes[n]["x"] * 1.45, float(ring.nodes[n]["y"])) for n in phases}
    slots: dict[int, list[str]] = defaultdict(list)
    for n in phases:
        slots[int(ring.nodes[n].get("slot", 0))].append(n)
    for stacked in slots.values():  # phases sharing a place: one under the other, apart
        stacked.sort(key=lambda n: spots[n][1])
        middle = sum(spots[n][1] for n in stacked) / len(stacked)
        y = middle - (sum(box[n][1] for n in stacked) + _GAP[1] * (len(stacked) - 1)) / 2
        for n in stacked:
            spots[n] = (spots[n][0], y + box[n][1] / 2)
            y += box[n][1] + _GAP[1]
    left = min(x - box[n][0] / 2 for n, (x, _) in spots.items())
    top = min(y - box[n][1] / 2 for n, (_, y) in spots.items())
    right = max(x + box[n][0] / 2 for n, (x, _) in spots.items())
    bottom = max(y + box[n][1] / 2 for n, (_, y) in spots.items())
    inside = {n: (x - left, y - top) for n, (x, y) in spots.items()}
    return right - left, bottom - top, inside


def section_layout(
    graph: nx.MultiDiGraph, blocks: list[Section]
) -> tuple[dict[str, tuple[int, int]], list[dict[str, object]]]:
    """Fixed positions for the "all terms" view, and a frame per block.

    Each block is a small tree under its heading term (:func:`_tree`), the cycle a small
    ring, a flat block a grid; blocks are framed and packed into page columns like the
    hierarchy's trees (:func:`copro_kg.viz.layout.pack`). A frame is
    ``{"title", "left", "top", "right", "bottom"}``; its title is empty where the block's
    first box (its top concept) names it. Pure and deterministic.
    """
    box = {n: node_box(d) for n, d in graph.nodes(data=True)}
    framed: list[Placed] = []
    titles: list[str] = []
    for section in blocks:
        if section.title == CYCLE_TITLE and section.root is None:
            w, h, inside = _ring(graph, section.members, box)
        elif section.root is None:
            w, h, inside = _grid(list(section.members), box)
        else:
            w, h, inside = _tree(section.root, section.children, box)
        head = 0.0 if section.root else _TITLE
        framed.append(
            (
                w + 2 * _PAD,
                h + 2 * _PAD + head,
                {n: (x + _PAD, y + _PAD + head) for n, (x, y) in inside.items()},
            )
        )
        titles.append("" if section.root else section.title)
    placed = pack(framed, gap=_BLOCK_GAP)
    positions: dict[str, tuple[int, int]] = {}
    frames: list[dict[str, object]] = []
    for (w, h, inside), (x, y), title in zip(framed, placed, titles, strict=True):
        for node, (nx_, ny) in inside.items():
            positions[node] = (round(x + nx_), round(y + ny))
        frames.append(
            {
                "title": title,
                "left": round(x),
                "top": round(y),
                "right": round(x + w),
                "bottom": round(y + h),
            }
        )
    return positions, frames
