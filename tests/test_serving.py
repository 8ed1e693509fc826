"""serving: the SPARQL 1.1 Protocol endpoint, tested with SPARQLWrapper and plain HTTP.

Protocol: https://www.w3.org/TR/sparql11-protocol/ (2.1 query operation: GET with
``query=``, POST with a form or ``application/sparql-query``; 2.1.4 responses).
Safety rules: issue 8 (updates/SERVICE refused, time limit -> 503, server survives).
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from copro_kg.reasoning import reason
from copro_kg.sparql.serve import negotiate, running_server

from .conftest import RunCli, established_connections

MINI = Path(__file__).parent / "data" / "sparql" / "mini.ttl"
_NUMBERS = " ".join(str(i) for i in range(60))
SLOW_QUERY = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?{v} {{ {_NUMBERS} }}" for v in "abcdef")
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


# ------------------------------------------------- protocol details (issue 19 item 7)


def test_two_queries_in_one_request_are_400(endpoint: str) -> None:
    # W3C SPARQL 1.1 Protocol test bad_multiple_queries: "invoke query operation with
    # more than one query string" -> 4xx.
    both = urllib.parse.urlencode([("query", "ASK {}"), ("query", ALT_LABELS)])
    assert http(endpoint + "?" + both)[0] == 400
    status, _, body = http(endpoint, data=both.encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert status == 400 and body.startswith("error: ")


def test_dataset_parameters_are_refused_in_a_form_as_in_the_url(endpoint: str) -> None:
    extra = {"default-graph-uri": "https://w3id.org/copro-kg/glossary"}
    url = endpoint + "?" + urllib.parse.urlencode({"query": ALT_LABELS, **extra})
    assert http(url)[0] == 400
    form = urllib.parse.urlencode({"query": ALT_LABELS, **extra}).encode()
    status, _, body = http(endpoint, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert status == 400 and "one graph" in body


def test_head_is_get_without_a_body(endpoint: str) -> None:
    # RFC 9110 §9.3.2: "identical to GET except that the server MUST NOT send content".
    url = endpoint + "?" + urllib.parse.urlencode({"query": ALT_LABELS})
    get_status, get_headers, get_body = http(url, headers={"Accept": "text/csv"})
    status, headers, body = http(url, method="HEAD", headers={"Accept": "text/csv"})
    assert (status, body) == (get_status, "")
    assert headers["content-type"] == get_headers["content-type"]
    assert int(headers["content-length"]) == len(get_body.encode())


def test_answers_vary_by_accept(endpoint: str) -> None:
    # RFC 9110 §12.5.5: a response chosen by Accept carries Vary: Accept.
    for accept in (None, "image/png"):
        vary = get(endpoint, ALT_LABELS, accept)[1]["vary"]
        assert "Accept" in [v.strip() for v in vary.split(",")]


# --------------------------------------------- the server process (issues 18 and 19)


def test_a_busy_port_is_one_error_line_exit_2(run_cli: RunCli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert "serving" not in result.stderr and "Errno" not in result.stderr


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found |= {int(c) for c in task.read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _answers(url: str) -> bool:
    try:
        return get(url, "ASK {}")[0] == 200
    except urllib.error.URLError:
        return False


def _port_free(port: int) -> bool:
    """Whether a restarted server could listen on ``port`` (as ``serve`` binds it)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_sigterm_stops_the_server_and_every_worker(tmp_path: Path) -> None:
    # Issue 19 item 6: systemd and `docker stop` send SIGTERM. A worker replaced after a
    # 503 (forked while the server listens) and a worker busy on a runaway query must
    # both be gone within 5 s, and the port free for a restart.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "copro_kg", "serve", "--port", str(port), "--no-reason",
         "--workers", "1", "--timeout", "2"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        while line and not line.startswith("serving"):
            line = server.stderr.readline()
        assert line.startswith("serving"), "the server did not start"
        url = f"http://127.0.0.1:{port}/sparql"
        deadline = time.monotonic() + 30
        while not _answers(url):
            assert time.monotonic() < deadline and server.poll() is None
            time.sleep(0.1)
        assert get(url, SLOW_QUERY)[0] == 503  # its worker is killed and replaced
        busy = threading.Thread(target=get, args=(url, SLOW_QUERY), daemon=True)
        busy.start()
        deadline = time.monotonic() + 60
        while not (_children(server.pid) and established_connections(port) >= 1):  # it is in
            assert time.monotonic() < deadline, "the runaway query never reached the server"
            time.sleep(0.02)
        workers = _children(server.pid)
        server.send_signal(signal.SIGTERM)
        # A generous deadline: what matters is that they end, not how fast (the server
        # gives requests in flight SHUTDOWN_GRACE seconds first).
        start = time.monotonic()
        server.wait(timeout=30)
        while any(_alive(w) for w in workers) or not _port_free(port):
            alive = [w for w in workers if _alive(w)]
            assert time.monotonic() - start < 30, f"outlived the server: {alive}, port {port}"
            time.sleep(0.05)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_an_undeclared_prefix_is_named_at_the_clients_line_and_column(endpoint: str) -> None:
    # Issue 29: the CLI's words (tests/test_query_cli.py), at the line the client sent
    # (not one below it: the server adds a BASE line before evaluating).
    from copro_kg.namespace import PREFIXES

    status, _, body = get(endpoint, "SELECT ?x WHERE {\n  ?x foaf:name ?n }")
    assert status == 400
    known = ", ".join(sorted(PREFIXES))
    assert body.startswith(f"error: unknown prefix foaf: -- declare it, or use one of {known}")
    assert "query:2:6" in body
