"""serving: the SPARQL 1.1 Protocol endpoint, tested with SPARQLWrapper and plain HTTP.

Protocol: https://www.w3.org/TR/sparql11-protocol/ (2.1 query operation: GET with
``query=``, POST with a form or ``application/sparql-query``; 2.1.4 responses).
Safety rules: issue 8 (updates/SERVICE refused, time limit -> 503, server survives).
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from copro_kg.reasoning.result import reason
from copro_kg.sparql.serve import negotiate, running_server

MINI = Path(__file__).parent / "data" / "sparql" / "mini.ttl"
_NUMBERS = " ".join(str(i) for i in range(60))
SLOW_QUERY = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?{v} {{ {_NUMBERS} }}" for v in "abcd")
    + " }"
)
ALT_LABELS = "SELECT ?alt WHERE { copro:community-engagement skos:altLabel ?alt } ORDER BY ?alt"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    graph = reason(Graph().parse(MINI)).closure
    with running_server(graph, workers=2, timeout=1.0) as url:
        yield url


def http(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None) -> tuple[int, dict[str, str], str]:  # fmt: skip
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


def get(endpoint: str, query: str, accept: str | None = None) -> tuple[int, dict[str, str], str]:
    url = endpoint + "?" + urllib.parse.urlencode({"query": query})
    return http(url, headers={"Accept": accept} if accept else {})


def client(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_sparqlwrapper_select_json(endpoint: str) -> None:
    # Glossary, Community engagement: "(also referred to as public or citizen engagement)".
    doc = client(endpoint, ALT_LABELS, JSON).queryAndConvert()
    values = [b["alt"]["value"] for b in doc["results"]["bindings"]]
    assert values == ["citizen engagement", "public engagement"]


def test_sparqlwrapper_select_xml(endpoint: str) -> None:
    dom = client(endpoint, ALT_LABELS, XML).queryAndConvert()
    literals = [node.firstChild.data for node in dom.getElementsByTagName("literal")]
    assert literals == ["citizen engagement", "public engagement"]


def test_sparqlwrapper_ask_uses_the_reasoned_graph(endpoint: str) -> None:
    # Only reasoning turns iso-thes:broaderGeneric into skos:broader (mini.ttl).
    query = "ASK { copro:co-production skos:broader copro:community-engagement }"
    assert client(endpoint, query, JSON).queryAndConvert()["boolean"] is True


def test_sparqlwrapper_construct(endpoint: str) -> None:
    query = "CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:altLabel ?l }"
    graph = client(endpoint, query, TURTLE).queryAndConvert()
    parsed = Graph().parse(data=graph, format="turtle") if isinstance(graph, bytes) else graph
    assert len(parsed) == 2


def test_post_forms_and_sparql_query_bodies_are_accepted(endpoint: str) -> None:
    status, headers, body = http(endpoint, data=ALT_LABELS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})  # fmt: skip
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body == "alt\r\ncitizen engagement\r\npublic engagement\r\n"
    form = urllib.parse.urlencode({"query": ALT_LABELS}).encode()
    status, headers, body = http(endpoint, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "text/tab-separated-values"})  # fmt: skip
    assert status == 200 and body.startswith("?alt\n")


def test_content_negotiation() -> None:
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", "SELECT") == "xml"
    assert negotiate(None, "SELECT") == "json"
    assert negotiate("application/n-triples", "DESCRIBE") == "nt"
    assert negotiate("text/csv", "ASK") == "json"  # CSV does not define ASK
    assert negotiate("image/png", "SELECT") is None


def test_unacceptable_media_type_is_406(endpoint: str) -> None:
    assert get(endpoint, ALT_LABELS, "image/png")[0] == 406


@pytest.mark.parametrize(
    ("data", "ctype"),
    [
        (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
        (b"update=INSERT+DATA+%7B%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E%7D",
         "application/x-www-form-urlencoded"),
        (b"LOAD <http://127.0.0.1:9/x.ttl>", "application/sparql-query"),
    ],
)  # fmt: skip
def test_updates_and_load_are_refused(endpoint: str, data: bytes, ctype: str) -> None:
    status, _, body = http(endpoint, data=data, headers={"Content-Type": ctype})
    assert status == 403
    assert body.startswith("error: ") and "read-only" in body
    # And nothing changed.
    assert get(endpoint, "ASK { <urn:a> ?p ?o }")[2].count("false") == 1


def test_service_and_from_are_refused(endpoint: str) -> None:
    status, _, body = get(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in body
    status, _, body = get(endpoint, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    assert status == 403 and "/etc/passwd" not in body


def test_syntax_error_is_400_with_position(endpoint: str) -> None:
    status, _, body = get(endpoint, "SELECT ?x WHERE {\n ?x ?y }")
    assert status == 400 and "query:2:2" in body


def test_timeout_is_503_and_the_server_keeps_answering(endpoint: str) -> None:
    status, headers, body = get(endpoint, SLOW_QUERY)
    assert status == 503 and "time limit" in body and "retry-after" in headers
    assert client(endpoint, ALT_LABELS, JSON).queryAndConvert()["results"]["bindings"]


def test_cors_lets_browser_tools_call_the_endpoint(endpoint: str) -> None:
    status, headers, _ = http(endpoint, method="OPTIONS", headers={
        "Origin": "https://yasgui.triply.cc", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})  # fmt: skip
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    _, headers, _ = http(endpoint + "?query=ASK%7B%7D", headers={"Origin": "https://x.example"})
    assert headers["access-control-allow-origin"] == "*"


def test_landing_page_lists_the_library_escaped(endpoint: str) -> None:
    status, headers, body = http(endpoint.removesuffix("/sparql") + "/")
    assert status == 200 and "default-src 'none'" in headers["content-security-policy"]
    assert "<h2>Query library</h2>" in body
    assert "<script" not in body.lower()


def test_errors_never_show_local_paths(endpoint: str, tmp_path: Path) -> None:
    _, _, body = get(endpoint, f"SELECT * FROM <file://{tmp_path}/x.ttl> WHERE {{ ?s ?p ?o }}")
    assert str(tmp_path) not in body
