"""The flat RDF/XML writer: read back the way TemaTres reads it, and by rdflib.

TemaTres (``common/include/inc.importSkos.php``, research/peers.md §2.1) parses with
DOMDocument + XPath: top terms are ``/rdf:RDF/skos:Concept[not(skos:broader)]``,
narrower terms are found through ``skos:Concept[skos:broader[@rdf:resource=URI]]``,
and only ``skos:prefLabel`` with ``xml:lang`` = the vocabulary language makes a term.
We use lxml-free ``xml.etree`` with the same paths.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

from copro_kg.errors import InputError
from copro_kg.export.profiles import skos_profile
from copro_kg.io.rdfxml import serialize_rdfxml
from copro_kg.io.sources import load

from .conftest import DATA_DIR

NS = {"rdf": str(RDF), "skos": str(SKOS)}
RDF_ABOUT = f"{{{RDF}}}about"
RDF_RESOURCE = f"{{{RDF}}}resource"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MINI = DATA_DIR / "export" / "mini.ttl"
MINI_SCHEME = URIRef("https://example.org/mini/glossary")


@pytest.fixture(scope="module")
def mini_skos() -> Graph:
    return skos_profile(load([MINI], ontology=False), scheme=MINI_SCHEME)


def test_tematres_xpath_finds_every_concept_and_its_broader(mini_skos: Graph) -> None:
    root = ET.fromstring(serialize_rdfxml(mini_skos))
    # /rdf:RDF/skos:Concept -- direct children only, the only place TemaTres looks.
    found = {el.get(RDF_ABOUT) for el in root.findall("skos:Concept", NS)}
    assert found == {str(c) for c in mini_skos.subjects(RDF.type, SKOS.Concept)}
    assert not root.findall("rdf:Description", NS), "untyped nodes are invisible to TemaTres"
    assert not root.findall(".//skos:broader/*", NS), "nested nodes are missed by TemaTres"
    for element in root.findall("skos:Concept", NS):
        about = URIRef(element.get(RDF_ABOUT))
        broader = {b.get(RDF_RESOURCE) for b in element.findall("skos:broader", NS)}
        assert broader == {str(b) for b in mini_skos.objects(about, SKOS.broader)}
        labels = {(p.get(XML_LANG), p.text) for p in element.findall("skos:prefLabel", NS)}
        assert labels == {
            (lit.language, str(lit)) for lit in mini_skos.objects(about, SKOS.prefLabel)
        }
    # Top terms as TemaTres computes them: concepts without skos:broader.
    tops = {
        el.get(RDF_ABOUT)
        for el in root.findall("skos:Concept", NS)
        if el.find("skos:broader", NS) is None
    }
    # The file carries the mapped ladder's concept in its own scheme too (issue 26): each
    # concept with no broader is a top concept of its own scheme.
    assert tops == {str(c) for c in mini_skos.subjects(SKOS.topConceptOf, None)}
    assert MINI_SCHEME in set(mini_skos.objects(None, SKOS.topConceptOf))


def test_round_trip_is_isomorphic(mini_skos: Graph) -> None:
    assert isomorphic(Graph().parse(data=serialize_rdfxml(mini_skos), format="xml"), mini_skos)


TRICKY = [
    Literal("A & B <c> \"d\" 'e'", lang="en"),
    Literal("line one\r\nline two\ttabbed", lang="cy"),
    Literal("  padded  "),
    Literal("]]> and &amp; already"),
    Literal("2024-01-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
    Literal("ŵ ŷ â – “quoted” 😀", lang="cy"),
    Literal("", lang="en"),
]


@pytest.mark.parametrize("value", TRICKY, ids=range(len(TRICKY)))
def test_literals_escape_and_round_trip(value: Literal) -> None:
    # RDF 1.1 XML Syntax §2.7/2.9: xml:lang and rdf:datatype on property elements;
    # XML 1.0 §2.11/3.3.3: raw CR and attribute tabs/newlines are normalised away, so
    # they must be written as character references to survive.
    g = Graph()
    g.add((URIRef("http://ex.org/a"), SKOS.note, value))
    g.add((URIRef("http://ex.org/q?a=1&b=it's"), SKOS.related, URIRef("http://ex.org/a%3Cb")))
    back = Graph().parse(data=serialize_rdfxml(g), format="xml")
    assert isomorphic(back, g)


def test_blank_nodes_become_node_ids_not_nesting() -> None:
    g = Graph()
    node = BNode()
    g.add((URIRef("http://ex.org/a"), URIRef("http://ex.org/p"), node))
    g.add((node, RDF.type, SKOS.Collection))
    g.add((node, URIRef("http://ex.org/q"), node))  # a cycle: nesting could not express it
    root = ET.fromstring(serialize_rdfxml(g))
    assert len(root) == 2, "one element per subject, directly under rdf:RDF"
    assert isomorphic(Graph().parse(data=serialize_rdfxml(g), format="xml"), g)


def test_unwritable_predicate_is_an_input_error() -> None:
    # RDF/XML needs every predicate as a QName (RDF 1.1 XML Syntax §2.2); one ending in
    # "/" cannot be split into prefix + NCName.
    g = Graph()
    g.add((URIRef("http://ex.org/a"), URIRef("http://ex.org/p/"), Literal("x")))
    with pytest.raises(InputError, match="RDF/XML"):
        serialize_rdfxml(g)


def test_output_is_identical_across_hash_seeds() -> None:
    # rdflib's own RDF/XML varies between runs (rdflib #3545); ours must not.
    script = (
        "import sys; from copro_kg.io.sources import load; "
        "from copro_kg.export.profiles import owl_profile; "
        "from copro_kg.io.rdfxml import serialize_rdfxml; "
        f"g = load([{str(MINI)!r}], ontology=False); "
        "sys.stdout.buffer.write(serialize_rdfxml(owl_profile(g)))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={"PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
