"""``serve`` against the W3C SPARQL 1.1 Protocol test suite (issue 19).

The manifest is vendored unchanged in ``tests/data/w3c-sparql-protocol/`` (source and
licence in its README). Every entry is either run here, request by request as the
manifest writes it, with the manifest's expected status class, result format and ASK
answer, or listed in :data:`NOT_APPLICABLE` with the reason the manifest gives for it
not fitting a read-only, one-graph endpoint; :func:`test_every_manifest_entry_is_accounted_for`
keeps the two lists complete.

Two rules of the Protocol recommendation (https://www.w3.org/TR/sparql11-protocol/)
decide what a request the manifest expects to succeed gets here instead:

* §2.1.4: "a service may reject a query with response code 400 if the service does not
  allow protocol clients to specify the RDF Dataset". ``serve`` holds one graph and does
  so. Several query tests name ``default-graph-uri=.../data0.rdf`` only in passing (their
  query, ``ASK {}`` or ``SELECT (1 AS ?value) {}``, has the same answer in any dataset):
  the request as written must get 400, and the same request without the dataset
  parameters must meet the manifest's expectation.
* §2.2.5 (update failure): a service may answer an update with "other 4XX or 5XX HTTP
  response codes ... as per HTTP". ``serve`` is read-only and refuses every update with
  403, RFC 9110 §15.5.4: "the server understood the request but refuses to fulfill it".
"""

from __future__ import annotations

import dataclasses
import http.client
import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from copro_kg import pipeline
from copro_kg.sparql.serve import running_server

HERE = Path(__file__).parent / "data"
MANIFEST = HERE / "w3c-sparql-protocol" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
STATUS_CLASSES = {HTS.StatusCode2xx: 2, HTS.StatusCode3xx: 3, HTS.StatusCode4xx: 4}

DATASET_PARAMETERS = {"default-graph-uri", "named-graph-uri"}
"""The query operation's RDF Dataset parameters (Protocol §2.1, §2.1.4)."""

# The media types of the formats each manifest test name allows ("expect one of: ..."),
# as registered by the W3C recommendations that define them.
TABULAR = {
    "application/sparql-results+xml",  # SPARQL 1.1 Query Results XML Format
    "application/sparql-results+json",  # SPARQL 1.1 Query Results JSON Format
    "text/csv",  # SPARQL 1.1 Query Results CSV and TSV Formats
    "text/tab-separated-values",
}
BOOLEAN = {"application/sparql-results+xml", "application/sparql-results+json"}
RDF_SYNTAXES = {
    "application/rdf+xml": "xml",  # RDF 1.1 XML Syntax
    "text/turtle": "turtle",  # RDF 1.1 Turtle
    "application/n-triples": "nt",  # RDF 1.1 N-Triples
}
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"

NEEDS_NAMED_GRAPHS = (
    "runs on graphs data1..3.nt loaded under the names the manifest gives (ut:graphData) "
    "and selected with default-graph-uri/named-graph-uri; serve holds one graph and "
    "refuses those parameters with 400, as Protocol §2.1.4 allows"
)
NEEDS_UPDATES = (
    "expects a SPARQL Update to succeed (2xx) and, where it goes on, a later ASK to see "
    "its effect; serve is read-only and refuses updates (403)"
)
NOT_APPLICABLE: dict[str, str] = {
    "query_dataset_default_graphs_get": NEEDS_NAMED_GRAPHS,
    "query_dataset_default_graphs_post": NEEDS_NAMED_GRAPHS,
    "query_dataset_named_graphs_post": NEEDS_NAMED_GRAPHS,
    "query_dataset_named_graphs_get": NEEDS_NAMED_GRAPHS,
    "query_dataset_full": NEEDS_NAMED_GRAPHS,
    "query_multiple_dataset": NEEDS_NAMED_GRAPHS,
    "update_dataset_default_graph": NEEDS_UPDATES,
    "update_dataset_default_graphs": NEEDS_UPDATES,
    "update_dataset_named_graphs": NEEDS_UPDATES,
    "update_dataset_full": NEEDS_UPDATES,
    "update_post_form": NEEDS_UPDATES,
    "update_post_direct": NEEDS_UPDATES,
    "update_base_uri": NEEDS_UPDATES,
}
"""Manifest entries not run as written, each with the reason it does not apply."""


