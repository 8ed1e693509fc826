"""The glossary's two figures as views: the engagement spectrum and the co-production cycle.

Both fix every node's ``x``/``y`` so the picture reads as the glossary's figure does:
the spectrum left to right in order of power sharing ("doing to doing for doing with"),
the cycle clockwise from twelve o'clock ("co-planning ..., co-design and co-decision
making, co-delivery ..., and co-evaluation"). :func:`copro_kg.viz.views.view` picks them
by name.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
from rdflib.namespace import RDF

from copro_kg.namespace import COPRO, ISOTHES
from copro_kg.viz.convert import GROUP_ORDER

__all__ = ["COLUMN_WIDTH", "SPECTRUM_EDGES", "cycle", "spectrum"]

NEXT_PHASE = COPRO.nextPhase
IS_PART_OF = COPRO.isPartOf
BROADER_PARTITIVE = ISOTHES.broaderPartitive

SPECTRUM_EDGES = frozenset(
    {str(COPRO.sharesMorePowerThan), str(COPRO.sharesLessPowerThan), str(RDF.type)}
)
"""Relations the spectrum view draws; group membership is shown by the columns."""

COLUMN_WIDTH = 230
"""Horizontal distance between two columns of the spectrum (vis-network units)."""


def spectrum(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The engagement spectrum as the glossary's figure draws it, plus activities.

    Fixed ``x``/``y`` for every node: the groups along the top in the glossary's order
    (doing to, doing for, doing with), each over its columns; the levels in columns
    by ``copro:spectrumPosition`` (power sharing grows left to right; levels sharing a
    column, like coercion and protection, are stacked); under each column its quote
    (a ``kind="quote"`` node, once per column); then the activities the reasoner
    placed in that column. Edges: "shares more power than" between neighbours, and
    each activity's ``rdf:type`` projected onto the level (or group) it was placed on.
    """
    levels = sorted(
        (n for n, d in graph.nodes(data=True) if d.get("kind") == "level" and "position" in d),
        key=lambda n: (graph.nodes[n]["position"], graph.nodes[n]["label"].lower()),
    )
    groups = [str(g) for g in GROUP_ORDER if str(g) in graph]
    groups += sorted(
        {graph.nodes[n]["group"] for n in levels if "group" in graph.nodes[n]} - set(groups)
    )
    activities = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") in ("activity", "individual") and "position" in d
    ]
    sub = nx.MultiDiGraph(**graph.graph)
    for node in [*groups, *levels, *activities]:
        sub.add_node(node, **graph.nodes[node])
    sub.graph.update(view="spectrum", unplaced=_unplaced(graph))

    columns = sorted({graph.nodes[n]["position"] for n in levels})
    x_of = {pos: i * COLUMN_WIDTH for i, pos in enumerate(columns)}
    # Under the groups, each column's quote, then its levels, then the activities placed
    # there: the links from activities up to their level cross no quote (issue 15).
    quotes_of: dict[int, list[str]] = {}
    members_of: dict[int, list[str]] = {}
    for pos in columns:
        members = members_of[pos] = [n for n in levels if sub.nodes[n]["position"] == pos]
        # The figure's quote is the one every level of the column shares (involvement
        # also quotes Welsh Government guidance: that stays in its tooltip).
        per_level = [set(sub.nodes[n].get("quote", "").split("\n")) - {""} for n in members]
        shared = set.intersection(*per_level) if per_level else set()
        quotes_of[pos] = sorted(shared or set().union(*per_level))
    quote_rows = max((len(q) for q in quotes_of.values()), default=0)
    quote_y = 190
    level_y = quote_y + 150 * quote_rows
    for pos in columns:
        for i, text in enumerate(quotes_of[pos]):
            sub.add_node(
                f"quote:{pos}:{i}",
                kind="quote",
                label=f"\u201c{text}\u201d",
                quote=text,
                definition="Quote from the glossary's spectrum figure for "
                + " and ".join(sub.nodes[n]["label"] for n in members_of[pos]),
                x=x_of[pos],
                y=quote_y + 150 * i,
            )
    stack: dict[int, int] = defaultdict(int)
    for node in levels:
        pos = sub.nodes[node]["position"]
        sub.nodes[node].update(x=x_of[pos], y=level_y + 170 * stack[pos])
        stack[pos] += 1
    deepest = max(stack.values(), default=1)
    if levels:
        # Where a reader starts when the whole figure is too wide for the window.
        sub.graph["start"] = levels[len(levels) // 2]
    for group in groups:
        cols = [
            x_of[sub.nodes[n]["position"]] for n in levels if sub.nodes[n].get("group") == group
        ]
        centre = (min(cols) + max(cols)) / 2 if cols else groups.index(group) * COLUMN_WIDTH
        sub.nodes[group].update(x=round(centre), y=0)

    below: dict[int, int] = defaultdict(int)
    first_activity_y = level_y + 170 * (deepest - 1) + 190
    for node in sorted(activities, key=lambda n: sub.nodes[n]["label"].lower()):
        data = sub.nodes[node]
        pos = data["position"]
        x = x_of.get(pos, x_of[min(x_of, key=lambda c: abs(c - pos))] if x_of else 0)
        # Alternate left and right of the column so the links to the level fan out
        # instead of running on top of each other.
        side = -1 if below[pos] % 2 == 0 else 1
        data.update(x=x + side * 55, y=first_activity_y + 70 * below[pos])
        below[pos] += 1
        # The activity's class is not drawn here, so its rdf:type edge is projected
        # onto the level's concept -- or, for a column class such as "coercion or
        # protection", onto every level of the column -- keeping asserted/inferred
        # and why.
        typed = graph.get_edge_data(node, data.get("levelClass", ""), key=str(RDF.type))
        if typed is None:
            continue
        if data.get("level"):
            anchors, label = [data["level"]], "is a"
        else:
            anchors = [a for a in str(data.get("coveredLevels", "")).split("; ") if a]
            label = f"is a {data.get('levelText', 'kind of activity')} (this column)"
        for anchor in anchors:
            if anchor in sub:
                sub.add_edge(
                    node,
                    anchor,
                    key=str(RDF.type),
                    **{**typed, "label": label, "via": data["levelClass"]},
                )
    for s, o, k, data in graph.edges(keys=True, data=True):
        if s in sub and o in sub and k in SPECTRUM_EDGES and k != str(RDF.type):
            sub.add_edge(s, o, key=k, **data)
    return sub


def _unplaced(graph: nx.MultiDiGraph) -> list[dict[str, str]]:
    """The user's activities the reasoner put in no column, each with why (issue 15: "an
    'unplaced' tray for activities the reasoner could not place, saying why").

    The shipped examples are all placed; an activity of the user's files that is not
    is listed rather than left out silently.
    """
    out = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") not in ("activity", "individual") or "position" in data:
            continue
        if data.get("shipped"):
            continue
        group = data.get("group")
        if group in graph:
            why = (
                f"its description puts it in {graph.nodes[group].get('label', group)}, but"
                " does not settle the level"
            )
        else:
            why = (
                "its description meets none of the glossary's criteria for a level yet, so"
                " it cannot be placed"
            )
        where = f" ({data['file']})" if data.get("file") else ""
        out.append({"id": node, "label": str(data.get("label", node)) + where, "why": why})
    return sorted(out, key=lambda item: item["label"].casefold())


def cycle(graph: nx.MultiDiGraph, radius: float = 300) -> nx.MultiDiGraph:
    """The co-production cycle: the phases on a ring, the whole they are part of inside.

    Phases are ordered by ``copro:phaseNumber`` (else by following ``copro:nextPhase``
    from co-planning), first at twelve o'clock and then clockwise, as the glossary's
    figure reads: "co-planning ..., co-design and co-decision making, co-delivery ...,
    and co-evaluation". Phases sharing a number (co-design and co-decision making)
    share a place on the ring, one above the other. What the phases are part of
    (co-production) sits in the centre. ``radius``: of the ring (vis-network units);
    the "all terms" view draws the cycle smaller, as one of its blocks.
    """
    phases = [n for n, d in graph.nodes(data=True) if d.get("kind") == "phase"]
    nxt: dict[str, str] = {}
    for s, o, k in graph.edges(keys=True):
        if k == str(NEXT_PHASE) and s in phases and o in phases:
            nxt.setdefault(s, o)
    start = (
        str(COPRO["co-planning"])
        if str(COPRO["co-planning"]) in phases
        else min(phases, default="")
    )
    walk: list[str] = []
    node: str | None = start
    while node is not None and node not in walk and node in phases:
        walk.append(node)
        node = nxt.get(node)
    walk += sorted(set(phases) - set(walk))

    def slot(n: str) -> tuple[int, int, str]:
        number = graph.nodes[n].get("phaseNumber")
        return (number if isinstance(number, int) else 1000, walk.index(n), n)

    ordered = sorted(phases, key=slot)
    slots: list[list[str]] = []
    for n in ordered:
        number = graph.nodes[n].get("phaseNumber")
        if slots and number is not None and graph.nodes[slots[-1][0]].get("phaseNumber") == number:
            slots[-1].append(n)
        else:
            slots.append([n])
    wholes = {
        o
        for s, o, k in graph.edges(keys=True)
        if s in phases and o not in phases and k in (str(IS_PART_OF), str(BROADER_PARTITIVE))
    }
    # Not graph.subgraph(nodes): its view iterates the given set, whose order changes with
    # the process's hash seed; removing the others keeps the graph's own (sorted) order.
    drawn = set(phases) | wholes
    sub = graph.copy()
    sub.remove_nodes_from([n for n in graph if n not in drawn])
    sub.graph.update(view="cycle")
    # "co-design is often a good starting point" (glossary, "Co-production and
    # co-design") is co-design's place in the cycle: drawn with the ring.
    keep = {
        str(NEXT_PHASE),
        str(IS_PART_OF),
        str(BROADER_PARTITIVE),
        str(COPRO.goodStartingPointFor),
    }
    sub.remove_edges_from([(s, o, k) for s, o, k in list(sub.edges(keys=True)) if k not in keep])
    for i, members in enumerate(slots):
        angle = -math.pi / 2 + 2 * math.pi * i / len(slots)  # first slot at twelve o'clock
        cx, cy = radius * math.cos(angle), radius * math.sin(angle)
        for j, n in enumerate(members):
            offset = (j - (len(members) - 1) / 2) * 70
            sub.nodes[n].update(x=round(cx), y=round(cy + offset), slot=i)
    for j, n in enumerate(sorted(wholes)):
        sub.nodes[n].update(x=0, y=80 * j)
    return sub
