"""The legend of every picture: which entries it lists and in what words.

A legend promises what the drawing shows, so it is built from the tables the drawing uses
(:mod:`copro_kg.viz.style`: :data:`~copro_kg.viz.style.GROUP_STYLES`,
:data:`~copro_kg.viz.style.KIND_STYLES`, :data:`~copro_kg.viz.style.EDGE_COLOURS`,
:func:`~copro_kg.viz.style.line_style`) and lists only what the drawn graph contains. The
line entries say who states a solid line (the glossary, a named source, copro-kg's model,
your data) and mark our readings as ours (issue 25, docs/evidence.md). Kept apart from
the styling: how a node or a line looks is one job, what the legend says about it another.
The graph pages (:mod:`copro_kg.viz.html`) and the static pictures (:mod:`copro_kg.viz.svg`)
both read :func:`legend`.

>>> OURS_LEGEND.startswith("our reading")
True
>>> ".line.ours" in legend_css()
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copro_kg.viz.style import (
    EDGE_COLOURS,
    GROUP_IRIS,
    GROUP_STYLES,
    KIND_STYLES,
    POWER,
    is_partitive,
    line_style,
)

if TYPE_CHECKING:  # networkx is imported by the callers; these are type hints only
    import networkx as nx

__all__ = ["OURS_LEGEND", "legend", "legend_css"]

OURS_LEGEND = "our reading, not stated in the glossary (dotted; point at it)"
"""The legend's words for a dotted line (issue 25: our readings are marked as ours)."""


def legend(graph: nx.MultiDiGraph) -> tuple[list[dict[str, str]], list[dict[str, str]], str]:
    """Legend entries for what ``graph`` draws: node swatches, line styles, and a hint.

    Each entry is ``{"css": swatch classes, "text": words}``; the classes are styled by
    :func:`legend_css` from the same tables :func:`node_style` draws with.
    """
    nodes = [d for _, d in graph.nodes(data=True)]
    kinds = {d.get("kind") for d in nodes}
    groups = {d.get("group") for d in nodes if d.get("group")}
    groups |= {n for n, d in graph.nodes(data=True) if d.get("kind") == "group"}
    items: list[dict[str, str]] = [
        {"css": f"sw-{g.corner} sw-g{i}", "text": g.name}
        for i, (iri, g) in enumerate(GROUP_STYLES.items())
        if iri in groups
    ]
    people = [d for d in nodes if d.get("kind") in ("activity", "individual")]
    present = kinds | ({"example"} if any(d.get("shipped") for d in people) else set())
    if not any(not d.get("shipped") for d in people):
        present.discard("activity")
    for kind, k in KIND_STYLES.items():
        if kind in present:
            items.append({"css": f"sw-{k.swatch} sw-{kind}", "text": k.legend})
    edges = [d for *_, d in graph.edges(data=True)]
    lines: list[dict[str, str]] = []
    drawn = {line_style(d) for d in edges if not d.get("shownBy")}
    stated = [d for d in edges if not d.get("shownBy") and line_style(d) == "stated"]
    if any(not d.get("statedBy") for d in stated):
        lines.append({"css": "stated", "text": "stated in the glossary (solid, arrow)"})
    sources = sorted({str(d["statedSource"]) for d in stated if d.get("statedBy") == "source"})
    if sources:
        text = f"stated by its source, not the glossary: {'; '.join(sources)} (solid, arrow)"
        lines.append({"css": "stated", "text": text})
    if any(d.get("statedBy") == "model" for d in stated):
        text = "part of copro-kg's model, not the glossary (solid, arrow)"
        lines.append({"css": "stated", "text": text})
    if any(d.get("statedBy") == "data" for d in stated):
        lines.append({"css": "stated", "text": "stated in your data (solid, arrow)"})
    if "ours" in drawn:
        lines.append({"css": "ours", "text": OURS_LEGEND})
    if "inferred" in drawn:
        lines.append({"css": "inferred", "text": "worked out, not stated (dashed; point at it)"})
    if any(d.get("predicate") in POWER for d in edges):
        text = (
            "arrow \u2192 points at the one that shares more power"
            " (power sharing grows left to right)"
            if graph.graph.get("view") == "spectrum"
            else "arrow \u2190 shares more power than (points to less)"
        )
        lines.append({"css": "stated", "text": text})
    if any(d.get("link") == "generic" for d in edges):
        lines.append({"css": "stated", "text": "is a kind of (generic: thin, dark, arrow head)"})
    if any(is_partitive(d) for d in edges):
        lines.append({"css": "partitive", "text": "is part of (thick, brown, diamond head)"})
    hint = (
        "Hover a term or a link for details (select a term to name its links);"
        " scroll or pinch to zoom, drag to pan, or find a term above."
    )
    if graph.graph.get("view") == "hierarchy":
        hint += (
            " Double-click a term with narrower terms, or select it and press Enter,"
            " to fold or unfold its branch."
        )
    if graph.graph.get("sections"):
        hint += (
            " Each box is a section of the glossary: its first term is the broader"
            " term of the terms drawn under it. Links between sections are faint until you"
            " point at or select one of their terms."
        )
    if graph.graph.get("hidden"):
        # The overview leaves parts of the model out (viz.views.overview): say which.
        hint += (
            f" Not shown in this view: {graph.graph['hidden']}"
            " (copro-kg graph --include PART,... draws them)."
        )
    return items, lines, hint


def legend_css() -> str:
    """The legend's swatch and line classes, from the tables the drawing uses."""
    sample = GROUP_STYLES[GROUP_IRIS[2]].colour  # an activity swatch shows one group's colour
    rules = [
        ".sw-square { border-radius: 0; }",
        ".sw-round { border-radius: 0.5rem; }",
        ".sw-rounded { border-radius: 6px; }",
        ".sw-diamond { width: 1rem; transform: rotate(45deg); margin: 0 0.3rem; }",
        ".sw-dot { width: 1rem; border-radius: 50%; }",
        ".sw-triangle { width: 1rem; clip-path: polygon(50% 0, 100% 100%, 0 100%); }",
        f".sw-activity {{ background: {sample}; }}",
        f".sw-example {{ background: #FFFFFF; border-color: {sample}; }}",
    ]
    for kind, k in KIND_STYLES.items():
        if kind in ("activity", "example"):
            continue
        border = (
            "dashed" if len(k.dashes) and k.dashes[0] > 3 else "dotted" if k.dashes else "solid"
        )
        rules.append(
            f".sw-{kind} {{ background: {k.background}; border: 2px {border} {k.border}; }}"
        )
    for i, g in enumerate(GROUP_STYLES.values()):
        rules.append(f".sw-g{i} {{ background: {g.tint}; border: 3px solid {g.colour}; }}")
    for name, colour in EDGE_COLOURS.items():
        dash = {"inferred": "dashed", "ours": "dotted"}.get(name, "solid")
        rules.append(f".line.{name} {{ border-top: 3px {dash} {colour}; }}")
    return "\n".join(rules)
