"""Interactive, offline pictures of the glossary, one module per job.

* :mod:`~copro_kg.viz.convert` -- reasoned RDF to a labelled networkx graph
  (:mod:`~copro_kg.viz.kinds` says what each node is, :mod:`~copro_kg.viz.simplify`
  drops the edges that restate others);
* :mod:`~copro_kg.viz.views` -- the overview, a term's neighbourhood, the hierarchy,
  and :mod:`~copro_kg.viz.figures` -- the glossary's spectrum and cycle figures;
* :mod:`~copro_kg.viz.layout` -- fixed positions (tree, radial);
* :mod:`~copro_kg.viz.style` -- the one palette and the shapes;
  :mod:`~copro_kg.viz.legend` -- the legend's entries and words, from the same tables;
* :mod:`~copro_kg.viz.html` -- the offline HTML page; :mod:`~copro_kg.viz.exchange`
  -- writing it, or GraphML/GEXF.

The names below are importable from here too (loaded on first use, so importing the
package costs nothing).
"""

from __future__ import annotations

import importlib
from typing import Any

# Searched in this order for a name in their ``__all__``: one list of public names, the
# modules' own, instead of a copy here.
_MODULES = ("convert", "views", "figures", "layout", "style", "html", "exchange")


def __getattr__(name: str) -> Any:
    if not name.startswith("_"):
        for module_name in _MODULES:
            module = importlib.import_module(f"{__name__}.{module_name}")
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
