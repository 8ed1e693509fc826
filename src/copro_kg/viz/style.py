"""One palette and one set of shapes for every picture of copro-kg.

The graph pages and the site colour the three groups of the engagement spectrum the same
way because both read :data:`GROUP_STYLES`: the graph pages through :func:`node_style`
(and the legend, :mod:`copro_kg.viz.legend`), the site through :func:`palette_css`
(written as ``static/palette.css``). Colours are Okabe & Ito's (2008) "Color Universal
Design" set, told apart under the common colour-vision deficiencies, and never the only
cue: each group also has its corner shape, each kind of node its shape, inferred links a
dash. Group colours are used for borders and fills behind no text, so each keeps at least
3:1 against white (WCAG 2.1, 1.4.11 non-text contrast); text sits on the light tints.

Each kind's legend words sit in its row of :data:`KIND_STYLES`, beside its shape, so a
new kind is drawn and explained from one place; :mod:`copro_kg.viz.legend` decides which
entries a picture lists.

>>> group_style("https://w3id.org/copro-kg/doing-with").name
'doing with'
>>> ":root" in palette_css() and GROUP_STYLES[GROUP_IRIS[0]].colour in palette_css()
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "EDGE_COLOURS",
    "FOCUS_WRAP",
    "GROUP_IRIS",
    "GROUP_STYLES",
    "KIND_STYLES",
    "KIND_TEXT",
    "LINE_DASHES",
    "OVERVIEW_FONT",
    "OVERVIEW_WRAP",
    "PALETTE",
    "POWER",
    "TREE_FONT",
    "TREE_WRAP",
    "GroupStyle",
    "KindStyle",
    "edge_style",
    "group_style",
    "is_partitive",
    "line_style",
    "node_label",
    "node_style",
    "palette_css",
]

PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
"""Okabe & Ito (2008), "Color Universal Design": eight colours told apart under the
common colour-vision deficiencies."""

TREE_FONT = 17
"""Font size of the hierarchy's boxes (vis-network units); the layout's sizes follow it."""

TREE_WRAP = 250
"""Widest box in the hierarchy: longer labels wrap onto more lines."""

OVERVIEW_FONT, OVERVIEW_WRAP, FOCUS_WRAP = 20, 180, 150
"""Font size and widest box of the "all terms" view (viz.layout.node_box sizes by them);
widest box of a term's neighbourhood (two fit side by side in a phone's frame)."""

_COPRO = "https://w3id.org/copro-kg/"
_FONT = "system-ui, Arial, sans-serif"


@dataclass(frozen=True)
class GroupStyle:
    """How one group of the engagement spectrum looks, on the site and in the graphs."""

    slug: str
    """The group's IRI slug; the site's CSS classes are ``group-<slug>``."""
    name: str
    colour: str
    """Borders, lines and activity fills (>= 3:1 against white)."""
    tint: str
    """The background of a group's or level's box (black text on it)."""
    radius: int
    """Corner radius of its boxes, in vis-network units: the shape cue."""
    corner: str
    """The same cue for CSS swatches: ``square``, ``round`` or ``rounded``."""


GROUP_IRIS = (_COPRO + "doing-to", _COPRO + "doing-for", _COPRO + "doing-with")
"""The groups in the glossary's order ("doing to doing for doing with")."""

GROUP_STYLES: dict[str, GroupStyle] = {
    GROUP_IRIS[0]: GroupStyle(
        "doing-to", "doing to", PALETTE["vermillion"], "#F7D3BA", 0, "square"
    ),
    GROUP_IRIS[1]: GroupStyle("doing-for", "doing for", PALETTE["blue"], "#D2EBF9", 24, "round"),
    GROUP_IRIS[2]: GroupStyle(
        "doing-with", "doing with", PALETTE["bluish_green"], "#B8E6D9", 8, "rounded"
    ),
}
"""Each group's colour AND corner shape (square / pill / rounded): colour is never the
only cue. Vermillion 3.9:1, blue 5.1:1 and bluish green 3.3:1 against white."""

