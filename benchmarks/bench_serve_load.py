"""Load on ``copro-kg serve``: concurrent clients, slow queries, memory, then a last answer.

Issue 8, "Under load": 8 concurrent clients x 200 queries from the query library, plus
slow queries that hit the time limit, on loopback only. Issue 16, goal 3: >= 300 library
queries/s with p95 < 50 ms under 8 loopback clients, runaway queries still answered 503.
Records library queries/second, p50/p95 latency and the memory (RSS) of the server and
its query workers into ``benchmarks/RESULTS-serve.md``. Numbers are measured, never
asserted; the CI tests (``tests/test_security_serve.py``, ``tests/sparql/test_store.py``)
run a small version of the same load and assert only correctness: no failed request but
the intended 503s, bounded memory, still answering.

The server is the ``copro-kg serve`` command in a process of its own (``--server
process``, the default: what a user runs, with the clients in this process as other
programs would be), or ``running_server`` in a thread of this process (``--server
thread``: clients and server then share one interpreter, as the numbers before issue 16
were taken). The library rate divides the library queries by the time the library
clients took; the runaway queries' own wait (the time limit) is reported apart, since
it says nothing of how fast the server answers.

``--baseline-src DIR`` runs, interleaved with this tree, the server of another source
tree (a ``git worktree`` of an older commit: ``DIR`` holds its ``copro_kg`` package), so
before and after are measured side by side under the same machine load.

Run: ``.venv/bin/python benchmarks/bench_serve_load.py [--clients 8] [--per-client 200]
[--repeat 5] [--baseline-src ../old/src]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

# A three-way cross join over every triple: minutes of work for rdflib on the glossary.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass(frozen=True)
class Request:
    """One request of a load run: when it was sent and answered (``time.perf_counter``
    seconds, one clock for every thread) and the status it got."""

    sent: float
    answered: float
    status: int


@dataclass
class LoadResult:
    """What one load run saw."""

    statuses: Counter[int] = field(default_factory=Counter)
    slow_statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    library: list[Request] = field(default_factory=list)
    """Every answered library query, in the order answered."""
    slow: list[Request] = field(default_factory=list)
    """Every answered runaway query."""
    seconds: float = 0.0
    """From the first request to the last answer, runaway queries included."""
    library_seconds: float = 0.0
    """From the first request to the last library client's last answer."""

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.slow_statuses.values())

    @property
    def library_rate(self) -> float:
        """Library queries answered per second while the library clients ran."""
        return sum(self.statuses.values()) / self.library_seconds if self.library_seconds else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0

    @property
    def runaway_window(self) -> tuple[float, float]:
        """From the first runaway query's sending to the last one's answer: the only time
        the server may shed a library query (every worker busy with a runaway)."""
        if not self.slow:
            return (0.0, 0.0)
        return min(r.sent for r in self.slow), max(r.answered for r in self.slow)

    def shed_outside(self, margin: float = 0.0) -> list[Request]:
        """Library queries answered 503 although no runaway query ran at any time while they
        waited: their time from sending to answer misses :attr:`runaway_window` (widened by
        ``margin`` seconds each side). The server promises there are none."""
        start, end = self.runaway_window
        return [
            r
            for r in self.library
            if r.status == 503
            and (not self.slow or r.answered < start - margin or r.sent > end + margin)
        ]


def ask(url: str, query: str, timeout: float = 120.0) -> tuple[int, bytes]:
    """POST one query (SPARQL 1.1 Protocol, form-encoded); the status and body."""
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as err:
        return int(err.code), err.read()


