"""querying: safe preparation, parameters, time limits (issues 5 and 8).

Expectations come from the SPARQL 1.1 specs and from issue 8's safety rules; the data
is tests/data/sparql/mini.ttl (glossary wording, cited there).
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from copro_kg.errors import LimitError, NetworkRefusedError, QueryError
from copro_kg.namespace import COPRO
from copro_kg.reasoning import reason
from copro_kg.sparql import run as querying

MINI = Path(__file__).parent / "data" / "sparql" / "mini.ttl"

# 60^4 = 13 million solutions: far more than rdflib evaluates in a second, on any data.
_NUMBERS = " ".join(str(i) for i in range(60))
SLOW_QUERY = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?{v} {{ {_NUMBERS} }}" for v in "abcd")
    + " }"
)


@pytest.fixture(scope="module")
def mini() -> Graph:
    return Graph().parse(MINI)


@pytest.fixture(scope="module")
def mini_reasoned(mini: Graph) -> Graph:
    return reason(mini).closure


@pytest.fixture
def listener() -> object:
    """A loopback listener that must never see a connection (issue 8)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.settimeout(0.3)
    try:
        yield srv
    finally:
        srv.close()


def _no_connection(srv: socket.socket) -> bool:
    try:
        conn, _ = srv.accept()
    except TimeoutError:
        return True
    conn.close()
    return False


def test_syntax_error_names_line_column_and_text() -> None:
    # Issue 5: "A syntax error gives ... the line/column and the offending text."
    with pytest.raises(QueryError) as info:
        querying.prepare("SELECT ?x WHERE {\n  ?x skos:prefLabel \n}", source="q.rq")
    assert info.value.location == "q.rq:2:3"
    assert "?x skos:prefLabel" in info.value.message


def test_unknown_prefix_is_located() -> None:
    with pytest.raises(QueryError) as info:
        querying.prepare("SELECT ?x WHERE {\n  ?x ex:label ?y }")
    assert info.value.location == "query:2:6"
    assert "PREFIX ex:" in (info.value.hint or "")


def test_common_prefixes_are_predeclared(mini: Graph) -> None:
    # Issue 5: "Common prefixes predeclared."
    result = querying.run_query(
        mini, "SELECT ?l WHERE { copro:consultation skos:prefLabel ?l }", timeout=None
    )
    assert result.rows == ((Literal("consultation", lang="en"),),)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("INSERT DATA { copro:a copro:b copro:c }", "INSERT DATA"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("LOAD <http://127.0.0.1:9/x.ttl>", "LOAD"),
        ("CLEAR ALL", "CLEAR"),
    ],
)
def test_updates_are_refused_with_a_way_forward(text: str, words: str) -> None:
    with pytest.raises(QueryError) as info:
        querying.prepare(text)
    assert words in info.value.message and "read-only" in info.value.message
    assert "--data" in (info.value.hint or "")


@pytest.mark.parametrize("keyword", ["FROM", "FROM NAMED"])
@pytest.mark.parametrize("iri", ["file:///etc/passwd", "http://127.0.0.1:9/g"])
def test_from_clauses_are_refused(keyword: str, iri: str) -> None:
    with pytest.raises(QueryError) as info:
        querying.prepare(f"SELECT * {keyword} <{iri}> WHERE {{ ?s ?p ?o }}")
    assert info.value.message.startswith(f"{keyword} <{iri}> is refused")


def test_service_is_refused_before_any_connection(mini: Graph, listener: socket.socket) -> None:
    # Issue 8: SERVICE refused "and tests prove no connection is attempted".
    port = listener.getsockname()[1]
    text = f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }} }}"
    with pytest.raises(QueryError) as info:
        querying.run_query(mini, text, timeout=None)
    assert "--allow-network" in (info.value.hint or "")
    assert _no_connection(listener)


def test_offline_guard_is_a_second_wall(mini: Graph, listener: socket.socket) -> None:
    # Even a query that got past the check (SERVICE allowed) cannot connect while the
    # evaluation runs offline.
    port = listener.getsockname()[1]
    prepared = querying.prepare(
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        allow_service=True,
    )
    with pytest.raises(NetworkRefusedError):
        querying.evaluate(mini, prepared, network=False)
    assert _no_connection(listener)


def test_parameters_are_bound_as_terms_not_text(mini: Graph) -> None:
    text = "SELECT ?label WHERE { ?term skos:prefLabel ?label } ORDER BY STR(?label)"
    result = querying.run_query(mini, text, {"term": COPRO["co-production"]}, timeout=None)
    assert [str(r[0]) for r in result.rows] == ["co-production", "cydgynhyrchu"]
    # A value that would close the pattern if pasted is just a literal that matches nothing.
    hostile = Literal('x" } UNION { ?term ?p ?label } #')
    result = querying.run_query(mini, text, {"label": hostile}, timeout=None)
    assert result.rows == ()


def test_values_clause_refuses_terms_that_could_break_out() -> None:
    with pytest.raises(QueryError):
        querying.values_clause({"term": URIRef("http://x/> } DROP ALL #")})
    literal = querying.values_clause({"v": Literal('a" } #')})
    assert literal == '\nVALUES (?v) { ("a\\" } #") }\n'


def test_inference_is_what_reasoning_adds(mini: Graph, mini_reasoned: Graph) -> None:
    # mini.ttl: broaderGeneric is a sub-property of skos:broader, so skos:broader
    # appears only after reasoning.
    text = "SELECT ?b WHERE { copro:co-production skos:broader ?b } ORDER BY ?b"
    asserted = querying.run_query(mini, text, timeout=None)
    reasoned = querying.run_query(mini_reasoned, text, timeout=None)
    assert asserted.rows == ()
    assert reasoned.rows == ((COPRO["community-engagement"],),)


def test_forms_give_their_own_answers(mini: Graph) -> None:
    ask = querying.run_query(mini, "ASK { copro:consultation a skos:Concept }", timeout=5)
    assert (ask.form, ask.boolean) == ("ASK", True)
    construct = querying.run_query(
        mini, "CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c skos:altLabel ?l }", timeout=5
    )
    assert construct.form == "CONSTRUCT" and len(construct.triples) == 2
    describe = querying.run_query(mini, "DESCRIBE copro:consultation", timeout=5)
    assert describe.form == "DESCRIBE" and len(describe.graph()) >= 4


@pytest.mark.skipif(not querying.time_limit_supported(), reason="needs fork")
def test_a_query_past_its_time_limit_is_stopped(mini: Graph) -> None:
    # Issue 8: "a query time limit ... so a pathological query ends with a clear message".
    with pytest.raises(LimitError) as info:
        querying.run_query(mini, SLOW_QUERY, timeout=0.5)
    assert "time limit of 0.5 s" in info.value.message


def test_pool_replaces_a_stopped_worker_and_keeps_answering(mini: Graph) -> None:
    with querying.QueryPool(mini, workers=1, timeout=0.5) as pool:
        with pytest.raises(LimitError):
            pool.run(SLOW_QUERY)
        assert pool.run("ASK { copro:consultation a skos:Concept }").boolean is True


def test_errors_inside_the_child_come_back_as_query_errors(mini: Graph) -> None:
    with pytest.raises(QueryError):
        querying.run_query(mini, "SELECT * WHERE { ?s ?p ?o FILTER(", timeout=5)
