"""From a networkx graph to ONE self-contained, offline, escaped HTML page (and GraphML/GEXF).

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
* **Readable.** Okabe-Ito colours plus shapes and line styles (colour is never the only
  cue), asserted edges solid and inferred ones dashed, edge labels from the relation's
  label, a legend and a search box; fixed positions for the spectrum and the cycle, a
  layered layout for the hierarchy and a fixed random seed for force layouts, so the
  same input draws the same picture.

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
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from copro_kg.errors import InputError
from copro_kg.io.atomic import open_atomic, write_atomic
from copro_kg.viz.convert import BIG_GRAPH, TREE_FONT, TREE_WRAP, radial_layout

__all__ = [
    "ASSET_FILES",
    "FORMATS",
    "PALETTE",
    "graph_assets",
    "render_html",
    "to_vis",
    "write_graph",
    "write_html",
]

FORMATS = ("html", "graphml", "gexf")
"""Output formats of :func:`write_graph`."""

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

_COPRO = "https://w3id.org/copro-kg/"


@dataclass(frozen=True)
class _GroupStyle:
    name: str
    strong: str
    tint: str
    radius: int
    css_shape: str


# Each spectrum group has a colour AND a corner shape (square / pill / rounded), and
# its column: colour is never the only cue.
_GROUPS: dict[str, _GroupStyle] = {
    _COPRO + "doing-to": _GroupStyle("doing to", PALETTE["vermillion"], "#F7D3BA", 0, "square"),
    _COPRO + "doing-for": _GroupStyle("doing for", PALETTE["sky_blue"], "#D2EBF9", 24, "round"),
    _COPRO + "doing-with": _GroupStyle(
        "doing with", PALETTE["bluish_green"], "#B8E6D9", 8, "rounded"
    ),
}
_OTHER_GROUP = _GroupStyle("other", "#777777", "#E6E6E6", 4, "square")


_KIND_TEXT = {
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

_POWER = {_COPRO + "sharesMorePowerThan", _COPRO + "sharesLessPowerThan"}

_PARTITIVE = {_COPRO + "isPartOf", "http://purl.org/iso25964/skos-thes#broaderPartitive"}


def _group_style(group: str | None) -> _GroupStyle:
    return _GROUPS.get(group or "", _OTHER_GROUP)


def _node_style(data: dict[str, Any], view: str) -> dict[str, Any]:
    kind = data.get("kind", "concept")
    font: dict[str, Any] = {"size": 16, "face": "system-ui, Arial, sans-serif", "color": "#111111"}
    style: dict[str, Any] = {"shape": "box", "borderWidth": 2, "font": font}
    if kind == "group":
        g = _group_style(data["iri"])
        style.update(
            shapeProperties={"borderRadius": g.radius},
            color={"background": g.strong, "border": "#000000"},
            borderWidth=3,
            font={**font, "size": 18 if view == "spectrum" else 20},
            margin=14,
            widthConstraint={"maximum": 420 if view == "spectrum" else 220},
        )
    elif kind == "level":
        g = _group_style(data.get("group"))
        style.update(
            shapeProperties={"borderRadius": g.radius},
            color={"background": g.tint, "border": g.strong},
            borderWidth=4,
            widthConstraint={"minimum": 170, "maximum": 190},
            margin=10,
        )
    elif kind == "phase":
        emphasis = data["iri"] == _COPRO + "co-design"
        style.update(
            shape="ellipse",
            color={"background": PALETTE["yellow"], "border": "#000000"},
            borderWidth=5 if emphasis else 2,
            font={**font, "size": 20 if emphasis else 18},
            widthConstraint={"maximum": 200},
            margin=12,
        )
    elif kind == "class":
        style.update(
            color={"background": "#FFFFFF", "border": PALETTE["blue"]},
            shapeProperties={"borderDashes": [5, 3]},
        )
    elif kind in ("activity", "individual"):
        g = _group_style(data.get("group"))
        style.update(
            shape="diamond",
            size=16,
            color={"background": g.strong, "border": "#000000"},
            font={**font, "size": 15, "background": "rgba(255,255,255,0.85)"},
            widthConstraint={"maximum": 150},
        )
    elif kind == "quote":
        style.update(
            shape="text",
            font={**font, "size": 14, "color": "#333333"},
            widthConstraint={"maximum": 200},
        )
    elif kind in ("criterion", "feature", "distinction"):
        style.update(
            shape="dot" if kind == "feature" else "square" if kind == "criterion" else "triangle",
            size=9,
            color={"background": "#FFFFFF", "border": "#555555"},
            font={**font, "size": 13, "color": "#333333"},
        )
    elif kind == "mapped":
        style.update(
            color={"background": "#FFFFFF", "border": "#777777"},
            shapeProperties={"borderDashes": [2, 3]},
            font={**font, "size": 14, "color": "#333333"},
        )
    else:
        style.update(color={"background": "#EEEEEE", "border": "#555555"})
    if view == "all" and kind != "group":
        # Fitted to the window an overview is drawn small: bigger text stays legible.
        style["widthConstraint"] = {"maximum": 180}
        style["font"] = {**style["font"], "size": 20}
    if view == "hierarchy":
        # Fixed rows TREE_ROW apart: one line of text per box, wide enough for most
        # labels; the tooltip has the full label.
        style["widthConstraint"] = {"maximum": TREE_WRAP}
        style["font"] = {**style["font"], "size": TREE_FONT}
        style["margin"] = 7
    return style


def _node_label(data: dict[str, Any], view: str) -> str:
    label = str(data.get("label", data.get("iri", "")))
    if view == "spectrum" and data.get("kind") == "level" and data.get("examples"):
        # The short examples (the figure's) fit a node; the tooltip lists them all.
        short = [e for e in str(data["examples"]).split("; ") if len(e) <= 40][:3]
        return f"{label}\n\ne.g. {', '.join(short)}" if short else label
    if view == "spectrum" and data.get("kind") == "group":
        return label.upper() + (f"\n\n{data['statements']}" if data.get("statements") else "")
    return label


def to_vis(graph: nx.MultiDiGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network node and edge records for ``graph``, in one pass (no pyvis list scans).

    Nodes keep their networkx key as ``id``; the raw text for tooltips sits under
    ``info`` (the page builds tooltips from it with ``textContent``).
    """
    view = str(graph.graph.get("view", "all"))
    labels = {n: str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    placed = _big_positions(graph)
    nodes: list[dict[str, Any]] = []
    for node, data in graph.nodes(data=True):
        info = {k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))}
        info.setdefault("label", str(node))
        info.setdefault("iri", str(node))
        info["kindText"] = _KIND_TEXT.get(str(data.get("kind")), str(data.get("kind", "")))
        if data.get("level") in labels:
            info["levelText"] = labels[data["level"]] + (
                f" ({_group_style(data.get('group')).name})" if data.get("group") else ""
            )
        record: dict[str, Any] = {"id": str(node), "label": _node_label(data, view), "info": info}
        record.update(_node_style(data, view))
        if "x" in data and "y" in data:
            record.update(x=data["x"], y=data["y"], fixed={"x": True, "y": True})
        elif node in placed:
            record.update(x=placed[node][0], y=placed[node][1])
        nodes.append(record)
    edges: list[dict[str, Any]] = []
    for i, (s, o, key, data) in enumerate(graph.edges(keys=True, data=True)):
        inferred = bool(data.get("inferred", False))
        partitive = data.get("link") == "partitive" or data.get("predicate") in _PARTITIVE
        info = {
            "label": str(data.get("label", key)),
            "predicate": str(data.get("predicate", key)),
            "inferred": inferred,
            "explanation": str(data.get("explanation", "")),
            "fromLabel": labels[s],
            "toLabel": labels[o],
        }
        colour = PALETTE["blue"] if inferred else ("#7A4A00" if partitive else "#333333")
        # In the spectrum the power arrows between neighbouring columns are short: the
        # legend names them, the tooltip too, and a label would cover the arrow.
        # In the hierarchy every link is "is a kind of" or "is part of": the line
        # style and the legend say which, 70 repeated labels would hide the terms.
        shown = (
            ""
            if (view == "spectrum" and (info["predicate"] in _POWER or data.get("via")))
            or view == "hierarchy"
            else info["label"]
        )
        edges.append(
            {
                "id": f"e{i}",
                "from": str(s),
                "to": str(o),
                "label": shown,
                "info": info,
                "dashes": [8, 5] if inferred else False,
                "width": 3 if partitive else 2,
                "color": {"color": colour, "highlight": PALETTE["vermillion"]},
                "arrows": {"to": {"enabled": True, "type": "diamond" if partitive else "arrow"}},
                "font": {"size": 12, "color": "#222222", "strokeWidth": 3, "align": "middle"},
            }
        )
    return nodes, edges


