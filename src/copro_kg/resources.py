"""Where the shipped ontology, query library, notebooks and releases live.

This is the only module that knows the layout: installed from a wheel, the files sit
in ``copro_kg/_data/`` (hatchling force-include); run from a source checkout (editable
install), they are the repository's top-level ``ontology/``, ``queries/``, ``notebooks/``
and ``releases/``.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = [
    "HISTORY_QUERIES_DIR",
    "NOTEBOOKS_DIR",
    "ONTOLOGY_DIR",
    "QUERIES_DIR",
    "RELEASES_DIR",
    "SHAPES_FILE",
    "library_query_file",
    "names_a_file",
    "notebook_files",
    "ontology_files",
    "query_files",
]

_PACKAGE = Path(__file__).resolve().parent
_DATA = _PACKAGE / "_data"
_ROOT = _DATA if (_DATA / "ontology").is_dir() else _PACKAGE.parents[1]

ONTOLOGY_DIR: Path = _ROOT / "ontology"
"""Folder of the shipped Turtle files (the ontology, the scheme, examples, shapes)."""

QUERIES_DIR: Path = _ROOT / "queries"
"""Folder of the query library (``*.rq``)."""

HISTORY_QUERIES_DIR: Path = QUERIES_DIR / "history"
"""Queries about the release history: they read the store's release graphs with ``GRAPH``,
so they stay out of the main library, whose questions any engine answers on the glossary
alone."""

NOTEBOOKS_DIR: Path = _ROOT / "notebooks"
"""Folder of the tutorial notebooks (``*.ipynb``), stored without outputs."""

RELEASES_DIR: Path = _ROOT / "releases"
"""Folder of the released versions' exports and the release list (``releases.json``)."""

SHAPES_FILE: Path = ONTOLOGY_DIR / "shapes.ttl"
"""SHACL shapes of our editorial rules; a shapes graph, never merged into the data."""


def ontology_files() -> list[Path]:
    """The Turtle files that make up the default graph, in a stable order.

    Every ``ontology/*.ttl`` except the SHACL shapes, which validate the graph rather
    than belong to it.

    >>> [p.name for p in ontology_files()][:1]
    ['copro.ttl']
    """
    files = sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if p != SHAPES_FILE)
    # copro.ttl (the ontology header) first, so its prefixes win when serialising.
    files.sort(key=lambda p: p.name != "copro.ttl")
    return files


def query_files() -> list[Path]:
    """The query library, sorted by name."""
    return sorted(QUERIES_DIR.glob("*.rq"))


def notebook_files() -> list[Path]:
    """The tutorial notebooks, in reading order (their names start with a number).

    >>> [p.name for p in notebook_files()][0]
    '01-tour.ipynb'
    """
    return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def names_a_file(spec: str) -> bool:
    """Whether ``copro-kg query SPEC`` names a query file rather than a library query:
    it has a suffix or a slash, or a file of that name exists.

    >>> names_a_file("kinds-of-involvement"), names_a_file("mine.rq")
    (False, True)
    """
    return bool(Path(spec).suffix) or "/" in spec or Path(spec).exists()


def library_query_file(name: str, folder: Path | None = None) -> Path | None:
    """The file of the library query called ``name`` (a lower-case slug), or None; without
    ``folder``, in the library and then among the release-history queries.

    >>> library_query_file("kinds-of-involvement").name
    'kinds-of-involvement.rq'
    >>> library_query_file("../etc/passwd") is None
    True
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        return None
    for base in [folder] if folder is not None else [QUERIES_DIR, HISTORY_QUERIES_DIR]:
        path = base / f"{name}.rq"
        if path.is_file():
            return path
    return None
