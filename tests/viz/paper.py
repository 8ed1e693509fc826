"""Reading a static picture (SVG) as a reader's eye would: where each text line sits.

Independent of the code that wrote it: text widths come from the Liberation Sans font
files themselves (fontTools; metric-compatible with Arial, the picture's first font),
not from :mod:`copro_kg.viz.metrics`; positions from the SVG's own attributes, with
the ``translate`` of every enclosing group applied.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["FONTS", "Line", "Rect", "lines_of", "node_texts", "overlaps", "shapes_of", "size_pt"]

SVG = "{http://www.w3.org/2000/svg}"
FONTS = {
    False: Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    True: Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
}
"""Debian's fonts-liberation (scripts/install-system-deps.sh installs it)."""

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    rect: Rect
    node: str | None
    """The IRI of the node the line labels, or None (title, legend, caption)."""


@cache
def _font(bold: bool) -> tuple[dict[int, int], float, float]:
    """Advance widths by code point (in ems x 1000), ascent and descent (in ems)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(FONTS[bold]))
    upm = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    widths = {code: metrics[name][0] * 1000 // upm for code, name in font.getBestCmap().items()}
    return widths, font["hhea"].ascent / upm, -font["hhea"].descent / upm


def _width(text: str, size: float, bold: bool) -> float:
    widths, _, _ = _font(bold)
    return sum(widths.get(ord(c), 1000) for c in text) * size / 1000


def _translate(el: ET.Element) -> tuple[float, float]:
    match = re.search(r"translate\(\s*([-\d.]+)[ ,]+([-\d.]+)\s*\)", el.get("transform", ""))
    return (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)


def _walk(el: ET.Element, dx: float, dy: float, node: str | None) -> Any:
    tx, ty = _translate(el)
    dx, dy = dx + tx, dy + ty
    node = el.get("data-iri", node)
    yield el, dx, dy, node
    for child in el:
        yield from _walk(child, dx, dy, node)


def lines_of(svg: str) -> list[Line]:
    """Every ``<text>`` of the picture with the rectangle its glyphs take."""
    out = []
    for el, dx, dy, node in _walk(ET.fromstring(svg), 0.0, 0.0, None):
        if el.tag != f"{SVG}text" or not (el.text or "").strip():
            continue
        size = float(el.get("font-size", "16"))
        bold = el.get("font-weight") == "bold"
        _, ascent, descent = _font(bold)
        width = _width(el.text or "", size, bold)
        x, y = float(el.get("x", "0")) + dx, float(el.get("y", "0")) + dy
        anchor = el.get("text-anchor", "start")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        rect = (left, y - ascent * size, left + width, y + descent * size)
        out.append(Line(el.text or "", size, rect, node))
    return out


def shapes_of(svg: str) -> dict[str, Rect]:
    """The box (rect or ellipse) each node is drawn with, by IRI."""
    out: dict[str, Rect] = {}
    for el, dx, dy, node in _walk(ET.fromstring(svg), 0.0, 0.0, None):
        if node is None or node in out:
            continue
        if el.tag == f"{SVG}rect":
            x, y = float(el.get("x", "0")) + dx, float(el.get("y", "0")) + dy
            out[node] = (x, y, x + float(el.get("width", "0")), y + float(el.get("height", "0")))
        elif el.tag == f"{SVG}ellipse":
            cx, cy = float(el.get("cx", "0")) + dx, float(el.get("cy", "0")) + dy
            rx, ry = float(el.get("rx", "0")), float(el.get("ry", "0"))
            out[node] = (cx - rx, cy - ry, cx + rx, cy + ry)
    return out


def node_texts(svg: str) -> dict[str, str]:
    """Each node's lines joined as a reader reads them (a line ending in a hyphen joins on)."""
    joined: dict[str, str] = {}
    for line in lines_of(svg):
        if line.node is None:
            continue
        before = joined.get(line.node, "")
        glue = "" if not before or before.endswith("-") else " "
        joined[line.node] = before + glue + line.text
    return joined


def overlaps(rects: list[tuple[str, Rect]], tolerance: float = 0.05) -> list[tuple[str, str]]:
    """Pairs of named rectangles that share more than a sliver."""
    found = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(rects):
        for b, (bx0, by0, bx1, by1) in rects[i + 1 :]:
            if (
                min(ax1, bx1) - max(ax0, bx0) > tolerance
                and min(ay1, by1) - max(ay0, by0) > tolerance
            ):
                found.append((a, b))
    return found


def size_pt(svg: str) -> float:
    """How many points one unit of the picture is at its stated width (``width="160mm"``)."""
    root = ET.fromstring(svg)
    width = root.get("width", "")
    assert width.endswith("mm"), width
    view_width = float(root.get("viewBox", "0 0 1 1").split()[2])
    return float(width[:-2]) * 72 / 25.4 / view_width
