"""From a networkx graph to ONE self-contained, offline, escaped HTML page.

The page is a pyvis/vis-network drawing hardened for locked-down intranets:

* **Offline.** vis-network 9.1.2 -- the copy shipped inside the pyvis package -- is
  inlined with our own script and stylesheet; nothing references another host (pyvis
  0.3.2's ``in_line`` mode still links Bootstrap from a CDN, pyvis #228/#229), and a
  Content-Security-Policy allows no source but the inline blocks it lists by hash.
* **Shareable.** A site with many graph pages passes ``assets="../static/"``: the
  page then links vis-network and our files (:func:`graph_assets`, written once) instead
  of inlining ~0.7 MB each, and its CSP allows the site's own files only
  (``docs/site.md`` says why not hashes: SRI does not work from ``file://``).
* **Escaped.** We do not use pyvis's template: it writes the heading and the
  select-menu node ids as raw HTML and switches every tooltip to ``innerHTML`` as soon
  as one title contains "href". Here the page text is rendered by Jinja2 with
  autoescape on; graph data travels as JSON in a ``<script type="application/json">``
  block with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped (a ``</script>`` inside a
  label cannot close it); tooltips are built with ``textContent``.
* **Fast.** pyvis's ``add_node``/``add_edge`` scan lists (quadratic); we build the node
  and edge lists in one pass and hand them to :class:`pyvis.network.Network` as data,
  so 2,000 nodes take milliseconds.
* **Readable.** Colours and shapes come from :mod:`copro_kg.viz.style`, the legend from
  :mod:`copro_kg.viz.legend`
  (the site uses the same palette); positions from :func:`copro_kg.viz.layout.positions`
  (the views' fixed ones, a radial layout for big graphs), else a force layout with a
  fixed random seed, so the same input draws the same picture. GraphML and GEXF are in
  :mod:`copro_kg.viz.exchange`.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://example.org/a", label="<b>a</b>", kind="concept")
>>> html = render_html(g, title="demo")
>>> "<b>a</b>" in html, "\\\\u003cb\\\\u003ea" in html
(False, True)
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic
from copro_kg.viz.layout import BIG_GRAPH, positions
from copro_kg.viz.legend import legend, legend_css
from copro_kg.viz.reflow import spectrum_layouts
from copro_kg.viz.style import (
    KIND_TEXT,
    PALETTE,
    edge_style,
    group_style,
    node_label,
    node_style,
)

__all__ = [
    "ASSET_FILES",
    "PALETTE",
    "SELECTED_EXTRA",
    "graph_assets",
    "render_html",
    "to_vis",
    "write_html",
]

SELECTED_EXTRA = 3
"""Extra width (units) of a selected or hovered link and of a selected term's border.
Selected or hovered, a link or term keeps its own colours (``graph.js`` sets a node's):
a highlight colour would reuse one the legend gives a meaning (vermillion was "doing
to" and near the brown of "is part of"; vis-network's default blue is "doing for")."""


def to_vis(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge records for ``graph``, in one pass (no pyvis list scans).

    Nodes keep their networkx key as ``id``; the raw text for tooltips sits under
    ``info`` (the page builds tooltips from it with ``textContent``).
    """
    view = str(graph.graph.get("view", "all"))
    labels = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    placed = positions(graph)
    nodes: list[dict[str, Any]] = []
    for node, data in graph.nodes(data=True):
        info = {k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))}
        info.setdefault("label", str(node))
        info.setdefault("iri", str(node))
        info["kindText"] = KIND_TEXT.get(str(data.get("kind")), str(data.get("kind", "")))
        if data.get("level") in labels:
            info["levelText"] = labels[data["level"]] + (
                f" ({group_style(data.get('group')).name})" if data.get("group") else ""
            )
        record: dict[str, Any] = {"id": str(node), "label": node_label(data, view), "info": info}
        record.update(node_style(data, view))
        if node in placed:
            record.update(x=placed[node][0], y=placed[node][1])
            if "x" in data:  # the view fixed it (a figure, the tree): not draggable away
                record["fixed"] = {"x": True, "y": True}
        nodes.append(record)
    edges: list[dict[str, Any]] = []
    parallel: dict[tuple[str, str], int] = defaultdict(int)
    for s, o in graph.edges():
        parallel[(min(s, o), max(s, o))] += 1
    seen: dict[tuple[str, str], int] = {}
    for i, (s, o, key, data) in enumerate(graph.edges(keys=True, data=True)):
        info = {
            "label": str(data.get("label", key)),
            "predicate": str(data.get("predicate", key)),
            "inferred": bool(data.get("inferred", False)),
            "explanation": str(data.get("explanation", "")),
            "why": str(data.get("why", "")),
            "curie": str(data.get("curie", "")),
            "fromLabel": labels[s],
            "toLabel": labels[o],
        }
        if data.get("ours"):  # our reading, with its reason (issue 25): drawn dotted
            info["ours"] = True
            for name in ("evidence", "reads", "evidenceSource"):
                if data.get(name):
                    info[name] = str(data[name])
        if data.get("statedBy"):  # stated by another model's source, or the user's data
            info["statedBy"] = str(data["statedBy"])
            info["statedSource"] = str(data.get("statedSource", ""))
        record = {"id": f"e{i}", "from": str(s), "to": str(o), "info": info}
        record.update(edge_style({**data, "label": info["label"]}, view))
        pair = (min(s, o), max(s, o))
        if parallel[pair] > 1:
            # Two links between the same terms: curve them apart, so neither the lines
            # nor their labels lie on top of each other.
            k = seen[pair] = seen.get(pair, -1) + 1
            record["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if (k % 2 == 0) == (s == pair[0]) else "curvedCCW",
                "roundness": 0.2 + 0.25 * (k // 2),
            }
        edges.append(record)
    return nodes, edges


def _options(graph: nx.MultiDiGraph, node_count: int, placed: bool = False) -> dict[str, Any]:
    """vis-network options: fixed views, laid-out graphs (``placed``: every node has a
    position from Python) and big graphs draw without physics."""
    view = str(graph.graph.get("view", "all"))
    options: dict[str, Any] = {
        "autoResize": True,
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True, "multiselect": False},
        # A selected or hovered link keeps its colour and gets wider (viz.style).
        "edges": {
            "smooth": {"enabled": True, "type": "dynamic"},
            "selectionWidth": SELECTED_EXTRA,
            "hoverWidth": SELECTED_EXTRA,
        },
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
    }
    if view in ("spectrum", "cycle"):
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = (
            {"enabled": True, "type": "curvedCW", "roundness": 0.15}
            if view == "cycle"
            else {"enabled": False}
        )
    elif view == "hierarchy":
        # viz.layout.tree_layout fixed every position (broadest terms on the left, the
        # trees packed to fill a landscape window); links leave and enter boxes
        # horizontally, like a printed tree.
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {
            "enabled": True,
            "type": "cubicBezier",
            "forceDirection": "horizontal",
            "roundness": 0.5,
        }
    elif placed and node_count <= BIG_GRAPH:
        # The sections of the "all terms" view, or the rings around a focus
        # (viz.sections, viz.layout.ring_layout): no physics; straight links, which
        # run between the blocks and the rings without curling round the boxes.
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {"enabled": False}
    elif node_count > BIG_GRAPH:
        # Positions come from viz.layout.radial_layout: no physics (vis's barnesHut took
        # 25 s to settle 2,000 nodes in headless Chromium) and straight links, which
        # draw fastest. Nodes stay draggable.
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {"enabled": False}
        options["layout"] = {"randomSeed": 7, "improvedLayout": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            # Tuned on the shipped overview (76 terms, 165 links, screenshots): weak
            # repulsion, short springs and full overlap avoidance pack the labelled
            # boxes densely, so the fitted picture is drawn large enough to read.
            "forceAtlas2Based": {
                "gravitationalConstant": -40,
                "centralGravity": 0.015,
                "springLength": 70,
                "springConstant": 0.08,
                "avoidOverlap": 1,
            },
            "stabilization": {"enabled": True, "iterations": 600, "fit": True},
        }
    return options


def _first_view(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """What the page shows first, for ``graph.js`` (issue 15: legible at first sight).

    ``focus``: the term drawn on top and in the middle (a focus graph); ``start``: where
    to start when the whole graph does not fit at a legible zoom -- a node
    (``graph.graph["start"]``, set by the view: the spectrum's middle, ...) or the
    top-left corner (the top of the hierarchy); ``linkLabels``: ``"always"`` where every
    link's label can be drawn legibly without running into another (the cycle), else
    ``"hover"`` (shown on hover and for the selected term); ``collapsible``: branches
    fold (the hierarchy).

    >>> _first_view(nx.MultiDiGraph(view="hierarchy"))["start"]
    {'corner': 'top-left'}
    """
    view = str(graph.graph.get("view", "all"))
    focus = graph.graph.get("focus")
    start: dict[str, str] = {}
    if graph.graph.get("start") in graph:
        start = {"node": str(graph.graph["start"])}
        if view == "hierarchy":  # a root: at the left edge, its branches to the right
            start["anchor"] = "left"
    elif view == "hierarchy" or graph.graph.get("sections"):
        # The top of the hierarchy; the first section (the spectrum) of "all terms".
        start = {"corner": "top-left"}
    return {
        # Frames and titles of the "all terms" view's sections, drawn under the graph.
        "sections": list(graph.graph.get("sections", ())),
        "focus": str(focus) if focus in graph else None,
        "start": start,
        "linkLabels": "always" if view == "cycle" else "hover",
        # Narrower layouts a page in a site's frame may pick (viz.reflow, graph.js).
        "layouts": spectrum_layouts(graph) if view == "spectrum" else [],
        "selectedExtra": SELECTED_EXTRA,
        "collapsible": view == "hierarchy",
        # Moving overlapping boxes apart is quadratic where everything overlaps: a big
        # graph keeps its radial layout's spacing (the 2,000-node benchmark: < 5 s).
        "separate": graph.number_of_nodes() <= BIG_GRAPH,
    }


def _script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, U+2028/9 literally.

    >>> _script_json({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _sha256(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def _asset(*parts: str) -> str:
    return resources.files("pyvis").joinpath("lib", *parts).read_text(encoding="utf-8")


def _own(name: str) -> str:
    return resources.files("copro_kg.viz").joinpath("templates", name).read_text(encoding="utf-8")


_ENV = Environment(
    loader=PackageLoader("copro_kg.viz", "templates"),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
    keep_trailing_newline=True,
)


ASSET_FILES = ("vis-network.min.js", "vis-network.css", "graph.js", "graph.css")
"""The files a page rendered with ``assets=`` links to (see :func:`graph_assets`)."""


def graph_assets() -> dict[str, str]:
    """The scripts and stylesheets of a graph page, by file name, to share between pages.

    A site with many graph pages writes these once (``static/``) and renders each page
    with ``render_html(..., assets="../static/")``: vis-network is ~0.7 MB, and inlined
    into each of ~75 focus graphs it made a 54 MB site.

    >>> sorted(graph_assets()) == sorted(ASSET_FILES)
    True
    """
    assets = {
        "vis-network.min.js": _asset("vis-9.1.2", "vis-network.min.js"),
        "vis-network.css": _without_button_images(_asset("vis-9.1.2", "vis-network.css")),
        "graph.js": _own("graph.js"),
        "graph.css": _own("graph.css") + "\n" + legend_css(),
    }
    for name, text in assets.items():
        closer = "</script" if name.endswith(".js") else "</style"
        if closer in text.lower():  # a bundled asset that could close its own element
            raise RuntimeError(f"{name} contains {closer}>, cannot inline it")
    return assets


def _without_button_images(css: str) -> str:
    """vis-network's stylesheet without the PNG icons of its navigation and editing
    buttons (205 of its 220 kB, inlined as data: URLs): the pages turn neither on.

    >>> _without_button_images('a{x:1;background-image:url("data:image/png;base64,AAA=")}')
    'a{x:1;}'
    """
    return re.sub(r'background-image:url\("?data:image/png;base64,[A-Za-z0-9+/=]*"?\)', "", css)


def _csp(script_src: str, style_src: str) -> str:
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {script_src}",
            f"style-src {style_src}",
            "img-src data:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


# Linked assets are allowed by 'self' (Chromium matches any file: URL for a page opened
# from disk; over HTTP it is the site's own origin) and by file: for browsers that do
# not count file: URLs as 'self'. Hash sources cannot pin them: a hash matches an
# external script only through its integrity attribute, and Subresource Integrity needs
# a CORS fetch, which Chromium refuses for file: URLs ("the resource requires the
# request to be CORS enabled"), so the script would not run from disk (tested,
# Chromium 156; docs/site.md).
_LINKED_SRC = "'self' file:"


def render_html(
    graph: nx.MultiDiGraph,
    *,
    title: str = "copro-kg: engagement and co-production glossary",
    subtitle: str = "",
    assets: str | None = None,
) -> str:
    """The whole page for ``graph`` as one HTML string (see the module docstring).

    Node attributes used: ``label``, ``kind``, ``group``, ``level``, ``x``/``y`` (fixed
    positions) and the tooltip texts; edge attributes: ``label``, ``predicate``,
    ``inferred``, ``explanation``, ``link``. ``graph.graph["view"]`` picks the layout.

    Args:
        graph: the networkx view to draw.
        title: the page heading (escaped).
        subtitle: a line under the heading (escaped).
        assets: ``None`` (default) inlines vis-network and our script and stylesheet:
            one self-contained file (~0.7 MB), whose CSP lists each inline block by
            hash. A relative URL of a folder holding the files of
            :func:`graph_assets` (e.g. ``"../static/"``) links them instead: the page
            keeps only its data (a few kB), and its CSP allows scripts and styles
            from the page's own files only -- still no inline code, no other host.

    Raises:
        InputError: ``assets`` is not a relative folder URL (has a scheme, or does
            not end in ``/``).
    """
    from pyvis.network import Network  # imported here: `copro-kg --help` stays light

    if assets is not None and (":" in assets or not assets.endswith("/")):
        # A scheme (https:, javascript:) would make the page load from elsewhere.
        raise InputError(
            f"graph assets must be a relative folder URL ending in '/', not {assets!r}"
        )
    nodes, edges = to_vis(graph)
    net = Network(directed=True, cdn_resources="in_line", heading=title)
    # Hand pyvis the finished lists (its add_node/add_edge scan lists: O(N^2)).
    net.nodes, net.edges = nodes, edges
    net.node_ids = [n["id"] for n in nodes]
    net.options = _options(graph, len(nodes), placed=all("x" in n for n in nodes))
    net_nodes, net_edges, _, _, _, options_json = net.get_network_data()
    data = {
        "nodes": net_nodes,
        "edges": net_edges,
        "options": json.loads(options_json),
        **_first_view(graph),
    }
    legend_nodes, legend_edges, hint = legend(graph)
    context: dict[str, Any] = {
        "title": title,
        "subtitle": subtitle,
        "data_json": Markup(_script_json(data)),
        "term_labels": sorted({str(d.get("label", n)) for n, d in graph.nodes(data=True)}),
        "node_count": graph.number_of_nodes(),
        "edge_count": graph.number_of_edges(),
        "legend_nodes": legend_nodes,
        "legend_edges": legend_edges,
        "hint": hint,
        "unplaced": list(graph.graph.get("unplaced", ())),
        "assets": assets,
    }
    if assets is not None:
        context["csp"] = _csp(_LINKED_SRC, _LINKED_SRC)
    else:
        files = graph_assets()
        vis_js, page_js = files["vis-network.min.js"], files["graph.js"]
        vis_css, page_css = files["vis-network.css"], files["graph.css"]
        context.update(
            csp=_csp(
                f"{_sha256(vis_js)} {_sha256(page_js)}", f"{_sha256(vis_css)} {_sha256(page_css)}"
            ),
            vis_css=Markup(vis_css),
            page_css=Markup(page_css),
            vis_js=Markup(vis_js),
            page_js=Markup(page_js),
        )
    return _ENV.get_template("graph.html.j2").render(**context)


def write_html(graph: nx.MultiDiGraph, path: str | Path, **kwargs: Any) -> Path:
    """Render ``graph`` (see :func:`render_html`) and write it to ``path`` atomically."""
    return write_atomic(path, render_html(graph, **kwargs))
