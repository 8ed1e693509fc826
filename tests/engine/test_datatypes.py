"""The datatype rules of OWL 2 RL/RDF (Table 8) and the XML Schema hierarchy.

Expectations come from OWL 2 Profiles, Section 4.3, Table 8 (dt-type2, dt-eq, dt-diff,
dt-not-type), the OWL 2 Structural Specification, Section 4 (value spaces), and XML
Schema Part 2, Section 3.3 (``xsd:byte`` is derived from ``xsd:short`` ... from
``xsd:decimal``; bounds of ``xsd:byte``: -128..127).
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from copro_kg.engine import run
from copro_kg.engine.datatypes import outside, value_key

EX = "urn:ex:"
a, b, p = URIRef(EX + "a"), URIRef(EX + "b"), URIRef(EX + "p")


def test_equal_values_of_different_spellings_and_types_are_one_value() -> None:
    one = [Literal("1", datatype=XSD.integer), Literal("01", datatype=XSD.int),
           Literal("1.0", datatype=XSD.decimal)]  # fmt: skip
    assert len({value_key(x) for x in one}) == 1
    assert value_key(Literal("0", datatype=XSD.float)) != value_key(
        Literal("-0", datatype=XSD.float)
    )  # +0 and -0 are distinct float values (OWL 2 Structural Specification 4.2)
    assert value_key(Literal("1", datatype=XSD.float)) != value_key(one[0])  # disjoint spaces
    assert value_key(Literal("NaN", datatype=XSD.double)) is None


def test_dt_eq_makes_literals_with_one_value_the_same() -> None:
    x, y = Literal("1", datatype=XSD.integer), Literal("01", datatype=XSD.int)
    chainer = run([(a, p, x), (b, p, y)])
    t = chainer.encode_triple(x, OWL.sameAs, y)
    assert chainer.why(t) == ("dt-eq", ())
    # and eq-rep-o carries the link across: a p "01"^^xsd:int
    assert chainer.entails(chainer.encode_triple(a, p, y))


def test_dt_diff_with_a_functional_property_is_inconsistent_as_in_keys_006() -> None:
    """W3C New-Feature-Keys-006: a functional data property with two different names."""
    chainer = run([(p, RDF.type, OWL.FunctionalProperty), (a, p, Literal("Peter")),
                   (a, p, Literal("Kichwa-Tembo"))])  # fmt: skip
    assert {c.rule for c in chainer.clashes.values()} == {"eq-diff1"}
    diff = chainer.encode_triple(Literal("Peter"), OWL.differentFrom, Literal("Kichwa-Tembo"))
    assert chainer.why(diff) == ("dt-diff", ())


def test_dt_type2_types_a_literal_with_its_own_datatype_and_xsd_sub_does_the_rest() -> None:
    lit = Literal("5", datatype=XSD.byte)
    chainer = run([(a, p, lit)])
    own = chainer.encode_triple(lit, RDF.type, XSD.byte)
    assert chainer.why(own)[0] == "dt-type2"
    wider = chainer.encode_triple(lit, RDF.type, XSD.decimal)
    assert chainer.why(wider)[0] == "cax-sco"
    sub = chainer.encode_triple(XSD.byte, RDFS.subClassOf, XSD.short)
    assert chainer.why(sub) == ("xsd-sub", ())


def test_a_byte_range_is_a_short_range_as_in_webont_i5_8_006() -> None:
    chainer = run([(p, RDF.type, OWL.DatatypeProperty), (p, RDFS.range, XSD.byte)])
    t = chainer.encode_triple(p, RDFS.range, XSD.short)
    assert chainer.why(t)[0] == "scm-rng1"


def test_dt_not_type_for_ill_typed_literals_and_values_outside_a_range() -> None:
    assert outside(Literal("300", datatype=XSD.integer), XSD.byte)
    assert not outside(Literal("100", datatype=XSD.integer), XSD.byte)
    assert outside(Literal("abc"), XSD.integer)
    assert not outside(Literal("abc"), RDFS.Literal)
    ill = run([(a, p, Literal("abc", datatype=XSD.integer))])
    assert [c.rule for c in ill.clashes.values()] == ["dt-not-type"]
    ranged = run([(p, RDFS.range, XSD.byte), (a, p, Literal("300", datatype=XSD.integer))])
    (clash,) = ranged.clashes.values()
    terms = ranged.terms.terms
    assert clash.rule == "dt-not-type"
    assert [tuple(terms[n] for n in t) for t in clash.triples] == [
        (Literal("300", datatype=XSD.integer), RDF.type, XSD.byte)
    ]
    fine = run([(p, RDFS.range, XSD.byte), (a, p, Literal("100", datatype=XSD.integer))])
    assert not fine.clashes
