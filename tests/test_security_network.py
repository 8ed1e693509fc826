"""No outbound network unless the user asks: a loopback listener that must see nothing.

Issue 8, "Safe by default": SPARQL ``SERVICE``, ``LOAD``, ``FROM <http...>``, owl:imports
of remote IRIs and remote JSON-LD ``@context`` are refused with an error that says how to
allow it, "and tests prove no connection is attempted (a loopback listener that must
see nothing)". Every target below is a listener on 127.0.0.1 that records each
connection; the tests assert it recorded none.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

import copro_kg
from copro_kg.errors import CoproError, NetworkRefusedError, QueryError
from copro_kg.io.netguard import offline

from .conftest import RunCli, lines


@dataclass
class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    sock: socket.socket
    connections: list[tuple[str, int]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def seen(self) -> list[tuple[str, int]]:
        """Every connection so far, including any still waiting in the backlog."""
        self.sock.setblocking(False)
        while True:
            try:
                conn, peer = self.sock.accept()
            except (BlockingIOError, OSError):
                break
            self.connections.append(peer)
            conn.close()
        self.sock.settimeout(0.05)
        return self.connections

    def serve(self) -> None:
        self.sock.settimeout(0.05)  # wake up to notice the end of the test
        while not self.stop.is_set():
            try:
                conn, peer = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(peer)
            conn.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    trap = Listener(sock)
    thread = threading.Thread(target=trap.serve, daemon=True)
    thread.start()
    yield trap
    trap.stop.set()
    thread.join(timeout=5)
    sock.close()


def test_the_listener_does_see_a_connection(listener: Listener) -> None:
    """The trap works: without the guard, a request reaches it (so "saw nothing" means
    something in the other tests)."""
    with pytest.raises(OSError):
        urllib.request.urlopen(listener.url + "/probe", timeout=5)
    assert len(listener.seen()) == 1


def test_audit_hook_refuses_what_slips_past_the_first_wall(listener: Listener) -> None:
    """rdflib evaluates SERVICE as an HTTP request; under ``offline()`` the audit hook
    stops it before the socket connects (second wall, independent of query checks)."""
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
    with offline(), pytest.raises(Exception) as info:
        Graph().query(query).bindings  # noqa: B018 (evaluation happens on access)
    assert isinstance(info.value, NetworkRefusedError) or "refused" in str(info.value)
    assert listener.seen() == []


# --- JSON-LD contexts -----------------------------------------------------------------


def jsonld_file(tmp_path: Path, context: object, name: str = "data.jsonld") -> Path:
    path = tmp_path / name
    doc = {"@context": context, "@id": "http://example.org/a", "label": "A"}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_remote_context_is_refused_by_the_library(tmp_path: Path, listener: Listener) -> None:
    path = jsonld_file(tmp_path, f"{listener.url}/context.jsonld")
    with pytest.raises(NetworkRefusedError) as info:
        copro_kg.load([path], ontology=False)
    assert info.value.hint is not None and "--allow-network" in info.value.hint
    assert listener.seen() == []


def test_remote_context_is_refused_by_the_cli(
    run_cli: RunCli, tmp_path: Path, listener: Listener
) -> None:
    path = jsonld_file(tmp_path, f"{listener.url}/context.jsonld")
    out = tmp_path / "out.ttl"
    result = run_cli("reason", "--data", str(path), "-o", str(out))
    assert result.exit_code == 2
    assert len(lines(result.stderr)) == 1
    assert "--allow-network" in result.stderr
    assert listener.seen() == []
    assert not out.exists()


def test_remote_import_is_refused(tmp_path: Path, listener: Listener) -> None:
    """JSON-LD 1.1 ``@import`` inside an inline context is a fetch too."""
    path = jsonld_file(tmp_path, {"@import": f"{listener.url}/ctx", "label": "http://e/l"})
    with pytest.raises(NetworkRefusedError):
        copro_kg.load([path], ontology=False)
    assert listener.seen() == []


def test_remote_context_nested_in_a_local_one_is_refused(
    tmp_path: Path, listener: Listener
) -> None:
    """A local context file (allowed: it sits next to the data) naming a remote one."""
    (tmp_path / "local.jsonld").write_text(
        json.dumps({"@context": [f"{listener.url}/deeper", {"label": "http://e/l"}]})
    )
    path = jsonld_file(tmp_path, "local.jsonld")
    with pytest.raises(NetworkRefusedError):
        copro_kg.load([path], ontology=False)
    assert listener.seen() == []


def test_scoped_context_in_a_term_definition_is_checked(tmp_path: Path, listener: Listener) -> None:
    path = jsonld_file(
        tmp_path, {"thing": {"@id": "http://e/thing", "@context": f"{listener.url}/scoped"}}
    )
    with pytest.raises(NetworkRefusedError):
        copro_kg.load([path], ontology=False)
    assert listener.seen() == []


def test_local_context_next_to_the_data_is_read(tmp_path: Path) -> None:
    """The policy's allowed case: a context file in the data file's own folder."""
    (tmp_path / "ctx.jsonld").write_text(json.dumps({"@context": {"label": "http://e/l"}}))
    path = jsonld_file(tmp_path, "ctx.jsonld")
    graph = copro_kg.load([path], ontology=False)
    assert (URIRef("http://example.org/a"), URIRef("http://e/l"), None) in graph


def test_context_including_itself_is_an_error_not_a_loop(tmp_path: Path) -> None:
    (tmp_path / "loop.jsonld").write_text(json.dumps({"@context": "loop.jsonld"}))
    path = jsonld_file(tmp_path, "loop.jsonld")
    with pytest.raises(CoproError, match="includes itself"):
        copro_kg.load([path], ontology=False)


class _ContextHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 (one test at a time)

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = json.dumps({"@context": {"label": "http://e/remote-label", "@base": "http://x/"}})
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


def test_allow_network_fetches_the_context(run_cli: RunCli, tmp_path: Path) -> None:
    """With ``--allow-network`` the context is fetched (once) and used; its ``@base`` is
    ignored, as JSON-LD 1.1 ignores ``@base`` in a remote context."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ContextHandler)
    _ContextHandler.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/ctx.jsonld"
        path = tmp_path / "data.jsonld"
        path.write_text(json.dumps({"@context": url, "@id": "rel", "label": "A"}))
        out = tmp_path / "out.nt"
        result = run_cli(
            "reason", "--data", str(path), "--allow-network", "--inferred-only", "-o", str(out)
        )
        assert result.exit_code == 0, result.stderr
        graph = copro_kg.load([path], ontology=False, allow_network=True)
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert _ContextHandler.requests == ["/ctx.jsonld", "/ctx.jsonld"]  # CLI run + library run
    subject = URIRef(path.resolve().parent.as_uri() + "/rel")
    assert (subject, URIRef("http://e/remote-label"), None) in graph


