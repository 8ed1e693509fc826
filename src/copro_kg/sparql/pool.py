"""Query processes: a deadline for one query, and a pool of workers for the server.

Neither rdflib nor pyoxigraph can stop a query from another thread, so a time limit
needs a process. :func:`copro_kg.sparql.run.run_query` evaluates in a forked child and
kills it at the deadline; :class:`QueryPool` keeps a few such children alive for the
server, replacing any that is killed. Each child opens the on-disk store itself (read
only), so no database handle crosses a ``fork``.

A runaway query does not starve the pool: a query found heavy (it keeps a core busy,
:mod:`copro_kg.sparql.watch`) has its worker moved to the lowest CPU priority and a
spare worker is forked in its place (at most ``spares`` such slow queries at a time), so
the quick questions keep their ``workers`` processes and the cores while the runaway
runs to its deadline; a worker that ran a slow query is retired when it ends.

>>> from copro_kg.sparql.store import GlossaryStore
>>> with QueryPool(GlossaryStore.in_memory([]), workers=1, timeout=5) as pool:
...     pool.run("ASK { ?s ?p ?o }").boolean
False
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import multiprocessing
import os
import signal
import stat
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from rdflib.term import Node

from copro_kg.errors import CoproError, LimitError, QueryError
from copro_kg.sparql.answer import QueryResult
from copro_kg.sparql.evaluate import Target, answer
from copro_kg.sparql.idle import Idle
from copro_kg.sparql.limits import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT,
    child_died,
    end_with_parent,
    limit_memory,
    stopped,
    timed_out,
)
from copro_kg.sparql.prepare import PreparedQuery, prepare
from copro_kg.sparql.watch import SLOW_CHECK, Watch, lower_priority, readable

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "QueryPool",
    "become_worker",
    "limit_memory",
    "prepared",
    "receive",
    "stopped",
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
    * It ends when its parent does, idle or busy in a query, even a parent killed with
      ``SIGKILL`` (:func:`~copro_kg.sparql.limits.end_with_parent` watches the pipe); a
      parent that is stopping stops its workers itself (:meth:`QueryPool.close`).
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
    end_with_parent(keep)


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
    the client gets :class:`~copro_kg.errors.LimitError` (HTTP 503). A heavy query gets
    a spare worker forked in its place (see the module docstring). Thread-safe: each
    call borrows one idle worker. Requires ``fork`` (Linux, macOS).

    Args:
        target: the store (or rdflib Graph) to query; never modified.
        workers: how many queries can run at the same time at full priority.
        timeout: seconds a query may run.
        max_memory_mb: extra memory each query may allocate.
        spares: how many slow queries may run (at the lowest priority) beside the
            ``workers``; None for twice ``workers``. Past that, slow queries hold the
            workers until their deadline.
        slow_check: seconds between two looks at a running query's CPU use.
    """

    def __init__(
        self,
        target: Target,
        *,
        workers: int = 2,
        timeout: float = DEFAULT_TIMEOUT,
        max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
        spares: int | None = None,
        slow_check: float = SLOW_CHECK,
    ) -> None:
        if not time_limit_supported():
            raise LimitError("query time limits need the 'fork' start method (Linux, macOS)")
        self.target = target
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        self.workers = max(1, workers)
        self.spares = 2 * self.workers if spares is None else max(0, spares)
        self.slow_check = slow_check
        self._context = multiprocessing.get_context("fork")
        self._idle: Idle[_Worker] = Idle()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._closed = False
        # The first SPARQL parse of a process builds the parser's caches (about 0.2 s of
        # CPU): done here, before forking, every worker inherits them. Else a fresh
        # worker's first query is judged heavy (watch.py), moved to the lowest priority
        # and, on a busy machine, starved past the time limit: a 503 with no runaway.
        prepared(_WARM_UP)
        self._top_up()

    @property
    def graph(self) -> Target:
        """The target (its old name, from when only rdflib Graphs were queried)."""
        return self.target

    @property
    def running(self) -> int:
        """How many queries a worker is answering now (for monitoring, and tests that wait
        for a state instead of sleeping)."""
        with self._lock:
            return sum(w.lent for w in self._all)

    @property
    def waiting(self) -> int:
        """How many queries wait for a worker now."""
        return self._idle.waiting

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_loop, args=(child, self.target, self.max_memory_mb), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _top_up(self) -> None:
        """Fork workers until ``workers`` of them run at full priority, within the cap of
        ``workers + spares`` processes. Forks under the lock, so two threads that both
        see a worker missing fork one."""
        with self._lock:
            while not self._closed and len(self._all) < self.workers + self.spares:
                if sum(not w.slow for w in self._all) >= self.workers:
                    break
                worker = self._spawn()
                self._all.append(worker)
                self._idle.put(worker)

    def run(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Answer ``text`` in a worker within the time limit (blocking this thread).

        Raises:
            QueryError: the query is malformed or refused (checked in this process first).
            LimitError: every worker stayed busy, the query ran past the time limit, or
                the pool was closed while the query ran or waited (:func:`stopped`).
        """
        form = prepared(text).form  # refuse and locate errors here, before using a worker
        worker = self._lend(self._idle.get(self.timeout))
        healthy = False
        try:
            worker.conn.send((text, dict(bindings or {}), form, None))
            watch = Watch(worker.process.pid, self.timeout, self.slow_check)
            while not worker.conn.poll(watch.next_wait()):
                if not watch.next_wait():
                    raise timed_out(self.timeout)
                if not worker.slow and watch.heavy():
                    self._slow(worker)
            result: QueryResult = receive(worker.conn, 0)  # the answer, or the child's end
            healthy = True
            return result
        except CoproError as err:
            healthy = not isinstance(err, LimitError)  # a worker past a limit is replaced
            raise self._stopped_or(err) from None
        except (OSError, EOFError, ValueError):  # the pipe closed under us
            raise self._stopped_or(child_died()) from None
        finally:
            if not self._returned(worker, healthy):
                self._retire(worker)

    async def written(
        self,
        text: str,
        fmt: str,
        form: str | None = None,
        bindings: Mapping[str, Node] | None = None,
    ) -> bytes | QueryResult:
        """Answer ``text`` as the bytes of format ``fmt``, written in the worker by
        :func:`copro_kg.sparql.wire.write`; the :class:`QueryResult` where that does not
        write ``fmt`` for this target (the caller writes it).

        ``form`` is for a caller that checked the text itself with :func:`prepared` (the
        server checks what the client sent, then adds a ``BASE``): the form that check
        found. Without it the text is checked here.

        A coroutine for the server's event loop: waiting for a worker and for its answer
        never blocks the loop (no thread per request); the rare work that takes a few
        milliseconds (forking a spare, replacing a killed worker) runs in a thread.

        Raises:
            QueryError: the query is malformed, refused, or fails.
            LimitError: every worker stayed busy, the query ran past the time limit, or
                the pool was closed while the query ran or waited.
        """
        form = form or prepared(text).form
        worker = self._lend(await self._idle.aget(self.timeout))
        healthy = False
        try:
            worker.conn.send((text, dict(bindings or {}), form, fmt))
            watch = Watch(worker.process.pid, self.timeout, self.slow_check)
            while not await readable(worker.conn, watch.next_wait()):
                if not watch.next_wait():
                    raise timed_out(self.timeout)
                if not worker.slow and watch.heavy():
                    await asyncio.to_thread(self._slow, worker)
            answer: bytes | QueryResult = receive(worker.conn, 0)
            healthy = True
            return answer
        except CoproError as err:
            healthy = not isinstance(err, LimitError)
            raise self._stopped_or(err) from None
        except (OSError, EOFError, ValueError):
            raise self._stopped_or(child_died()) from None
        finally:  # also when the request is abandoned: its worker is then replaced
            if not self._returned(worker, healthy):
                await asyncio.to_thread(self._retire, worker)

    def _lend(self, worker: _Worker | None) -> _Worker:
        """``worker`` (from the idle line) marked as lent; the caller's error if none came:
        the pool was closed (:func:`stopped`), or every worker stayed busy."""
        with self._lock:
            if worker is not None and not self._closed:
                worker.lent = True
                return worker
            closed = self._closed
        raise stopped() if closed else _busy()

    def _stopped_or(self, err: CoproError) -> CoproError:
        """``err``, or the "stopped" error when the pool was closed meanwhile (the worker
        was killed under the query: its end is the pool's, not the query's)."""
        return stopped() if self._closed and isinstance(err, LimitError) else err

    def _slow(self, worker: _Worker) -> None:
        """``worker``'s query is heavy: lower its priority and fork a spare in its place."""
        lower_priority(worker.process.pid)
        with self._lock:
            worker.slow = True
        self._top_up()

    def _returned(self, worker: _Worker, healthy: bool) -> bool:
        """Take ``worker`` back from its borrower; True if it went back to the idle line.

        Never blocks (an event loop calls it): a worker that is not kept is the caller's
        to :meth:`_retire`.
        """
        with self._lock:
            worker.lent = False
            keep = healthy and not worker.slow and not self._closed and worker.process.is_alive()
            if not keep and worker in self._all:
                self._all.remove(worker)
        if keep:
            self._idle.put(worker)
        return keep

    def _retire(self, worker: _Worker) -> None:
        """Stop ``worker`` (killed if still running) and fork its replacement."""
        worker.close()
        self._top_up()

    def close(self) -> None:
        """Stop every worker process, busy or idle, and wait for each to end.

        Every query running or waiting for a worker ends with the :func:`stopped` error
        (never a broken pipe): a busy worker is killed, which its borrower sees as the end
        of the answer; only the borrower closes that worker's pipe. Safe to call from any
        thread, and more than once.
        """
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            lent = [w.lent for w in workers]
        self._idle.close()  # callers waiting for a worker are answered now, not at timeout
        for worker, borrowed in zip(workers, lent, strict=True):
            worker.stop()
            if not borrowed:
                worker.close()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_WARM_UP = "SELECT ?s WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?r } FILTER(?s != ?o) } LIMIT 1"
"""A query the pool parses before forking its workers (see :meth:`QueryPool.__init__`)."""


def _busy() -> LimitError:
    return LimitError("the server is busy: every query worker is in use")


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection
    slow: bool = False
    """Its query was found heavy: it runs at the lowest priority and is retired when the
    query ends."""
    lent: bool = False
    """A caller holds it (and its pipe): :meth:`QueryPool.close` kills it but leaves the
    pipe to that caller."""
    ended: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def stop(self) -> None:
        """Kill the process if it runs and wait for it (once, whichever thread asks)."""
        with self._lock:
            if self.ended:
                return
            if self.process.is_alive():
                self.process.kill()
            self.process.join(5)
            self.ended = True

    def close(self) -> None:
        """:meth:`stop`, then close the parent's end of the pipe."""
        self.stop()
        with contextlib.suppress(OSError):
            self.conn.close()


def _worker_loop(conn: Connection, target: Target, max_memory_mb: int | None) -> None:
    become_worker(conn)
    limit_memory(max_memory_mb)
    while True:
        try:
            text, bindings, form, fmt = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(target, text, bindings, False, form, fmt))