def run_load(
    url: str,
    queries: Sequence[str],
    *,
    clients: int,
    per_client: int,
    slow: int,
    outlast_slow: float | None = None,
) -> LoadResult:
    """``clients`` threads each send ``per_client`` queries (cycling through ``queries``);
    ``slow`` extra requests send :data:`SLOW_QUERY` at the same time.

    With ``outlast_slow`` (seconds) each client goes on past ``per_client`` until a query
    it sent that many seconds or more after the last runaway query was answered is answered
    200 (or fails), so the run sees the server while the runaways hold its workers, while
    the stopped workers are replaced, and after (what the CI test asserts on).
    """
    result = LoadResult()
    finished: list[float] = []
    slow_left = [slow]
    slow_over = threading.Event()  # set when the last runaway is answered, at slow_end[0]
    slow_end = [time.perf_counter()]
    if not slow:
        slow_over.set()
    lock = threading.Lock()

    def after_slow_ended() -> bool:
        return slow_over.is_set() and time.perf_counter() >= slow_end[0] + (outlast_slow or 0)

    def client(index: int) -> None:
        i = 0
        after_slow = False  # has this client sent a query after the runaways ended?
        while i < per_client or (outlast_slow is not None and not after_slow):
            text = queries[(index * 7 + i) % len(queries)]
            i += 1
            over = after_slow_ended()
            start = time.perf_counter()
            try:
                status, _ = ask(url, text)
            except OSError as err:
                result.errors.append(f"{type(err).__name__}: {err}")
                after_slow = after_slow or over
                continue
            answered = time.perf_counter()
            after_slow = after_slow or (over and status == 200)
            result.latencies.append(answered - start)
            result.statuses[status] += 1
            result.library.append(Request(start, answered, status))
        finished.append(time.perf_counter())

    def slow_client(_: int) -> None:
        start = time.perf_counter()
        try:
            status, _ = ask(url, SLOW_QUERY)
            result.slow_statuses[status] += 1
            result.slow.append(Request(start, time.perf_counter(), status))
        except OSError as err:
            result.errors.append(f"slow: {type(err).__name__}: {err}")
        finally:
            with lock:
                slow_left[0] -= 1
                if not slow_left[0]:
                    slow_end[0] = time.perf_counter()
                    slow_over.set()

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients + slow) as pool:
        jobs = [pool.submit(slow_client, i) for i in range(slow)]
        jobs += [pool.submit(client, i) for i in range(clients)]
        for job in jobs:
            job.result()
    result.seconds = time.perf_counter() - began
    result.library_seconds = max(finished, default=began) - began
    return result


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its children, in MiB."""
    import psutil

    proc = psutil.Process(pid)
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += child.memory_info().rss
    return total / 2**20


def library_queries() -> list[str]:
    """Every query of the shipped library, as written (parameters left unbound)."""
    from copro_kg.sparql import library as query_library

    return [entry.text for entry in query_library.library()]


# ------------------------------------------------------------------ the server under test


@contextlib.contextmanager
def serve_process(args: argparse.Namespace, src: str | None) -> Iterator[tuple[str, int]]:
    """``copro-kg serve`` in its own process (from ``src`` when given); its URL and pid."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=src) if src else None
    command = [sys.executable, "-m", "copro_kg", "serve", "--port", str(port)]
    command += ["--workers", str(args.workers), "--timeout", f"{args.timeout:g}"]
    # A process group of its own, killed whole at the end: a test that uses this leaves no
    # server behind even if it fails half-way (CONTRIBUTING, "No timing luck").
    server = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        while line and not line.startswith("serving"):
            line = server.stderr.readline()
        if not line:
            raise SystemExit(f"the server did not start: {' '.join(command)}")
        url = f"http://127.0.0.1:{port}/sparql"
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError):
                if ask(url, "ASK {}", timeout=5)[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("the server does not answer")
            time.sleep(0.1)
        if b"true" not in ask(url, "ASK { ?s ?p ?o }")[1]:  # a tree without its ontology/
            raise SystemExit(f"the server of {src or 'this tree'} serves an empty graph")
        yield url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)  # anything of the server's still there


@contextlib.contextmanager
def serve_thread(args: argparse.Namespace) -> Iterator[tuple[str, int]]:
    """``running_server`` in a thread of this process (clients share the interpreter)."""
    from copro_kg import pipeline
    from copro_kg.sparql import serve as serving

    graph = pipeline.graph_for_queries() if args.rdflib else pipeline.store_for_queries()
    with serving.running_server(graph, workers=args.workers, timeout=args.timeout) as url:
        yield url, os.getpid()


