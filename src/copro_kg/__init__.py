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

from importlib.metadata import PackageNotFoundError, version

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
from .checking import Finding, Report, check
from .classifying import Placement, classify
from .exporting import build_profile, serialize_export
from .loading import Source, load, load_sources
from .namespace import COPRO, ISOTHES, PREFIXES
from .inconsistency import Inconsistency
from .reasoning import Derivation, Reasoning, reason
from .writing import serialize_graph, write_atomic

try:
    __version__ = version("copro-kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

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
    "Reasoning",
    "Report",
    "Source",
    "UnknownTermError",
    "__version__",
    "build_profile",
    "check",
    "classify",
    "load",
    "load_sources",
    "reason",
    "serialize_export",
    "serialize_graph",
    "write_atomic",
]
