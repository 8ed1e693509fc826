"""Every graph view legible at first sight, on a desktop and on a phone (issue 15).

Measured in a real headless Chromium from the live network (``window.coproGraph``),
after the first paint, at the issue's two window sizes: "no two node labels overlap,
node text is at least 12 CSS px, link labels are at least 11 px or appear on
hover/focus, the focus node is drawn on top and centred". The views are drawn from the
shipped glossary as ``copro-kg graph`` draws them, and the site's pages are checked with
their graphs embedded in ``<iframe>``s.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from copro_kg.pipeline import Workspace
from copro_kg.viz import convert, html, views
from tests.viz.legibility import VIEWPORTS, Figures, measure, problems

pytestmark = pytest.mark.browser

C = "https://w3id.org/copro-kg/"

# (view, focus term, depth): the issue's list -- "all terms, hierarchy, focus co-design
# depth 2, spectrum, cycle".
DRAWN = {
    "all": ("all", None, 1),
    "hierarchy": ("hierarchy", None, 1),
    "focus-co-design": ("all", "co-design", 2),
    "spectrum": ("spectrum", None, 1),
    "cycle": ("cycle", None, 1),
}


@pytest.fixture(scope="module")
def whole() -> nx.MultiDiGraph:
    """The shipped glossary, reasoned and converted as ``copro-kg graph`` does."""
    workspace = Workspace(())
    return convert.to_networkx(
        workspace.reasoning(),
        origin=convert.origin_from(workspace.sources),
        shipped=convert.shipped_from(workspace.sources),
    )


@pytest.fixture(scope="module")
def pages(whole: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("legible")
    written = {}
    for name, (view_name, term, depth) in DRAWN.items():
        drawn, title = views.select(whole, view_name, term, depth)
        written[name] = html.write_html(drawn, out / f"{name}.html", title=title)
    return written


@pytest.fixture(scope="module")
def site(glossary_site: Path) -> Path:
    """The shipped glossary's site (built once per run, see tests/conftest.py)."""
    return glossary_site


@pytest.fixture(scope="module", params=sorted(VIEWPORTS))
def window(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """One page of the given window size, with no network: the context is offline, so a
    request to any host fails (``net::ERR_INTERNET_DISCONNECTED``) while the pages' own
    ``file:`` and ``data:`` addresses load. (A route that let only those through did the
    same, but paused every request of every page for a round trip to Playwright.)"""
    width, height = VIEWPORTS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
    page = context.new_page()
    yield page
    context.close()


def _report(name: str, figures: Figures, found: list[str]) -> str:
    return (
        f"{name} at {figures.raw['width']:.0f}x{figures.raw['height']:.0f} "
        f"(zoom {figures.raw['scale']:.2f}, {len(figures.nodes)} nodes in view): "
        + "; ".join(found)
    )


@pytest.mark.parametrize("name", sorted(DRAWN))
def test_view_is_legible_at_first_paint(name: str, pages: dict[str, Path], window: Any) -> None:
    window.goto(pages[name].as_uri())
    figures = measure(window)
    found = problems(figures)
    assert not found, _report(name, figures, found)
    if DRAWN[name][1] is not None:
        # Issue 15: "the focus node is drawn on top and centred".
        assert figures.raw["focus"] == C + "co-design"


# The site's pictures: the spectrum and cycle pages, and the term pages with the
# biggest neighbourhoods (co-design, co-production) and a level (consultation).
SITE_PAGES = (
    "spectrum.html",
    "cycle.html",
    "terms/co-design.html",
    "terms/co-production.html",
    "terms/consultation.html",
)


@pytest.mark.parametrize("page_name", SITE_PAGES)
def test_site_embedded_graph_is_legible(page_name: str, site: Path, window: Any) -> None:
    window.goto((site / page_name).as_uri())
    frame_element = window.locator("iframe.graph-frame")
    frame_element.scroll_into_view_if_needed()
    frame = frame_element.element_handle().content_frame()
    assert frame is not None
    figures = measure(frame)
    found = problems(figures)
    assert not found, _report(page_name, figures, found)
