"""Querying a SPARQL endpoint the user named (``copro-kg query --endpoint URL``).

This is the only querying code that talks to the network, and only inside
:func:`copro_kg.io.netguard.allow_network`. The protocol client is SPARQLWrapper (a
maintained client none of us wrote); answers come back as the same
:class:`~copro_kg.sparql.run.QueryResult` the in-memory engine gives, so every output
format works unchanged.

Our predeclared prefixes are sent as ``PREFIX`` lines (the server does not know them),
and parameters as a trailing ``VALUES`` block of escaped terms
(:func:`copro_kg.sparql.run.values_clause`).
"""

from __future__ import annotations

import re
import socket
import urllib.error
from collections.abc import Mapping, Sequence
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from copro_kg.errors import CoproError, InputError, LimitError, QueryError
from copro_kg.io.netguard import allow_network, offline
from copro_kg.sparql.run import (
    DEFAULT_TIMEOUT,
    QueryResult,
    prefix_declarations,
    prepare,
    values_clause,
)

__all__ = ["endpoint_error", "run_remote", "term_from_json"]


def term_from_json(value: Mapping[str, str]) -> Node:
    """An RDF term from a SPARQL 1.1 JSON results binding (section 3.2.2).

    >>> term_from_json({"type": "literal", "value": "cydgynhyrchu", "xml:lang": "cy"})
    rdflib.term.Literal('cydgynhyrchu', lang='cy')
    """
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in {"literal", "typed-literal"}:
        lang = value.get("xml:lang")
        datatype = value.get("datatype")
        if lang:
            return Literal(text, lang=lang)
        return Literal(text, datatype=URIRef(datatype) if datatype else None)
    raise QueryError(f"the endpoint sent an RDF term of unknown type {kind!r}")


def run_remote(
    endpoint: str,
    text: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    default_graph: str | Sequence[str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    source: str | None = None,
) -> QueryResult:
    """Send a query to ``endpoint`` with the SPARQL 1.1 Protocol and read the answer
    (``default_graph``: the named graph(s) whose union is the query's default graph).

    The query is parsed here first, so a syntax error is reported at its line and
    column before anything is sent, and updates are refused as in memory.

    Raises:
        QueryError: the query is malformed, or the endpoint rejected it.
        InputError: the endpoint cannot be reached (server down, wrong URL).
        LimitError: no answer within ``timeout`` seconds.
    """
    from SPARQLWrapper import GET, JSON, POST, TURTLE, SPARQLWrapper

    prepared = prepare(text, source=source, for_endpoint=True)
    wrapper = SPARQLWrapper(endpoint)
    # POST (a form) carries long queries; with a default graph some stores (Oxigraph)
    # read every parameter from the URL once it has one, so that case uses GET.
    wrapper.setMethod(GET if default_graph else POST)
    # The leading comment block (a library query's header) is dropped: SPARQLWrapper
    # guesses the query type from the text with regular expressions that comments fool.
    # Nothing before the first non-comment line can be inside a string, so this is safe.
    body_text = re.sub(r"\A(?:[ \t]*(?:#[^\n]*)?\n)+", "", text)
    wrapper.setQuery(prefix_declarations(text) + body_text + values_clause(bindings or {}))
    wrapper.queryType = prepared.form  # ours is parsed, not guessed
    if timeout:
        wrapper.setTimeout(max(1, round(timeout)))
    for name in [default_graph] if isinstance(default_graph, str) else default_graph or ():
        wrapper.addDefaultGraph(name)
    graph_answer = prepared.form in {"CONSTRUCT", "DESCRIBE"}
    wrapper.setReturnFormat(TURTLE if graph_answer else JSON)
    try:
        with allow_network():
            response = wrapper.query()
            body = response.response.read()
    except CoproError:
        raise
    except Exception as err:
        raise endpoint_error(endpoint, err) from err
    if graph_answer:
        graph = Graph()
        try:
            with offline():
                graph.parse(data=body.decode("utf-8"), format="turtle")
        except Exception as err:
            raise QueryError(f"the endpoint sent Turtle that does not parse: {err}") from err
        return QueryResult(form=prepared.form, triples=tuple(graph))
    return _from_json(prepared.form, body)


def _from_json(form: str, body: bytes) -> QueryResult:
    import json

    try:
        doc: dict[str, Any] = json.loads(body)
    except ValueError as err:
        raise QueryError("the endpoint did not answer with SPARQL JSON results") from err
    if form == "ASK":
        return QueryResult(form="ASK", boolean=bool(doc.get("boolean")))
    names = tuple(doc.get("head", {}).get("vars", []))
    rows = tuple(
        tuple(term_from_json(b[n]) if n in b else None for n in names)
        for b in doc.get("results", {}).get("bindings", [])
    )
    return QueryResult(form="SELECT", variables=names, rows=rows)


def endpoint_error(endpoint: str, err: BaseException) -> CoproError:
    """A clear :class:`CoproError` for a failed request to ``endpoint``."""
    reason: Any = getattr(err, "reason", None)
    if isinstance(err, TimeoutError | socket.timeout) or isinstance(reason, TimeoutError):
        return LimitError(f"{endpoint} did not answer in time", hint="raise --timeout")
    if isinstance(err, urllib.error.HTTPError):
        detail = _first_line(err.read())
        return QueryError(
            f"{endpoint} answered HTTP {err.code} {err.reason}" + (f": {detail}" if detail else "")
        )
    if isinstance(err, urllib.error.URLError | ConnectionError | OSError):
        why = getattr(reason, "strerror", None) or str(reason or err)
        return InputError(
            f"cannot reach {endpoint}: {why}",
            hint="is the triple store running, and is the URL right?",
        )
    name = type(err).__name__
    message = " ".join(str(err).split())
    if name in {"QueryBadFormed", "EndPointNotFound", "EndPointInternalError", "Unauthorized"}:
        return QueryError(f"{endpoint} refused the request ({name}): {_first_line(message)}")
    return QueryError(f"request to {endpoint} failed: {name}: {_first_line(message)}")


def _first_line(text: str | bytes) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""
