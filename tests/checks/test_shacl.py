"""SHACL checks from many threads at once (issue 29): pySHACL hands the SPARQL constraints'
texts to rdflib's parser, which keeps state between calls (pyparsing), so they must parse
under the lock every other query text takes (``copro_kg.sparql.prepare.PARSER_LOCK``).

Each thread validates one concept against a shape of its own: one SHACL-SPARQL constraint,
``FILTER (STRLEN(?label) > N)`` with its own N. SHACL 1.0, 5.3.2: "For each solution of
the query, a validation result must be produced" -- so thread N finds the concept exactly
when its label is longer than N characters. Beside them, other threads prepare queries of
their own. As in ``tests/sparql/test_threads.py``, this runs in a fresh interpreter, where
the parser is cold and the race is open.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from rdflib import Graph

from copro_kg.checks.shacl import shacl_findings
from copro_kg.sparql.prepare import prepare

THREADS = 16
LABEL = "eight ch"
"""The concept's label: 8 characters, so half the shapes find it."""

DATA = f"""
<urn:x:c> a <http://www.w3.org/2004/02/skos/core#Concept> ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "{LABEL}"@en .
"""


def shape(n: int) -> Graph:
    """A shape whose one SPARQL constraint selects a concept with a label over ``n``
    characters (full IRIs: no ``sh:prefixes`` needed)."""
    return Graph().parse(
        format="turtle",
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s:LongerThan{n}> a sh:NodeShape ;
            sh:targetClass <http://www.w3.org/2004/02/skos/core#Concept> ;
            sh:sparql [ sh:select \"\"\"SELECT $this WHERE {{
                $this <http://www.w3.org/2004/02/skos/core#prefLabel> ?label .
                FILTER (STRLEN(?label) > {n}) }}\"\"\" ] .
        """,
    )


def from_threads() -> dict[str, object]:
    """Validate with every shape, and prepare as many queries, from ``2 * THREADS``
    threads released together; how many findings each shape gave, and every error."""
    data = Graph().parse(format="turtle", data=DATA)
    shapes = [shape(n) for n in range(THREADS)]
    found: dict[int, int] = {}
    errors: list[str] = []
    start = threading.Barrier(2 * THREADS)

    def validate(n: int) -> None:
        start.wait()
        try:
            found[n] = len(shacl_findings(data, shapes[n]))
        except Exception as err:
            errors.append(f"{type(err).__name__}: {err}")

    def ask(n: int) -> None:
        start.wait()
        try:
            prepare(f"SELECT ?c WHERE {{ ?c skos:prefLabel ?l }} LIMIT {n + 1}")
        except Exception as err:
            errors.append(f"{type(err).__name__}: {err}")

    threads = [threading.Thread(target=validate, args=(n,)) for n in range(THREADS)]
    threads += [threading.Thread(target=ask, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not any(t.is_alive() for t in threads), "a thread hangs"
    return {"found": found, "errors": errors}


_COLD = """
import json, sys
from tests.checks.test_shacl import from_threads
json.dump(from_threads(), sys.stdout)
"""


@pytest.mark.timeout(600)
def test_shacl_checks_and_queries_share_a_cold_parser_from_many_threads() -> None:
    from tests.conftest import REPO_ROOT

    done = subprocess.run(
        [sys.executable, "-c", _COLD], cwd=REPO_ROOT, capture_output=True, text=True, timeout=500
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["errors"] == []
    assert result["found"] == {str(n): int(len(LABEL) > n) for n in range(THREADS)}