@dataclass(frozen=True)
class Request:
    """One ``ht:Request`` of the manifest and the ``ht:Response`` it expects."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[int]
    """Expected status classes: 2 for 2xx and so on."""
    result_format: str | None
    """``boolean``, ``tabular`` or ``RDF`` (mf:expectedFormat)."""
    boolean: bool | None

    @property
    def content_type(self) -> str:
        return next((value for name, value in self.headers if name == "content-type"), "")

    @property
    def is_update(self) -> bool:
        """Whether this is an update operation (Protocol §2.2: ``update=`` or a direct body)."""
        media = self.content_type.split(";")[0].strip()
        form = urllib.parse.parse_qs((self.body or b"").decode()) if self.body else {}
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        return media == "application/sparql-update" or "update" in form or "update" in query

    def parameters(self) -> set[str]:
        """Names of the protocol parameters in the URL and, for a form, in the body."""
        names = set(urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query))
        if self.content_type.startswith("application/x-www-form-urlencoded") and self.body:
            names |= set(urllib.parse.parse_qs(self.body.decode()))
        return names

    def without_dataset(self) -> Request:
        """The same request with the URL's dataset parameters dropped."""
        parts = urllib.parse.urlsplit(self.path)
        kept = [
            (name, value)
            for name, value in urllib.parse.parse_qsl(parts.query)
            if name not in DATASET_PARAMETERS
        ]
        path = parts._replace(query=urllib.parse.urlencode(kept, quote_via=urllib.parse.quote))
        return dataclasses.replace(self, path=path.geturl())


@dataclass(frozen=True)
class ProtocolTest:
    """One ``mf:ProtocolTest``: its name, requests and the graphs it loads."""

    name: str
    requests: tuple[Request, ...]
    graph_data: tuple[str, ...]


def _read_request(manifest: Graph, node: Node) -> Request:
    headers: list[tuple[str, str]] = []
    header_list = manifest.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(manifest, header_list):
            name = str(manifest.value(header, HT.fieldName)).lower()
            headers.append((name, str(manifest.value(header, HT.fieldValue))))
    body: bytes | None = None
    content = manifest.value(node, HT.body)
    if content is not None:
        encoding = str(manifest.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(manifest.value(content, CNT.chars)).encode(encoding)
    response = manifest.value(node, HT.resp)
    statuses = frozenset(STATUS_CLASSES[s] for s in manifest.objects(response, MF.expectedStatus))
    result_format = manifest.value(response, MF.expectedFormat)
    boolean = manifest.value(response, MF.expectedBoolean)
    return Request(
        method=str(manifest.value(node, HT.methodName)),
        path=str(manifest.value(node, HT.absolutePath)),
        headers=tuple(headers),
        body=body,
        statuses=statuses,
        result_format=None if result_format is None else str(result_format),
        boolean=None if boolean is None else bool(boolean.toPython()),
    )


def read_manifest() -> dict[str, ProtocolTest]:
    """Every entry of the manifest, in the manifest's order, by its local name."""
    manifest = Graph().parse(MANIFEST, format="turtle")
    root = next(manifest.subjects(RDF.type, MF.Manifest))
    tests: dict[str, ProtocolTest] = {}
    for entry in Collection(manifest, manifest.value(root, MF.entries)):
        assert isinstance(entry, URIRef)
        action = manifest.value(entry, MF.action)
        requests = Collection(manifest, manifest.value(action, HT.requests))
        graphs = sorted(
            str(manifest.value(data, UT.graph)) for data in manifest.objects(entry, UT.graphData)
        )
        name = entry.split("#")[-1]
        tests[name] = ProtocolTest(
            name=name,
            requests=tuple(_read_request(manifest, r) for r in requests),
            graph_data=tuple(graphs),
        )
    return tests


TESTS = read_manifest()
APPLICABLE = [name for name in TESTS if name not in NOT_APPLICABLE]


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, int]]:
    """The endpoint ``copro-kg serve`` runs: the reasoned glossary in the Oxigraph store."""
    with running_server(pipeline.store_for_queries(), workers=2, timeout=5.0) as url:
        parts = urllib.parse.urlsplit(url)
        assert parts.hostname and parts.port
        yield parts.hostname, parts.port


@dataclass(frozen=True)
class Answer:
    status: int
    media: str
    body: bytes


def send(endpoint: tuple[str, int], request: Request) -> Answer:
    """Send ``request`` byte for byte as the manifest gives it, to this server's endpoint.

    The manifest asks a runner to replace its ``/sparql/`` path prefix with the endpoint's
    path (``/sparql`` here). ``http.client`` adds only ``Host``, ``Accept-Encoding`` and
    ``Content-Length``: no ``Content-Type`` the request does not have (urllib would add
    one to every POST, which the missing-type tests must not get).
    """
    assert request.path.startswith("/sparql/"), request.path
    path = "/sparql" + request.path.removeprefix("/sparql/")
    connection = http.client.HTTPConnection(*endpoint, timeout=30)
    try:
        connection.request(request.method, path, body=request.body, headers=dict(request.headers))
        response = connection.getresponse()
        media = (response.getheader("content-type") or "").split(";")[0].strip().lower()
        return Answer(response.status, media, response.read())
    finally:
        connection.close()


def read_boolean(answer: Answer) -> bool:
    """The ASK answer of a SPARQL results document (JSON or XML results format)."""
    assert answer.media in BOOLEAN, answer.media
    if answer.media == "application/sparql-results+json":
        value = json.loads(answer.body)["boolean"]
    else:
        node = ElementTree.fromstring(answer.body).find(f"{SPARQL_RESULTS}boolean")
        assert node is not None and node.text is not None
        value = {"true": True, "false": False}[node.text.strip()]
    assert isinstance(value, bool)
    return value


