"""publish + query --endpoint against a real Oxigraph server (issue 5, "Beyond one machine").

The server is the ``oxigraph`` package's own binary, started on loopback in a temporary
folder and always stopped (fixture ``finally``). Graph Store Protocol semantics cited:
https://www.w3.org/TR/sparql11-http-rdf-update/ section 5.3 ("HTTP PUT ... the
enclosed RDF payload replaces the graph").
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from copro_kg import pipeline
from copro_kg.errors import InputError
from copro_kg.namespace import COPRO_OPEN
from copro_kg.sparql import publish as publishing
from copro_kg.sparql import results
from copro_kg.sparql import run as querying
from copro_kg.sparql.library import bind_parameters, library
from copro_kg.sparql.remote import run_remote
from tests.conftest import RunCli, require_tool

GRAPH_IRI = "https://w3id.org/copro-kg/graph"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a fresh Oxigraph server on 127.0.0.1 (stopped after the module)."""
    binary = require_tool("oxigraph", str(Path(sys.executable).parent / "oxigraph"))
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def reasoned() -> Graph:
    return pipeline.graph_for_queries()


@pytest.fixture(scope="module")
def published(oxigraph: str, reasoned: Graph) -> str:
    publishing.publish(reasoned, oxigraph + "/store")
    return oxigraph


def _count(base: str, graph_iri: str | None = None) -> int:
    result = run_remote(
        base + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=graph_iri
    )
    return int(result.rows[0][0])  # type: ignore[arg-type]


def test_publish_puts_every_triple(published: str, reasoned: Graph) -> None:
    assert _count(published) == len(reasoned)


def test_republish_replaces_rather_than_duplicates(oxigraph: str, reasoned: Graph) -> None:
    # GSP 5.3: PUT replaces the named graph. Publishing a smaller graph second proves
    # replacement (a POST would have merged and kept the larger count).
    small = Graph()
    for i in range(10):
        small.add((COPRO_OPEN[f"t{i}"], RDFS.label, Literal(f"t{i}")))
    publishing.publish(reasoned, oxigraph + "/store", GRAPH_IRI)
    publishing.publish(reasoned, oxigraph + "/store", GRAPH_IRI)
    assert _count(oxigraph, GRAPH_IRI) == len(reasoned)
    publishing.publish(small, oxigraph + "/store", GRAPH_IRI)
    assert _count(oxigraph, GRAPH_IRI) == 10


@pytest.mark.parametrize("entry", library(), ids=lambda e: e.name)
def test_library_answers_match_in_memory(entry: object, published: str, reasoned: Graph) -> None:
    from copro_kg.sparql.library import LibraryQuery

    assert isinstance(entry, LibraryQuery)
    bindings = bind_parameters(entry.example_parameters, entry, reasoned)
    local = querying.run_query(reasoned, entry.text, bindings)
    remote = run_remote(published + "/query", entry.text, bindings)
    if local.is_graph:
        from rdflib.compare import isomorphic

        assert isomorphic(local.graph(), remote.graph())
    elif local.form == "ASK":
        assert local.boolean == remote.boolean
    else:
        # TSV keeps every term exactly (IRI, language tag, datatype), row order included.
        assert results.to_tsv(remote) == results.to_tsv(local)


def test_cli_publish_and_query_endpoint(run_cli: RunCli, published: str) -> None:
    result = run_cli(
        "query", "--endpoint", published + "/query", "--format", "csv",
        "-e", "SELECT (LCASE(STR(?alt)) AS ?synonym) WHERE { copro:community-engagement "
        'skos:altLabel ?alt FILTER(LANGMATCHES(LANG(?alt), "en")) } ORDER BY ?synonym',
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    # Glossary, Community engagement: "(also referred to as public or citizen engagement)".
    assert result.stdout.splitlines()[1:] == ["citizen engagement", "public engagement"]


def test_server_down_is_a_clear_error(run_cli: RunCli) -> None:
    url = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(InputError, match="cannot reach"):
        publishing.publish(Graph(), url)
    result = run_cli("publish", "--endpoint", url, "--no-reason")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot reach {url}")
    result = run_cli("query", "--endpoint", url, "-e", "ASK {}")
    assert result.exit_code == 2 and "cannot reach" in result.stderr