def _big_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Python-side positions for a big force-laid graph (see :data:`BIG_GRAPH`)."""
    if graph.number_of_nodes() <= BIG_GRAPH or any("x" in d for _, d in graph.nodes(data=True)):
        return {}
    return radial_layout(graph)


def _options(graph: nx.MultiDiGraph, node_count: int) -> dict[str, Any]:
    view = str(graph.graph.get("view", "all"))
    options: dict[str, Any] = {
        "autoResize": True,
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": True, "multiselect": False},
        "edges": {"smooth": {"enabled": True, "type": "dynamic"}},
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
        # graphing.tree_layout fixed every position (broadest terms on the left, the
        # trees packed to fill a landscape window); links leave and enter boxes
        # horizontally, like a printed tree.
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {
            "enabled": True,
            "type": "cubicBezier",
            "forceDirection": "horizontal",
            "roundness": 0.5,
        }
    elif node_count > BIG_GRAPH:
        # Positions come from graphing.radial_layout: no physics (vis's barnesHut took
        # 25 s to settle 2,000 nodes in headless Chromium) and straight links, which
        # draw fastest. Nodes stay draggable.
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = {"enabled": False}
        options["layout"] = {"randomSeed": 7, "improvedLayout": False}
    else:
        big = False
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut" if big else "forceAtlas2Based",
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
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 120, "avoidOverlap": 0},
            "stabilization": {"enabled": True, "iterations": 200 if big else 600, "fit": True},
        }
    return options


def _legend(graph: nx.MultiDiGraph) -> tuple[list[dict[str, str]], list[dict[str, str]], str]:
    kinds = {d.get("kind") for _, d in graph.nodes(data=True)}
    groups = {d.get("group") for _, d in graph.nodes(data=True) if d.get("group")}
    groups |= {n for n, d in graph.nodes(data=True) if d.get("kind") == "group"}
    node_items: list[dict[str, str]] = []
    for iri, g in _GROUPS.items():
        if iri in groups:
            node_items.append(
                {"css": f"sw-{g.css_shape} sw-g{list(_GROUPS).index(iri)}", "text": g.name}
            )
    for kind, text, css in (
        (
            "phase",
            "phase of the co-production cycle (thick border: co-design)",
            "sw-round sw-phase",
        ),
        ("concept", "concept", "sw-square sw-concept"),
        ("class", "class (kind of activity)", "sw-square sw-class"),
        ("activity", "your activity, coloured by its level", "sw-diamond sw-activity"),
        ("individual", "individual", "sw-diamond sw-activity"),
        ("mapped", "concept of a ladder we map to (not the glossary's)", "sw-square sw-mapped"),
    ):
        if kind in kinds:
            node_items.append({"css": css, "text": text})
    inferred = any(d.get("inferred") for *_, d in graph.edges(data=True))
    asserted = any(not d.get("inferred") for *_, d in graph.edges(data=True))
    partitive = any(
        d.get("link") == "partitive" or d.get("predicate") in _PARTITIVE
        for *_, d in graph.edges(data=True)
    )
    generic = any(d.get("link") == "generic" for *_, d in graph.edges(data=True))
    edge_items: list[dict[str, str]] = []
    if asserted:
        edge_items.append({"css": "generic", "text": "stated in the glossary (solid, arrow)"})
    if inferred:
        edge_items.append(
            {"css": "inferred", "text": "inferred by the reasoner (dashed; hover for why)"}
        )
    if any(d.get("predicate") in _POWER for *_, d in graph.edges(data=True)):
        edge_items.append(
            {"css": "generic", "text": "arrow \u2190 shares more power than (points to less)"}
        )
    if generic:
        edge_items.append(
            {"css": "generic", "text": "is a kind of (generic: thin, dark, arrow head)"}
        )
    if partitive:
        edge_items.append(
            {"css": "partitive", "text": "is part of (partitive: thick, brown, diamond head)"}
        )
    hint = "Hover a term or a link for details; scroll to zoom, drag to pan."
    if graph.graph.get("hidden"):
        # The overview leaves parts of the model out (graphing.overview): say which.
        hint += (
            f" Not shown in this view: {graph.graph['hidden']}"
            " (copro-kg graph --include PART,... draws them)."
        )
    return node_items, edge_items, hint


def _legend_css() -> str:
    rules = [
        ".sw-square { border-radius: 0; }",
        ".sw-round { border-radius: 0.5rem; }",
        ".sw-rounded { border-radius: 6px; }",
        ".sw-diamond { width: 1rem; transform: rotate(45deg); margin: 0 0.3rem; }",
        f".sw-phase {{ background: {PALETTE['yellow']}; }}",
        ".sw-concept { background: #EEEEEE; border-color: #555555; }",
        f".sw-class {{ background: #FFFFFF; border: 2px dashed {PALETTE['blue']}; }}",
        f".sw-activity {{ background: {PALETTE['reddish_purple']}; }}",
        ".sw-mapped { background: #FFFFFF; border: 2px dotted #777777; }",
    ]
    for i, g in enumerate(_GROUPS.values()):
        rules.append(f".sw-g{i} {{ background: {g.tint}; border: 3px solid {g.strong}; }}")
    return "\n".join(rules)


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
        "vis-network.css": _asset("vis-9.1.2", "vis-network.css"),
        "graph.js": _own("graph.js"),
        "graph.css": _own("graph.css") + "\n" + _legend_css(),
    }
    for name, text in assets.items():
        closer = "</script" if name.endswith(".js") else "</style"
        if closer in text.lower():  # a bundled asset that could close its own element
            raise RuntimeError(f"{name} contains {closer}>, cannot inline it")
    return assets


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
    net.options = _options(graph, len(nodes))
    net_nodes, net_edges, _, _, _, options_json = net.get_network_data()
    view = str(graph.graph.get("view", "all"))
    data = {
        "nodes": net_nodes,
        "edges": net_edges,
        "options": json.loads(options_json),
        "fit": view in ("spectrum", "cycle", "hierarchy"),
    }
    legend_nodes, legend_edges, hint = _legend(graph)
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


def write_graph(graph: nx.MultiDiGraph, path: str | Path, fmt: str = "html", **kwargs: Any) -> Path:
    """Write ``graph`` as ``html`` (the interactive page), ``graphml`` or ``gexf``.

    GraphML and GEXF carry the same nodes, edges and attributes (all strings, integers
    or booleans) for Gephi, Cytoscape or yEd users.

    Raises:
        InputError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "html":
        return write_html(graph, path, **kwargs)
    if fmt not in FORMATS:
        raise InputError(f"unknown graph format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    with open_atomic(path) as fh:
        if fmt == "graphml":
            nx.write_graphml(graph, fh, encoding="utf-8", prettyprint=True)
        else:
            nx.write_gexf(graph, fh, encoding="utf-8", prettyprint=True)
    return Path(path)