_OTHER_GROUP = GroupStyle("other", "other", "#777777", "#E6E6E6", 4, "square")


@dataclass(frozen=True)
class KindStyle:
    """How one kind of node is drawn, and how the legend shows it."""

    shape: str
    """vis-network shape."""
    background: str
    border: str
    dashes: tuple[int, ...] = ()
    """Border dashes (a dashed border marks what is not a term of the glossary)."""
    legend: str = ""
    """The legend's words for it; empty: the legend shows it some other way."""
    swatch: str = "square"
    """The legend swatch's CSS shape: square, round, diamond, dot, triangle."""


KIND_STYLES: dict[str, KindStyle] = {
    "phase": KindStyle(
        "ellipse",
        PALETTE["yellow"],
        "#000000",
        legend="phase of the co-production cycle (thick border: co-design)",
        swatch="round",
    ),
    "concept": KindStyle("box", "#EEEEEE", "#555555", legend="concept"),
    "class": KindStyle(
        "box", "#FFFFFF", "#000000", (5, 3), legend="class (kind of activity), dashed border"
    ),
    "activity": KindStyle(
        "diamond",
        "",
        "#000000",
        legend="your activity: a filled diamond in its group's colour (grey: not placed)",
        swatch="diamond",
    ),
    "example": KindStyle(
        "diamond",
        "#FFFFFF",
        "",
        legend="the glossary's example: a hollow diamond edged in its group's colour",
        swatch="diamond",
    ),
    "criterion": KindStyle(
        "square", "#FFFFFF", "#555555", legend="criterion (how we know it's a level)"
    ),
    "feature": KindStyle("dot", "#FFFFFF", "#555555", legend="feature value", swatch="dot"),
    "distinction": KindStyle(
        "triangle",
        "#FFFFFF",
        "#555555",
        legend="distinction (it's not ... because)",
        swatch="triangle",
    ),
    "mapped": KindStyle(
        "box",
        "#FFFFFF",
        "#777777",
        (2, 3),
        legend="concept of a ladder we map to (not the glossary's), dotted border",
    ),
}
"""Shapes and colours by node kind (groups and levels take their group's style)."""

EDGE_COLOURS = {
    "stated": "#333333",
    "partitive": "#7A4A00",
    "inferred": PALETTE["reddish_purple"],
    "ours": "#333333",
}
"""Line colours; inferred links are also dashed, partitive ones thick with a diamond head,
our readings dotted (in the colour of their kind: ``ours`` is the legend's sample).
Selected or hovered, a line keeps its colour (``viz.html.SELECTED_EXTRA``)."""

LINE_DASHES: dict[str, list[int]] = {"inferred": [8, 5], "ours": [2, 6]}
"""Dash patterns (vis-network units) of the lines that are not solid: a link the reasoner
worked out is dashed, an asserted link whose evidence is our reading (issue 25,
``ontology/evidence.ttl``) dotted -- the pattern, not only the colour, tells them apart."""

KIND_TEXT = {
    "group": "group of the engagement spectrum",
    "level": "level of the engagement spectrum",
    "phase": "phase of the co-production cycle",
    "concept": "concept",
    "class": "class (kind of engagement activity)",
    "activity": "engagement activity (your data)",
    "criterion": "criterion (how we know it's a level)",
    "feature": "feature value of an activity",
    "distinction": "distinction (it's not ... because)",
    "quote": "quote",
    "individual": "individual",
    "mapped": "concept of another scheme we map to (not the glossary's)",
}
"""What each kind of node is, in the tooltip's words."""

POWER = frozenset({_COPRO + "sharesMorePowerThan", _COPRO + "sharesLessPowerThan"})
"""The power links between levels and groups (drawn quiet in the spectrum; the legend
says which way their arrows point)."""
PARTITIVE = frozenset({_COPRO + "isPartOf", "http://purl.org/iso25964/skos-thes#broaderPartitive"})


