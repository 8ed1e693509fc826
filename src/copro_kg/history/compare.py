"""``copro-kg diff OLD [NEW]``: find the two versions, compare them, say what changed.

OLD and NEW are each a released version (``0.1.0``: its SKOS export in ``releases/``) or
an RDF file in any syntax copro-kg reads; NEW defaults to the current glossary (its
``skos`` export, built from the shipped ontology as ``copro-kg export`` builds it).

>>> diff = compare("0.1.0", "0.1.0")
>>> diff.changes, diff.old_name
([], '0.1.0')
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from copro_kg._version import __version__
from copro_kg.errors import InputError
from copro_kg.export.skos import skos_profile
from copro_kg.history.diff import diff_graphs
from copro_kg.history.releases import find_release, parse_version, releases
from copro_kg.history.report import Diff
from copro_kg.io.sources import load, parse_source
from copro_kg.resources import names_a_file

__all__ = ["compare", "current_skos", "version_graph"]


def current_skos() -> Graph:
    """The current glossary's ``skos`` export."""
    return skos_profile(load())


def version_graph(spec: str | None, *, input_format: str | None = None) -> tuple[str, Graph]:
    """The name and graph of a version: a release, an RDF file, or (None) the current
    glossary.

    Raises:
        InputError: neither a released version nor a readable RDF file.
    """
    if spec is None:
        return __version__, current_skos()
    if spec in {r.version for r in releases()}:
        return spec, find_release(spec).skos()
    if Path(spec).exists() or (names_a_file(spec) and not _looks_like_version(spec)):
        return spec, parse_source(spec, input_format)
    known = ", ".join(r.version for r in releases()) or "none yet"
    raise InputError(
        f"{spec!r} is neither a released version nor a file",
        hint=f"released versions: {known}; or give the path of an RDF file",
    )


def _looks_like_version(spec: str) -> bool:
    try:
        parse_version(spec)
    except InputError:
        return False
    return True


def compare(old: str, new: str | None = None, *, input_format: str | None = None) -> Diff:
    """What changed from ``old`` to ``new`` (default: the current glossary).

    Raises:
        InputError: a version that is neither released nor a readable RDF file.
    """
    old_name, old_graph = version_graph(old, input_format=input_format)
    new_name, new_graph = version_graph(new, input_format=input_format)
    return Diff(old_name, new_name, diff_graphs(old_graph, new_graph), old_graph, new_graph)
