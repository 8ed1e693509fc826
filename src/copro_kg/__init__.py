"""copro_kg: the Co-production Network for Wales' engagement and co-production glossary
as an OWL 2 + SKOS knowledge graph, with a reasoner that explains itself.

A tiny example -- load the glossary and ask it something:

>>> import copro_kg
>>> graph = copro_kg.load()
>>> len(graph) > 100
True

The command-line tool ``copro-kg`` is a thin layer over these functions.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    CheckFailedError,
    CoproError,
    FindingsError,
    InconsistencyError,
    InputError,
    LimitError,
    NetworkRefusedError,
    QueryError,
    UnknownTermError,
)
from .loading import Source, load, load_sources
from .namespace import COPRO, ISOTHES, PREFIXES
from .writing import serialize_graph, write_atomic

# Heavier parts (the reasoner, pySHACL, the SPARQL parser, networkx, pyvis, Jinja2) load
# on first use, so `import copro_kg` and `copro-kg --help` stay fast.
_LAZY: dict[str, str] = {
    "Derivation": "reasoning",
    "Reasoning": "reasoning",
    "reason": "reasoning",
    "reason_inputs": "reasoning",
    "Inconsistency": "inconsistency",
    "explain": "explaining",
    "resolve_term": "terms",
    "Finding": "checking",
    "Report": "checking",
    "check": "checking",
    "Placement": "classifying",
    "classify": "classifying",
    "QueryResult": "querying",
    "run_query": "querying",
    "format_result": "results",
    "build_profile": "exporting",
    "serialize_export": "exporting",
    "to_networkx": "graphing",
    "view": "graphing",
    "render_html": "rendering",
    "write_html": "rendering",
    "build_site": "site",
}

if TYPE_CHECKING:
    from .checking import Finding, Report, check
    from .classifying import Placement, classify
    from .explaining import explain
    from .exporting import build_profile, serialize_export
    from .graphing import to_networkx, view
    from .inconsistency import Inconsistency
    from .querying import QueryResult, run_query
    from .reasoning import Derivation, Reasoning, reason, reason_inputs
    from .rendering import render_html, write_html
    from .results import format_result
    from .site import build_site
    from .terms import resolve_term


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# The one place the version is written: pyproject.toml reads it from here (hatch
# `[tool.hatch.version]`), so importing copro_kg needs no importlib.metadata look-up.
__version__ = "0.1.0"

__all__ = [
    "COPRO",
    "ISOTHES",
    "PREFIXES",
    "CheckFailedError",
    "CoproError",
    "Derivation",
    "Finding",
    "FindingsError",
    "Inconsistency",
    "InconsistencyError",
    "InputError",
    "LimitError",
    "NetworkRefusedError",
    "Placement",
    "QueryError",
    "QueryResult",
    "Reasoning",
    "Report",
    "Source",
    "UnknownTermError",
    "__version__",
    "build_profile",
    "build_site",
    "check",
    "classify",
    "explain",
    "format_result",
    "load",
    "load_sources",
    "reason",
    "reason_inputs",
    "render_html",
    "resolve_term",
    "run_query",
    "serialize_export",
    "serialize_graph",
    "to_networkx",
    "view",
    "write_atomic",
    "write_html",
]
