"""copro_kg: the Co-production Network for Wales' engagement and co-production glossary
as an OWL 2 + SKOS knowledge graph, with a reasoner that explains itself.

A tiny example -- load the glossary and ask it something:

>>> import copro_kg
>>> graph = copro_kg.load()
>>> len(graph) > 100
True
>>> [str(row[0]) for row in copro_kg.ask("levels-doing-for").rows][:1]
['https://w3id.org/copro-kg/information']

This namespace is the documented Python API: ``import copro_kg`` and use the names below
(``copro_kg.ask``, ``copro_kg.check`` ...); the subpackages (``copro_kg.classification``,
``copro_kg.checks`` ...) are reached as attributes for what is not lifted up here. The
command-line tool ``copro-kg`` is a thin layer over these functions.
"""

from __future__ import annotations

import importlib

from copro_kg._version import __version__
from copro_kg.errors import (
    CheckFailedError,
    CoproError,
    FindingsError,
    InconsistencyError,
    InputError,
    LimitError,
    MissingDependencyError,
    NetworkRefusedError,
    QueryError,
    UnknownTermError,
)

# Everything but the errors loads on first use -- even rdflib: a warm `copro-kg query`
# answers from the Oxigraph store, and `copro-kg --help` should not pay for what it
# does not use (tests/test_architecture.py checks what `import copro_kg` loads).
_LAZY: dict[str, str] = {
    "COPRO": "namespace",
    "ISOTHES": "namespace",
    "PREFIXES": "namespace",
    "Source": "io.sources",
    "load": "io.sources",
    "load_sources": "io.sources",
    "serialize_graph": "io.serialize",
    "write_atomic": "io.atomic",
    "Derivation": "reasoning",
    "Reasoning": "reasoning",
    "reason": "reasoning",
    "reason_inputs": "pipeline",
    "Inconsistency": "reasoning.inconsistency",
    "explain": "reasoning.explain",
    "resolve_term": "vocab.resolve",
    "evidence_for": "vocab.evidence",
    "Finding": "checks",
    "Report": "checks",
    "check": "checks",
    "Placement": "classification",
    "classify": "classification",
    "label": "vocab.labels",
    "QueryResult": "sparql.run",
    "run_query": "sparql.run",
    "ask": "sparql.ask",
    "library": "sparql.library",
    "find_query": "sparql.library",
    "store_for_queries": "pipeline",
    "graph_for_queries": "pipeline",
    "format_result": "sparql.results",
    "publish": "sparql.publish",
    "run_remote": "sparql.remote",
    "build_profile": "export.profiles",
    "serialize_export": "export.bundle",
    "to_networkx": "viz.convert",
    "view": "viz.views",
    "render_html": "viz.html",
    "write_html": "viz.html",
    "build_site": "site",
}

# The name alone tells mypy (and readers) this block is for type checkers; not importing
# typing keeps it off the warm query path (copro_kg.cli.warm), which pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from copro_kg.checks import Finding, Report, check
    from copro_kg.classification import Placement, classify
    from copro_kg.export.bundle import serialize_export
    from copro_kg.export.profiles import build_profile
    from copro_kg.io.atomic import write_atomic
    from copro_kg.io.serialize import serialize_graph
    from copro_kg.io.sources import Source, load, load_sources
    from copro_kg.namespace import COPRO, ISOTHES, PREFIXES
    from copro_kg.pipeline import graph_for_queries, reason_inputs, store_for_queries
    from copro_kg.reasoning.explain import explain
    from copro_kg.reasoning.inconsistency import Inconsistency
    from copro_kg.reasoning.result import Derivation, Reasoning
    from copro_kg.reasoning.run import reason
    from copro_kg.site import build_site
    from copro_kg.sparql.ask import ask
    from copro_kg.sparql.library import find_query, library
    from copro_kg.sparql.publish import publish
    from copro_kg.sparql.remote import run_remote
    from copro_kg.sparql.results import format_result
    from copro_kg.sparql.run import QueryResult, run_query
    from copro_kg.viz.convert import to_networkx
    from copro_kg.viz.html import render_html, write_html
    from copro_kg.viz.views import view
    from copro_kg.vocab.evidence import evidence_for
    from copro_kg.vocab.labels import label
    from copro_kg.vocab.resolve import resolve_term

# The subpackages, reached as attributes (``copro_kg.classification.features``) without an
# import statement of their own, so every example starts with ``import copro_kg`` alone.
_SUBPACKAGES = frozenset(
    {
        "checks",
        "classification",
        "export",
        "io",
        "pipeline",
        "reasoning",
        "site",
        "sparql",
        "viz",
        "vocab",
    }
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    if name in _SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "MissingDependencyError",
    "NetworkRefusedError",
    "Placement",
    "QueryError",
    "QueryResult",
    "Reasoning",
    "Report",
    "Source",
    "UnknownTermError",
    "__version__",
    "ask",
    "build_profile",
    "build_site",
    "check",
    "classify",
    "evidence_for",
    "explain",
    "find_query",
    "format_result",
    "graph_for_queries",
    "label",
    "library",
    "load",
    "load_sources",
    "publish",
    "reason",
    "reason_inputs",
    "render_html",
    "resolve_term",
    "run_query",
    "run_remote",
    "serialize_export",
    "serialize_graph",
    "store_for_queries",
    "to_networkx",
    "view",
    "write_atomic",
    "write_html",
]
