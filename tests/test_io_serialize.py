"""The one RDF writer: what it writes is read as the same graph by tools we did not write.

Issue 19: pyoxigraph, pyld and Jena refused the reasoned JSON-LD export (``"@type"``
holding a blank node) and counted 4,820 triples in ``copro-full-reasoned.ttl`` against
4,818 in its ``.nt`` sibling (a list tail written twice). Each check here parses our
output with pyoxigraph (Rust) and pyld (the JSON-LD reference algorithms), never with
rdflib alone, and compares the graph with the N-Triples sibling.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, RDF, XSD

from copro_kg.errors import InputError, OutputWarning
from copro_kg.export.bundle import export_all
from copro_kg.io.canonical import canonical
from copro_kg.io.serialize import is_rdf, serialize, serialize_graph
from copro_kg.io.sources import load
from copro_kg.reasoning import reason

from .conftest import RunCli
from .isomorphism import isomorphic

ox = pytest.importorskip("pyoxigraph")
jsonld = pytest.importorskip("pyld.jsonld")

OX_SYNTAX = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD", ".rdf": "RDF_XML"}


def _term(term: object) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)  # RDF 1.1: the same term as a plain literal
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def by_oxigraph(data: bytes, suffix: str) -> Graph:
    graph = Graph()
    for quad in ox.parse(data, format=getattr(ox.RdfFormat, OX_SYNTAX[suffix])):
        graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return graph


def by_pyld(data: bytes) -> Graph:
    """JSON-LD 1.1 Deserialize JSON-LD to RDF (toRdf), as N-Quads, read as N-Triples."""
    nquads = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads"})
    return by_oxigraph(nquads.encode("utf-8"), ".nt")


def by_ntriples(data: bytes) -> Graph:
    return by_oxigraph(data, ".nt")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``copro-kg export --all-formats DIR`` (the library call behind it), written once."""
    folder = tmp_path_factory.mktemp("export")
    graph = load()
    export_all(graph, folder, reasoning=reason(graph))
    return folder


def _siblings(folder: Path, suffix: str) -> list[Path]:
    found = sorted(folder.glob(f"*{suffix}"))
    assert {p.stem for p in found} >= {"copro-skos", "copro-full", "copro-full-reasoned"}
    return found


def test_every_turtle_export_is_its_ntriples_sibling_for_pyoxigraph(exported: Path) -> None:
    for path in _siblings(exported, ".ttl"):
        turtle = by_oxigraph(path.read_bytes(), ".ttl")
        ntriples = by_ntriples(path.with_suffix(".nt").read_bytes())
        assert len(turtle) == len(ntriples), path.name
        assert isomorphic(turtle, ntriples), path.name


def test_every_jsonld_export_is_its_ntriples_sibling_for_pyoxigraph_and_pyld(
    exported: Path,
) -> None:
    for path in _siblings(exported, ".jsonld"):
        ntriples = by_ntriples(path.with_suffix(".nt").read_bytes())
        for reader in (lambda d: by_oxigraph(d, ".jsonld"), by_pyld):
            graph = reader(path.read_bytes())
            assert len(graph) == len(ntriples), path.name
            assert isomorphic(graph, ntriples), path.name


def test_rdfxml_exports_are_their_ntriples_siblings_for_pyoxigraph(exported: Path) -> None:
    for path in _siblings(exported, ".rdf"):
        graph = by_oxigraph(path.read_bytes(), ".rdf")
        assert isomorphic(graph, by_ntriples(path.with_suffix(".nt").read_bytes())), path.name


def test_a_blank_node_type_is_not_written_under_at_type() -> None:
    """JSON-LD 1.1 §4.1.1 / §9.5: ``@type`` values are IRI strings; a restriction class
    (a blank node) as a type is written as an ordinary rdf:type property instead."""
    graph = Graph()
    restriction = BNode()
    activity = URIRef("http://example.org/activity")
    graph.add((activity, RDF.type, restriction))
    graph.add((activity, RDF.type, OWL.NamedIndividual))
    graph.add((restriction, RDF.type, OWL.Restriction))
    data = serialize(graph, "jsonld")
    for node in json.loads(data)["@graph"]:
        types = node.get("@type", [])
        assert all(isinstance(t, str) for t in (types if isinstance(types, list) else [types]))
    assert isomorphic(by_oxigraph(data, ".jsonld"), graph)
    assert isomorphic(by_pyld(data), graph)


