"""Load on ``copro-kg serve``: concurrent clients, slow queries, memory, then a last answer.

Issue 8, "Under load": 8 concurrent clients x 200 queries from the query library, plus
slow queries that hit the time limit, on loopback only. Records requests/second, p50/p95
latency and the memory (RSS) of the server and its query workers into
``benchmarks/RESULTS-serve.md``. Numbers are measured, never asserted; the CI test
(``tests/test_security_serve.py``) runs a small version of the same load and asserts only
correctness: no failed request but the intended 503s, bounded memory, still answering.

Run: ``.venv/bin/python benchmarks/bench_serve_load.py [--clients 8] [--per-client 200]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

# A three-way cross join over every triple: minutes of work for rdflib on the glossary.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class LoadResult:
    """What one load run saw."""

    statuses: Counter[int] = field(default_factory=Counter)
    slow_statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.slow_statuses.values())

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


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
    url: str, queries: Sequence[str], *, clients: int, per_client: int, slow: int
) -> LoadResult:
    """``clients`` threads each send ``per_client`` queries (cycling through ``queries``);
    ``slow`` extra requests send :data:`SLOW_QUERY` at the same time."""
    result = LoadResult()

    def client(index: int) -> None:
        for i in range(per_client):
            text = queries[(index * 7 + i) % len(queries)]
            start = time.perf_counter()
            try:
                status, _ = ask(url, text)
            except OSError as err:
                result.errors.append(f"{type(err).__name__}: {err}")
                continue
            result.latencies.append(time.perf_counter() - start)
            result.statuses[status] += 1

    def slow_client(_: int) -> None:
        try:
            status, _ = ask(url, SLOW_QUERY)
        except OSError as err:
            result.errors.append(f"slow: {type(err).__name__}: {err}")
            return
        result.slow_statuses[status] += 1

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients + slow) as pool:
        jobs = [pool.submit(slow_client, i) for i in range(slow)]
        jobs += [pool.submit(client, i) for i in range(clients)]
        for job in jobs:
            job.result()
    result.seconds = time.perf_counter() - began
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


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=200)
    parser.add_argument("--slow", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--out", default=str(Path(__file__).with_name("RESULTS-serve.md")))
    parser.add_argument(
        "--rdflib", action="store_true", help="serve an rdflib Graph (before issue 16)"
    )
    args = parser.parse_args(argv)

    from copro_kg import pipeline
    from copro_kg.sparql import serve as serving

    # What `copro-kg serve` serves: the Oxigraph query store (or, to compare, a Graph).
    graph = pipeline.graph_for_queries() if args.rdflib else pipeline.store_for_queries()
    engine = "rdflib Graph" if args.rdflib else "Oxigraph query store"
    queries = library_queries()
    with serving.running_server(graph, workers=args.workers, timeout=args.timeout) as url:
        ask(url, queries[0])  # warm up
        before = tree_rss_mb(os.getpid())
        result = run_load(
            url, queries, clients=args.clients, per_client=args.per_client, slow=args.slow
        )
        after = tree_rss_mb(os.getpid())
        final_status, _ = ask(url, "ASK { ?s ?p ?o }")
    rate = result.requests / result.seconds
    rows = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "graph": f"{len(graph):,} triples (reasoned glossary), {engine}",
        "load": f"{args.clients} clients x {args.per_client} library queries "
        f"({len(queries)} distinct) + {args.slow} slow cross joins",
        "server": f"{args.workers} query workers, time limit {args.timeout:g} s",
        "requests": f"{result.requests:,} in {result.seconds:.1f} s = {rate:.1f} requests/s",
        "latency (library queries)": f"p50 {1000 * result.percentile(0.5):.0f} ms, "
        f"p95 {1000 * result.percentile(0.95):.0f} ms, "
        f"max {1000 * max(result.latencies, default=0):.0f} ms",
        "statuses (library queries)": json.dumps(dict(sorted(result.statuses.items()))),
        "statuses (slow queries)": json.dumps(dict(sorted(result.slow_statuses.items()))),
        "client errors": str(len(result.errors)),
        "RSS server + workers": f"{before:.0f} MiB before, {after:.0f} MiB after",
        "answering afterwards": f"HTTP {final_status}",
    }
    text = (
        "# `copro-kg serve` under load\n\n"
        "Written by `benchmarks/bench_serve_load.py` (not asserted; the CI test "
        "`tests/test_security_serve.py` checks correctness on a small load).\n\n"
        "| | |\n|---|---|\n"
        + "".join(f"| {key} | {value} |\n" for key, value in rows.items())
        + f"\nMean latency {1000 * statistics.fmean(result.latencies or [0]):.0f} ms.\n"
    )
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
