"""Legibility measured on a live graph page (issue 15), shared by the browser tests.

:data:`MEASURE` runs in the page and reads ``window.coproGraph`` -- the documented
handle every graph page exposes (``docs/graphs.md``) -- after its first paint: the
label box and the rendered text size of every node that is drawn inside the visible
area, the drawn link labels, and where the focus node sits. :func:`problems` turns
that into the issue's figures, as sentences a failing test prints.

Sizes are CSS pixels: vis-network draws a font of ``size`` canvas units at
``size * scale`` CSS px (the network's current zoom).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MEASURE",
    "MIN_LINK_TEXT",
    "MIN_NODE_TEXT",
    "VIEWPORTS",
    "Figures",
    "measure",
    "problems",
    "wait_until_drawn",
]

MIN_NODE_TEXT = 12.0
"""Issue 15: "node text is at least 12 CSS px"."""

MIN_LINK_TEXT = 11.0
"""Issue 15: "link labels are at least 11 px or appear on hover/focus"."""

VIEWPORTS = {"desktop": (1400, 900), "phone": (390, 844)}
"""Issue 15: "at 1400x900 and at 390x844"."""

MEASURE = """() => {
  const g = window.coproGraph, net = g.network, body = net.body;
  const scale = net.getScale();
  const box = document.getElementById('graph').getBoundingClientRect();
  const toDom = (l, t, r, b) => {
    const a = net.canvasToDOM({x: l, y: t}), z = net.canvasToDOM({x: r, y: b});
    return {left: a.x, top: a.y, right: z.x, bottom: z.y};
  };
  const inside = (r) => r.right > 0 && r.bottom > 0 && r.left < box.width && r.top < box.height;
  const nodes = [];
  let total = 0;
  for (const id of body.nodeIndices) {
    const n = body.nodes[id];
    if (n.options.hidden || !n.options.label) { continue; }
    total += 1;
    const s = n.labelModule.size;
    const label = toDom(s.left, s.top, s.left + s.width, s.top + s.height);
    const bb = n.shape.boundingBox;
    const whole = toDom(bb.left, bb.top, bb.right, bb.bottom);
    if (!inside(whole)) { continue; }
    nodes.push({id: String(id), text: String(n.options.label).split('\\n')[0],
                px: n.options.font.size * scale, label: label, box: whole});
  }
  const links = [];
  for (const id of body.edgeIndices) {
    const e = body.edges[id];
    if (e.options.hidden || !String(e.options.label || '').trim() || !e.connected) { continue; }
    const s = e.labelModule.size;
    const label = toDom(s.left, s.top, s.left + s.width, s.top + s.height);
    if (!inside(label) || s.width === 0) { continue; }
    links.push({id: String(id), text: String(e.options.label), px: e.options.font.size * scale,
                label: label});
  }
  const focus = g.focus || null;
  let focusAt = null, focusOnTop = null;
  if (focus !== null && body.nodes[focus]) {
    const p = net.canvasToDOM(net.getPositions([focus])[focus]);
    focusAt = {x: p.x / box.width, y: p.y / box.height};
    const order = body.nodeIndices.filter((i) => !body.nodes[i].options.hidden);
    // vis-network draws the selected nodes after all others.
    focusOnTop = net.getSelectedNodes().indexOf(focus) >= 0 || order[order.length - 1] === focus;
  }
  return {scale: scale, width: box.width, height: box.height, nodes: nodes, total: total,
          links: links,
          focus: focus, focusAt: focusAt, focusOnTop: focusOnTop};
}"""


@dataclass(frozen=True)
class Figures:
    """What :data:`MEASURE` found on one page."""

    raw: dict[str, Any]

    @property
    def nodes(self) -> list[dict[str, Any]]:
        return list(self.raw["nodes"])

    @property
    def smallest_node_text(self) -> float:
        return min((n["px"] for n in self.nodes), default=float("inf"))

    def overlapping_labels(self) -> list[tuple[str, str]]:
        """Pairs of visible nodes whose labels overlap (by more than half a pixel)."""
        found = []
        items = sorted(self.nodes, key=lambda n: n["label"]["left"])
        for i, a in enumerate(items):
            ra = a["label"]
            for b in items[i + 1 :]:
                rb = b["label"]
                if rb["left"] >= ra["right"] - 0.5:
                    break
                if min(ra["bottom"], rb["bottom"]) - max(ra["top"], rb["top"]) > 0.5:
                    found.append((a["text"], b["text"]))
        return found

    def overlapping_link_labels(self) -> list[tuple[str, str]]:
        """Pairs of drawn link labels that run into each other."""
        found = []
        links = self.raw["links"]
        for i, a in enumerate(links):
            for b in links[i + 1 :]:
                ra, rb = a["label"], b["label"]
                dx = min(ra["right"], rb["right"]) - max(ra["left"], rb["left"])
                dy = min(ra["bottom"], rb["bottom"]) - max(ra["top"], rb["top"])
                if dx > 0.5 and dy > 0.5:
                    found.append((a["text"], b["text"]))
        return found


def wait_until_drawn(page: Any, timeout_s: float = 60.0) -> None:
    """Poll until the layout is final and painted (``state.stabilized`` and ``state.drawn``).

    Playwright's ``wait_for_function`` evaluates a string, which the page's CSP forbids.
    """
    deadline = time.monotonic() + timeout_s
    check = (
        "() => !!(window.coproGraph && window.coproGraph.state.stabilized"
        " && window.coproGraph.state.drawn)"
    )
    while not page.evaluate(check):
        assert time.monotonic() < deadline, "the layout never settled"
        page.wait_for_timeout(50)
    page.wait_for_timeout(100)  # the first paint after the initial view is set


def measure(page: Any) -> Figures:
    """Wait for the page (or frame) to be drawn and measure it."""
    wait_until_drawn(page)
    return Figures(page.evaluate(MEASURE))


def problems(figures: Figures) -> list[str]:
    """The issue's requirements this page misses, as sentences (empty: legible)."""
    found = []
    if not figures.nodes:
        found.append("no node is drawn in the visible area")
    if figures.smallest_node_text < MIN_NODE_TEXT - 0.05:
        small = min(figures.nodes, key=lambda n: n["px"])
        found.append(f"node text {small['px']:.1f} px ({small['text']!r}) < {MIN_NODE_TEXT}")
    overlaps = figures.overlapping_labels()
    if overlaps:
        found.append(f"{len(overlaps)} overlapping node labels, e.g. {overlaps[:3]}")
    for link in figures.raw["links"]:
        if link["px"] < MIN_LINK_TEXT - 0.05:
            found.append(f"link label {link['text']!r} drawn at {link['px']:.1f} px")
            break
    crossing = figures.overlapping_link_labels()
    if crossing:
        found.append(f"link labels run into each other: {crossing[:3]}")
    if figures.raw["focus"] is not None:
        at = figures.raw["focusAt"]
        # Centred matters where the first view crops the picture around its focus; a
        # picture shown whole (a site's frame, issue 30) needs no centre to find it by.
        cropped = len(figures.nodes) < figures.raw["total"]
        if cropped and (at is None or abs(at["x"] - 0.5) > 0.05 or abs(at["y"] - 0.5) > 0.05):
            found.append(f"the focus node is not centred: {at}")
        if not figures.raw["focusOnTop"]:
            found.append("the focus node is not drawn on top")
    return found