def group_style(group: str | None) -> GroupStyle:
    """The style of the group with IRI ``group`` (a neutral grey for none or another)."""
    return GROUP_STYLES.get(group or "", _OTHER_GROUP)


def _activity_style(data: dict[str, Any], font: dict[str, Any]) -> dict[str, Any]:
    g = group_style(data.get("group"))
    example = bool(data.get("shipped"))
    return {
        "shape": "diamond",
        "size": 16,
        "color": {
            "background": "#FFFFFF" if example else g.colour,
            "border": g.colour if example else "#000000",
        },
        "borderWidth": 3 if example else 2,
        "font": {**font, "size": 16, "background": "rgba(255,255,255,0.85)"},
        "widthConstraint": {"maximum": 150},
    }


def node_style(data: dict[str, Any], view: str) -> dict[str, Any]:
    """vis-network style fields for a node with attributes ``data`` in view ``view``."""
    kind = data.get("kind", "concept")
    font: dict[str, Any] = {"size": 16, "face": _FONT, "color": "#111111"}
    style: dict[str, Any] = {"shape": "box", "borderWidth": 2, "font": font}
    if kind in ("group", "level"):
        g = group_style(data["iri"] if kind == "group" else data.get("group"))
        style.update(
            shapeProperties={"borderRadius": g.radius},
            color={"background": g.tint, "border": g.colour},
            borderWidth=6 if kind == "group" else 4,
            margin=14 if kind == "group" else 10,
        )
        if kind == "group":
            wide = 420 if view == "spectrum" else 220
            style.update(
                font={**font, "size": 18 if view == "spectrum" else 20},
                widthConstraint={"maximum": wide},
            )
        else:
            style["widthConstraint"] = {"minimum": 170, "maximum": 190}
    elif kind in ("activity", "individual"):
        style.update(_activity_style(data, font))
    elif kind == "quote":
        style.update(
            shape="text",
            font={**font, "size": 16, "color": "#333333"},
            widthConstraint={"maximum": 200},
        )
    elif kind in KIND_STYLES:
        k = KIND_STYLES[kind]
        style.update(shape=k.shape, color={"background": k.background, "border": k.border})
        if k.dashes:
            style["shapeProperties"] = {"borderDashes": list(k.dashes)}
        if k.shape in ("dot", "square", "triangle"):
            style.update(size=9, font={**font, "size": 16, "color": "#333333"})
        if kind == "phase":
            emphasis = data["iri"] == _COPRO + "co-design"
            style.update(
                borderWidth=5 if emphasis else 2,
                font={**font, "size": 20 if emphasis else 18},
                widthConstraint={"maximum": 200},
                margin=12,
            )
        if kind == "mapped":
            style["font"] = {**font, "size": 16, "color": "#333333"}
    else:
        style.update(color={"background": "#EEEEEE", "border": "#555555"})
    if view == "all" and kind != "group":
        # Fitted to the window an overview is drawn small: bigger text stays legible.
        style["widthConstraint"] = {"maximum": OVERVIEW_WRAP}
        style["font"] = {**style["font"], "size": OVERVIEW_FONT}
    if view == "focus" and "widthConstraint" not in style:
        style["widthConstraint"] = {"maximum": FOCUS_WRAP}
    if view == "hierarchy":
        # Boxes as viz.layout.tree_layout sized them (label_box): wrapped at TREE_WRAP.
        style["widthConstraint"] = {"maximum": TREE_WRAP}
        style["font"] = {**style["font"], "size": TREE_FONT}
        style["margin"] = 7
    return style


