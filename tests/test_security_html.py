"""Hostile labels end to end: the user's file -> the CLI -> a page in headless Chromium.

Issue 8, "HTML: all graph text escaped (labels, definitions, user data) -- tests with
script/onerror payloads in the browser must show text and run nothing."

``tests/test_graph_browser.py`` (GRAPH) checks the renderer with hostile text on a small
graph through the library. This file extends it: the payloads of
``tests/data/bad/hostile-labels.ttl`` (every one calls ``alert``) come in as a user's
``--data`` file on the real glossary, through the commands a user runs (``graph``,
``graph --focus``, ``docs``). A dialog means a payload ran; none may. Links must never
use the ``javascript:`` scheme (the file has ``rdfs:seeAlso <javascript:...>``).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import DATA_DIR, RunCli

pytestmark = pytest.mark.browser

HOSTILE = DATA_DIR / "bad" / "hostile-labels.ttl"
PREF_LABEL = "<script>alert('prefLabel')</script>"
ACTIVITY = "<img src=x onerror=alert('activity')>"
IFRAME = "<iframe srcdoc=\"<script>parent.alert('iframe')</script>\"></iframe>"
# Elements that only exist in the page if a payload was parsed as markup.
INJECTED = "img[src='x'], svg[onload], iframe, a[href^='javascript:'], [onmouseover]"


def open_page(browser: Any, path: Path, ready: str | None = None) -> tuple[Any, list[str]]:
    """Load ``path`` offline; return the page and the list dialogs are recorded into."""
    context = browser.new_context()
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()
        ),
    )
    page.goto(path.as_uri())
    if ready:  # CSP forbids wait_for_function's eval: poll
        deadline = time.monotonic() + 60
        while not page.evaluate(ready):
            assert time.monotonic() < deadline, "the page never became ready"
            page.wait_for_timeout(50)
    page.wait_for_timeout(300)  # give any injected handler (onload, onerror) time to fire
    return page, dialogs


GRAPH_READY = "() => !!(window.coproGraph && window.coproGraph.state.stabilized)"


@pytest.mark.parametrize(
    "extra", [["--view", "all"], ["--focus", "consultation", "--depth", "1"]], ids=["all", "focus"]
)
def test_graph_page_shows_hostile_labels_as_text(
    browser: Any, run_cli: RunCli, tmp_path: Path, extra: list[str]
) -> None:
    out = tmp_path / "graph.html"
    result = run_cli("graph", "--data", str(HOSTILE), *extra, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page, dialogs = open_page(browser, out, GRAPH_READY)
    assert page.locator(INJECTED).count() == 0
    # The labels are in the drawn data as the literal text of the file.
    labels = page.evaluate("() => window.coproGraph.nodes.map(n => String(n.label || ''))")
    text = " ".join(labels) + page.evaluate("() => JSON.stringify(window.coproGraph.nodes)")
    if extra[0] == "--view":
        assert PREF_LABEL in text
        assert ACTIVITY in text
    else:
        assert "consultation" in text.lower()
    # Let every tooltip render once: hover each node in turn would be slow; instead ask
    # vis-network to select all, which renders titles lazily without running them.
    page.evaluate(
        "() => window.coproGraph.network.selectNodes(window.coproGraph.network.body.nodeIndices)"
    )
    page.wait_for_timeout(200)
    assert dialogs == []


def test_docs_page_shows_hostile_labels_as_text(
    browser: Any, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "docs"
    result = run_cli("docs", "--data", str(HOSTILE), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page, dialogs = open_page(browser, out / "index.html")
    assert dialogs == []
    assert page.locator(INJECTED).count() == 0
