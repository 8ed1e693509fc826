"""A view as a static picture for reports and slides: SVG written here, PNG from it.

``copro-kg graph --view spectrum -o spectrum.svg`` (or ``.png``) writes the picture the
interactive page draws -- the same positions (:mod:`copro_kg.viz.picture` fits them to
paper), the same colours, shapes and line styles (:func:`copro_kg.viz.style.node_style`,
:func:`~copro_kg.viz.style.edge_style`), the same legend
(:func:`copro_kg.viz.legend.legend`) -- with no browser: the SVG is written by this
module with :mod:`xml.etree.ElementTree` (every text escaped), and a PNG is that SVG
rasterised by CairoSVG (the ``print`` extra). It is 160 mm wide, its text at least
9 pt, with a caption naming the source and the version.

Links are drawn without their names, which would cross the boxes on paper; the legend
lists the relations drawn. Each node is a ``<g class="node">`` holding its ``<title>``
(the full label) and one ``<text>`` per line, so the picture can be checked (tests)
and read by a screen reader.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(view="cycle")
>>> g.add_node("https://example.org/a", iri="https://example.org/a", label="<a & b>",
...            kind="phase", x=0, y=0)
>>> svg = render_svg(g, title="demo")
>>> "&lt;a &amp; b&gt;" in svg, 'width="160mm"' in svg
(True, True)
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic
from copro_kg.viz.legend import legend
from copro_kg.viz.metrics import LINE_HEIGHT, wrap
from copro_kg.viz.picture import FONT, GAP, MARGIN, MM, WIDTH, Box, fit
from copro_kg.viz.style import (
    EDGE_COLOURS,
    GROUP_IRIS,
    GROUP_STYLES,
    KIND_STYLES,
    edge_style,
    line_style,
)

__all__ = ["DPI", "FONT_FAMILY", "SOURCE", "render_png", "render_svg", "write_picture"]

FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif"
"""Fonts of one set of widths, which :mod:`copro_kg.viz.metrics` measures with."""

TITLE_FONT = 11.0
DPI = 200
"""Resolution of a PNG: 160 mm is 1,260 pixels wide, sharp on a slide and in print."""

SOURCE = (
    "Source: Co-production Network for Wales, \u201cEngagement and co-production glossary\u201d."
)
"""The caption's first sentence: whose glossary the picture draws."""

PAPER_DASHES = {"inferred": "4 3", "ours": "0.1 2.4"}
"""The screen's dash patterns (:data:`copro_kg.viz.style.LINE_DASHES`) at paper scale:
worked out is dashed, our reading dotted (round caps turn the 0.1 dashes into dots)."""

_ASCENT, _DESCENT = 0.91, 0.21
"""Arial (and Liberation Sans) above and below the baseline, in ems."""


def _version() -> str:
    from copro_kg._version import __version__

    return __version__


def _el(parent: ET.Element, tag: str, **attrs: str) -> ET.Element:
    """A child element; ``font_size=`` is written ``font-size=``, ``class_=`` ``class=``."""
    return ET.SubElement(
        parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
    )


def _text(parent: ET.Element, x: float, top: float, line: str, size: float, **attrs: str) -> None:
    """One line of text whose line box starts at ``top``."""
    baseline = top + (size * LINE_HEIGHT - (_ASCENT + _DESCENT) * size) / 2 + _ASCENT * size
    el = _el(parent, "text", x=f"{x:.1f}", y=f"{baseline:.1f}", font_size=f"{size:g}", **attrs)
    el.text = line


