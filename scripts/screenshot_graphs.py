"""Screenshot graph pages in headless Chromium (``make screenshots``).

Usage: ``python scripts/screenshot_graphs.py OUT_DIR PAGE.html [PAGE.html ...]``
writes ``OUT_DIR/<page stem>.png`` for each page, at 1400x900 (issue 15's desktop),
after the layout has settled and its first view is painted. The browser gets no
network: every request other than ``file:`` / ``data:`` is aborted.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import Page, Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _offline(route: Route) -> None:
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort()


def wait_until_stable(page: Page, timeout_s: float = 60.0) -> None:
    """Wait for the page's layout to settle and its first view to be painted
    (``window.coproGraph.state.stabilized`` and ``.drawn``, docs/graphs.md).

    Polls with ``page.evaluate``: Playwright's ``wait_for_function`` evaluates a string
    in the page, which the page's Content-Security-Policy (rightly) forbids.
    """
    deadline = time.monotonic() + timeout_s
    check = (
        "() => !!(window.coproGraph && window.coproGraph.state.stabilized"
        " && window.coproGraph.state.drawn)"
    )
    while not page.evaluate(check):
        if time.monotonic() > deadline:
            raise TimeoutError(f"layout did not settle within {timeout_s} s")
        page.wait_for_timeout(50)


def screenshot(
    pages: list[Path], out_dir: Path, width: int = 1400, height: int = 900
) -> list[Path]:
    """Save one PNG per page into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", _offline)
        for html in pages:
            page.goto(html.resolve().as_uri())
            wait_until_stable(page)
            page.wait_for_timeout(300)
            target = out_dir / f"{html.stem}.png"
            page.screenshot(path=str(target))
            written.append(target)
        browser.close()
    return written


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    for path in screenshot([Path(p) for p in sys.argv[2:]], Path(sys.argv[1])):
        print(path)
