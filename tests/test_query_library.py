"""The query library: every competency question answers what the glossary says.

Each ``queries/<name>.rq`` has its expected answer in ``queries/expected/<name>.csv``
(SPARQL CSV results, or ``true``/``false`` for an ASK, or N-Triples ``.nt`` for a
CONSTRUCT), written by hand from the glossary text -- the header of each query cites
the passage -- not from running the query. Queries whose header says they need
inference must give a strictly smaller answer over the asserted triples alone.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from rdflib import Graph

from copro_kg.resources import QUERIES_DIR
from copro_kg.sparql import run as querying
from copro_kg.sparql.library import LibraryQuery, bind_parameters, library
from copro_kg.sparql.results import to_csv

EXPECTED = QUERIES_DIR / "expected"
ENTRIES = library()


@pytest.fixture(scope="module")
def reasoned() -> Graph:
    return querying.graph_for_queries()


@pytest.fixture(scope="module")
def asserted() -> Graph:
    return querying.graph_for_queries(reasoned=False)


def test_the_library_has_at_least_twenty_questions() -> None:
    # Issue 5: "At least 20 .rq files, one competency question each".
    assert len(ENTRIES) >= 20
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e.name) for e in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_header_says_question_passage_and_inference(entry: LibraryQuery) -> None:
    assert entry.question.endswith("?"), "the summary is the question, in plain English"
    assert entry.passage, "which glossary passage answers it"
    assert entry.inference.split()[0] in {"yes", "no"}
    prepared = querying.prepare(entry.text, source=entry.path.name)
    if prepared.form == "SELECT":
        # Deterministic answers: every SELECT orders its rows.
        assert re.search(r"\bORDER\s+BY\b", entry.text, re.IGNORECASE)


def _answer(graph: Graph, entry: LibraryQuery) -> querying.QueryResult:
    bindings = bind_parameters(entry.example_parameters, entry, graph)
    return querying.run_query(graph, entry.text, bindings)


def _rows(result: querying.QueryResult) -> list[list[str]]:
    return list(csv.reader(io.StringIO(to_csv(result), newline="")))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_answer_matches_the_glossary(entry: LibraryQuery, reasoned: Graph) -> None:
    result = _answer(reasoned, entry)
    if result.form == "ASK":
        expected = (EXPECTED / f"{entry.name}.txt").read_text().strip()
        assert str(result.boolean).lower() == expected
    elif result.is_graph:
        expected_graph = Graph().parse(EXPECTED / f"{entry.name}.nt", format="nt")
        assert set(expected_graph) <= set(result.graph())
    else:
        text = (EXPECTED / f"{entry.name}.csv").read_text(encoding="utf-8")
        expected = [row for row in csv.reader(io.StringIO(text)) if row]
        assert _rows(result) == expected


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.needs_inference], ids=lambda e: e.name)
def test_inference_questions_answer_less_without_reasoning(
    entry: LibraryQuery, asserted: Graph, reasoned: Graph
) -> None:
    without, with_ = _answer(asserted, entry), _answer(reasoned, entry)
    if with_.form == "ASK":
        assert (without.boolean, with_.boolean) == (False, True)
    elif with_.is_graph:
        assert set(without.triples) < set(with_.triples)
    else:
        assert set(without.rows) < set(with_.rows)
