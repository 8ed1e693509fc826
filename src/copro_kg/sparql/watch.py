"""Watching a query a worker process runs: its deadline, and whether it is a heavy one.

The query pool (:mod:`copro_kg.sparql.pool`) waits for a worker's answer in short steps
of :data:`SLOW_CHECK` seconds. Between steps it asks :class:`Watch` two things: is the
deadline past (the query is killed and answered 503), and is this query *heavy* -- has it
kept a core busy? A heavy query's worker is moved to the lowest CPU priority
(:data:`SLOW_NICENESS`) and a spare worker takes its place, so a runaway cross join does
not hold the cores the quick questions need.

Heavy is judged by CPU time, not by the time waited: on a machine busy with other work a
one-millisecond library query can wait a tenth of a second for a core, and lowering its
priority then would make it wait far longer. The CPU time of the worker comes from
``/proc/<pid>/stat`` (Linux, clock ticks of 10 ms); where that cannot be read (macOS), a
query still running after two steps counts as heavy.

>>> watch = Watch(os.getpid(), timeout=1.0)
>>> 0 < watch.next_wait() <= SLOW_CHECK
True
>>> watch.heavy()  # the first look only notes the CPU time: nothing to compare yet
False
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from multiprocessing.connection import Connection

__all__ = [
    "HEAVY_CPU",
    "SLOW_CHECK",
    "SLOW_NICENESS",
    "Watch",
    "cpu_seconds",
    "lower_priority",
    "readable",
]

SLOW_CHECK = 0.05
"""Seconds between two looks at a running query."""

HEAVY_CPU = 0.1
"""CPU seconds a query must have used since it was sent to be heavy (and, since the last
look, at least a quarter of the time between the looks). A library query needs about a
millisecond of CPU over the store, up to ~30 ms over an rdflib graph (its SPARQL parser);
a runaway cross join a whole core, so it is found within about 0.1-0.2 s of CPU.

The floor is in CPU time used, not in CPU per look: on a busy machine the server itself
waits for a core, its looks come late, and a quick query's 20-30 ms of CPU could fall
between two of them. Judged heavy, that query was moved to the lowest priority and, with
the cores busy, starved past the time limit: a 503 with no runaway (issue 29, seen once
in a ``make test`` while two busy loops kept both cores busy)."""

SLOW_NICENESS = 19
"""The ``nice`` value a heavy query's worker gets: the lowest priority, so on a busy
machine the quick queries (and the server) get the cores first (Linux CFS gives a nice-19
task about 1/70 of a nice-0 task's share). Raising it needs no privileges; the worker
is retired afterwards, since an unprivileged process cannot lower it again."""

_TICK = 1 / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.01


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) process ``pid`` has used; None where it cannot be read.

    >>> (cpu_seconds(os.getpid()) or 0.0) >= 0.0
    True
    """
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # Fields 14 and 15 (utime, stime), counted after the ")" that ends the name.
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * _TICK
    except (OSError, ValueError, IndexError):
        return None


def lower_priority(pid: int) -> None:
    """Give process ``pid`` the lowest CPU priority (:data:`SLOW_NICENESS`); nothing if it
    has gone or the system has no such call."""
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, pid, SLOW_NICENESS)


class Watch:
    """The deadline and the CPU use of one query in worker ``pid``, from when it was sent."""

    def __init__(self, pid: int, timeout: float, step: float = SLOW_CHECK) -> None:
        self.pid = pid
        self.step = step
        self.deadline = time.monotonic() + timeout
        self._sent = cpu_seconds(pid)  # the worker's CPU time when the query was sent
        self._cpu: tuple[float, float] | None = None  # (CPU time, clock) at the last look
        self._looks = 0

    def next_wait(self) -> float:
        """Seconds to wait for the answer before the next look; 0 once the deadline is past."""
        return max(0.0, min(self.step, self.deadline - time.monotonic()))

    def heavy(self) -> bool:
        """Whether the query has used :data:`HEAVY_CPU` of CPU since it was sent and kept
        at least a quarter of a core busy since the last look."""
        self._looks += 1
        used, clock = cpu_seconds(self.pid), time.monotonic()
        if used is None or self._sent is None:
            return self._looks >= 2
        before, self._cpu = self._cpu, (used, clock)
        if before is None or used - self._sent < HEAVY_CPU:
            return False
        return used - before[0] >= (clock - before[1]) / 4


async def readable(conn: Connection, timeout: float) -> bool:
    """Whether ``conn`` has something to read within ``timeout`` seconds, awaited on the
    running event loop (its selector watches the pipe; no thread waits)."""
    if conn.poll(0):
        return True
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()

    def on_readable() -> None:
        if not ready.done():
            ready.set_result(None)

    fd = conn.fileno()
    loop.add_reader(fd, on_readable)
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)
