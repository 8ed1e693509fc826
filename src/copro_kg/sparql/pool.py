"""Query processes: a deadline for one query, and a pool of workers for the server.

Neither rdflib nor pyoxigraph can stop a query from another thread, so a time limit
needs a process. :func:`copro_kg.sparql.run.run_query` evaluates in a forked child and
kills it at the deadline; :class:`QueryPool` keeps a few such children alive for the
server, replacing any that is killed. Each child opens the on-disk store itself (read
only), so no database handle crosses a ``fork``.

>>> from copro_kg.sparql.store import GlossaryStore
>>> with QueryPool(GlossaryStore.in_memory([]), workers=1, timeout=5) as pool:
...     pool.run("ASK { ?s ?p ?o }").boolean
False
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import queue
import signal
import stat
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from rdflib.term import Node

from copro_kg.errors import CoproError, LimitError, QueryError
from copro_kg.sparql.answer import QueryResult
from copro_kg.sparql.evaluate import Target, answer
from copro_kg.sparql.limits import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT,
    child_died,
    limit_memory,
    timed_out,
)
from copro_kg.sparql.prepare import PreparedQuery, prepare

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "QueryPool",
    "become_worker",
    "limit_memory",
    "prepared",
    "receive",
    "time_limit_supported",
]


@functools.lru_cache(maxsize=512)
def prepared(text: str) -> PreparedQuery:
    """:func:`~copro_kg.sparql.prepare.prepare` with a memo of recent texts (no ``SERVICE``).

    A server is asked the same library queries again and again; checking a text again
    gives the same verdict, so the parse is kept. Refusals are exceptions and are not
    kept: a refused text is checked, and refused, every time.
    """
    return prepare(text)


def time_limit_supported() -> bool:
    """True where queries can run in a forked child (Linux, macOS); False on Windows."""
    return "fork" in multiprocessing.get_all_start_methods()


def become_worker(conn: Connection) -> None:
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


def receive(conn: Connection, timeout: float) -> QueryResult:
    """The answer a query process sends on ``conn`` within ``timeout`` seconds.

    Raises:
        QueryError: the query failed in the child.
        LimitError: no answer before the deadline, or the child died (out of memory).
    """
    try:
        ready = conn.poll(timeout)
        reply = conn.recv() if ready else None
    except (EOFError, OSError):
        raise child_died() from None
    if reply is None:
        raise timed_out(timeout)
    status, payload = reply
    if status == "ok":
        result: QueryResult = payload
        return result
    kind, message, location, hint = payload
    if kind == "LimitError":
        raise LimitError(message, hint=hint)
    raise QueryError(message, location=location, hint=hint)


class QueryPool:
    """A few forked worker processes that each hold ``target`` and answer queries.

    The server uses this so that a query past its time limit is killed (with its
    process) without stopping the server: the worker is replaced by a fresh fork and
    the client gets :class:`~copro_kg.errors.LimitError` (HTTP 503). Thread-safe: each
    call borrows one idle worker. Requires ``fork`` (Linux, macOS).

    Args:
        target: the store (or rdflib Graph) to query; never modified.
        workers: how many queries can run at the same time.
        timeout: seconds a query may run.
        max_memory_mb: extra memory each query may allocate.
    """

    def __init__(
        self,
        target: Target,
        *,
        workers: int = 2,
        timeout: float = DEFAULT_TIMEOUT,
        max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
    ) -> None:
        if not time_limit_supported():
            raise LimitError("query time limits need the 'fork' start method (Linux, macOS)")
        self.target = target
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self._context = multiprocessing.get_context("fork")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._closed = False
        for _ in range(max(1, workers)):
            self._idle.put(self._spawn())

    @property
    def graph(self) -> Target:
        """The target (its old name, from when only rdflib Graphs were queried)."""
        return self.target

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_loop, args=(child, self.target, self.max_memory_mb), daemon=True
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
        form = prepared(text).form  # refuse and locate errors here, before using a worker
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise LimitError("the server is busy: every query worker is in use") from None
        healthy = False
        try:
            worker.conn.send((text, dict(bindings or {}), form))
            result = receive(worker.conn, self.timeout)
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


def _worker_loop(conn: Connection, target: Target, max_memory_mb: int | None) -> None:
    become_worker(conn)
    limit_memory(max_memory_mb)
    while True:
        try:
            text, bindings, form = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(target, text, bindings, False, form))
