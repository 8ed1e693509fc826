"""Running SPARQL over the glossary graph: safely, with a time limit, with located errors.

Every query goes through :func:`prepare` first. It parses the text with the common
prefixes predeclared (:data:`copro_kg.namespace.PREFIXES`), turns syntax errors into a
:class:`~copro_kg.errors.QueryError` at ``line:column`` naming the offending text, and
inspects the parsed algebra **before anything is evaluated**: rdflib would otherwise
perform ``SERVICE`` as outbound HTTP (one request per row, no timeout), fetch ``FROM``
graphs from the web or the disk, and run updates. Those are refused here; the
:func:`copro_kg.io.netguard.offline` audit hook is a second wall during evaluation.

rdflib has no query timeout and a Python thread cannot be stopped, so a time limit
needs a process: :func:`run_query` evaluates in a forked child with a deadline (and a
memory ceiling) and kills it when the deadline passes. :class:`QueryPool` keeps a few
such children alive for the server, replacing any that is killed.

Parameters are bound with rdflib's ``initBindings`` (in memory) or a trailing
``VALUES`` block built from escaped RDF terms (remote endpoints) -- never by pasting
text into the query.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/copro-kg/co-design"), RDFS.label, Literal("co-design")))
>>> result = run_query(g, "SELECT ?label WHERE { copro:co-design rdfs:label ?label }", timeout=None)
>>> [str(row[0]) for row in result.rows]
['co-design']
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.term import Node

from copro_kg.errors import CoproError, LimitError, QueryError
from copro_kg.io.netguard import allow_network, offline
from copro_kg.namespace import PREFIXES, bind_prefixes

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "FORMS",
    "PreparedQuery",
    "QueryPool",
    "QueryResult",
    "evaluate",
    "graph_for_queries",
    "prefix_declarations",
    "prepare",
    "run_query",
    "time_limit_supported",
    "values_clause",
]

DEFAULT_TIMEOUT = float(os.environ.get("COPRO_KG_QUERY_TIMEOUT", "30"))
"""Seconds a query may run before it is stopped (``COPRO_KG_QUERY_TIMEOUT`` overrides)."""

DEFAULT_MAX_MEMORY_MB = int(os.environ.get("COPRO_KG_QUERY_MEMORY_MB", "2048"))
"""Extra memory (MiB) a query process may allocate beyond the graph it inherited."""

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
"""The SPARQL query forms, as :attr:`QueryResult.form` spells them."""

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


@dataclass(frozen=True)
class QueryResult:
    """What a query returned, independent of where it ran (in memory or an endpoint).

    Plain data (tuples of rdflib terms) so it crosses process boundaries by pickling.

    Attributes:
        form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
        variables: column names of a SELECT, without ``?``.
        rows: one tuple per solution, ``None`` where a variable is unbound.
        boolean: the answer of an ASK.
        triples: the graph of a CONSTRUCT or DESCRIBE.
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()

    @property
    def is_graph(self) -> bool:
        """True for CONSTRUCT and DESCRIBE, whose answer is RDF rather than a table."""
        return self.form in {"CONSTRUCT", "DESCRIBE"}

    def graph(self) -> Graph:
        """The CONSTRUCT/DESCRIBE answer as a new Graph with our prefixes bound."""
        graph = bind_prefixes(Graph())
        for triple in self.triples:
            graph.add(triple)
        return graph


def graph_for_queries(
    data: Iterable[str | Path] = (),
    *,
    input_format: str | None = None,
    reasoned: bool = True,
) -> Graph:
    """The graph queries run over: the glossary plus ``data``, reasoned unless told not.

    Queries see the OWL 2 RL closure by default, so a question such as "what is a kind
    of involvement?" is answered from what the glossary implies, not only from what is
    written; ``reasoned=False`` keeps the asserted triples only (``--no-reason``).
    """
    from copro_kg.io.sources import load
    from copro_kg.reasoning.result import reason_inputs

    if not reasoned:
        return load(data, input_format=input_format)
    # reason_inputs keys the cache on the input files' bytes: on unchanged inputs nothing
    # is parsed or reasoned again (the warm-query path of the performance issue).
    return bind_prefixes(reason_inputs(data, input_format=input_format).closure)


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
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    where = source or "query"
    try:
        parsed = parseQuery(text)
    except ParseBaseException as err:
        _refuse_update(text, source)
        raise _syntax_error(err, text, where) from err
    except RecursionError as err:
        raise LimitError("the query is nested too deeply for the SPARQL parser") from err
    if not for_endpoint:
        _refuse_dataset(parsed, source)
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
        prefix = match.group(1)
        location = where
        hit = re.search(rf"(?<![\w<]){re.escape(prefix)}:", text)
        if hit:
            line = text.count("\n", 0, hit.start()) + 1
            column = hit.start() - (text.rfind("\n", 0, hit.start()) + 1) + 1
            location = f"{where}:{line}:{column}"
        known = ", ".join(PREFIXES)
        return QueryError(
            f"unknown prefix {prefix + ':'!r}",
            location=location,
            hint=f"declare it with PREFIX {prefix}: <...>; predeclared: {known}",
        )
    return QueryError(f"cannot translate the query: {message}", location=where)


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


