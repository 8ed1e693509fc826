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
from collections.abc import Callable

import pytest
from rdflib import Graph

from copro_kg import UnknownTermError, pipeline
from copro_kg.resources import QUERIES_DIR
from copro_kg.sparql import run as querying
from copro_kg.sparql.library import LibraryQuery, bind_parameters, find_query, library
from copro_kg.sparql.results import to_csv

from .conftest import RunCli

EXPECTED = QUERIES_DIR / "expected"
ENTRIES = library()


@pytest.fixture(scope="module")
def reasoned() -> Graph:
    return pipeline.graph_for_queries()


@pytest.fixture(scope="module")
def asserted() -> Graph:
    return pipeline.graph_for_queries(reasoned=False)


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
        expected_rows = [row for row in csv.reader(io.StringIO(text)) if row]
        assert _rows(result) == expected_rows


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


# ------------------------------------------------------------ parameters that name terms
HEADINGS = ["Participation", "Consultation", "Information", "Coercion", "Involvement"]


def _criteria(graph: Graph, term: str) -> list[list[str]]:
    entry = find_query("criteria-for")
    return _rows(
        querying.run_query(graph, entry.text, bind_parameters({"term": term}, entry, graph))
    )


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_term_parameter_takes_the_label_as_displayed(
    heading: str, reasoned: Graph, run_cli: RunCli
) -> None:
    """Glossary: each level says "How we know it's <level>: ..." (e.g. "How we know it's
    participation: the organisation engages in a conversation ..."): the criteria for
    "Participation" are those of participation, however it is capitalised."""
    by_label, by_slug = _criteria(reasoned, heading), _criteria(reasoned, heading.lower())
    assert by_label == by_slug
    assert len(by_label) > 1  # a header and at least one criterion
    cli = run_cli("query", "criteria-for", "--param", f"term={heading}", "--format", "csv")
    assert cli.exit_code == 0, cli.stderr
    assert list(csv.reader(io.StringIO(cli.stdout, newline=""))) == by_label


def test_a_graph_for_parameters_is_built_only_for_a_name(reasoned: Graph) -> None:
    """Building the whole store as an rdflib Graph costs minutes on a 7-million-triple
    closure (issue 16, goal 2); a CURIE (every example of the library) needs none. The
    label "Participation" is the glossary's heading of copro:participation."""
    entry = find_query("criteria-for")
    built: list[int] = []

    def graph() -> Graph:
        built.append(1)
        return reasoned

    by_curie = bind_parameters({"term": "copro:participation"}, entry, graph)
    assert built == []
    assert bind_parameters({"term": "Participation"}, entry, graph) == by_curie
    assert built == [1]


def test_the_criteria_quote_the_glossary(
    reasoned: Graph, in_glossary: Callable[[str], bool]
) -> None:
    rows = _criteria(reasoned, "Participation")[1:]
    assert rows and all(in_glossary(text) for _, text in rows)
    assert any(text.startswith("How we know it’s participation") for _, text in rows)


def test_welsh_labels_of_a_capitalised_label(reasoned: Graph) -> None:
    # ontology/glossary.ttl, skos:editorialNote of involvement: "Verified: Ymgyfraniad
    # (noun, Co-production Network for Wales ...)", the preferred Welsh label.
    entry = find_query("welsh-labels-of")
    for term in ("Involvement", "involvement", "Ymgyfraniad"):
        result = querying.run_query(
            reasoned, entry.text, bind_parameters({"term": term}, entry, reasoned)
        )
        assert ["preferred", "Ymgyfraniad"] in _rows(result)


def test_a_misspelt_term_parameter_is_an_error_with_did_you_mean(
    reasoned: Graph, run_cli: RunCli
) -> None:
    with pytest.raises(UnknownTermError) as caught:
        bind_parameters({"term": "coproduction"}, find_query("criteria-for"), reasoned)
    assert "Co-production" in caught.value.suggestions
    cli = run_cli("query", "criteria-for", "--param", "term=coproduction")
    assert cli.exit_code == 2
    assert "no term called 'coproduction'" in cli.stderr and "Co-production" in cli.stderr


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_a_header_cites_only_files_of_the_repository(entry: LibraryQuery) -> None:
    # A passage may point to where our own additions are sourced (welsh-labels-of: "each
    # term's sources in its skos:editorialNote in ontology/glossary.ttl"); such a file
    # must ship with the repository, not sit in a maintainer's folder.
    root = QUERIES_DIR.parent
    header = "\n".join(line for line in entry.text.splitlines() if line.startswith("#"))
    for cited in re.findall(r"(?<![\w/:.])(/?[\w.-]+(?:/[\w.-]+)+\.\w+)", header):
        assert not cited.startswith("/"), f"{entry.name} cites a path outside the repository"
        assert (root / cited).is_file(), f"{entry.name} cites {cited}, not in the repository"


@pytest.mark.parametrize("entry", library(), ids=lambda e: e.name)
def test_every_library_query_declares_its_prefixes(entry: LibraryQuery) -> None:
    """CONTRIBUTING: "declare every PREFIX" -- a library query copied into another engine
    (Fuseki, GraphDB, Comunica, YASGUI) must parse there, where nothing is predeclared.
    Oxigraph is given no prefixes here; SPARQL 1.1 §4.1.1.1 makes an undeclared one an error."""
    import pyoxigraph

    pyoxigraph.Store().query(entry.text)  # raises SyntaxError on an undeclared prefix
