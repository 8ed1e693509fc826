"""Evaluating a prepared query over a target: the Oxigraph store, or an rdflib Graph.

Two evaluators give one :class:`~copro_kg.sparql.answer.QueryResult`:

* a :class:`~copro_kg.sparql.store.GlossaryStore` -- Oxigraph evaluates (what ``query``,
  ``serve`` and the Python API use for the glossary);
* an rdflib :class:`~rdflib.Graph` -- rdflib evaluates (a graph built in Python, and
  federated queries the user allowed with ``--allow-network``: ``SERVICE`` is then
  performed by rdflib over the store's triples).

Neither checks the query: :func:`copro_kg.sparql.prepare.prepare` does, before this runs.
Evaluation runs inside :func:`~copro_kg.io.netguard.offline` unless the user allowed the
network.

>>> from copro_kg.sparql.prepare import prepare
>>> from copro_kg.sparql.store import GlossaryStore
>>> evaluate(GlossaryStore.in_memory([]), prepare("ASK { ?s ?p ?o }")).boolean
False
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import Graph, Variable
from rdflib.term import Node

from copro_kg.errors import CoproError, LimitError, QueryError
from copro_kg.io.netguard import allow_network, offline
from copro_kg.sparql.answer import QueryResult
from copro_kg.sparql.prepare import PreparedQuery, prepare
from copro_kg.sparql.store import GlossaryStore
from copro_kg.sparql.wire import write

__all__ = ["Target", "answer", "evaluate"]

Target = Graph | GlossaryStore
"""What a query runs over."""


def evaluate(
    target: Target,
    prepared: PreparedQuery,
    bindings: Mapping[str, Node] | None = None,
    *,
    network: bool = False,
) -> QueryResult:
    """Evaluate ``prepared`` over ``target`` in this process, with no time limit.

    Runs inside :func:`~copro_kg.io.netguard.offline` unless ``network`` (the user allowed
    ``SERVICE``). The whole answer is materialised here (both engines evaluate lazily
    while rows are read).
    """
    if isinstance(target, GlossaryStore):
        if not network:
            with offline():
                return target.query(prepared.text, bindings, form=prepared.form)
        target = target.graph()  # SERVICE allowed: rdflib performs it, offline checks apply
    # rdflib types initBindings as str -> Identifier; every RDF term we bind is one.
    init: dict[str, Any] = dict(bindings or {})
    guard = allow_network() if network else offline()
    try:
        with guard:
            result = target.query(prepared.query, initBindings=init)
            if prepared.form == "ASK":
                return QueryResult(form="ASK", boolean=bool(result.askAnswer))
            if prepared.form == "SELECT":
                names = tuple(str(v) for v in (result.vars or ()))
                rows = tuple(tuple(row.get(Variable(n)) for n in names) for row in result.bindings)
                return QueryResult(form="SELECT", variables=names, rows=rows)
            triples = tuple(result.graph) if result.graph is not None else ()
            return QueryResult(form=prepared.form, triples=triples)
    except CoproError:
        raise
    except RecursionError as err:
        raise LimitError("the query is nested too deeply for the SPARQL engine") from err
    except MemoryError as err:
        raise LimitError("the query needed more memory than its limit") from err
    except Exception as err:  # evaluation errors from rdflib come as many types
        message = " ".join(str(err).split()) or type(err).__name__
        raise QueryError(f"the query failed while running: {message}") from err


def answer(
    target: Target,
    text: str,
    bindings: Mapping[str, Node],
    allow_service: bool,
    form: str | None = None,
    fmt: str | None = None,
) -> tuple[str, Any]:
    """Evaluate in a query process; ``("ok", result)`` or ``("error", picklable details)``.

    The text was prepared (checked) by the process that sent it. A store evaluates the
    text itself, so with ``form`` known it is not parsed again here; an rdflib Graph needs
    the parsed algebra, so the text is prepared again. With ``fmt`` (an output format
    name) the result is the answer's bytes in that format where Oxigraph writes it
    (:func:`copro_kg.sparql.wire.write`), else the :class:`QueryResult` as without.
    """
    try:
        if isinstance(target, GlossaryStore) and form is not None and not allow_service:
            with offline():
                written = write(target, text, bindings, form, fmt) if fmt else None
                if written is not None:
                    return "ok", written
                return "ok", target.query(text, bindings, form=form)
        prepared = prepare(text, allow_service=allow_service)
        return "ok", evaluate(target, prepared, bindings, network=allow_service)
    except CoproError as err:
        return "error", (type(err).__name__, err.message, getattr(err, "location", None), err.hint)
    except MemoryError:
        return "error", ("LimitError", "the query needed more memory than its limit", None, None)
    except BaseException as err:  # anything else must still reach the parent as an answer
        message = " ".join(str(err).split()) or type(err).__name__
        return "error", ("QueryError", f"the query failed while running: {message}", None, None)
