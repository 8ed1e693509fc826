"""The limits a query runs under, and the errors that say one was reached.

A query runs in a process of its own (a forked child) so that it can be stopped: neither
rdflib nor Oxigraph stops a query from another thread. Both ways of running one -- the
general path (:mod:`copro_kg.sparql.pool`, :mod:`copro_kg.sparql.run`) and the warm path
(:mod:`copro_kg.sparql.warm`) -- take their limits and their wording from here, so a
runaway query is reported the same way whichever path ran it. No rdflib, no
multiprocessing: the warm path imports this.
"""

from __future__ import annotations

import os
import select

from copro_kg.errors import LimitError

__all__ = [
    "DEFAULT_MAX_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "child_died",
    "end_with_parent",
    "limit_memory",
    "stopped",
    "timed_out",
]

DEFAULT_TIMEOUT = float(os.environ.get("COPRO_KG_QUERY_TIMEOUT", "30"))
"""Seconds a query may run before it is stopped (``COPRO_KG_QUERY_TIMEOUT`` overrides)."""

DEFAULT_MAX_MEMORY_MB = int(os.environ.get("COPRO_KG_QUERY_MEMORY_MB", "2048"))
"""Extra memory (MiB) a query process may allocate beyond the graph it inherited."""


def timed_out(timeout: float) -> LimitError:
    """The error of a query stopped at its deadline.

    >>> str(timed_out(2.5))
    'the query was stopped after the time limit of 2.5 s'
    """
    return LimitError(
        f"the query was stopped after the time limit of {timeout:g} s",
        hint="simplify the query (add LIMIT, avoid cross joins), or raise the limit with --timeout",
    )


def child_died() -> LimitError:
    """The error of a query process that ended without an answer (killed when it ran out
    of the memory :func:`limit_memory` allowed)."""
    return LimitError(
        "the query process ended without an answer (out of memory?)",
        hint="simplify the query, or raise COPRO_KG_QUERY_MEMORY_MB",
    )


def stopped() -> LimitError:
    """The error of a query whose pool was closed (the program or the server is stopping)
    while it ran or waited for a worker.

    >>> str(stopped())
    'the query was stopped: the query pool is shutting down'
    """
    return LimitError(
        "the query was stopped: the query pool is shutting down",
        hint="ask again once the program or server is running",
    )


def limit_memory(max_memory_mb: int | None) -> None:
    """Let this process allocate ``max_memory_mb`` beyond what it holds now.

    The child inherits the parent's address space; a runaway cross join then ends in
    MemoryError instead of taking the machine with it.
    """
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


def end_with_parent(fd: int) -> None:
    """End this query process as soon as the process that forked it has gone.

    ``fd`` is this process's end of its pipe to the parent, whose other end only the
    parent holds (query processes close the ends they inherit). When the parent ends --
    even killed with ``SIGKILL``, when it can stop nobody -- the kernel closes its end, and
    ``poll`` reports a hang-up on ours (``POLLHUP`` on a socket, ``POLLERR`` on the write
    end of a pipe). A thread waits for that and ends the process, also while the main
    thread is busy with a query: Oxigraph evaluates without the interpreter lock, rdflib
    gives it up between bytecodes. Without it a runaway query would outlive a killed
    server by hours, an orphan holding a core. (``PR_SET_PDEATHSIG`` would not do: it
    fires when the *thread* that forked the child ends, and the pool forks from whichever
    thread needs a worker.)
    """
    if not hasattr(select, "poll"):  # Windows: no fork, no query processes either
        return
    import threading  # here, not above: the warm path's parent never needs it

    def watch() -> None:
        poller = select.poll()
        poller.register(fd, 0)  # no events asked for: poll reports hang-ups regardless
        for _fd, events in poller.poll():
            if events & (select.POLLHUP | select.POLLERR):
                os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()
