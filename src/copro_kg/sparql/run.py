"""Running a prepared SPARQL query: in a sandboxed child process with a time limit.

Queries are prepared (parsed, located, refused if they reach out) by
:mod:`copro_kg.sparql.prepare`, evaluated by :mod:`copro_kg.sparql.evaluate` over the
Oxigraph store (:class:`~copro_kg.sparql.store.GlossaryStore`) or an rdflib Graph, in a
process with a deadline from :mod:`copro_kg.sparql.pool`; parameters for remote
endpoints are written by :mod:`copro_kg.sparql.bindings`. The names users import are all
re-exported here, where they always were.

Neither engine can be stopped from another thread, so a time limit needs a process:
:func:`run_query` evaluates in a forked child with a deadline (and a memory ceiling)
and kills it when the deadline passes.

Parameters are bound before evaluation (rdflib's ``initBindings``, Oxigraph's
substitutions) or, for remote endpoints, as a trailing ``VALUES`` block built from
escaped RDF terms -- never by pasting text into the query.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/copro-kg/co-design"), RDFS.label, Literal("co-design")))
>>> result = run_query(g, "SELECT ?label WHERE { copro:co-design rdfs:label ?label }", timeout=None)
>>> [str(row[0]) for row in result.rows]
['co-design']
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Mapping
from multiprocessing.connection import Connection
from pathlib import Path

from rdflib.term import Node

from copro_kg.sparql.answer import QueryResult
from copro_kg.sparql.bindings import values_clause
from copro_kg.sparql.evaluate import Target, answer, evaluate
from copro_kg.sparql.pool import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT,
    QueryPool,
    become_worker,
    limit_memory,
    receive,
    time_limit_supported,
)
from copro_kg.sparql.prepare import FORMS, PreparedQuery, prefix_declarations, prepare
from copro_kg.sparql.store import GlossaryStore

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "FORMS",
    "GlossaryStore",
    "PreparedQuery",
    "QueryPool",
    "QueryResult",
    "Target",
    "evaluate",
    "prefix_declarations",
    "prepare",
    "run_query",
    "store_for_queries",
    "time_limit_supported",
    "values_clause",
]


def store_for_queries(
    data: Iterable[str | Path] = (),
    *,
    input_format: str | None = None,
    reasoned: bool = True,
) -> GlossaryStore:
    """The Oxigraph store of the glossary plus ``data``, reasoned unless ``reasoned=False``
    (:func:`copro_kg.pipeline.store_for_queries`): what ``copro-kg query`` answers from."""
    from copro_kg import pipeline

    return pipeline.store_for_queries(data, input_format=input_format, reasoned=reasoned)


def run_query(
    target: Target,
    query: str | PreparedQuery,
    bindings: Mapping[str, Node] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    allow_service: bool = False,
) -> QueryResult:
    """Prepare (if needed) and evaluate a query, stopping it after ``timeout`` seconds.

    ``target`` is the store (:func:`store_for_queries`) or an rdflib Graph. With a
    timeout, the query runs in a forked child process that inherits ``target`` (an
    on-disk store is opened read-only by the child; a Graph is shared copy-on-write,
    nothing is re-parsed), under a memory ceiling; the child is killed at the deadline.
    ``timeout=None`` (or a platform without ``fork``) evaluates in this process without
    a limit.

    Raises:
        QueryError: a syntax error, a refused operation, or a failure while running.
        LimitError: the query ran past ``timeout`` or past its memory ceiling.
    """
    prepared = (
        query if isinstance(query, PreparedQuery) else prepare(query, allow_service=allow_service)
    )
    if not timeout or not time_limit_supported():
        return evaluate(target, prepared, bindings, network=allow_service)
    context = multiprocessing.get_context("fork")
    # A socket pair, not a pipe: a query process closes the sockets it inherits
    # (become_worker), so only this process holds ``receiver`` and the child sees it close
    # if this process is killed (end_with_parent), even while others run queries too.
    receiver, sender = context.Pipe()
    child = context.Process(
        target=_run_in_child,
        args=(
            sender,
            target,
            prepared.text,
            prepared.form,
            dict(bindings or {}),
            allow_service,
            max_memory_mb,
        ),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        return receive(receiver, timeout)
    finally:
        receiver.close()
        # Past the deadline the child is still working: kill it now. After an answer it
        # is already exiting, so killing it loses nothing.
        if child.is_alive():
            child.kill()
        child.join()


def _run_in_child(
    conn: Connection,
    target: Target,
    text: str,
    form: str,
    bindings: dict[str, Node],
    allow_service: bool,
    max_memory_mb: int | None,
) -> None:
    become_worker(conn)
    limit_memory(max_memory_mb)
    conn.send(answer(target, text, bindings, allow_service, form))
    conn.close()