def evaluate(
    graph: Graph,
    prepared: PreparedQuery,
    bindings: Mapping[str, Node] | None = None,
    *,
    network: bool = False,
) -> QueryResult:
    """Evaluate ``prepared`` over ``graph`` in this process, with no time limit.

    Runs inside :func:`~copro_kg.io.netguard.offline` unless ``network`` (the user allowed
    ``SERVICE``). The whole answer is materialised here, because rdflib evaluates
    lazily while rows are read.
    """
    # rdflib types initBindings as str -> Identifier; every RDF term we bind is one.
    init: dict[str, Any] = dict(bindings or {})
    guard = allow_network() if network else offline()
    try:
        with guard:
            result = graph.query(prepared.query, initBindings=init)
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


def time_limit_supported() -> bool:
    """True where queries can run in a forked child (Linux, macOS); False on Windows."""
    return "fork" in multiprocessing.get_all_start_methods()


def run_query(
    graph: Graph,
    query: str | PreparedQuery,
    bindings: Mapping[str, Node] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    allow_service: bool = False,
) -> QueryResult:
    """Prepare (if needed) and evaluate a query, stopping it after ``timeout`` seconds.

    With a timeout, the query runs in a forked child process that inherits ``graph``
    (copy-on-write, nothing is re-parsed), under a memory ceiling; the child is killed
    at the deadline. ``timeout=None`` (or a platform without ``fork``) evaluates in
    this process without a limit.

    Raises:
        QueryError: a syntax error, a refused operation, or a failure while running.
        LimitError: the query ran past ``timeout`` or past its memory ceiling.
    """
    prepared = (
        query if isinstance(query, PreparedQuery) else prepare(query, allow_service=allow_service)
    )
    if not timeout or not time_limit_supported():
        return evaluate(graph, prepared, bindings, network=allow_service)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_run_in_child,
        args=(sender, graph, prepared.text, dict(bindings or {}), allow_service, max_memory_mb),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        return _receive(receiver, timeout)
    finally:
        receiver.close()
        # Past the deadline the child is still working: kill it now. After an answer it
        # is already exiting, so killing it loses nothing.
        if child.is_alive():
            child.kill()
        child.join()


def _run_in_child(
    conn: Connection,
    graph: Graph,
    text: str,
    bindings: dict[str, Node],
    allow_service: bool,
    max_memory_mb: int | None,
) -> None:
    _limit_memory(max_memory_mb)
    conn.send(_answer(graph, text, bindings, allow_service))
    conn.close()


def _answer(
    graph: Graph, text: str, bindings: Mapping[str, Node], allow_service: bool
) -> tuple[str, Any]:
    """Evaluate in a child; return ``("ok", result)`` or ``("error", picklable details)``."""
    try:
        prepared = prepare(text, allow_service=allow_service)
        return "ok", evaluate(graph, prepared, bindings, network=allow_service)
    except CoproError as err:
        return "error", (type(err).__name__, err.message, getattr(err, "location", None), err.hint)
    except MemoryError:
        return "error", ("LimitError", "the query needed more memory than its limit", None, None)
    except BaseException as err:  # anything else must still reach the parent as an answer
        message = " ".join(str(err).split()) or type(err).__name__
        return "error", ("QueryError", f"the query failed while running: {message}", None, None)


def _limit_memory(max_memory_mb: int | None) -> None:
    # The child inherits the parent's address space; allow that plus max_memory_mb, so a
    # runaway cross join ends in MemoryError instead of taking the machine with it.
    if not max_memory_mb:
        return
    try:
        import resource

        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = current + max_memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no RLIMIT_AS (macOS): the time limit still applies


