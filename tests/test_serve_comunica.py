"""Comunica queries ``serve`` as a SPARQL endpoint and agrees with ``copro-kg query`` (issue 19).

Comunica (https://comunica.dev, npm ``@comunica/query-sparql``, pinned in
``tests/js/package-lock.json`` and installed by ``make test`` with ``npm ci``) is a SPARQL
engine nobody on this project wrote. Told that its source is a SPARQL endpoint
(``{type: "sparql", value: URL}``, the CLI's ``sparql@URL``), it sends the SPARQL 1.1
Protocol requests it chooses to the endpoint ``copro-kg serve`` runs, reads our
answers with its own parsers, and writes the result in W3C formats (SPARQL 1.1 Query
Results JSON, N-Triples). Each answer is compared with the same query through
``copro-kg query`` as result sets (variables and rows as a multiset, the ASK boolean,
graphs up to blank-node renaming, RDF 1.1 Concepts §3.6), never as bytes.

One Node process runs every query (``tests/js/comunica-query.mjs``): Node and Comunica
take about a second to start. Under ``CI=true`` a missing Node or Comunica fails.
"""

from __future__ import annotations

import io
import json
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.query import Result

from copro_kg import pipeline
from copro_kg.namespace import PREFIXES
from copro_kg.sparql.library import library
from copro_kg.sparql.serve import running_server

from .conftest import RunCli, require_tool

JS = Path(__file__).parent / "js"
SCRIPT = JS / "comunica-query.mjs"
COMUNICA = JS / "node_modules" / "@comunica" / "query-sparql" / "package.json"

# Comunica parses each query itself: the prefixes that ``copro-kg query`` and ``serve``
# predeclare (and the library's queries use without declaring) are declared for it.
DECLARED = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
# One query of each form.
FORMS: dict[str, str] = {
    # Glossary, Community engagement: "(also referred to as public or citizen engagement)".
    "select-synonyms": DECLARED
    + "SELECT ?alt WHERE { copro:community-engagement skos:altLabel ?alt } ORDER BY ?alt",
    # Glossary: co-production is a kind of community engagement (a reasoned skos:broader).
    "ask-broader": DECLARED + "ASK { copro:co-production skos:broader copro:community-engagement }",
    "construct-labels": DECLARED
    + "CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:inScheme copro:glossary ; "
    "skos:prefLabel ?l }",
    "describe-co-production": DECLARED + "DESCRIBE copro:co-production",
}
LIBRARY = {entry.name: entry for entry in library() if not entry.parameters}
"""The library's queries that run without parameters (Comunica is not told any)."""


def comunica(endpoint: str, queries: dict[str, str]) -> dict[str, dict[str, str]]:
    """Every query's answer from Comunica over ``endpoint``, one Node process for all."""
    node = require_tool("node", "/usr/bin/node")
    done = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps({"endpoint": endpoint, "queries": queries}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=JS,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    answers: dict[str, dict[str, str]] = json.loads(done.stdout)
    return answers


@pytest.fixture(scope="module")
def answers() -> Iterator[dict[str, dict[str, str]]]:
    """Comunica's answers to :data:`FORMS` and :data:`LIBRARY`, from the endpoint that
    ``copro-kg serve`` runs (the reasoned glossary in the Oxigraph query store)."""
    require_tool("@comunica/query-sparql", str(COMUNICA))  # before starting the server
    queries = {**FORMS, **{name: DECLARED + entry.text for name, entry in LIBRARY.items()}}
    with running_server(pipeline.store_for_queries(), workers=2, timeout=30.0) as url:
        yield comunica(url, queries)


def rows(data: str) -> tuple[Any, Any]:
    """A SPARQL results document as (variables, rows as a multiset) or its ASK boolean."""
    result = Result.parse(io.StringIO(data), format="json")
    if result.type == "ASK":
        return "ASK", result.askAnswer
    variables = sorted(str(v) for v in result.vars or [])
    multiset = Counter(tuple(row.get(v) for v in variables) for row in result.bindings)
    return variables, multiset


def ours(run_cli: RunCli, query: str, graph: bool) -> str:
    """The answer of ``copro-kg query`` (a library name or a query text) in a W3C format."""
    spec = ("-e", query) if query not in LIBRARY else (query,)
    done = run_cli("query", *spec, "--format", "nt" if graph else "json")
    assert done.exit_code == 0, done.stderr
    return done.stdout


def compare(run_cli: RunCli, answers: dict[str, dict[str, str]], name: str, query: str) -> int:
    """Assert Comunica's and ``copro-kg query``'s answers agree; return the answer's size."""
    theirs = answers[name]
    assert "error" not in theirs, theirs.get("error")
    if theirs["type"] == "quads":
        expected = Graph().parse(data=ours(run_cli, query, graph=True), format="nt")
        got = Graph().parse(data=theirs["data"], format="nt")
        assert isomorphic(got, expected), (len(got), len(expected))
        return len(expected)
    expected_rows = rows(ours(run_cli, query, graph=False))
    got_rows = rows(theirs["data"])
    assert got_rows == expected_rows
    return 1 if expected_rows[0] == "ASK" else sum(expected_rows[1].values())


@pytest.mark.parametrize("name", list(FORMS))
def test_each_query_form(run_cli: RunCli, answers: dict[str, dict[str, str]], name: str) -> None:
    form = {"select": "bindings", "ask": "boolean", "construct": "quads", "describe": "quads"}
    assert answers[name].get("type") == form[name.split("-")[0]], answers[name]
    assert compare(run_cli, answers, name, FORMS[name]) > 0  # never two empty answers


def test_the_ask_answer_is_the_glossarys(answers: dict[str, dict[str, str]]) -> None:
    # Glossary: co-production is one of the kinds of community engagement.
    assert rows(answers["ask-broader"]["data"]) == ("ASK", True)


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_library_query(run_cli: RunCli, answers: dict[str, dict[str, str]], name: str) -> None:
    compare(run_cli, answers, name, name)
