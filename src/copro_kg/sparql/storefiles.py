"""The query store's layout on disk: its folder, format tag and named graphs.

A store folder (written by :func:`copro_kg.sparql.store.write_store`)::

    <key>.store/
      oxigraph/     the Oxigraph database: `oxigraph serve-read-only --location` takes it
      store.json    format tag, triple counts, the prefixes of the inputs

Kept apart from :mod:`copro_kg.sparql.store`, and free of rdflib, because the warm query
path (:mod:`copro_kg.sparql.warm`) opens a store knowing only this.
"""

from __future__ import annotations

import json
from pathlib import Path

# The name alone tells mypy (and readers) this block is for type checkers; not importing
# typing keeps it off the warm query path (copro_kg.cli.warm), which pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "ASSERTED_GRAPH",
    "DATA_FOLDER",
    "INFERRED_GRAPH",
    "META_FILE",
    "STORE_FORMAT",
    "default_graphs",
    "read_meta",
]

STORE_FORMAT = "copro-kg-store/1"
"""Format tag of ``store.json``; a store of another format is not used (and is rebuilt)."""

ASSERTED_GRAPH = "https://w3id.org/copro-kg/graph/asserted"
"""Named graph of the input triples."""

INFERRED_GRAPH = "https://w3id.org/copro-kg/graph/inferred"
"""Named graph of the triples the reasoner added (disjoint from the asserted ones)."""

DATA_FOLDER = "oxigraph"
"""The Oxigraph database inside a store folder."""

META_FILE = "store.json"
"""The store's description inside a store folder."""


def read_meta(folder: Path) -> dict[str, Any] | None:
    """``store.json`` of the store in ``folder``, or None when the folder holds no store
    of this format (absent, half written, older)."""
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("format") != STORE_FORMAT:
        return None
    if not (folder / DATA_FOLDER).is_dir():
        return None
    return meta


def default_graphs(reasoned: bool) -> list[str]:
    """The named graphs whose union is a query's default graph: the reasoned graph (asserted
    plus inferred), or the asserted graph alone (``--no-reason``)."""
    return [ASSERTED_GRAPH, INFERRED_GRAPH] if reasoned else [ASSERTED_GRAPH]
