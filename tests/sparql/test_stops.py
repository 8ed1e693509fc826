"""Clean stops (issue 29): closing a query pool, or stopping ``serve``, while queries run
and wait ends every one of them with our own "stopped" error -- never an ``OSError``, a
traceback, a hang -- and leaves no worker process behind.

Before, a caller whose worker was closed under it got ``OSError: handle is closed`` from
the pipe (seen as a flaky ``test_pool.py`` on a busy machine). These tests close at the
worst moments, many times in a row: once every query has started (some running, some in
line for a worker), and at once, while the callers are still arriving. They wait for
states (:attr:`QueryPool.running`, :attr:`QueryPool.waiting`, a worker's CPU time) with
generous deadlines, never for a fixed time.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from copro_kg import LimitError
from copro_kg.sparql.limits import stopped
from copro_kg.sparql.pool import QueryPool
from copro_kg.sparql.store import GlossaryStore
from copro_kg.sparql.watch import cpu_seconds
from tests.conftest import established_connections

_NUMBERS = " ".join(str(i) for i in range(60))
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?{v} {{ {_NUMBERS} }}" for v in "abcdef")
    + " }"
)
"""60^6 rows to count: runs for hours on any graph, so it is running when we stop it."""
STOPPED = stopped().message
ROUNDS = 6
CALLERS = 4  # two run (two workers), two wait in line

linux = pytest.mark.skipif(
    not Path("/proc/self/task").exists(), reason="reads /proc (Linux): child processes"
)


def until(condition: Callable[[], bool], seconds: float = 60) -> None:
    """Wait for ``condition``, failing the test after a generous ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the state never came"
        time.sleep(0.01)


def children(pid: int | None = None) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid or os.getpid()}/task").glob("*/children"):
        with contextlib.suppress(OSError):  # the thread ended meanwhile
            found |= {int(c) for c in task.read_text().split()}
    return found


def _outcome(ask: Callable[[], object]) -> str:
    try:
        ask()
        return "answered"
    except LimitError as err:
        return err.message
    except BaseException as err:  # what must never happen: recorded, and the test fails
        return repr(err)


@pytest.fixture(scope="module")
def store() -> GlossaryStore:
    return GlossaryStore.in_memory([])


@linux
@pytest.mark.timeout(300)
@pytest.mark.parametrize("moment", ["settled", "at-once"])
def test_closing_a_pool_stops_every_query_from_threads(store: GlossaryStore, moment: str) -> None:
    for _ in range(ROUNDS):
        before = children()
        assert _close_with_threads(store, moment) == [STOPPED] * CALLERS
        assert children() - before == set(), "a worker outlived close()"


def _close_with_threads(store: GlossaryStore, moment: str) -> list[str]:
    pool = QueryPool(store, workers=2, spares=0, timeout=600)
    outcomes: list[str] = []
    threads = [
        threading.Thread(target=lambda: outcomes.append(_outcome(lambda: pool.run(RUNAWAY))))
        for _ in range(CALLERS)
    ]
    for thread in threads:
        thread.start()
    if moment == "settled":
        until(lambda: pool.running == 2 and pool.waiting == CALLERS - 2)
    pool.close()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads), "a caller hangs after close()"
    return outcomes


@linux
@pytest.mark.timeout(300)
@pytest.mark.parametrize("moment", ["settled", "at-once"])
def test_closing_a_pool_stops_every_query_on_an_event_loop(
    store: GlossaryStore, moment: str
) -> None:
    """The server's path: coroutines awaiting :meth:`QueryPool.written`."""

    async def one(pool: QueryPool) -> str:
        try:
            await pool.written(RUNAWAY, "csv")
            return "answered"
        except LimitError as err:
            return err.message
        except BaseException as err:
            return repr(err)

    async def round_() -> list[str]:
        pool = QueryPool(store, workers=2, spares=0, timeout=600)
        tasks = [asyncio.create_task(one(pool)) for _ in range(CALLERS)]
        if moment == "settled":
            deadline = time.monotonic() + 60
            while not (pool.running == 2 and pool.waiting == CALLERS - 2):
                assert time.monotonic() < deadline, "the state never came"
                await asyncio.sleep(0.01)
        await asyncio.to_thread(pool.close)
        return list(await asyncio.wait_for(asyncio.gather(*tasks), 60))

    for _ in range(ROUNDS):
        before = children()
        # A loop of its own thread: under pytest-xdist a browser test may have run first in
        # this process, and Playwright marks the main thread's loop as running between calls.
        with concurrent.futures.ThreadPoolExecutor(1) as own:
            assert own.submit(asyncio.run, round_()).result() == [STOPPED] * CALLERS
        assert children() - before == set(), "a worker outlived close()"


@linux
@pytest.mark.timeout(120)
def test_a_worker_killed_at_its_limit_is_replaced_and_the_others_get_our_own_answers(
    store: GlossaryStore,
) -> None:
    """The time limit kills the runaway's worker. The query in line behind it waited as
    long as the limit too: it is answered by the replacement if that came in time, or gets
    our "busy" error -- nothing else. Then the replacement answers, and it is the only
    worker: the killed one was not left behind."""
    before = children()
    with QueryPool(store, workers=1, spares=0, timeout=2) as pool:
        outcomes: dict[str, str] = {}
        runaway = threading.Thread(
            target=lambda: outcomes.setdefault("runaway", _outcome(lambda: pool.run(RUNAWAY)))
        )
        runaway.start()
        until(lambda: pool.running == 1)
        waited = _outcome(lambda: pool.run("ASK { ?s ?p ?o }"))
        runaway.join(60)
        assert outcomes["runaway"].startswith("the query was stopped after the time limit")
        assert waited in {"answered", "the server is busy: every query worker is in use"}
        assert pool.run("ASK { ?s ?p ?o }").boolean is False
        assert len(children() - before) == 1


