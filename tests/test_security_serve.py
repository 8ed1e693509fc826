"""``serve`` under load: concurrent clients and runaway queries, loopback only.

Issue 8, "Under load": a bounded load test "finishes with zero failed requests other
than the intended 503s, bounded memory, and the server still answering afterwards".
This is the CI-sized version (8 clients x 15 library queries + 3 runaway cross joins,
a few seconds); ``benchmarks/bench_serve_load.py`` runs the full 8 x 200 and records
requests/second and p95 latency. Correctness is asserted here, speed never.
"""

from __future__ import annotations

import os
from argparse import Namespace
from collections.abc import Iterator
from types import ModuleType

import pytest

from .conftest import REPO_ROOT, load_script


def _bench() -> ModuleType:
    return load_script("benchmarks/bench_serve_load.py")


bench = _bench()
TIME_LIMIT = 1.0  # seconds: the runaway queries must hit it
WINDOW_MARGIN = 0.1
"""Seconds either side of the runaways' window where a library 503 is still theirs: thread
switches between a clock reading and the socket it times."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``copro-kg serve`` in a process of its own, serving the glossary's store, as users
    run it and as ``benchmarks/bench_serve_load.py`` measures it.

    Not ``running_server`` in a thread of the test's process: late in ``make test`` that
    process holds every earlier module's sites and graphs, so each worker it forks to
    replace a stopped runaway copies a large process, and its client threads share the
    server's interpreter. With both cores busy with other work, library queries sent after
    the runaways had ended then waited 3-4 s and were shed (issue 29: twice in four full
    runs under load, never when the module ran alone)."""
    with bench.serve_process(Namespace(workers=2, timeout=TIME_LIMIT), None) as (url, _):
        yield url


@pytest.mark.timeout(240)
def test_concurrent_clients_and_runaway_queries(server: str) -> None:
    queries = bench.library_queries()
    assert len(queries) >= 5  # the library exists and is read
    status, _ = bench.ask(server, queries[0])
    assert status == 200
    before = bench.tree_rss_mb(os.getpid())

    result = bench.run_load(
        server, queries, clients=8, per_client=15, slow=3, outlast_slow=WINDOW_MARGIN
    )

    assert result.errors == []  # no connection reset, refused or timed out
    # Library queries are answered (200) or, the intended 503, shed with Retry-After when
    # every worker is busy with a runaway query (SECURITY.md); never 4xx/500.
    assert set(result.statuses) <= {200, 503}, dict(result.statuses)
    # Shed only because of the runaways: no library query is shed before the first runaway
    # is sent (timestamps of one clock, taken outside each request, so the window can only
    # look wider than it was) ...
    start, end = result.runaway_window
    early = [r for r in result.library if r.status == 503 and r.answered < start - WINDOW_MARGIN]
    assert early == [], (start, early)
    # ... and served again once they end: a stopped runaway's worker is killed and replaced
    # (SECURITY.md), and until a replacement is up a query can wait past the limit, so the
    # run goes on until a library query sent after the last runaway's answer is answered
    # 200 (outlast_slow); from that answer on, nothing is shed.
    after = [r for r in result.library if r.sent > end + WINDOW_MARGIN]
    recovered = min((r.answered for r in after if r.status == 200), default=None)
    assert recovered is not None, (end, sorted({r.status for r in after}))
    relapsed = [r for r in result.library if r.status == 503 and r.sent > recovered]
    assert relapsed == [], (recovered, relapsed)
    # Every runaway query is stopped at the time limit and answered 503 (overloaded /
    # try later), not left running and not answered 500.
    assert dict(result.slow_statuses) == {503: 3}
    # Memory stays bounded: the killed workers are replaced, not leaked.
    rss = bench.tree_rss_mb(os.getpid())
    assert rss < before + 512, (before, rss)
    # ... and the server still answers, correctly.
    status, body = bench.ask(server, "ASK { ?s ?p ?o }")
    assert status == 200 and b"true" in body


def test_update_and_service_over_http_are_refused(server: str) -> None:
    """Over HTTP too: SERVICE and LOAD are refused (4xx), never performed."""
    status, _ = bench.ask(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert 400 <= status < 500
    status, _ = bench.ask(server, "LOAD <http://127.0.0.1:9/data.ttl>")
    assert 400 <= status < 500


def test_error_bodies_do_not_reveal_local_paths(server: str) -> None:
    """RDF/XML and SPARQL errors can carry absolute paths; never echo them over HTTP."""
    status, body = bench.ask(server, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert 400 <= status < 500
    assert b"root:" not in body
    status, body = bench.ask(server, "SELECT ?s WHERE { ?s ?p ")
    assert status == 400
    assert str(REPO_ROOT).encode() not in body and b"/home/" not in body