def check_table(answer: Answer) -> None:
    """A SELECT results document in one of the four W3C results formats."""
    assert answer.media in TABULAR, answer.media
    if answer.media == "application/sparql-results+json":
        document = json.loads(answer.body)
        assert isinstance(document["head"]["vars"], list)
        assert isinstance(document["results"]["bindings"], list)
    elif answer.media == "application/sparql-results+xml":
        root = ElementTree.fromstring(answer.body)
        assert root.tag == f"{SPARQL_RESULTS}sparql"
        assert root.find(f"{SPARQL_RESULTS}results") is not None
    else:
        assert answer.body.decode("utf-8").splitlines()[0]  # the header row of variables


def check_graph(answer: Answer) -> Graph:
    """An RDF graph in one of the syntaxes the manifest names (RDFa is never sent here)."""
    assert answer.media in RDF_SYNTAXES, answer.media
    return Graph().parse(data=answer.body, format=RDF_SYNTAXES[answer.media])


def check_answer(request: Request, answer: Answer) -> None:
    """The manifest's expectations for one response: status class, format, ASK answer."""
    assert answer.status // 100 in request.statuses, (answer.status, answer.body[:300])
    if request.result_format == "boolean":
        value = read_boolean(answer)
        if request.boolean is not None:
            assert value is request.boolean
    elif request.result_format == "tabular":
        check_table(answer)
    elif request.result_format == "RDF":
        check_graph(answer)


@pytest.mark.parametrize("name", APPLICABLE)
def test_w3c_protocol(endpoint: tuple[str, int], name: str) -> None:
    for request in TESTS[name].requests:
        if request.parameters() & DATASET_PARAMETERS:
            # §2.1.4: a service that does not let clients choose the dataset may answer
            # 400; a request the manifest expects to fail must fail anyway.
            answer = send(endpoint, request)
            if 4 in request.statuses:
                check_answer(request, answer)
            else:
                assert answer.status == 400, (answer.status, answer.body[:300])
            request = request.without_dataset()
            assert not request.parameters() & DATASET_PARAMETERS
        check_answer(request, send(endpoint, request))


@pytest.mark.parametrize(
    "name", sorted(n for n, w in NOT_APPLICABLE.items() if w == NEEDS_NAMED_GRAPHS)
)
def test_dataset_requests_are_refused_with_400(endpoint: tuple[str, int], name: str) -> None:
    """What these entries get instead: §2.1.4's 400, never an answer from the wrong graph."""
    (request,) = TESTS[name].requests
    answer = send(endpoint, request)
    assert answer.status == 400, (answer.status, answer.body[:300])


@pytest.mark.parametrize("name", sorted(n for n, w in NOT_APPLICABLE.items() if w == NEEDS_UPDATES))
def test_updates_are_refused_and_change_nothing(endpoint: tuple[str, int], name: str) -> None:
    """What these entries get instead: the update refused with 403 (RFC 9110 §15.5.4), and
    the manifest's follow-up ASK, true only after a successful update, is false."""
    update, *follow_up = TESTS[name].requests
    answer = send(endpoint, update)
    assert answer.status == 403, (answer.status, answer.body[:300])
    for ask in follow_up:
        answer = send(endpoint, ask)
        assert answer.status == 200 and read_boolean(answer) is False


def test_every_manifest_entry_is_accounted_for() -> None:
    # The manifest lists 34 entries (read from mf:entries); each is run or listed.
    assert len(TESTS) == 34
    assert set(NOT_APPLICABLE) <= set(TESTS)
    assert len(APPLICABLE) + len(NOT_APPLICABLE) == len(TESTS)
    assert len(APPLICABLE) == 21


@pytest.mark.parametrize("name", sorted(NOT_APPLICABLE))
def test_each_reason_for_not_applying_is_the_manifests(name: str) -> None:
    test = TESTS[name]
    first = test.requests[0]
    if NOT_APPLICABLE[name] == NEEDS_NAMED_GRAPHS:
        assert test.graph_data and first.parameters() & DATASET_PARAMETERS
        assert not first.is_update
    else:
        assert first.is_update and first.statuses == {2, 3}


def test_the_manifest_reader_reads_what_the_manifest_says() -> None:
    """Spot checks of the reader against the manifest text, so a misread cannot pass."""
    post_form = TESTS["query_post_form"].requests[0]
    assert (post_form.method, post_form.body) == ("POST", b"query=ASK%20%7B%7D")
    assert post_form.content_type == "application/x-www-form-urlencoded"
    assert post_form.statuses == {2, 3} and post_form.boolean is True
    missing = TESTS["bad_query_missing_direct_type"].requests[0]
    assert missing.headers == () and missing.statuses == {4}
    assert TESTS["bad_query_non_utf8"].requests[0].body == "ASK {}".encode("utf-16")
    assert TESTS["query_content_type_select"].requests[0].result_format == "tabular"
    assert len(TESTS["update_base_uri"].requests) == 2
