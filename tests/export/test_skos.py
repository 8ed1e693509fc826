"""The ``skos`` profile as taxonomy tools read it: Skosify (the clean-up step Skosmos
recommends) run on the export, and what Skosmos needs to show mappings and groups.

Issue 19 items 2 and 3. Skosmos itself is not run here (it needs PHP and a Fuseki store);
what it reads is checked on the graph, as docs/taxonomy-tools.md says.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from copro_kg.export.skos import group_collection, skos_profile
from copro_kg.namespace import BASE, COPRO

MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch, SKOS.broadMatch, SKOS.narrowMatch)


@pytest.fixture(scope="module")
def export(glossary: Graph) -> Graph:
    return skos_profile(glossary)


@pytest.fixture(scope="module")
def skosified(export: Graph) -> Graph:
    """The export after Skosify with its default (enriching) configuration."""
    skosify = pytest.importorskip("skosify")
    fixed: Graph = skosify.skosify(export)
    return fixed


def concepts(g: Graph) -> set[URIRef]:
    return {c for c in g.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def ours(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(BASE)


def english(g: Graph, node: Node, prop: URIRef = SKOS.prefLabel) -> list[Literal]:
    return [v for v in g.objects(node, prop) if isinstance(v, Literal) and v.language == "en"]


def test_skosify_adds_no_broader_to_glossary_concepts(export: Graph, skosified: Graph) -> None:
    # SKOS S41: skos:broadMatch is a sub-property of skos:broader, so Skosify's
    # enrichment turned "co-production broadMatch arnstein:citizen-power" into a
    # broader concept from another ladder, shown above co-production in Skosmos's tree.
    added = set(skosified) - set(export)
    new_broader = [(s, o) for s, p, o in added if p in (SKOS.broader, SKOS.narrower)]
    assert new_broader == []
    for concept in concepts(export):
        assert set(skosified.objects(concept, SKOS.broader)) <= concepts(export), concept


def test_skosify_adds_only_the_related_links_skos_entails(export: Graph, skosified: Graph) -> None:
    # What Skosify may add is what SKOS entails from a stated mapping: the mirror image
    # (S44) and the super-property skos:related of skos:relatedMatch (S41). Each link it
    # adds must rest on a mapping stated in the export, and reach a labelled resource
    # when the resource is ours.
    added = set(skosified) - set(export)
    spurious = []
    for s, p, o in added:
        if p == SKOS.related:
            stated = (s, SKOS.relatedMatch, o) in export or (o, SKOS.relatedMatch, s) in export
        elif p in MAPPINGS:
            stated = (o, p, s) in export
        else:
            continue
        unlabelled = [t for t in (s, o) if ours(t) and not english(skosified, t)]
        if not stated or unlabelled:
            spurious.append((s, p, o))
    assert spurious == []


def test_mapping_targets_of_our_own_are_described(export: Graph) -> None:
    # ontology/mappings.ttl: "Arnstein's ladder (1969), TLAP's ladder of participation and
    # the IAP2 Spectrum of Public Participation as separate concept schemes".
    targets = {o for p in MAPPINGS for o in export.objects(None, p) if ours(o)}
    targets -= concepts(export)
    assert targets
    for target in targets:
        assert len(english(export, target)) == 1, target
        assert (target, DCTERMS.source, None) in export, target
        assert (target, DCTERMS.creator, None) in export, target
        models = list(export.objects(target, RDFS.isDefinedBy))
        assert len(models) == 1, target
        assert english(export, models[0], DCTERMS.title), models[0]
        assert (models[0], DCTERMS.creator, None) in export
    # The glossary's scheme and our scheme of deprecated terms; the models we map to are
    # described, not exported as schemes (VocPub 2.1.2: one vocabulary per file).
    assert set(export.subjects(RDF.type, SKOS.ConceptScheme)) == {
        COPRO.glossary,
        COPRO["glossary-deprecated"],
    }
    assert not targets & set(export.subjects(RDF.type, None))


def test_hierarchical_and_related_mappings_stay_out(export: Graph, glossary: Graph) -> None:
    # S41: broadMatch would re-file co-production under Arnstein's "Degrees of citizen
    # power"; relatedMatch would add skos:related links to untyped concepts. Both are in
    # the SSSOM mapping set and the full profile.
    assert (COPRO["co-production"], SKOS.broadMatch, None) in glossary
    assert (COPRO["co-production"], SKOS.relatedMatch, None) in glossary
    for prop in (SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch):
        assert not list(export.triples((None, prop, None)))


def test_spectrum_groups_are_collections(export: Graph, in_glossary: Callable[[str], bool]) -> None:
    # The glossary's spectrum figure: "doing to doing for doing with" over "coercion
    # protection education persuasion information consultation participation
    # co-production involvement"; docs/taxonomy-tools.md configures Skosmos's Groups tab
    # with skosmos:groupClass skos:Collection.
    assert in_glossary("doing to doing for doing with")
    expected = {
        "doing-to": {"coercion", "protection", "education", "persuasion"},
        "doing-for": {"information", "consultation", "participation"},
        "doing-with": {"co-production", "involvement"},
    }
    found = set(export.subjects(RDF.type, SKOS.Collection))
    assert {group_collection(COPRO[g]) for g in expected} <= found
    for group, members in expected.items():
        collection = group_collection(COPRO[group])
        assert set(export.objects(collection, SKOS.member)) == {COPRO[m] for m in members}
        assert english(export, collection), collection
    assert not found & concepts(export)  # S37


def test_skosify_keeps_the_collections(export: Graph, skosified: Graph) -> None:
    for collection in export.subjects(RDF.type, SKOS.Collection):
        assert set(export.objects(collection, SKOS.member)) == set(
            skosified.objects(collection, SKOS.member)
        )


def test_skosify_warns_only_that_it_picked_the_glossary(
    export: Graph, caplog: pytest.LogCaptureFixture
) -> None:
    # Two schemes (the glossary's and the deprecated terms'): Skosify names the glossary
    # its default, and has nothing else to say.
    skosify = pytest.importorskip("skosify")
    with caplog.at_level(logging.WARNING):
        skosify.skosify(export)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        f"Multiple concept schemes found. Selecting {COPRO.glossary} as default concept scheme."
    ]


def test_each_notation_system_has_its_own_declared_datatype(export: Graph) -> None:
    """Issue 26: "Notations mix integers, '5(2)(c)' and '2014 anaw 4' with no datatype
    telling them apart." SKOS Reference 6.5: a notation is "a string of characters ...
    used to uniquely identify a concept within the scope of a given concept scheme", by
    convention "a typed literal", the datatype naming the notation system. The ways of
    working's provisions, the Acts' citations and each model's rung numbers are five
    systems, so five datatypes, each declared once with a label and a comment."""
    by_datatype: dict[object, set[str]] = {}
    for concept, notation in export.subject_objects(SKOS.notation):
        assert isinstance(notation, Literal) and notation.datatype is not None, concept
        assert not str(notation.datatype).startswith(str(XSD)), (concept, notation)
        by_datatype.setdefault(notation.datatype, set()).add(str(notation))
    assert len(by_datatype) == 5
    for datatype in by_datatype:
        assert (datatype, RDF.type, RDFS.Datatype) in export
        assert english(export, datatype, RDFS.label) and english(export, datatype, RDFS.comment)
    systems = sorted(sorted(values) for values in by_datatype.values())
    assert ["2014 anaw 4", "2015 anaw 2"] in systems  # the Acts (legislation.gov.uk)
    assert [f"5(2)({p})" for p in "abcde"] in systems  # the 5 ways of working