# --- serve ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ask(url: str, outcomes: list[str]) -> None:
    request = url + "?" + urllib.parse.urlencode({"query": RUNAWAY})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            outcomes.append(f"{response.status}")
    except urllib.error.HTTPError as err:
        outcomes.append(f"{err.code} {err.read().decode().strip()}")
    except Exception as err:  # a cut connection: what must never happen
        outcomes.append(repr(err))


@linux
@pytest.mark.timeout(300)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopping_serve_answers_every_query_in_flight_with_stopped(
    signum: signal.Signals, tmp_path: Path
) -> None:
    """``serve`` with one worker and its two spares (for heavy queries): three runaways
    run, a fourth waits. The signal ends them all with 503 and the "stopped" error, the
    server exits without a traceback, and no worker stays."""
    for _ in range(2):
        _stop_serve_in_flight(signum)


def _stop_serve_in_flight(signum: signal.Signals) -> None:
    port = _free_port()
    server = _serve(port, "--workers", "1", "--timeout", "300")
    try:
        _wait_for_serving(server)
        url = f"http://127.0.0.1:{port}/sparql"
        outcomes: list[str] = []
        asking = [threading.Thread(target=_ask, args=(url, outcomes)) for _ in range(4)]
        for thread in asking:
            thread.start()
        # Three workers (two spares forked for heavy queries) and four requests in.
        until(lambda: len(children(server.pid)) == 3 and established_connections(port) >= 4, 120)
        workers = children(server.pid)
        server.send_signal(signum)
        for thread in asking:
            thread.join(60)
        assert outcomes == [f"503 error: {STOPPED}"] * 4
        server.wait(30)
        rest = server.stderr.read()
        assert "Traceback" not in rest and "OSError" not in rest, rest
        until(lambda: all(_gone(w) for w in workers), 10)
    finally:
        _kill_group(server)


def _serve(port: int, *options: str) -> subprocess.Popen[str]:
    """``copro-kg serve`` on ``port`` over the bare glossary, in a process group of its own
    (so :func:`_kill_group` can end it and everything it started)."""
    return subprocess.Popen(
        [sys.executable, "-m", "copro_kg", "serve", "--port", str(port), "--no-reason",
         *options],
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip


def _wait_for_serving(server: subprocess.Popen[str]) -> None:
    """Until ``server`` says it is serving and has forked its one worker."""
    assert server.stderr is not None
    line = server.stderr.readline()
    while line and not line.startswith("serving"):
        line = server.stderr.readline()
    assert line.startswith("serving"), "the server did not start"
    until(lambda: len(children(server.pid)) == 1)


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Kill ``process`` and whatever it started (its process group), and reap it: a
    failing test leaves nothing running."""
    with contextlib.suppress(ProcessLookupError):  # the group has ended already
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


# --- a killed parent ------------------------------------------------------------------

_HOLDERS = {
    "pool": "from copro_kg.sparql.pool import QueryPool\n"
    "QueryPool(GlossaryStore.in_memory([]), workers=1, spares=0, timeout=600).run(QUERY)",
    "run_query": "from copro_kg.sparql.run import run_query\n"
    "run_query(GlossaryStore.in_memory([]), QUERY, timeout=600)",
}
"""Python programs that ask the runaway and wait for its answer (``QUERY`` is argv[1])."""


@linux
@pytest.mark.timeout(300)
@pytest.mark.parametrize("holder", ["serve", *_HOLDERS])
def test_a_parent_killed_with_sigkill_leaves_no_query_process(holder: str) -> None:
    """``SIGKILL`` gives a program no chance to stop its query processes: each must see
    that its parent has gone and end, even in the middle of a query that would run for
    hours. Before, four such orphans were found busy on a machine after test runs."""
    asking: threading.Thread | None = None
    if holder == "serve":
        port = _free_port()
        parent = _serve(port, "--workers", "1", "--timeout", "600")
        _wait_for_serving(parent)
        asking = threading.Thread(target=_ask, args=(f"http://127.0.0.1:{port}/sparql", []))
        asking.start()
    else:
        code = "import sys\nfrom copro_kg.sparql.store import GlossaryStore\nQUERY = sys.argv[1]\n"
        parent = subprocess.Popen(
            [sys.executable, "-c", code + _HOLDERS[holder], RUNAWAY],
            stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
    try:
        until(lambda: any(_busy(c) for c in children(parent.pid)), 120)
        workers = children(parent.pid)
        parent.kill()
        parent.wait()
        until(lambda: all(_gone(w) for w in workers), 60)
    finally:
        _kill_group(parent)
        if asking is not None:
            asking.join(60)


def _busy(pid: int) -> bool:
    """Whether process ``pid`` has used half a second of CPU (it is in the runaway)."""
    return (cpu_seconds(pid) or 0.0) >= 0.5
