"""The endpoint's answers, written by Oxigraph in the worker: same answers, W3C syntax.

``serve`` answers from the query store with bytes its workers write with Oxigraph's own
W3C writers (issue 16, goal 3). For every library query and every format the endpoint
offers (content negotiation, ``serve.negotiate``), the answer sent over HTTP must be

* what the glossary says: the expected answer written by hand beside each query
  (``queries/expected/``, see ``tests/test_query_library.py``);
* valid syntax of its W3C format: it is read back with rdflib's parsers of the SPARQL
  1.1 Query Results JSON, XML, CSV and TSV formats and of Turtle, N-Triples, RDF/XML and
  JSON-LD -- another implementation than the one that wrote it;
* the same answer copro-kg's own writers give (``sparql.results``, what ``serve`` sent
  before): the same rows in the same order, the same boolean, isomorphic graphs. Bytes
  may differ (JSON indentation, ``1`` for ``"1"^^xsd:integer`` in TSV -- allowed by the
  CSV/TSV note section 3.2 -- and the order of triples).

The answers are read through HTTP, so negotiation, ``Content-Type`` and the worker's
bytes are tested together.
"""

from __future__ import annotations

import csv
import io
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.query import Result
from rdflib.term import Node

from copro_kg import pipeline
from copro_kg.resources import QUERIES_DIR
from copro_kg.sparql.library import LibraryQuery, bind_parameters, library
from copro_kg.sparql.oxigraph import with_parameters
from copro_kg.sparql.prepare import prepare
from copro_kg.sparql.results import format_result
from copro_kg.sparql.serve import running_server
from copro_kg.sparql.store import GlossaryStore

EXPECTED = QUERIES_DIR / "expected"
ENTRIES = library()

# Each format the endpoint offers, the media type a client asks for it by (W3C: SPARQL
# 1.1 Query Results JSON §4, XML, CSV/TSV §5; RDF 1.1 Turtle, N-Triples, RDF/XML, JSON-LD
# 1.1 media type registrations) and the name of rdflib's parser for it.
TABLE_FORMATS = {
    "json": ("application/sparql-results+json", "json"),
    "xml": ("application/sparql-results+xml", "xml"),
    "csv": ("text/csv", "csv"),
    "tsv": ("text/tab-separated-values", "tsv"),
}
GRAPH_FORMATS = {
    "ttl": ("text/turtle", "turtle"),
    "nt": ("application/n-triples", "nt"),
    "xml": ("application/rdf+xml", "xml"),
    "jsonld": ("application/ld+json", "json-ld"),
}


@pytest.fixture(scope="module")
def store() -> GlossaryStore:
    return pipeline.store_for_queries()


@pytest.fixture(scope="module")
def endpoint(store: GlossaryStore) -> Iterator[str]:
    with running_server(store, workers=2, timeout=30) as url:
        yield url


def _text(entry: LibraryQuery, store: GlossaryStore) -> str:
    """The query with its example parameters written in (the protocol has no ``--param``)."""
    bindings = bind_parameters(entry.example_parameters, entry, store.graph)
    bound = with_parameters(entry.text, prepare(entry.text).form, bindings)
    assert bound is not None
    return bound


def _get(endpoint: str, query: str, media: str) -> tuple[str, bytes]:
    url = endpoint + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": media})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.headers["Content-Type"], response.read()


def _table(data: bytes, parser: str) -> Result:
    return Result.parse(io.BytesIO(data), format=parser)


def _rows(result: Result) -> list[tuple[Node | None, ...]]:
    return [tuple(row) for row in result]


def _strings(rows: list[tuple[Node | None, ...]]) -> list[list[str]]:
    """Rows as the CSV format writes them (section 2: every term as a plain string)."""
    return [["" if term is None else str(term) for term in row] for row in rows]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_every_library_answer_in_every_format(
    entry: LibraryQuery, store: GlossaryStore, endpoint: str
) -> None:
    text = _text(entry, store)
    form = prepare(text).form
    today = store.query(text, form=form)  # what copro-kg's own writers were handed
    if form == "CONSTRUCT" or form == "DESCRIBE":
        expected_graph = Graph().parse(EXPECTED / f"{entry.name}.nt", format="nt")
        for fmt, (media, parser) in GRAPH_FORMATS.items():
            ctype, body = _get(endpoint, text, media)
            assert ctype.split(";")[0] == media, fmt
            sent = Graph().parse(data=body, format=parser)
            assert set(expected_graph) <= set(sent), fmt
            reference = Graph().parse(data=format_result(today, fmt), format=parser)
            assert isomorphic(sent, reference), fmt
        return
    if form == "ASK":
        expected = (EXPECTED / f"{entry.name}.txt").read_text().strip() == "true"
        # CSV and TSV do not define ASK: the endpoint answers those in JSON.
        for fmt in ("json", "xml"):
            media, parser = TABLE_FORMATS[fmt]
            ctype, body = _get(endpoint, text, media)
            assert ctype.split(";")[0] == media, fmt
            assert _table(body, parser).askAnswer is expected, fmt
        return
    csv_text = (EXPECTED / f"{entry.name}.csv").read_text(encoding="utf-8")
    header, *expected_rows = [row for row in csv.reader(io.StringIO(csv_text)) if row]
    lossless: dict[str, list[tuple[Node | None, ...]]] = {}
    for fmt, (media, parser) in TABLE_FORMATS.items():
        ctype, body = _get(endpoint, text, media)
        assert ctype.split(";")[0] == media, fmt
        sent = _table(body, parser)
        assert [str(v) for v in sent.vars or ()] == header, fmt
        assert _strings(_rows(sent)) == expected_rows, fmt  # the glossary's answer
        reference = _table(format_result(today, fmt).encode(), parser)
        assert _rows(sent) == _rows(reference), fmt  # today's answer, term for term
        if fmt != "csv":  # CSV is lossy (no datatypes or languages)
            lossless[fmt] = _rows(sent)
    assert lossless["json"] == lossless["xml"] == lossless["tsv"]


def test_a_construct_answer_names_each_triple_once(endpoint: str) -> None:
    """SPARQL 1.1 §16.2: a CONSTRUCT's answer is the set union of the triples its solutions
    make. Each restriction the examples are typed with makes its ``?r a ?t`` triple once
    per property of the restriction (Oxigraph streams it again for each)."""
    query = "CONSTRUCT { ?r a ?t . ?t ?p ?o } WHERE { ?r a ?t . ?t ?p ?o FILTER(isBlank(?t)) }"
    _, body = _get(endpoint, query, GRAPH_FORMATS["nt"][0])
    lines = [line for line in body.decode().splitlines() if line.strip()]
    assert len(lines) == len(set(lines)) == len(Graph().parse(data=body, format="nt")) > 1
