"""Idle workers handed out first come, first served, to threads and coroutines alike."""

from __future__ import annotations

import asyncio
import threading
import time

from copro_kg.sparql.idle import Idle


def _in_own_thread(coroutine_result: list[str | None], idle: Idle[str]) -> threading.Thread:
    # A thread of its own, with its own event loop: whatever loop another test left
    # running in the main thread (Playwright's) cannot interfere.
    async def borrow() -> str | None:
        asyncio.get_running_loop().call_later(0.01, idle.put, "w2")
        return await idle.aget(timeout=5)

    thread = threading.Thread(target=lambda: coroutine_result.append(asyncio.run(borrow())))
    thread.start()
    return thread


def test_a_coroutine_gets_what_is_put_while_it_waits() -> None:
    idle: Idle[str] = Idle()
    got: list[str | None] = []
    _in_own_thread(got, idle).join(10)
    assert got == ["w2"]


def test_a_waiting_thread_is_served_before_a_later_coroutine() -> None:
    idle: Idle[str] = Idle()
    first: list[str | None] = []
    waiter = threading.Thread(target=lambda: first.append(idle.get(timeout=5)))
    waiter.start()
    deadline = time.monotonic() + 60
    while idle.waiting != 1:  # the thread is in line before the coroutine asks
        assert time.monotonic() < deadline, "the thread never got in line"
        time.sleep(0.01)
    later: list[str | None] = []
    # The coroutine puts "w2" itself after 10 ms: the thread, in line first, gets it, and
    # the coroutine gets the next item.
    thread = _in_own_thread(later, idle)
    waiter.join(5)
    idle.put("w3")
    thread.join(10)
    assert first == ["w2"] and later == ["w3"]
