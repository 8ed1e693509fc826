"""Running a prepared SPARQL query: in a sandboxed child process with a time limit, or in
a pool of such children for the server.

Queries are prepared (parsed, located, refused if they reach out) by
:mod:`copro_kg.sparql.prepare`; parameters for remote endpoints are written by
:mod:`copro_kg.sparql.bindings`. Both names are re-exported here, where they always were.

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
import signal
import stat
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from rdflib import Graph, Variable
from rdflib.term import Node

from copro_kg.errors import CoproError, LimitError, QueryError
from copro_kg.io.netguard import allow_network, offline
from copro_kg.namespace import bind_prefixes
from copro_kg.sparql.bindings import values_clause
from copro_kg.sparql.prepare import FORMS, PreparedQuery, prefix_declarations, prepare

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
    """Deprecated: use :func:`copro_kg.pipeline.graph_for_queries` (the one data path)."""
    import warnings

    from copro_kg import pipeline

    warnings.warn(
        "copro_kg.sparql.run.graph_for_queries moved to copro_kg.pipeline.graph_for_queries",
        DeprecationWarning,
        stacklevel=2,
    )
    return pipeline.graph_for_queries(data, input_format=input_format, reasoned=reasoned)


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
    _become_worker(conn)
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


def _become_worker(conn: Connection) -> None:
    """Make a freshly forked query process a well-behaved child of the one that forked it.

    * ``SIGTERM`` ends it (the parent may have had a handler of its own when it forked, as
      uvicorn does while serving), and ``SIGINT`` is left to the parent: Ctrl-C reaches the
      whole process group, and the parent stops its workers itself.
    * An idle worker ends when its parent does (the pipe closes); the parent stops busy
      ones in :meth:`QueryPool.close`.
    * It closes every socket it inherited but its own pipe: a worker forked while the
      server listens (the replacement after a 503) would otherwise keep the port open
      after the server has gone, so new requests hang and a restart finds the address in
      use; the parent's ends of the other workers' pipes go too.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    keep = conn.fileno()
    try:
        descriptors = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc (macOS): the usual range
        descriptors = list(range(3, 1024))
    for fd in descriptors:
        if fd <= 2 or fd == keep:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass  # closed meanwhile, or the listing's own descriptor


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
            closed = self._closed
            if not closed:
                self._all.append(worker)
        if closed:  # close() ran while this worker was forked: it must not outlive it
            worker.close()
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
    _become_worker(conn)
    _limit_memory(max_memory_mb)
    while True:
        try:
            text, bindings = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(graph, text, bindings, False))
