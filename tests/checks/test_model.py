"""``copro_kg.checks.model``: findings name each resource by label and IRI."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from copro_kg.checks.model import Term, term


def test_term_reads_the_label_and_keeps_the_iri() -> None:
    graph = Graph()
    node = URIRef("urn:x:a")
    graph.add((node, SKOS.prefLabel, Literal("co-design", lang="en")))
    assert term(graph, node) == Term("co-design", "urn:x:a")
    assert str(term(graph, node)) == "'co-design' <urn:x:a>"


def test_term_of_a_literal_is_its_text_and_of_a_blank_node_is_marked() -> None:
    assert term(Graph(), Literal("plain")).label == "plain"
    assert term(Graph(), BNode("b1")).iri == "_:b1"


def test_unlabelled_term_is_shown_once() -> None:
    assert str(Term("<urn:x>", "<urn:x>")) == "<<urn:x>>"
    assert str(Term("urn:x", "urn:x")) == "<urn:x>"
