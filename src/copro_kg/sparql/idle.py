"""Idle things handed out first come, first served, to threads and to coroutines alike.

The query pool (:mod:`copro_kg.sparql.pool`) lends its idle workers to two kinds of
caller: a thread that blocks (:meth:`QueryPool.run <copro_kg.sparql.pool.QueryPool.run>`,
the Python API) and the server's event loop, which must not block (one thread answers
every HTTP connection; a thread per request cost more than the query, in thread
hand-offs and in the interpreter lock). :class:`Idle` serves both from one line of
waiters, so neither kind can starve the other. What decides who gets an item is a
state changed under one lock; the waking (an :class:`threading.Event`, or a future set
on its event loop) only tells the waiter to look.

>>> import asyncio
>>> idle: Idle[str] = Idle()
>>> idle.put("w1")
>>> idle.get(timeout=0)
'w1'
>>> idle.get(timeout=0) is None
True

A coroutine waits with ``await idle.aget(timeout=5)`` (``tests/sparql/test_idle.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Idle"]

T = TypeVar("T")


class _Waiter(Generic[T]):
    """One borrower in line: ``item`` is set (under the :class:`Idle` lock) when served."""

    def __init__(self, wake: Callable[[], None]) -> None:
        self.wake = wake
        self.item: T | None = None
        self.served = False


class Idle(Generic[T]):
    """Items lent one at a time; borrowers wait in one first-come line."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: deque[T] = deque()
        self._line: deque[_Waiter[T]] = deque()
        self._closed = False

    def close(self) -> None:
        """Lend nothing more: every borrower in line, and every later one, gets None."""
        with self._lock:
            self._closed = True
            self._items.clear()
            waiters = list(self._line)
            self._line.clear()
            for waiter in waiters:
                waiter.served = True  # with no item
        for waiter in waiters:
            waiter.wake()

    def put(self, item: T) -> None:
        """Give ``item`` to the first borrower in line, or keep it until one asks."""
        with self._lock:
            if self._closed:
                return
            if not self._line:
                self._items.append(item)
                return
            waiter = self._line.popleft()
            waiter.item, waiter.served = item, True
        waiter.wake()

    def _join(self, wake: Callable[[], None]) -> tuple[T | None, _Waiter[T] | None]:
        """An item now, or a place in line."""
        with self._lock:
            if self._items or self._closed:
                return (self._items.popleft() if self._items else None), None
            waiter: _Waiter[T] = _Waiter(wake)
            self._line.append(waiter)
            return None, waiter

    def _leave(self, waiter: _Waiter[T]) -> T | None:
        """Step out of line at the deadline; the item if one was given meanwhile."""
        with self._lock:
            if waiter.served:
                return waiter.item
            self._line.remove(waiter)
            return None

    def get(self, timeout: float) -> T | None:
        """An item within ``timeout`` seconds, blocking this thread; None if none came."""
        event = threading.Event()
        item, waiter = self._join(event.set)
        if waiter is None:
            return item
        event.wait(timeout)
        return self._leave(waiter)

    async def aget(self, timeout: float) -> T | None:
        """An item within ``timeout`` seconds, awaited on the running event loop."""
        loop = asyncio.get_running_loop()
        woken: asyncio.Future[None] = loop.create_future()

        def resolve() -> None:
            if not woken.done():  # not already given up at the deadline
                woken.set_result(None)

        def wake() -> None:  # called from any thread: hop onto the loop
            with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
                loop.call_soon_threadsafe(resolve)

        item, waiter = self._join(wake)
        if waiter is None:
            return item
        try:
            await asyncio.wait_for(woken, timeout)
        except TimeoutError:
            pass
        except asyncio.CancelledError:  # the request was abandoned: pass on what came
            item = self._leave(waiter)
            if item is not None:
                self.put(item)
            raise
        return self._leave(waiter)

    @property
    def waiting(self) -> int:
        """How many borrowers are in line now."""
        with self._lock:
            return len(self._line)

    def __len__(self) -> int:
        """How many items are idle now."""
        with self._lock:
            return len(self._items)
