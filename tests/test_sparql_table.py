"""The terminal table and the label column (``copro_kg.sparql.table``, ``query --labels``).

Issue 18: "``query`` on a terminal cuts every cell at ~70 characters whatever the width;
piped output is CSV of bare IRIs -- offer labels without breaking the W3C formats".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from rdflib import Literal, URIRef

from copro_kg.sparql.results import to_table, with_labels
from copro_kg.sparql.run import QueryResult

from .conftest import RunCli

# The glossary's definition of co-production (section "Co-production"): far over 70 chars.
DEFINITION = (
    "In the context of public services, co-production is an asset-based approach that "
    "enables people providing and people receiving services to share power and "
    "responsibility, and to work together in equal, reciprocal and caring relationships."
)
CO_PRODUCTION = URIRef("https://w3id.org/copro-kg/co-production")


def test_the_definition_is_the_glossarys(in_glossary: Callable[[str], bool]) -> None:
    # The glossary's "public services*" points at a footnote; the ontology drops the mark.
    assert in_glossary(DEFINITION.replace("services,", "services*,"))


def test_a_wide_terminal_shows_a_long_cell_whole() -> None:
    result = QueryResult("SELECT", ("definition",), ((Literal(DEFINITION, lang="en"),),))
    table = to_table(result, width=300)
    assert DEFINITION in table
    assert "…" not in table


@pytest.mark.parametrize("columns", [40, 60, 100])
def test_a_narrow_terminal_wraps_cells_to_its_width_and_loses_no_word(columns: int) -> None:
    result = QueryResult(
        "SELECT", ("term", "definition"), ((CO_PRODUCTION, Literal(DEFINITION, lang="en")),)
    )
    table = to_table(result, width=columns)
    body = table.splitlines()[2:-1]
    assert all(len(line) <= columns for line in table.splitlines())
    assert len(body) > 1  # wrapped over several lines
    words = " ".join(line.split("copro:co-production")[-1].strip() for line in body).split()
    assert words == DEFINITION.split()


def test_the_cli_table_follows_the_terminal_width(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "90")  # what shutil.get_terminal_size reads first
    sparql = 'SELECT ?d WHERE { copro:co-production skos:definition ?d FILTER(LANG(?d) = "en") }'
    result = run_cli("query", "-e", sparql, "--format", "table", "--no-reason")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 90 for line in lines)
    assert " ".join(" ".join(lines[2:-1]).split()).startswith(DEFINITION)


def test_labels_add_a_label_column_per_iri_column() -> None:
    from rdflib import Graph
    from rdflib.namespace import SKOS

    graph = Graph()
    graph.add((CO_PRODUCTION, SKOS.prefLabel, Literal("Co-production", lang="en")))
    graph.add((CO_PRODUCTION, SKOS.prefLabel, Literal("Cydgynhyrchu", lang="cy")))
    result = QueryResult("SELECT", ("n", "t"), ((Literal(1), CO_PRODUCTION), (Literal(2), None)))
    labelled = with_labels(result, graph)
    assert labelled.variables == ("n", "t", "t_label")  # no label column for numbers
    assert labelled.rows == (
        (Literal(1), CO_PRODUCTION, Literal("Co-production", lang="en")),
        (Literal(2), None, None),
    )


def test_labels_keep_the_w3c_formats(run_cli: RunCli) -> None:
    """The glossary's spectrum figure: 'doing for' is information, consultation and
    participation. With --labels the CSV (RFC 4180, SPARQL 1.1 CSV) and JSON (SPARQL 1.1
    JSON, section 3) carry one more variable, the label literal with its language."""
    csv_out = run_cli("query", "levels-doing-for", "--labels", "--format", "csv")
    assert csv_out.exit_code == 0, csv_out.stderr
    rows = list(csv.reader(io.StringIO(csv_out.stdout, newline="")))
    assert rows[0] == ["level", "level_label"]
    assert [r[1].lower() for r in rows[1:]] == ["information", "consultation", "participation"]
    assert csv_out.stdout_bytes.count(b"\r\n") == 4  # CRLF line ends kept
    json_out = json.loads(run_cli("query", "levels-doing-for", "--labels", "-f", "json").stdout)
    assert json_out["head"]["vars"] == ["level", "level_label"]
    first = json_out["results"]["bindings"][0]["level_label"]
    assert first["type"] == "literal" and first["xml:lang"] == "en"
    assert first["value"].lower() == "information"


def test_without_labels_the_csv_is_unchanged(run_cli: RunCli) -> None:
    rows = list(csv.reader(io.StringIO(run_cli("query", "levels-doing-for").stdout)))
    assert rows[0] == ["level"]