def test_construct_as_jsonld_is_read_by_pyoxigraph_and_pyld(run_cli: RunCli) -> None:
    """``query --format jsonld`` on the reasoned graph, whose individuals are typed with
    blank-node restrictions: the answer is the same graph as the N-Triples answer."""
    query = "CONSTRUCT { ?s a ?t . ?t ?p ?o } WHERE { ?s a ?t . ?t ?p ?o FILTER(isBlank(?t)) }"
    answers = {}
    for fmt in ("jsonld", "nt"):
        result = run_cli("query", "-e", query, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        answers[fmt] = result.stdout.encode("utf-8")
    ntriples = by_ntriples(answers["nt"])
    assert any(isinstance(o, BNode) for o in ntriples.objects(None, RDF.type))
    assert isomorphic(by_oxigraph(answers["jsonld"], ".jsonld"), ntriples)
    assert isomorphic(by_pyld(answers["jsonld"]), ntriples)


def _lists_graph() -> Graph:
    graph = Graph()
    ex = "http://example.org/"
    for i in range(3):
        head = BNode()
        graph.add((URIRef(f"{ex}c{i}"), OWL.intersectionOf, head))
        node: Node = head
        for j in range(3):
            graph.add((node, RDF.first, URIRef(f"{ex}m{j}")))
            nxt = BNode() if j < 2 else RDF.nil
            graph.add((node, RDF.rest, nxt))
            node = nxt
    graph.add((URIRef(f"{ex}c0"), URIRef(f"{ex}label"), Literal("é", lang="cy")))
    return graph


SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.test_io_serialize import _lists_graph
from copro_kg.io.serialize import serialize
for fmt in ("ttl", "nt", "jsonld", "xml"):
    sys.stdout.buffer.write(serialize(_lists_graph(), fmt))
"""


def test_same_bytes_in_processes_with_different_hash_seeds() -> None:
    root = str(Path(__file__).resolve().parents[1])
    outputs = [
        subprocess.run(
            [sys.executable, "-c", SCRIPT, root],
            capture_output=True,
            check=True,
            timeout=120,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert outputs[0]


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml"])
def test_written_lists_are_the_same_graph_for_pyoxigraph(fmt: str) -> None:
    suffix = {"ttl": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf"}[fmt]
    graph = _lists_graph()
    assert isomorphic(by_oxigraph(serialize(graph, fmt), suffix), graph)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml"])
def test_an_iri_with_a_space_is_refused_and_the_old_file_kept(tmp_path: Path, fmt: str) -> None:
    """RFC 3987 has no space in an IRI: no syntax can carry it, so nothing is written."""
    target = tmp_path / "out.data"
    target.write_text("old", encoding="utf-8")
    graph = Graph()
    graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/has space"), Literal(1)))
    with pytest.raises(InputError, match="contains a space") as caught:
        serialize_graph(graph, target, fmt)
    assert caught.value.location == str(target)
    assert target.read_text(encoding="utf-8") == "old"


def _generalised_graph(order: int) -> Graph:
    """Blank nodes in every place, a literal subject with a line break (``reason --all``
    writes such generalised triples), built in a given insertion order."""
    ex = "http://example.org/"
    restriction, inverse, other = BNode(), BNode(), BNode()
    triples = [
        (URIRef(ex + "a"), RDF.type, restriction),
        (restriction, OWL.onProperty, URIRef(ex + "p")),
        (restriction, OWL.someValuesFrom, other),
        (other, RDF.type, OWL.Class),
        (inverse, OWL.inverseOf, URIRef(ex + "p")),
        (URIRef(ex + "b"), inverse, URIRef(ex + "a")),  # a blank node predicate
        (Literal("two\nlines"), OWL.sameAs, Literal("two\nlines")),  # a literal subject
        (URIRef(ex + "a"), URIRef(ex + "note"), Literal('say "hi"\\', lang="en")),
    ]
    graph = Graph()
    for triple in triples[order:] + triples[:order]:
        graph.add(triple)  # type: ignore[arg-type]
    return graph


def test_ntriples_are_one_line_per_triple_and_the_same_for_any_order_and_labels() -> None:
    """RDF 1.1 N-Triples, §1: "a line-based, plain text format"; §2.3: a literal's
    line break is written ``\\n``. Canonical labels do not depend on the blank nodes'
    own labels or the order triples were added."""
    with pytest.warns(OutputWarning):
        outputs = {serialize(_generalised_graph(order), "nt") for order in range(4)}
    assert len(outputs) == 1
    (data,) = outputs
    lines = data.decode("utf-8").splitlines()
    expected = Graph()
    for triple in _generalised_graph(0):
        if not isinstance(triple[0], Literal) and isinstance(triple[1], URIRef):
            expected.add(triple)
    assert len(lines) == len(expected) == len(set(lines))
    assert lines == sorted(lines)
    assert '<http://example.org/a> <http://example.org/note> "say \\"hi\\"\\\\"@en .' in lines
    assert isomorphic(by_ntriples(data), expected)


@pytest.mark.parametrize("fmt", ["nt", "ttl", "json-ld", "xml"])
def test_generalised_triples_are_left_out_with_one_warning(fmt: str, tmp_path: Path) -> None:
    """RDF 1.1 Concepts §3.1: a subject is an IRI or a blank node, a predicate an IRI. A
    literal subject or a blank-node predicate (``reason --all``) has no form in any RDF
    syntax: written, the file would be read by no tool (issue 29). They are left out, and
    one warning says how many and why; the RDF triples are all written."""
    target = tmp_path / f"out.{fmt}"
    with pytest.warns(OutputWarning) as caught:
        serialize_graph(_generalised_graph(0), target, fmt)
    [warning] = caught
    said = warning.message
    assert isinstance(said, OutputWarning) and said.location == str(target)
    assert said.message.startswith("2 generalised triples (a literal subject or a predicate")
    rdf = [t for t in _generalised_graph(0) if is_rdf(t)]
    read = Graph().parse(target, format={"ttl": "turtle"}.get(fmt, fmt))
    assert isomorphic(read, _graph_of_triples(rdf))


def _graph_of_triples(triples: list[Any]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def test_a_graph_without_blank_nodes_is_written_as_it_is() -> None:
    graph = Graph()
    graph.add((URIRef("http://example.org/a"), RDF.type, OWL.Class))
    assert canonical(graph) is graph
    labelled = canonical(_lists_graph())
    assert isomorphic(labelled, _lists_graph())
    assert dict(labelled.namespaces()) == dict(_lists_graph().namespaces())
