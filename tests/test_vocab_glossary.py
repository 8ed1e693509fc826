"""Concept records (vocab/glossary.py): one reader of what the glossary says about a term."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from copro_kg import Reasoning, reason
from copro_kg.namespace import COPRO_OPEN, PREFIXES
from copro_kg.vocab.glossary import GLOSSARY, concept, glossary_concepts


@pytest.fixture(scope="module")
def closure(glossary: Graph) -> Graph:
    result: Reasoning = reason(glossary)
    return result.closure


def test_a_record_has_the_glossarys_names_and_place(closure: Graph) -> None:
    """Glossary: "Doing with: involvement"; "all co-production is involvement"; the Welsh
    name is copro-kg's ("Verified: Ymgyfraniad", ontology/glossary.ttl)."""
    records = {c.slug: c for c in glossary_concepts(closure)}
    involvement = records["involvement"]
    assert involvement.label == "Involvement"
    assert involvement.label_cy == "Ymgyfraniad"
    assert involvement.group == COPRO_OPEN["doing-with"]
    assert COPRO_OPEN["co-production"] in involvement.narrower
    assert COPRO_OPEN["involvement"] in records["co-production"].broader
    assert involvement.in_glossary


def test_definitions_and_quotes_are_the_glossarys_words(
    closure: Graph, in_glossary: Callable[[str], bool]
) -> None:
    """Glossary, co-design: "Co-designers make decisions, not just suggestions." and the
    spectrum's quote for co-production: "There is equal power in our decision making." """
    records = {c.slug: c for c in glossary_concepts(closure)}
    assert any("Co-designers make decisions" in q for q in records["co-design"].quotes)
    for record in records.values():
        assert all(in_glossary(q) for q in record.quotes), record.slug


def test_broader_is_the_glossarys_own_never_a_mapping(closure: Graph) -> None:
    # SKOS Reference 10.6: skos:broadMatch is a sub-property of skos:broader, so the
    # closure says co-production is broader-linked to Arnstein's "citizen power"; that
    # is our mapping to another model, not the glossary's hierarchy.
    records = {c.slug: c for c in glossary_concepts(closure)}
    citizen_power = PREFIXES["arnstein"]["citizen-power"]
    assert (COPRO_OPEN["co-production"], SKOS.broader, citizen_power) in closure
    assert citizen_power not in records["co-production"].broader
    for record in records.values():
        assert all((b, SKOS.inScheme, GLOSSARY) in closure for b in record.broader), record.slug


def test_the_welsh_name_is_never_an_alternative_label() -> None:
    # In a closure every skos:altLabel is an rdfs:label (SKOS S12 in the OWL axioms).
    g = Graph()
    x = URIRef("https://example.org/involvement")
    g.add((x, SKOS.prefLabel, Literal("Involvement", lang="en")))
    g.add((x, SKOS.altLabel, Literal("Cynnwys", lang="cy")))
    g.add((x, RDFS.label, Literal("Cynnwys", lang="cy")))
    record = concept(g, x)
    assert record.label_cy is None
    assert record.alt_labels_cy == ("Cynnwys",)
    assert record.pref_label == "Involvement"
