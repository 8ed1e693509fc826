"""Run one job in many threads released together, for the thread-safety tests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_threads(job: Callable[[int], T], count: int = 8, deadline: float = 300) -> list[T]:
    """``job(n)`` for n in 0..count-1, each in its own thread, all started at one barrier;
    their results in order. Fails if a thread hangs past ``deadline`` s or dies of an
    exception (its result is then missing)."""
    start = threading.Barrier(count)
    found: dict[int, T] = {}

    def work(n: int) -> None:
        start.wait()
        found[n] = job(n)

    running = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(deadline)
    assert not any(t.is_alive() for t in running), "a thread hangs"
    assert len(found) == count, "a thread died of an exception"
    return [found[n] for n in range(count)]