def one_run(args: argparse.Namespace, queries: Sequence[str], src: str | None) -> dict[str, float]:
    """One load run against a fresh server; the figures of :func:`summary`."""
    server = serve_thread(args) if args.server == "thread" else serve_process(args, src)
    load_before = os.getloadavg()[0]
    with server as (url, pid):
        ask(url, queries[0])  # warm up
        before = tree_rss_mb(pid)
        result = run_load(
            url, queries, clients=args.clients, per_client=args.per_client, slow=args.slow
        )
        after = tree_rss_mb(pid)
        final_status, _ = ask(url, "ASK { ?s ?p ?o }")
    return {
        "library/s": result.library_rate,
        "requests/s": result.requests / result.seconds,
        "p50 ms": 1000 * result.percentile(0.5),
        "p95 ms": 1000 * result.percentile(0.95),
        "max ms": 1000 * max(result.latencies, default=0),
        "library 200": result.statuses[200],
        "library other": sum(result.statuses.values()) - result.statuses[200],
        "library 503 outside runaways": len(result.shed_outside()),
        "slow 503": result.slow_statuses[503],
        "slow other": sum(result.slow_statuses.values()) - result.slow_statuses[503],
        "client errors": len(result.errors),
        "RSS before MiB": before,
        "RSS after MiB": after,
        "final status": final_status,
        "seconds": result.seconds,
        "load average": load_before,
    }


def summary(runs: Sequence[dict[str, float]]) -> dict[str, str]:
    """Each figure's median over ``runs``, with its range when there are several."""
    out = {}
    for key in runs[0]:
        values = sorted(run[key] for run in runs)
        whole = all(float(value).is_integer() for value in values)
        shown = "{:.0f}" if whole else "{:.1f}"
        text = shown.format(statistics.median(values))
        if values[0] != values[-1]:
            text += f" ({shown.format(values[0])}-{shown.format(values[-1])})"
        out[key] = text
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=200)
    parser.add_argument("--slow", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=1, help="runs per tree (medians)")
    parser.add_argument("--server", choices=("process", "thread"), default="process")
    parser.add_argument("--baseline-src", help="another tree's src/ to run interleaved")
    parser.add_argument("--baseline-label", help="what the baseline is (a commit)")
    parser.add_argument("--out", default=str(Path(__file__).with_name("RESULTS-serve.md")))
    parser.add_argument(
        "--rdflib", action="store_true", help="serve an rdflib Graph (--server thread only)"
    )
    args = parser.parse_args(argv)
    if args.server != "process" and args.baseline_src:
        parser.error("--baseline-src needs --server process")
    if args.server == "process" and args.rdflib:
        parser.error("--rdflib needs --server thread (`copro-kg serve` serves the store)")

    queries = library_queries()
    trees: dict[str, str | None] = {"this tree": None}
    if args.baseline_src:
        trees = {"baseline": str(Path(args.baseline_src).resolve()), **trees}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for index in range(args.repeat):
        for name, src in trees.items():  # interleaved: both see the same machine load
            runs[name].append(one_run(args, queries, src))
            figures = runs[name][-1]
            print(f"run {index + 1} {name}: {figures['library/s']:.1f} library/s, "
                  f"p95 {figures['p95 ms']:.0f} ms, load {figures['load average']:.2f}",
                  file=sys.stderr)  # fmt: skip
    engine = "rdflib Graph" if args.rdflib else "Oxigraph query store"
    header = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "graph": f"the reasoned glossary, {engine}",
        "server": f"`copro-kg serve` process ({args.workers} query workers, time limit "
        f"{args.timeout:g} s)"
        if args.server == "process"
        else f"running_server in the clients' process ({args.workers} workers, "
        f"time limit {args.timeout:g} s)",
        "load": f"{args.clients} clients x {args.per_client} library queries "
        f"({len(queries)} distinct) + {args.slow} runaway cross joins",
        "runs": f"{args.repeat} per tree"
        + (", interleaved with the baseline" if args.baseline_src else ""),
        **(
            {"baseline": args.baseline_label or str(args.baseline_src)} if args.baseline_src else {}
        ),
    }
    table = {name: summary(tree_runs) for name, tree_runs in runs.items()}
    names = list(table)
    text = (
        "# `copro-kg serve` under load\n\n"
        "Written by `benchmarks/bench_serve_load.py` (not asserted; the CI tests "
        "`tests/test_security_serve.py` and `tests/sparql/test_store.py` check "
        "correctness on a small load). Medians, with the range over the runs in "
        "brackets; `library/s` counts the library queries over the time their clients "
        "took; `requests/s` divides every request by the whole run, which lasts at least "
        "the runaway queries' time limit.\n\n"
        "| | |\n|---|---|\n"
        + "".join(f"| {key} | {value} |\n" for key, value in header.items())
        + "\n| figure | "
        + " | ".join(names)
        + " |\n|---|"
        + "---|" * len(names)
        + "\n"
        + "".join(
            f"| {key} | " + " | ".join(table[name][key] for name in names) + " |\n"
            for key in table[names[0]]
        )
    )
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