# --- owl:imports ----------------------------------------------------------------------


def test_owl_imports_of_a_remote_iri_is_not_followed(
    run_cli: RunCli, tmp_path: Path, listener: Listener
) -> None:
    """owl:imports stays a plain triple: loading and reasoning never dereference it."""
    data = tmp_path / "imports.ttl"
    data.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<http://example.org/mine> a owl:Ontology ; owl:imports <{listener.url}/onto.ttl> .\n"
    )
    out = tmp_path / "out.ttl"
    result = run_cli("reason", "--data", str(data), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert listener.seen() == []
    graph = Graph().parse(out)
    assert (None, URIRef("http://www.w3.org/2002/07/owl#imports"), None) in graph


# --- SPARQL: SERVICE, LOAD, FROM ------------------------------------------------------


@pytest.fixture
def refused_queries(listener: Listener) -> dict[str, str]:
    base = listener.url
    return {
        "service": f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}",
        "silent-service": f"SELECT * WHERE {{ SERVICE SILENT <{base}/sparql> {{ ?s ?p ?o }} }}",
        "load": f"LOAD <{base}/data.ttl>",
        "from": f"SELECT * FROM <{base}/g.ttl> WHERE {{ ?s ?p ?o }}",
        "from-named": f"SELECT * FROM NAMED <{base}/g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "from-file": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    }


KINDS = ["service", "silent-service", "load", "from", "from-named", "from-file"]


@pytest.mark.parametrize("kind", KINDS)
def test_query_reaching_out_is_refused_by_the_library(
    glossary: Graph, listener: Listener, refused_queries: dict[str, str], kind: str
) -> None:
    from copro_kg.sparql import run as querying

    with pytest.raises(QueryError) as info:
        querying.run_query(glossary, refused_queries[kind], timeout=None)
    assert "refused" in str(info.value)
    assert info.value.hint  # says what to do instead
    assert listener.seen() == []


@pytest.mark.parametrize("kind", KINDS)
def test_query_reaching_out_is_refused_by_the_cli(
    run_cli: RunCli, listener: Listener, refused_queries: dict[str, str], kind: str
) -> None:
    result = run_cli("query", "--no-reason", "-e", refused_queries[kind])
    assert result.exit_code == 2
    assert len(lines(result.stderr)) == 1, result.stderr
    assert "refused" in result.stderr and "hint:" in result.stderr
    assert listener.seen() == []


def test_service_refusal_says_how_to_allow_it(
    run_cli: RunCli, refused_queries: dict[str, str]
) -> None:
    result = run_cli("query", "--no-reason", "-e", refused_queries["service"])
    assert "--allow-network" in result.stderr
