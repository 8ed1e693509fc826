"""The entry points a web application calls from worker threads answer concurrent valid
queries correctly (issue 29).

Before, eight threads each asking one pool a distinct valid SELECT all failed: rdflib's
SPARQL parser (pyparsing) keeps state between calls, and threads parsing at once got
``TypeError: <lambda>() missing 1 required positional argument`` or a false "syntax
error near 'LIMIT 3'". The reference answers are the same queries asked one at a time,
in one thread: the threads must give exactly those, and no error at all.

The race is in pyparsing's first call of each parse action (it works out how many
arguments the action takes by trying, once, and keeps what it found): a process whose
parser has already run is safe by luck. So the first test asks from threads in a fresh
interpreter, where the parser is cold, as in a web application that has just started.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable

import pytest
from rdflib import Graph

from copro_kg import pipeline
from copro_kg.sparql.answer import QueryResult
from copro_kg.sparql.library import library
from copro_kg.sparql.pool import QueryPool
from copro_kg.sparql.prepare import prepare
from copro_kg.sparql.run import run_query
from copro_kg.sparql.store import GlossaryStore

THREADS = 16


def _texts() -> list[str]:
    """Many distinct valid texts: every library query without parameters, each also with
    a LIMIT of its own (distinct texts, so no memo of an earlier parse can help)."""
    plain = [e.text for e in library() if not e.parameters]
    limited = [f"{text}\nLIMIT {n + 1}" for n, text in enumerate(plain) if "LIMIT" not in text]
    return plain + limited


TEXTS = _texts()


@pytest.fixture(scope="module")
def store() -> GlossaryStore:
    return pipeline.store_for_queries()


@pytest.fixture(scope="module")
def expected(store: GlossaryStore) -> dict[str, QueryResult]:
    return {text: run_query(store, text, timeout=None) for text in TEXTS}


def _from_threads(ask: Callable[[str], object]) -> tuple[dict[str, object], list[str]]:
    """Ask every text from :data:`THREADS` threads at once (each thread takes every
    THREADS-th text), released together by a barrier."""
    answers: dict[str, object] = {}
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def work(mine: list[str]) -> None:
        start.wait()
        for text in mine:
            try:
                answers[text] = ask(text)
            except Exception as err:
                errors.append(f"{type(err).__name__}: {err}")

    threads = [threading.Thread(target=work, args=(TEXTS[i::THREADS],)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not any(t.is_alive() for t in threads), "a thread hangs"
    return answers, errors


def test_there_are_enough_distinct_queries() -> None:
    assert len(set(TEXTS)) >= 2 * THREADS


_COLD = """
import json, sys
from copro_kg import pipeline
from copro_kg.sparql.pool import QueryPool
from tests.sparql.test_threads import _from_threads
with QueryPool(pipeline.store_for_queries(), workers=2, timeout=120) as pool:
    answers, errors = _from_threads(pool.run)
json.dump({"errors": errors, "answers": {t: repr(a) for t, a in answers.items()}}, sys.stdout)
"""


@pytest.mark.timeout(600)
def test_a_cold_parser_shared_by_many_threads(expected: dict[str, QueryResult]) -> None:
    from tests.conftest import REPO_ROOT

    done = subprocess.run(
        [sys.executable, "-c", _COLD], cwd=REPO_ROOT, capture_output=True, text=True, timeout=500
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["errors"] == []
    assert found["answers"] == {text: repr(answer) for text, answer in expected.items()}


@pytest.mark.timeout(600)
def test_one_pool_shared_by_many_threads(
    store: GlossaryStore, expected: dict[str, QueryResult]
) -> None:
    with QueryPool(store, workers=2, timeout=120) as pool:
        answers, errors = _from_threads(pool.run)
    assert errors == []
    assert answers == expected


@pytest.mark.timeout(600)
@pytest.mark.parametrize("timeout", [None, 120], ids=["in-process", "forked"])
def test_run_query_from_many_threads(
    store: GlossaryStore, expected: dict[str, QueryResult], timeout: float | None
) -> None:
    answers, errors = _from_threads(lambda text: run_query(store, text, timeout=timeout))
    assert errors == []
    assert answers == expected


@pytest.mark.timeout(600)
def test_prepare_and_rdflib_evaluation_from_many_threads(
    store: GlossaryStore, expected: dict[str, QueryResult]
) -> None:
    """The rdflib path (a Graph built in Python): parsed and evaluated by rdflib."""
    graph: Graph = store.graph()
    answers, errors = _from_threads(lambda text: run_query(graph, prepare(text), timeout=None))
    assert errors == []
    # Same rows as Oxigraph's, in the same order where the query orders them.
    assert {t: (a.variables, sorted(map(repr, a.rows)), a.boolean) for t, a in answers.items()} == {  # type: ignore[attr-defined]
        t: (e.variables, sorted(map(repr, e.rows)), e.boolean) for t, e in expected.items()
    }
