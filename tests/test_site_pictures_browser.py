"""The site's pictures open whole (issue 30), in a real headless Chromium.

The issue: "A browser test opens every term page's graph and the spectrum page at
desktop and phone sizes and finds every node inside the frame and none under the
legend"; the text stays legible (issue 15: "node text is at least 12 CSS px"). One
browser for the session, one page per window size reused for every term.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.viz.legibility import MIN_NODE_TEXT
from tests.viz.test_legibility_browser import window

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["window"]  # the fixture (a page at each of issue 15's window sizes), shared

# Every drawn node's box, the graph's box, the legend's box and the frame's window, in
# the frame's CSS pixels (vis-network draws ``size`` units at ``size * scale`` px).
MEASURE = """() => {
  const g = window.coproGraph, net = g.network, body = net.body;
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const graph = document.getElementById('graph').getBoundingClientRect();
  const nodes = [];
  for (const id of body.nodeIndices) {
    const n = body.nodes[id];
    if (n.options.hidden) { continue; }
    const bb = n.shape.boundingBox;
    const a = net.canvasToDOM({x: bb.left, y: bb.top});
    const z = net.canvasToDOM({x: bb.right, y: bb.bottom});
    nodes.push({id: String(id), px: n.options.font.size * net.getScale(),
                left: graph.left + a.x, top: graph.top + a.y,
                right: graph.left + z.x, bottom: graph.top + z.y});
  }
  return {graph: box(graph), legend: box(document.getElementById('legend').getBoundingClientRect()),
          window: {left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight},
          nodes: nodes};
}"""


@pytest.fixture(scope="module")
def site(glossary_site: Path) -> Path:
    """The shipped glossary's site (built once per run, see tests/conftest.py)."""
    return glossary_site


def _inside(inner: dict[str, float], outer: dict[str, float], slack: float = 1.0) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["top"] >= outer["top"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
    )


def problems(page: Any, rel: str) -> list[str]:
    """What keeps the picture on ``rel`` from opening whole, as sentences."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(rel)
    frame_element = page.locator("iframe.graph-frame")
    frame_element.scroll_into_view_if_needed()  # term pages load their frame lazily
    try:  # frames.js marks the frame once graph.js has fitted the picture to it
        page.locator("iframe.graph-frame[data-fitted=true]").wait_for(timeout=60_000)
    except PlaywrightTimeout:
        pytest.fail(f"{rel}: the picture never fitted its frame")
    frame = frame_element.element_handle().content_frame()
    m = frame.evaluate(MEASURE)
    found = []
    for node in m["nodes"]:
        name = node["id"].rsplit("/", 1)[-1]
        if not _inside(node, m["graph"]) or not _inside(node, m["window"]):
            found.append(f"{name} is outside the frame")
        if _overlap(node, m["legend"]):
            found.append(f"{name} is under the legend")
        if node["px"] < MIN_NODE_TEXT - 0.01:
            found.append(f"{name}'s text is {node['px']:.1f} px")
    return found


def test_every_picture_opens_whole(site: Path, window: Any) -> None:
    """Every term page's picture and the spectrum's, at a desktop's and a phone's size."""
    page = window
    size = page.viewport_size
    terms = sorted(f"terms/{p.stem}.html" for p in (site / "graphs" / "focus").glob("*.html"))
    pages = ["spectrum.html", "cycle.html", *terms]
    assert len(pages) > 60
    failures = {}
    for rel in pages:
        found = problems(page, (site / rel).as_uri())
        if found:
            failures[rel] = found[:4]
    assert not failures, f"at {size}: {failures}"
