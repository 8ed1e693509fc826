"""The query store (issue 16): where it lives, what it holds, and every guard on its path.

``query``, ``serve`` and ``publish`` answer from an Oxigraph store written once beside the
cache entry. These tests check the store against the glossary's text, that a warm query
loads no reasoner, that SERVICE/FROM/updates are refused and runaway queries stopped on
this path too, and that the same store folder is served by the Oxigraph server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from copro_kg import LimitError, QueryError, pipeline
from copro_kg.reasoning import cache as caching
from copro_kg.sparql import run, serve
from copro_kg.sparql.publish import publish
from copro_kg.sparql.remote import run_remote
from copro_kg.sparql.store import GlossaryStore
from copro_kg.sparql.storefiles import ASSERTED_GRAPH, INFERRED_GRAPH

from ..conftest import RunCli, load_script, require_tool

DEFAULT = [ASSERTED_GRAPH, INFERRED_GRAPH]
"""The default graph of `copro-kg query`: the asserted and inferred graphs, not the history."""

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store() -> GlossaryStore:
    return pipeline.store_for_queries()


def test_the_store_lives_beside_the_cache_entry(store: GlossaryStore) -> None:
    key = pipeline.Workspace().key
    assert key is not None
    assert store.folder == caching.store_dir(key)
    assert store.data_folder is not None and store.data_folder.is_dir()
    reasoning = pipeline.Workspace().reasoning()
    assert len(store) == len(reasoning.closure)
    assert len(store.with_reasoning(False)) == len(reasoning.asserted)


def test_the_store_answers_from_the_glossary(
    store: GlossaryStore, in_glossary: Callable[[str], bool]
) -> None:
    """The asserted graph holds what the glossary says; the inferred one what follows."""
    assert in_glossary("Co-design is a component part of a co-production process")
    said = "ASK { copro:co-design copro:isPartOf copro:co-production }"
    follows = "ASK { copro:co-design skos:broaderTransitive copro:co-production }"
    assert run.run_query(store.with_reasoning(False), said).boolean is True
    assert run.run_query(store, follows).boolean is True
    # The transitive closure is the reasoner's, not the glossary's text.
    assert run.run_query(store.with_reasoning(False), follows).boolean is False
    inferred = (
        "ASK { GRAPH <https://w3id.org/copro-kg/graph/inferred> "
        "{ copro:co-design skos:broaderTransitive copro:co-production } }"
    )
    assert run.run_query(store, inferred).boolean is True


def test_a_warm_query_loads_no_reasoner(tmp_path: Path) -> None:
    """The warm path opens the store: the engine does not run (its fixpoint, chainer, is
    not even imported), and owlrl, pyvis and networkx are not loaded."""
    env = dict(os.environ, COPRO_KG_CACHE_DIR=str(tmp_path))
    args = [sys.executable, "-m", "copro_kg", "query", "-e", "ASK { ?s ?p ?o }"]
    subprocess.run(args, check=True, capture_output=True, env=env)  # writes the store
    probe = (
        "import sys; from copro_kg.cli import main\n"
        "try:\n    main(['query', '-e', 'ASK { ?s ?p ?o }'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'owlrl', 'pyvis', 'networkx'} or m == 'copro_kg.engine.chainer'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "LOAD <http://127.0.0.1:9/data.ttl>",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ],
)
def test_refused_before_evaluation_on_the_store(store: GlossaryStore, text: str) -> None:
    with pytest.raises(QueryError, match="refused"):
        run.run_query(store, text)


def test_the_store_never_performs_service_even_if_handed_it(store: GlossaryStore) -> None:
    """Oxigraph's HTTP client is beyond the Python audit hook: the store refuses the
    keyword itself, a second wall behind prepare()."""
    with pytest.raises(QueryError, match="SERVICE is refused"):
        store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


@pytest.mark.timeout(60)
def test_a_runaway_query_on_the_store_is_stopped(store: GlossaryStore) -> None:
    start = time.monotonic()
    with pytest.raises(LimitError, match="time limit"):
        run.run_query(store, RUNAWAY, timeout=1.0)
    assert time.monotonic() - start < 20
    assert run.run_query(store, "ASK { ?s ?p ?o }", timeout=5).boolean is True


@pytest.mark.timeout(240)
def test_serving_the_store_sheds_runaways_and_keeps_answering(store: GlossaryStore) -> None:
    bench = load_script("benchmarks/bench_serve_load.py")
    with serve.running_server(store, workers=2, timeout=1.0) as url:
        queries = bench.library_queries()
        result = bench.run_load(url, queries, clients=8, per_client=10, slow=2)
        assert result.errors == []
        assert set(result.statuses) <= {200, 503}, dict(result.statuses)
        assert dict(result.slow_statuses) == {503: 2}
        status, body = bench.ask(url, "ASK { ?s ?p ?o }")
        assert status == 200 and b"true" in body
        status, _ = bench.ask(url, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        assert status == 403


def test_query_cli_answers_from_the_store(run_cli: RunCli) -> None:
    """The glossary lists co-production among the kinds of involvement."""
    done = run_cli("query", "-e", "SELECT ?t WHERE { ?t skos:broader copro:involvement }")
    assert done.exit_code == 0
    assert "https://w3id.org/copro-kg/co-production" in done.stdout


# ----------------------------------------------------------------- the Oxigraph server
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _started(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the oxigraph server exited")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("the oxigraph server did not start")


def _serve(binary: str, *args: str) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    process = subprocess.Popen(
        [binary, *args, "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    _started(f"{base}/query?query=ASK%7B%7D", process)
    return base, process


@pytest.mark.timeout(120)
def test_the_oxigraph_server_serves_the_same_store_folder(store: GlossaryStore) -> None:
    """docs/querying.md: `oxigraph serve-read-only --location FOLDER`, queried with the
    asserted and inferred graphs as the default graph (the SPARQL 1.1 Protocol's
    ``default-graph-uri``, `copro-kg query --default-graph`), answers every library query
    as `copro-kg query` does. Not `--union-default-graph`: the store also holds the
    release history's named graphs, which must stay out of the default graph."""
    binary = require_tool("oxigraph", str(Path(sys.executable).parent / "oxigraph"))
    assert store.data_folder is not None
    base, process = _serve(binary, "serve-read-only", "--location", str(store.data_folder))
    try:
        from copro_kg.sparql import library

        for entry in library.library():
            bindings = library.bind_parameters(entry.example_parameters, entry, store.graph())
            here = run.run_query(store, entry.text, bindings)
            there = run_remote(
                f"{base}/query", entry.text, bindings, default_graph=DEFAULT, timeout=30
            )
            assert sorted(map(str, here.rows)) == sorted(map(str, there.rows)), entry.name
            assert here.boolean == there.boolean, entry.name
            assert set(here.triples) == set(there.triples), entry.name
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.timeout(120)
def test_publish_sends_the_store_to_another_store(store: GlossaryStore, tmp_path: Path) -> None:
    """Graph Store Protocol PUT (SPARQL 1.1 Graph Store HTTP Protocol section 5.3)."""
    binary = require_tool("oxigraph", str(Path(sys.executable).parent / "oxigraph"))
    base, process = _serve(binary, "serve", "--location", str(tmp_path / "remote"))
    try:
        done = publish(store, f"{base}/store", "https://w3id.org/copro-kg/graph")
        assert done.triples == len(store)
        publish(store, f"{base}/store", "https://w3id.org/copro-kg/graph")  # replaces
        count = run_remote(
            f"{base}/query",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/copro-kg/graph> "
            "{ ?s ?p ?o } }",
            timeout=30,
        )
        assert int(str(count.rows[0][0])) == len(store)
    finally:
        process.terminate()
        process.wait(10)