def _receive(conn: Connection, timeout: float) -> QueryResult:
    try:
        ready = conn.poll(timeout)
        answer = conn.recv() if ready else None
    except (EOFError, OSError):
        raise LimitError(
            "the query process ended without an answer (out of memory?)",
            hint="simplify the query, or raise COPRO_KG_QUERY_MEMORY_MB",
        ) from None
    if answer is None:
        raise LimitError(
            f"the query was stopped after the time limit of {timeout:g} s",
            hint="simplify the query (add LIMIT, avoid cross joins), or raise the limit "
            "with --timeout",
        )
    status, payload = answer
    if status == "ok":
        result: QueryResult = payload
        return result
    raise _rebuild_error(payload)


def _rebuild_error(payload: tuple[str, str, str | None, str | None]) -> CoproError:
    kind, message, location, hint = payload
    if kind == "LimitError":
        return LimitError(message, hint=hint)
    return QueryError(message, location=location, hint=hint)


class QueryPool:
    """A few forked worker processes that each hold ``graph`` and answer queries.

    The server uses this so that a query past its time limit is killed (with its
    process) without stopping the server: the worker is replaced by a fresh fork and
    the client gets :class:`~copro_kg.errors.LimitError` (HTTP 503). Thread-safe: each
    call borrows one idle worker. Requires ``fork`` (Linux, macOS).

    Args:
        graph: the graph to query; never modified.
        workers: how many queries can run at the same time.
        timeout: seconds a query may run.
        max_memory_mb: extra memory each query may allocate.
    """

    def __init__(
        self,
        graph: Graph,
        *,
        workers: int = 2,
        timeout: float = DEFAULT_TIMEOUT,
        max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    ) -> None:
        if not time_limit_supported():
            raise LimitError("query time limits need the 'fork' start method (Linux, macOS)")
        self.graph = graph
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self._context = multiprocessing.get_context("fork")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._closed = False
        for _ in range(max(1, workers)):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_loop, args=(child, self.graph, self.max_memory_mb), daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def run(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Answer ``text`` in a worker within the time limit.

        Raises:
            QueryError: the query is malformed or refused (checked in this process first).
            LimitError: every worker stayed busy, or the query ran past the time limit.
        """
        prepare(text)  # refuse and locate errors here, before using a worker
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise LimitError("the server is busy: every query worker is in use") from None
        healthy = False
        try:
            worker.conn.send((text, dict(bindings or {})))
            result = _receive(worker.conn, self.timeout)
            healthy = True
            return result
        except (QueryError, CoproError) as err:
            healthy = not isinstance(err, LimitError)
            raise
        finally:
            self._give_back(worker, healthy)

    def _give_back(self, worker: _Worker, healthy: bool) -> None:
        if healthy and worker.process.is_alive():
            self._idle.put(worker)
            return
        worker.close()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
            closed = self._closed
        if not closed:
            self._idle.put(self._spawn())

    def close(self) -> None:
        """Stop every worker process."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.close()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


def _worker_loop(conn: Connection, graph: Graph, max_memory_mb: int | None) -> None:
    _limit_memory(max_memory_mb)
    while True:
        try:
            text, bindings = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(graph, text, bindings, False))


def values_clause(bindings: Mapping[str, Node]) -> str:
    """A trailing ``VALUES`` block binding each parameter, for servers without initBindings.

    Every term is written with rdflib's N-Triples escaping (:meth:`~rdflib.term.Node.n3`)
    after checking it cannot break out of its token, so a parameter is data, never query
    text. Per SPARQL 1.1 section 18.2.4.3 a trailing VALUES block is joined with the
    pattern before projection, ORDER BY and LIMIT.

    >>> values_clause({"term": URIRef("https://w3id.org/copro-kg/co-design")})
    '\\nVALUES (?term) { (<https://w3id.org/copro-kg/co-design>) }\\n'
    """
    if not bindings:
        return ""
    names = sorted(bindings)
    terms = []
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid parameter name {name!r}")
        terms.append(_safe_n3(bindings[name]))
    variables = " ".join(f"?{n}" for n in names)
    return f"\nVALUES ({variables}) {{ ({' '.join(terms)}) }}\n"


def _safe_n3(term: Node) -> str:
    if isinstance(term, URIRef):
        if re.search(r'[\x00-\x20<>"{}|^`\\]', str(term)):
            raise QueryError(f"invalid IRI in a parameter: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be a query parameter")
    raise QueryError(f"unsupported parameter value {term!r}")
