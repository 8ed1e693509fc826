"""Our IRIs differ in more than letter case (issue 26).

``copro:Coercion`` (a class) and ``copro:coercion`` (a concept) were two resources whose
IRIs differed only by case: fragile for people, for case-insensitive file systems (a site
page or an export per resource) and for tools that fold case. 0.2.0 renamed one of each
pair; the old IRI stays, deprecated (``owl:deprecated true``, ``dcterms:isReplacedBy``,
``skos:historyNote``), so that links to it still resolve -- the only place a case twin may
remain.
"""

from __future__ import annotations

import re
from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from copro_kg.namespace import BASE, COPRO
from copro_kg.prefixes import MAPPED_MODELS


def deprecated(graph: Graph, node: URIRef) -> bool:
    return any(
        isinstance(v, Literal) and v.toPython() is True for v in graph.objects(node, OWL.deprecated)
    )


def test_no_two_iris_differ_only_by_case(glossary: Graph) -> None:
    ours = {t for triple in glossary for t in triple if isinstance(t, URIRef)}
    ours = {t for t in ours if str(t).startswith(BASE)}
    by_folded: dict[str, set[URIRef]] = defaultdict(set)
    for iri in ours:
        by_folded[str(iri).casefold()].add(iri)
    twins = [sorted(group) for group in by_folded.values() if len(group) > 1]
    assert len(ours) > 250
    # Every remaining pair has a deprecated member, kept only so that old links resolve.
    live_twins = [group for group in twins if sum(not deprecated(glossary, i) for i in group) > 1]
    assert live_twins == []


def test_each_renamed_iri_is_deprecated_with_its_replacement(glossary: Graph) -> None:
    renamed = [
        s
        for s in glossary.subjects(OWL.deprecated, None)
        if isinstance(s, URIRef) and deprecated(glossary, s)
    ]
    assert len(renamed) >= 41  # 10 case twins, 5 headings, 23 + 3 IRIs of the mapped models
    for old in renamed:
        (new,) = set(glossary.objects(old, DCTERMS.isReplacedBy))
        assert not deprecated(glossary, new), old
        assert set(glossary.predicate_objects(new)), new  # the replacement is described
        (note,) = set(glossary.objects(old, SKOS.historyNote))
        # "the release and the reason in its first words" (ontology/README.md)
        assert re.match(r"Deprecated in (\d+\.\d+\.\d+|the release after \d+\.\d+\.\d+): ", note), (
            old
        )


def test_each_mapped_model_has_a_uri_space_of_its_own(glossary: Graph) -> None:
    """Issue 26: mapping "targets in their own schemes and URI spaces". Skosmos files an IRI
    under the vocabulary whose ``void:uriSpace`` equals its namespace -- the IRI without its
    last segment -- before it tries the URI spaces as prefixes (``Model::guessVocabularyFromURI``),
    so each model's concepts must share one namespace that is not the glossary's."""
    for prefix, space in MAPPED_MODELS.items():
        schemes = [
            s for s in glossary.subjects(RDF.type, SKOS.ConceptScheme) if str(s).startswith(space)
        ]
        assert len(schemes) == 1, prefix
        members = set(glossary.subjects(SKOS.inScheme, schemes[0]))
        assert members, prefix
        assert {str(c).rsplit("/", 1)[0] + "/" for c in members} == {space}
    glossary_terms = set(glossary.subjects(SKOS.inScheme, COPRO.glossary))
    for prop in (SKOS.closeMatch, SKOS.relatedMatch, SKOS.broadMatch):
        for source, target in glossary.subject_objects(prop):
            if source in glossary_terms and str(target).startswith(BASE):
                assert str(target).startswith(tuple(MAPPED_MODELS.values())), target
                assert not deprecated(glossary, target), target
