"""A query answer as the bytes of a W3C format, written by Oxigraph where the query ran.

The server's query workers (:class:`~copro_kg.sparql.pool.QueryPool`) answer with bytes:
over the on-disk store, Oxigraph evaluates the query and its own W3C writers write the
answer (Rust end to end), so no answer crosses from the worker to the server term by
term as pickled rdflib terms, and the server's one thread only copies bytes to the socket.

The formats Oxigraph writes here are the ones the endpoint offers
(:func:`copro_kg.sparql.serve.negotiate`) that are W3C formats:

* SELECT and ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV
  (https://www.w3.org/TR/sparql11-results-json/, https://www.w3.org/TR/rdf-sparql-XMLres/,
  https://www.w3.org/TR/sparql11-results-csv-tsv/);
* CONSTRUCT and DESCRIBE: Turtle, N-Triples, RDF/XML and JSON-LD (expanded form).

The bytes differ from copro-kg's own writers (:mod:`copro_kg.sparql.results`): JSON is not
indented, TSV abbreviates numbers (allowed by section 3.2 of the CSV/TSV note), graphs are
written in the store's order and JSON-LD unabridged; the answer they carry is the same
(``tests/sparql/test_wire.py`` compares the parsed answers of every library query in every
format). :func:`write` returns None for what it does not cover -- an rdflib Graph, a store
held in memory, the ``table`` format for people -- and the caller writes a
:class:`~copro_kg.sparql.answer.QueryResult` as before.

The checks stay where they were: the text was prepared (SERVICE, LOAD, FROM, updates
refused) by the process that sent it, and, as :meth:`GlossaryStore.query
<copro_kg.sparql.store.GlossaryStore.query>` does, a text naming ``SERVICE`` is never
handed to Oxigraph, whose HTTP client is beyond the Python audit hook.

>>> from copro_kg.sparql.store import GlossaryStore
>>> write(GlossaryStore.in_memory([]), "ASK { ?s ?p ?o }", {}, "ASK", "json") is None
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.term import Node

from copro_kg import formats
from copro_kg.errors import CoproError, LimitError, QueryError
from copro_kg.prefixes import PREFIX_IRIS
from copro_kg.sparql.oxigraph import mentions_service, with_parameters
from copro_kg.sparql.store import GlossaryStore
from copro_kg.sparql.storefiles import default_graphs

__all__ = ["GRAPH_FORMATS", "TABLE_FORMATS", "write"]

TABLE_FORMATS: dict[str, Any] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
"""SELECT/ASK output formats (the names of :mod:`copro_kg.formats`) Oxigraph writes."""

GRAPH_FORMATS: dict[str, Any] = {
    name: getattr(ox.RdfFormat, oxigraph)
    for name in ("ttl", "nt", "jsonld", "xml")
    if (oxigraph := formats.get(name, "graph").oxigraph) is not None
}
"""CONSTRUCT/DESCRIBE output formats Oxigraph writes, from each format's registry entry."""

_handles: dict[tuple[int, Path], Any] = {}
"""Read-only handles on store folders, per process: a forked worker opens its own."""


def _open(folder: Path) -> Any:
    key = (os.getpid(), folder)
    handle = _handles.get(key)
    if handle is None:
        try:
            handle = ox.Store.read_only(str(folder))
        except OSError as err:
            raise CoproError(
                f"cannot open the query store: {err}",
                hint="remove the cache folder (copro-kg reason --no-cache rebuilds it)",
            ) from None
        _handles.clear()  # a handle of the parent process is not this process's
        _handles[key] = handle
    return handle


def write(
    target: object, text: str, bindings: Mapping[str, Node], form: str, fmt: str
) -> bytes | None:
    """The answer to ``text`` over ``target`` in ``fmt``, written by Oxigraph; None when
    ``target`` is not an on-disk store or Oxigraph does not write ``fmt`` for ``form``.

    ``form`` is the query form :func:`~copro_kg.sparql.prepare.prepare` found; ``fmt`` the
    format :func:`~copro_kg.sparql.serve.negotiate` chose (CSV/TSV are never chosen for
    an ASK: those formats do not define it).

    Raises:
        QueryError: the text names SERVICE, its parameters cannot be bound, or Oxigraph
            cannot evaluate it (the wording of :meth:`GlossaryStore.query
            <copro_kg.sparql.store.GlossaryStore.query>`).
        LimitError: it ran out of memory.
    """
    graph = form in {"CONSTRUCT", "DESCRIBE"}
    writer = (GRAPH_FORMATS if graph else TABLE_FORMATS).get(fmt)
    if not isinstance(target, GlossaryStore) or target.data_folder is None or writer is None:
        return None
    if form == "ASK" and fmt in {"csv", "tsv"}:
        return None  # not defined by the format: the caller says so in its own words
    if mentions_service(text):
        raise QueryError(
            "SERVICE is refused: copro-kg queries its own graph offline",
            hint="pass --allow-network to copro-kg query to allow federated queries",
        )
    bound = with_parameters(text, form, bindings)
    if bound is None:
        raise QueryError(
            "cannot bind parameters in this query: it has no WHERE group",
            hint="write the parameter into the query, or add WHERE { ... }",
        )
    store = _open(target.data_folder)
    try:
        # Oxigraph evaluates lazily: the query runs while the answer is written.
        answer = store.query(
            bound,
            prefixes=PREFIX_IRIS,
            default_graph=[ox.NamedNode(g) for g in default_graphs(target.reasoned)],
        )
        if graph and isinstance(answer, ox.QueryTriples):
            # A CONSTRUCT's answer is one graph, the set union of its templates' triples
            # (SPARQL 1.1 §16.2); Oxigraph streams a triple once per solution that makes it.
            # ox.serialize, not QueryTriples.serialize: only it abbreviates with prefixes.
            triples = list(dict.fromkeys(answer))
            return bytes(ox.serialize(triples, format=writer, prefixes=PREFIX_IRIS) or b"")
        if not graph and isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
            return bytes(answer.serialize(format=writer) or b"")
    except MemoryError as err:
        raise LimitError("the query needed more memory than its limit") from err
    except Exception as err:  # SyntaxError, OSError, ValueError from Oxigraph
        message = " ".join(str(err).split()) or type(err).__name__
        raise QueryError(f"the query failed while running: {message}") from err
    return None  # Oxigraph saw another query form than prepare(): the caller decides