def _node(parent: ET.Element, box: Box) -> None:
    g = ET.SubElement(parent, "g", {"class": "node", "data-iri": box.node})
    ET.SubElement(g, "title").text = " ".join(box.label.split())
    common = {"fill": box.fill, "stroke": box.stroke, "stroke_width": f"{box.stroke_width:g}"}
    if box.dashes:
        common["stroke_dasharray"] = " ".join(f"{d:g}" for d in box.dashes)
    if box.shape == "ellipse":
        _el(
            g, "ellipse", cx=f"{box.x:.1f}", cy=f"{box.y:.1f}", rx=f"{box.w / 2:.1f}",
            ry=f"{box.h / 2:.1f}", **common,
        )  # fmt: skip
    elif box.shape in ("box", "text"):
        _el(
            g, "rect", x=f"{box.left:.1f}", y=f"{box.top:.1f}", width=f"{box.w:.1f}",
            height=f"{box.h:.1f}", rx=f"{box.radius:g}", **common,
        )  # fmt: skip
    else:  # a marker above its label, the label on white so links pass behind it
        x0, y0, x1, y1 = box.anchor()
        cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2
        shapes = {
            "diamond": f"{cx},{y0} {x1},{cy} {cx},{y1} {x0},{cy}",
            "triangle": f"{cx},{y0} {x1},{y1} {x0},{y1}",
            "square": f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}",
        }
        if box.shape == "dot":
            _el(g, "circle", cx=f"{cx:.1f}", cy=f"{cy:.1f}", r=f"{r:.1f}", **common)
        else:
            _el(g, "polygon", points=shapes[box.shape], **common)
        h = len(box.lines) * FONT * LINE_HEIGHT
        _el(
            g, "rect", x=f"{box.left:.1f}", y=f"{box.text_top:.1f}", width=f"{box.w:.1f}",
            height=f"{h:.1f}", fill="#FFFFFF", fill_opacity="0.85",
        )  # fmt: skip
    for i, line in enumerate(box.lines):
        if line:
            weight = {"font_weight": "bold"} if i < box.bold else {}
            top = box.text_top + i * FONT * LINE_HEIGHT
            _text(g, box.x, top, line, FONT, text_anchor="middle", **weight)


def _clip(
    rect: tuple[float, float, float, float], towards: tuple[float, float]
) -> tuple[float, float]:
    """Where the line from the rectangle's centre to ``towards`` leaves the rectangle."""
    x0, y0, x1, y1 = rect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == dy == 0:
        return cx, cy
    t = min(
        (x1 - cx) / abs(dx) if dx else math.inf,
        (y1 - cy) / abs(dy) if dy else math.inf,
    )
    return cx + dx * min(t, 1.0), cy + dy * min(t, 1.0)


def _head(
    parent: ET.Element,
    tip: tuple[float, float],
    back: tuple[float, float],
    style: dict[str, Any],
    colour: str,
) -> None:
    """An arrow (or, for a part-whole link, a diamond) at ``tip``, pointing away from ``back``."""
    dx, dy = tip[0] - back[0], tip[1] - back[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    diamond = style.get("type") == "diamond"
    size, half = (10.0, 3.5) if diamond else (7.0, 3.0)
    bx, by = tip[0] - ux * size, tip[1] - uy * size
    points = [tip, (bx - uy * half, by + ux * half), (bx, by), (bx + uy * half, by - ux * half)]
    if diamond:
        mid = (tip[0] - ux * size / 2, tip[1] - uy * size / 2)
        points = [
            tip,
            (mid[0] - uy * half, mid[1] + ux * half),
            (bx, by),
            (mid[0] + uy * half, mid[1] - ux * half),
        ]
    ET.SubElement(
        parent, "polygon", points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points), fill=colour
    )


