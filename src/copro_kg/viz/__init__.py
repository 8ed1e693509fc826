"""Interactive, offline pictures of the glossary, one module per job.

* :mod:`~copro_kg.viz.convert` -- reasoned RDF to a labelled networkx graph
  (:mod:`~copro_kg.viz.kinds` says what each node is, :mod:`~copro_kg.viz.simplify`
  drops the edges that restate others);
* :mod:`~copro_kg.viz.views` -- the overview, a term's neighbourhood, the hierarchy,
  and :mod:`~copro_kg.viz.figures` -- the glossary's spectrum and cycle figures;
* :mod:`~copro_kg.viz.layout` -- fixed positions (tree, radial);
* :mod:`~copro_kg.viz.style` -- the one palette, the shapes and the legend;
* :mod:`~copro_kg.viz.html` -- the offline HTML page; :mod:`~copro_kg.viz.exchange`
  -- writing it, or GraphML/GEXF.

The names below are importable from here too (loaded on first use, so importing the
package costs nothing): the old module paths ``copro_kg.graphing`` and
``copro_kg.rendering`` forward here.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "convert": (
        "GROUP_ORDER",
        "KINDS",
        "NO_DERIVATION",
        "Explainer",
        "Triple",
        "origin_from",
        "shipped_from",
        "to_networkx",
    ),
    "views": (
        "INCLUDE_CHOICES",
        "OPTIONAL_PARTS",
        "TITLES",
        "VIEWS",
        "focus",
        "hierarchy",
        "overview",
        "resolve_term",
        "select",
        "view",
    ),
    "figures": ("COLUMN_WIDTH", "SPECTRUM_EDGES", "cycle", "spectrum"),
    "layout": ("BIG_GRAPH", "label_box", "positions", "radial_layout", "tree_layout"),
    "style": ("PALETTE", "TREE_FONT", "TREE_WRAP", "legend", "palette_css"),
    "html": ("ASSET_FILES", "graph_assets", "render_html", "to_vis", "write_html"),
    "exchange": ("FORMATS", "graph_format", "write_graph"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME_OF)


def __getattr__(name: str) -> Any:
    if name in _HOME_OF:
        value = getattr(importlib.import_module(f"{__name__}.{_HOME_OF[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
