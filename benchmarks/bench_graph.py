"""Benchmark (not a test): build and lay out a 2,000-node graph page.

Measures, for a synthetic SKOS thesaurus of N concepts (a broader tree plus related
links, so N-1 + N/4 edges):

* ``convert``  -- reasoned RDF -> networkx (:func:`copro_kg.viz.convert.to_networkx`);
* ``build``    -- networkx -> the HTML string (:func:`copro_kg.viz.html.render_html`);
* ``pyvis``    -- for comparison, the same node/edge records through pyvis 0.3.2's own
  ``add_node``/``add_edge`` (quadratic list scans), which we bypass;
* ``layout``   -- headless Chromium: page load until the layout is final and drawn
  once (``state.stabilized`` and ``state.drawn``), wall clock. Above
  :data:`copro_kg.viz.layout.BIG_GRAPH` nodes the positions come from
  :func:`copro_kg.viz.layout.radial_layout` (no physics in the page).

Run: ``.venv/bin/python benchmarks/bench_graph.py [N]`` (default 2000). Prints a
Markdown table; numbers are machine-dependent and never asserted in tests.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SKOS

from copro_kg.viz import convert, html, views

EX = Namespace("https://example.org/bench/")
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


def thesaurus(n: int) -> Graph:
    """N concepts in a 4-ary broader tree plus N/4 related links, labels in English."""
    g = Graph()
    for i in range(n):
        c = EX[f"c{i}"]
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.prefLabel, Literal(f"concept {i}", lang="en")))
        g.add((c, SKOS.definition, Literal(f"Definition of concept {i}.", lang="en")))
        if i:
            g.add((c, SKOS.broader, EX[f"c{(i - 1) // 4}"]))
        if i % 4 == 0 and i + 7 < n:
            g.add((c, SKOS.related, EX[f"c{i + 7}"]))
    return g


def main(n: int) -> None:
    g = thesaurus(n)
    t0 = time.perf_counter()
    nxg = convert.to_networkx(g)  # asserted only: the layout cost is what we measure
    t1 = time.perf_counter()
    document = html.render_html(views.view(nxg, "all"))
    t2 = time.perf_counter()

    from pyvis.network import Network

    nodes, edges = html.to_vis(nxg)
    net = Network(directed=True)
    t3 = time.perf_counter()
    for node in nodes:
        net.add_node(node["id"], label=node["label"])
    for edge in edges:
        net.add_edge(edge["from"], edge["to"])
    t4 = time.perf_counter()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "bench.html"
        page_path.write_text(document, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t5 = time.perf_counter()
            page.goto(page_path.as_uri())
            while not page.evaluate(
                "() => !!(window.coproGraph && window.coproGraph.state.stabilized"
                " && window.coproGraph.state.drawn)"
            ):
                page.wait_for_timeout(20)
            t6 = time.perf_counter()
            by = page.evaluate("() => window.coproGraph.state.stabilizedBy")
            browser.close()

    print(
        "| N nodes | edges | convert (s) | build HTML (s) | pyvis add_node/add_edge (s) "
        "| layout in Chromium (s) | frozen by |"
    )
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {nxg.number_of_nodes():,} | {nxg.number_of_edges():,} | {t1 - t0:.3f} | {t2 - t1:.3f} "
        f"| {t4 - t3:.3f} | {t6 - t5:.2f} | {by} |"
    )
    print(f"\nHTML size: {len(document.encode()) / 1e6:.2f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