def _edges(parent: ET.Element, graph: nx.MultiDiGraph, where: dict[str, Box]) -> list[str]:
    """Draw the links under the boxes; returns the names of the relations drawn."""
    view = str(graph.graph.get("view", "all"))
    names: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for s, o, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        style = edge_style({**data, "label": str(data.get("label", key))}, view)
        if style.get("hidden") or s == o or s not in where or o not in where:
            continue
        name = str(data.get("label", "")).strip()
        if name and name not in names:
            names.append(name)
        pair = (min(s, o), max(s, o))
        k = seen[pair] = seen.get(pair, -1) + 1
        a, b = where[s].anchor(), where[o].anchor()
        ca, cb = ((a[0] + a[2]) / 2, (a[1] + a[3]) / 2), ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
        start, end = _clip(a, cb), _clip(b, ca)
        bend = 0.0 if k == 0 else (12.0 * ((k + 1) // 2)) * (1 if k % 2 else -1)
        length = math.hypot(end[0] - start[0], end[1] - start[1]) or 1.0
        normal = (-(end[1] - start[1]) / length, (end[0] - start[0]) / length)
        if s != pair[0]:
            normal = (-normal[0], -normal[1])
        ctrl = (
            (start[0] + end[0]) / 2 + normal[0] * bend,
            (start[1] + end[1]) / 2 + normal[1] * bend,
        )
        paint = style["color"]  # a colour string, or {"color": ..., "opacity": ...}
        colour = str(paint["color"] if isinstance(paint, dict) else paint)
        line = line_style(data)
        attrs = {
            "class": f"link {line}",
            "fill": "none",
            "stroke": colour,
            "stroke-width": f"{float(style.get('width', 2)) * 0.6:g}",
            "d": f"M{start[0]:.1f},{start[1]:.1f} Q{ctrl[0]:.1f},{ctrl[1]:.1f}"
            f" {end[0]:.1f},{end[1]:.1f}",
        }
        if line in PAPER_DASHES:
            attrs["stroke-dasharray"] = PAPER_DASHES[line]
            if line == "ours":
                attrs["stroke-linecap"] = "round"
        if isinstance(paint, dict) and "opacity" in paint:
            attrs["stroke-opacity"] = str(paint["opacity"])
        ET.SubElement(parent, "path", attrs)
        arrows = style.get("arrows", {})
        if arrows.get("to", {}).get("enabled"):
            _head(parent, end, ctrl, arrows["to"], colour)
        if arrows.get("from", {}).get("enabled"):
            _head(parent, start, ctrl, arrows["from"], colour)
    return names


def _swatch(parent: ET.Element, css: str, x: float, top: float) -> None:
    """The legend's swatch for an entry of :func:`copro_kg.viz.legend.legend`."""
    classes = css.split()
    y = top + 1.5
    groups = list(GROUP_STYLES.values())
    for cls in classes:
        name = cls.removeprefix("sw-")
        if cls in EDGE_COLOURS:
            dash = {"stroke_dasharray": PAPER_DASHES[cls]} if cls in PAPER_DASHES else {}
            if cls == "ours":
                dash["stroke_linecap"] = "round"
            width = "2.4" if cls == "partitive" else "1.2"
            mid = f"{top + FONT * LINE_HEIGHT / 2:.1f}"
            attrs = {"x1": f"{x:.1f}", "x2": f"{x + 14:.1f}", "y1": mid, "y2": mid}
            _el(parent, "line", stroke=EDGE_COLOURS[cls], stroke_width=width, **attrs, **dash)
            return
        if name.startswith("g") and name[1:].isdigit() and int(name[1:]) < len(groups):
            g = groups[int(name[1:])]
            _el(
                parent, "rect", x=f"{x:.1f}", y=f"{y:.1f}", width="14", height="8",
                rx=f"{g.radius / 6:g}", fill=g.tint, stroke=g.colour, stroke_width="1.5",
            )  # fmt: skip
            return
        if name in KIND_STYLES:
            k = KIND_STYLES[name]
            sample = GROUP_STYLES[GROUP_IRIS[2]].colour  # as legend_css shows activities
            paint = {"fill": k.background or sample, "stroke": k.border or sample}
            cx, cy = x + 7, y + 4
            if k.swatch == "diamond":
                points = f"{cx},{cy - 5} {cx + 5},{cy} {cx},{cy + 5} {cx - 5},{cy}"
                _el(parent, "polygon", points=points, stroke_width="1.5", **paint)
            elif k.swatch == "dot":
                _el(parent, "circle", cx=f"{cx}", cy=f"{cy}", r="4", stroke_width="1", **paint)
            elif k.swatch == "triangle":
                points = f"{cx},{cy - 4.5} {cx + 5},{cy + 4} {cx - 5},{cy + 4}"
                _el(parent, "polygon", points=points, stroke_width="1", **paint)
            else:
                _el(
                    parent, "rect", x=f"{x:.1f}", y=f"{y:.1f}", width="14", height="8",
                    rx="4" if k.swatch == "round" else "0", stroke_width="1", **paint,
                )  # fmt: skip
            return


def _block(
    parent: ET.Element, lines: list[str], top: float, size: float, x: float, **attrs: str
) -> float:
    for i, line in enumerate(lines):
        _text(parent, x, top + i * size * LINE_HEIGHT, line, size, **attrs)
    return top + len(lines) * size * LINE_HEIGHT


def render_svg(graph: nx.MultiDiGraph, title: str = "", subtitle: str = "", **_: Any) -> str:
    """The SVG picture of ``graph`` (a view of :mod:`copro_kg.viz.views`), as text.

    ``subtitle`` (what the links mean, as :func:`copro_kg.viz.html.render_html` takes
    it) joins the caption. Other keywords of ``render_html`` are accepted and ignored.
    """
    avail = WIDTH - 2 * MARGIN
    svg = ET.Element("svg", xmlns="http://www.w3.org/2000/svg", role="img")
    svg.set("font-family", FONT_FAMILY)
    heading = wrap(title, avail, TITLE_FONT, bold=True) if title else []
    ET.SubElement(svg, "title").text = title or "copro-kg picture"
    desc = ET.SubElement(svg, "desc")  # the caption, for screen readers
    background = ET.SubElement(svg, "rect", x="0", y="0", fill="#FFFFFF")
    y = _block(svg, heading, MARGIN, TITLE_FONT, MARGIN, font_weight="bold") + GAP
    boxes = fit(graph)
    # Wider than the page only where two neighbours' longest words need it (never so far).
    page = max([WIDTH, *(b.right + MARGIN for b in boxes)])
    drawing = ET.SubElement(svg, "g", {"class": "drawing", "transform": f"translate(0 {y:.1f})"})
    links = ET.SubElement(drawing, "g", {"class": "links"})
    names = _edges(links, graph, {b.node: b for b in boxes})
    for box in sorted(boxes, key=lambda b: b.node):  # one order whatever the hash seed
        _node(drawing, box)
    y += max((b.bottom for b in boxes), default=0.0) + 2 * GAP
    y = _legend(svg, graph, names, y)
    caption = " ".join(
        part
        for part in (
            f"Figure: {title}." if title else "",
            SOURCE,
            subtitle,
            _hidden(str(graph.graph.get("hidden", ""))),
            f"Drawn by copro-kg {_version()}.",
        )
        if part
    )
    lines = wrap(caption, avail, FONT)
    desc.text = caption
    y = _block(svg, lines, y + GAP, FONT, MARGIN, class_="caption") + MARGIN
    svg.set("width", f"{page / MM:.0f}mm")
    svg.set("height", f"{y / MM:.1f}mm")
    svg.set("viewBox", f"0 0 {page:.2f} {y:.2f}")
    background.set("width", f"{page:.1f}")
    background.set("height", f"{y:.1f}")
    ET.indent(svg, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode") + "\n"


def _hidden(note: str) -> str:
    """ "Not shown: 17 examples (copro-kg graph --include examples draws them)." """
    if not note:
        return ""
    parts = ",".join(item.split()[-1] for item in note.split(", "))
    return f"Not shown: {note} (copro-kg graph --include {parts} draws them)."


def _legend(parent: ET.Element, graph: nx.MultiDiGraph, names: list[str], top: float) -> float:
    """The legend under the drawing, in two columns; returns where it ends."""
    items, lines, _ = legend(graph)
    entries = [(i["css"], i["text"]) for i in (*items, *lines)]
    if names:
        entries.append(("", "Links drawn: " + "; ".join(names) + "."))
    g = ET.SubElement(parent, "g", {"class": "legend"})
    column = (WIDTH - 2 * MARGIN - GAP) / 2
    heights = [0.0, 0.0]
    for css, text in entries:
        for screen_only in ("; hover for why", " (hover for why)", "; point at it"):
            text = text.replace(screen_only, "")  # on paper nothing can be pointed at
        col = 0 if heights[0] <= heights[1] else 1
        x = MARGIN + col * (column + GAP)
        indent = 18.0 if css else 0.0
        wrapped = wrap(text, column - indent, FONT)
        start = top + heights[col]
        if css:
            _swatch(g, css, x, start)
        heights[col] = _block(g, wrapped, start, FONT, x + indent) - top + 2
    return top + max(heights)


def render_png(graph: nx.MultiDiGraph, **kwargs: Any) -> bytes:
    """The picture as PNG at :data:`DPI` (CairoSVG: ``pip install 'copro-kg[print]'``).

    Raises:
        InputError: CairoSVG or its cairo library is not installed.
    """
    try:
        import cairosvg
    except (ImportError, OSError) as err:
        raise InputError(
            f"writing a .png needs CairoSVG and the cairo library ({err})",
            hint="pip install 'copro-kg[print]', or write .svg",
        ) from err
    png: bytes = cairosvg.svg2png(bytestring=render_svg(graph, **kwargs).encode("utf-8"), dpi=DPI)
    return png


def write_picture(graph: nx.MultiDiGraph, path: str | Path, fmt: str, **kwargs: Any) -> Path:
    """Write the picture of ``graph`` as ``svg`` or ``png`` to ``path``, atomically."""
    content = render_png(graph, **kwargs) if fmt == "png" else render_svg(graph, **kwargs)
    write_atomic(path, content)
    return Path(path)