def node_label(data: dict[str, Any], view: str) -> str:
    """The text drawn on a node (its tooltip has the rest)."""
    label = str(data.get("label", data.get("iri", "")))
    if view == "spectrum" and data.get("kind") == "level" and data.get("examples"):
        # The short examples (the figure's) fit a node; the tooltip lists them all.
        short = [e for e in str(data["examples"]).split("; ") if len(e) <= 40][:3]
        return f"{label}\n\ne.g. {', '.join(short)}" if short else label
    if view == "spectrum" and data.get("kind") == "group":
        return label.upper() + (f"\n\n{data['statements']}" if data.get("statements") else "")
    return label


def is_partitive(data: dict[str, Any]) -> bool:
    """Is the edge with attributes ``data`` a part-whole link?"""
    return data.get("link") == "partitive" or data.get("predicate") in PARTITIVE


def line_style(data: dict[str, Any]) -> str:
    """What an edge's line says about where it comes from: ``inferred`` (the reasoner
    worked it out), ``ours`` (stated, but its evidence is our reading, not the glossary's
    sentence: :func:`copro_kg.viz.convert.to_networkx` marks it ``ours``) or ``stated``.

    >>> line_style({"inferred": False, "ours": True}), line_style({"inferred": True})
    ('ours', 'inferred')
    """
    if data.get("inferred"):
        return "inferred"
    return "ours" if data.get("ours") else "stated"


def edge_style(data: dict[str, Any], view: str) -> dict[str, Any]:
    """vis-network style fields (and the label shown) for an edge with attributes ``data``."""
    inferred = bool(data.get("inferred", False))
    line = line_style(data)
    partitive = is_partitive(data)
    colour = EDGE_COLOURS["inferred" if inferred else "partitive" if partitive else "stated"]
    # In the spectrum the power arrows between neighbouring columns are short: the
    # legend names them, the tooltip too, and a label would cover the arrow.
    # In the hierarchy every link is "is a kind of" or "is part of": the line
    # style and the legend say which, 70 repeated labels would hide the terms.
    quiet = (view == "spectrum" and (data.get("predicate") in POWER or data.get("via"))) or (
        view == "hierarchy"
    )
    head = {"enabled": True, "type": "diamond" if partitive else "arrow"}
    # The spectrum reads left to right, in order of power sharing ("doing to doing for
    # doing with"): "B shares more power than A" (B right of A) is drawn with its head
    # at B, so every arrow of the figure points the way the figure reads.
    reverse = view == "spectrum" and data.get("predicate") == _COPRO + "sharesMorePowerThan"
    style: dict[str, Any] = {
        "label": "" if quiet else str(data.get("label", "")),
        "dashes": list(LINE_DASHES[line]) if line in LINE_DASHES else False,
        "width": 3 if partitive else 2,
        "color": colour,  # one string: vis-network keeps it when selected or hovered
        "arrows": {"from": head, "to": {"enabled": False}} if reverse else {"to": head},
        "font": {"size": 14, "color": "#222222", "strokeWidth": 3, "align": "middle"},
    }
    if data.get("shownBy") == "block":
        # The "all terms" view draws a term inside the block of its broader term
        # (viz.sections): the position says it, a line to every box would hide them.
        style["hidden"] = True
    elif data.get("betweenSections"):
        # Crosses the page between two sections: faint until hovered or selected.
        style["width"] = 1
        style["color"] = {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.3}
    return style


def palette_css() -> str:
    """The site's group colours as CSS custom properties and ``group-<slug>`` classes.

    ``--to``, ``--for`` and ``--with`` (and ``--to-tint`` ...) are the colours the
    graph pages draw the three groups with, so the site and its pictures agree; the
    site's stylesheet uses them for its ``group-<slug>`` classes.
    """
    rules = [":root {"]
    for g in GROUP_STYLES.values():
        short = g.slug.removeprefix("doing-")
        rules.append(f"  --{short}: {g.colour};")
        rules.append(f"  --{short}-tint: {g.tint};")
    rules.append("}")
    return "\n".join(rules) + "\n"
