"""Preparing a SPARQL query: parse, locate errors, refuse what is not a read of our graph.

Every query goes through :func:`prepare` first. It parses the text with the common
prefixes predeclared (:data:`copro_kg.namespace.PREFIXES`), turns syntax errors into a
:class:`~copro_kg.errors.QueryError` at ``line:column`` naming the offending text, and
inspects the parsed algebra **before anything is evaluated**: rdflib would otherwise
perform ``SERVICE`` as outbound HTTP (one request per row, no timeout), fetch ``FROM``
graphs from the web or the disk, and run updates. Those are refused here; the
:func:`copro_kg.io.netguard.offline` audit hook is a second wall during evaluation.

>>> prepare("SELECT ?s WHERE { ?s skos:broader copro:involvement }").variables
('s',)
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from copro_kg.errors import LimitError, QueryError
from copro_kg.namespace import PREFIXES
from copro_kg.sparql.lexical import blanked

__all__ = [
    "FORMS",
    "PARSER_LOCK",
    "PreparedQuery",
    "prefix_declarations",
    "prepare",
    "rdflib_query",
]

PARSER_LOCK = threading.RLock()
"""Held while rdflib's SPARQL parser runs. The parser is pyparsing's, whose grammar
objects keep state between calls (parse actions, the packrat cache): two threads parsing
at once get each other's pieces (``TypeError: <lambda>() missing 1 required positional
argument``, or a false syntax error). Parsing takes a millisecond; the evaluation, which
is thread-safe, runs outside the lock. Every parse of a text by rdflib goes through
:func:`prepare` or :func:`rdflib_query`, which take it."""

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
"""The SPARQL query forms, as :attr:`PreparedQuery.form` spells them."""

_FORM_BY_ALGEBRA = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}

_READ_ONLY_HINT = (
    "copro-kg never changes the graph: add triples with --data FILE, or publish the graph "
    "to a triple store (copro-kg publish) and send updates there"
)


@dataclass(frozen=True)
class PreparedQuery:
    """A parsed, checked query: safe to evaluate.

    Attributes:
        text: the query as the user wrote it.
        form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
        variables: the projected variables of a SELECT, in order (empty otherwise).
        query: the rdflib algebra (``rdflib.plugins.sparql.sparql.Query``).
    """

    text: str
    form: str
    variables: tuple[str, ...]
    query: Any = field(repr=False, compare=False)


def prefix_declarations(text: str = "") -> str:
    """``PREFIX`` lines for every predeclared prefix that ``text`` does not declare itself.

    Used to send a query to another SPARQL server, which does not know our prefixes.

    >>> "PREFIX skos:" in prefix_declarations("SELECT * WHERE { ?s ?p ?o }")
    True
    >>> "PREFIX skos:" in prefix_declarations("PREFIX skos: <x:> ASK {}")
    False
    """
    declared = {m.group(1) for m in re.finditer(r"(?im)^\s*PREFIX\s+([\w.-]*):", text)}
    return "".join(
        f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in PREFIXES.items() if prefix not in declared
    )


def rdflib_query(text: str) -> Any:
    """rdflib's own parse of ``text`` (``prepareQuery``: no checks, no predeclared
    prefixes), made under :data:`PARSER_LOCK`.

    For query texts that are not the user's but a library's, such as the SPARQL
    constraints pySHACL runs for ``ontology/shapes.ttl``: they share rdflib's parser with
    every thread, so they take the same lock as :func:`prepare`.

    >>> rdflib_query("ASK { ?s ?p ?o }").algebra.name
    'AskQuery'
    """
    with PARSER_LOCK:  # the first import too (see prepare)
        from rdflib.plugins.sparql import prepareQuery

        return prepareQuery(text)


def prepare(
    text: str,
    *,
    allow_service: bool = False,
    source: str | None = None,
    for_endpoint: bool = False,
) -> PreparedQuery:
    """Parse and check ``text``; refuse what would reach the network, the disk or change data.

    Args:
        text: a SPARQL 1.1 query; the prefixes of :data:`PREFIXES` need not be declared.
        allow_service: permit ``SERVICE`` (the user said ``--allow-network``).
        source: a name for error locations (a file name); ``query`` when omitted.
        for_endpoint: the query goes to a SPARQL server the user named, whose own policy
            governs ``SERVICE`` and ``FROM``; only updates are still refused.

    Raises:
        QueryError: the text is not a SPARQL query (located ``source:line:column``), it is
            an update, or it uses ``SERVICE`` (unless allowed) or ``FROM``/``FROM NAMED``.

    >>> prepare("ASK { ?s skos:broader copro:involvement }").form
    'ASK'
    >>> prepare("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    copro_kg.errors.QueryError: SERVICE <http://example.org/sparql> is refused: ...
    """
    where = source or "query"
    with PARSER_LOCK:
        # Imported under the lock: rdflib's SPARQL modules import each other in a circle, and
        # two threads importing them first at once can get a half-initialised module.
        from pyparsing import ParseBaseException
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery

        try:
            parsed = parseQuery(text)
        except ParseBaseException as err:
            _refuse_update(text, source)
            raise _syntax_error(err, text, where) from err
        except RecursionError as err:
            raise LimitError("the query is nested too deeply for the SPARQL parser") from err
        if not for_endpoint:
            _refuse_dataset(parsed, source)
        _refuse_undeclared(parsed, text, where)
        try:
            query = translateQuery(parsed, initNs=dict(PREFIXES))
        except RecursionError as err:
            raise LimitError("the query is nested too deeply for the SPARQL engine") from err
        except Exception as err:  # rdflib raises bare Exception for an unknown prefix
            raise _translate_error(err, text, where) from err
    if not (allow_service or for_endpoint):
        _refuse_service(query.algebra, source)
    form = _FORM_BY_ALGEBRA[query.algebra.name]
    variables = (
        tuple(str(v) for v in dict.get(query.algebra, "PV") or ()) if form == "SELECT" else ()
    )
    return PreparedQuery(text=text, form=form, variables=variables, query=query)


def _syntax_error(err: Any, text: str, where: str) -> QueryError:
    lines = text.splitlines() or [""]
    line_no = max(1, min(int(err.lineno), len(lines)))
    column = max(1, int(err.col))
    near = lines[line_no - 1][column - 1 :].strip()[:40] or "end of query"
    return QueryError(
        f"SPARQL syntax error near {near!r}",
        location=f"{where}:{line_no}:{column}",
        hint="see https://www.w3.org/TR/sparql11-query/#grammar",
    )


def _translate_error(err: Exception, text: str, where: str) -> QueryError:
    message = " ".join(str(err).split())
    match = re.match(r"Unknown namespace prefix : (\S+)", message)
    if match:
        return _unknown_prefix(match.group(1), text, where)
    return QueryError(f"cannot translate the query: {message}", location=where)


def _refuse_undeclared(parsed: Any, text: str, where: str) -> None:
    """Refuse a prefixed name whose prefix the query does not declare and we do not
    predeclare. rdflib alone would accept more (every graph binds its own defaults, such
    as ``foaf:``), and Oxigraph, which evaluates, would then fail with its parser's dump."""
    declared = {str(dict.get(d, "prefix") or "") for d in parsed[0]} | set(PREFIXES)
    used: set[str] = set()
    _prefixes_used(parsed[1], used)
    unknown = used - declared
    if unknown:
        plain = blanked(text)
        first = min(unknown, key=lambda p: (_first_use(plain, p), p))
        raise _unknown_prefix(first, text, where)


def _prefixes_used(node: Any, found: set[str]) -> None:
    if getattr(node, "name", None) == "pname":
        found.add(str(dict.get(node, "prefix") or ""))
    if isinstance(node, dict):
        for value in node.values():
            _prefixes_used(value, found)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:
            _prefixes_used(value, found)


def _first_use(plain: str, prefix: str) -> int:
    """Where ``prefix:`` is first used in ``plain`` (the query, strings and IRIs blanked)."""
    hit = re.search(rf"(?<![\w.:?$-]){re.escape(prefix)}:", plain)
    return hit.start() if hit else len(plain)


def _unknown_prefix(prefix: str, text: str, where: str) -> QueryError:
    """The error for an undeclared prefix, at the line and column of its first use in
    ``text`` (the user's own text), with the declaration to add where the prefix is a
    well-known one (rdflib's table of common vocabularies)."""
    location = where
    at = _first_use(blanked(text), prefix)
    if at < len(text):
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        location = f"{where}:{line}:{column}"
    iri = _well_known().get(prefix)
    declare = f"add PREFIX {prefix}: <{iri}>" if iri else f"declare it with PREFIX {prefix}: <...>"
    return QueryError(
        f"unknown prefix {prefix}: -- declare it, or use one of {', '.join(sorted(PREFIXES))}",
        location=location,
        hint=f"{declare} before SELECT/ASK/CONSTRUCT/DESCRIBE",
    )


@functools.lru_cache(maxsize=1)
def _well_known() -> dict[str, str]:
    """Prefix -> namespace of the vocabularies rdflib binds by default (FOAF, DCTERMS ...)."""
    from rdflib import Graph

    return {str(p): str(ns) for p, ns in Graph(bind_namespaces="rdflib").namespaces()}


def _refuse_update(text: str, where: str | None) -> None:
    """Raise a clear refusal if ``text`` is a SPARQL Update (INSERT, DELETE, LOAD ...)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        requests = dict.get(parseUpdate(text), "request") or []
    except Exception:
        return  # not an update either: the caller reports the query syntax error
    # rdflib names operations InsertData, DeleteWhere...: show them as SPARQL spells them.
    names = {re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(r.name)).upper() for r in requests}
    operations = sorted(names) or ["UPDATE"]
    raise QueryError(
        f"SPARQL Update ({', '.join(operations)}) is refused: the graph is read-only",
        location=where,
        hint=_READ_ONLY_HINT,
    )


def _refuse_dataset(parsed: Any, where: str | None) -> None:
    # CompValue.get() answers the key's own name when it is missing: use dict.get.
    for clause in dict.get(parsed[1], "datasetClause") or ():
        named = dict.get(clause, "named")
        iri = named if named is not None else dict.get(clause, "default")
        keyword = "FROM NAMED" if named is not None else "FROM"
        raise QueryError(
            f"{keyword} <{iri}> is refused: it would load a graph from the web or the disk",
            location=where,
            hint="query the loaded graph without FROM, add files with --data FILE, "
            "or query a triple store that holds that graph with --endpoint URL",
        )


def _refuse_service(algebra: Any, where: str | None) -> None:
    from rdflib.plugins.sparql.algebra import traverse

    found: list[str] = []

    def visit(node: Any) -> None:
        if getattr(node, "name", None) == "ServiceGraphPattern":
            term = dict.get(node, "term")
            found.append(term.n3() if term is not None else "?")

    traverse(algebra, visitPre=visit)
    if found:
        raise QueryError(
            f"SERVICE {found[0]} is refused: copro-kg queries its own graph offline",
            location=where,
            hint="pass --allow-network to copro-kg query to allow federated queries "
            "(never allowed by copro-kg serve)",
        )
