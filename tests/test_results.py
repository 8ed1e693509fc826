"""results: the W3C result formats, checked against what the specs say.

* JSON: https://www.w3.org/TR/sparql11-results-json/ (sections 3, 3.2.2 term encodings)
* CSV/TSV: https://www.w3.org/TR/sparql11-results-csv-tsv/ (sections 2 and 3)
* XML: https://www.w3.org/TR/rdf-sparql-XMLres/
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from copro_kg.errors import QueryError
from copro_kg.sparql.results import curie, format_result, to_csv, to_json, to_table, to_tsv, to_xml
from copro_kg.sparql.run import QueryResult

IRI = URIRef("https://w3id.org/copro-kg/consultation")
NOTE = Literal('It\'s not "participation", because:\n\tnot two-way')
ROWS = QueryResult(
    "SELECT",
    ("term", "label", "note", "n", "b"),
    (
        (IRI, Literal("consultation", lang="en"), NOTE, Literal(5), BNode("b0")),
        (IRI, None, None, None, None),
    ),
)
SR = "{http://www.w3.org/2005/sparql-results#}"


def test_json_follows_the_results_json_structure() -> None:
    doc = json.loads(to_json(ROWS))
    # Section 3.1: "head" with "vars"; section 3.2: "results" with "bindings".
    assert doc["head"] == {"vars": ["term", "label", "note", "n", "b"]}
    first, second = doc["results"]["bindings"]
    # Section 3.2.2: the encodings of IRIs, language-tagged and typed literals, bnodes.
    assert first["term"] == {"type": "uri", "value": str(IRI)}
    assert first["label"] == {"type": "literal", "value": "consultation", "xml:lang": "en"}
    assert first["n"] == {"type": "literal", "value": "5", "datatype": str(XSD.integer)}
    assert first["b"] == {"type": "bnode", "value": "b0"}
    # Section 3.2.1: unbound variables are absent from the binding object.
    assert second == {"term": {"type": "uri", "value": str(IRI)}}


def test_json_ask_has_head_and_boolean() -> None:
    # Section 3.3: {"head": {}, "boolean": true}
    assert json.loads(to_json(QueryResult("ASK", boolean=False))) == {
        "head": {},
        "boolean": False,
    }


def test_csv_is_rfc4180_with_crlf_and_plain_strings() -> None:
    text = to_csv(ROWS)
    # Section 2: header of variable names without "?", lines ended by CRLF.
    assert text.startswith("term,label,note,n,b\r\n")
    assert text.endswith("\r\n") and "\r\n" in text
    # Fields with a comma, quote or line break are quoted with quotes doubled (RFC 4180).
    assert '"It\'s not ""participation"", because:\n\tnot two-way"' in text
    # Literals lose language and datatype; blank nodes are _:label; unbound is empty.
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [str(IRI), "consultation", str(NOTE), "5", "_:b0"]
    assert rows[2] == [str(IRI), "", "", "", ""]


def test_tsv_writes_terms_in_sparql_syntax() -> None:
    lines = to_tsv(ROWS).split("\n")
    # Section 3: "?"-prefixed header, tab separated, terms in SPARQL/Turtle syntax.
    assert lines[0] == "?term\t?label\t?note\t?n\t?b"
    fields = lines[1].split("\t")
    assert fields[0] == f"<{IRI}>"
    assert fields[1] == '"consultation"@en'
    # Tab and newline inside a literal are escaped, so one row stays one line.
    assert fields[2] == '"It\'s not \\"participation\\", because:\\n\\tnot two-way"'
    assert fields[3] == f'"5"^^<{XSD.integer}>'
    assert fields[4] == "_:b0"
    assert lines[2] == f"<{IRI}>\t\t\t\t" and lines[3] == ""


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_do_not_cover_ask(fmt: str) -> None:
    with pytest.raises(QueryError, match="does not cover ASK"):
        format_result(QueryResult("ASK", boolean=True), fmt)


def test_xml_results_parse_and_carry_every_term_kind() -> None:
    root = ET.fromstring(to_xml(ROWS))
    assert root.tag == f"{SR}sparql"
    names = [v.get("name") for v in root.iter(f"{SR}variable")]
    assert names == ["term", "label", "note", "n", "b"]
    first = root.find(f"{SR}results/{SR}result")
    assert first is not None
    bindings = {b.get("name"): b[0] for b in first}
    assert bindings["label"].get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert bindings["note"].text == str(NOTE)
    assert bindings["n"].get("datatype") == str(XSD.integer)
    assert bindings["b"].tag == f"{SR}bnode"
    ask = ET.fromstring(to_xml(QueryResult("ASK", boolean=True)))
    assert ask.find(f"{SR}boolean") is not None and ask.find(f"{SR}boolean").text == "true"


def test_table_shows_curies_with_labels_beside_them() -> None:
    table = to_table(ROWS, labels={IRI: "consultation (the glossary's term)"})
    assert "copro:consultation (consultation (the glossary's term))" in table
    assert table.rstrip().endswith("(2 rows)")
    assert curie(URIRef("http://example.org/x")) == "<http://example.org/x>"


def test_graph_answers_are_deterministic_and_parse_back() -> None:
    graph = QueryResult(
        "CONSTRUCT",
        triples=tuple(
            (URIRef(f"https://w3id.org/copro-kg/t{i}"), URIRef("http://p"), Literal(i))
            for i in range(20)
        ),
    )
    for fmt, rdf in [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")]:
        first = format_result(graph, fmt)
        assert first == format_result(graph, fmt)
        assert len(Graph().parse(data=first, format=rdf)) == 20
    with pytest.raises(QueryError, match="returns a graph"):
        format_result(graph, "csv")
