"""The SHACL shapes of our editorial rules (issue 3): the shipped graph conforms, and each rule
bites.

Each negative case breaks one rule of issue 3's "Editorial checks" on its own node of a copy of the
shipped graph; one pySHACL run over the copy must report every broken node. Without these the
zero-violation result could come from shapes that check nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS

from copro_kg.namespace import PREFIXES
from copro_kg.resources import SHAPES_FILE

C = "https://w3id.org/copro-kg/"
BROADER_GENERIC = URIRef("http://purl.org/iso25964/skos-thes#broaderGeneric")


def c(slug: str) -> URIRef:
    return URIRef(C + slug)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


def validate(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True
    )
    return bool(conforms), results


def test_shipped_graph_has_zero_violations(glossary: Graph, shapes: Graph) -> None:
    """Issue 3 done-when: 'pySHACL reports zero violations'."""
    conforms, results = validate(glossary, shapes)
    assert conforms, results.serialize(format="turtle")


Break = Callable[[Graph], object]

# case -> (how to break the graph, the node(s) a violation must name as focus node or value)
CASES: dict[str, tuple[Break, set[URIRef]]] = {
    # "Every concept has exactly one English prefLabel"
    "no-english-preflabel": (
        lambda g: g.remove((c("co-design"), SKOS.prefLabel, None)),
        {c("co-design")},
    ),
    "two-english-preflabels": (
        lambda g: g.add((c("co-evaluation"), SKOS.prefLabel, Literal("Evaluation", lang="en"))),
        {c("co-evaluation")},
    ),
    # "a definition or a scope note"
    "no-definition-or-scope-note": (
        lambda g: (
            g.remove((c("co-delivery"), SKOS.definition, None)),
            g.remove((c("co-delivery"), SKOS.scopeNote, None)),
        ),
        {c("co-delivery")},
    ),
    # "is in the scheme"
    "not-in-scheme": (
        lambda g: g.remove((c("consultation"), SKOS.inScheme, None)),
        {c("consultation")},
    ),
    # "has a broader term or is a top concept"
    "orphan": (lambda g: g.remove((c("information"), BROADER_GENERIC, None)), {c("information")}),
    # "no label collisions": within a concept (SKOS S13) and between concepts of the scheme
    "pref-also-alt": (
        lambda g: g.add((c("co-planning"), SKOS.altLabel, Literal("Co-planning", lang="en"))),
        {c("co-planning")},
    ),
    "label-collision": (
        lambda g: g.add((c("participation"), SKOS.altLabel, Literal("Education", lang="en"))),
        {c("participation"), c("education")},
    ),
    # "every distinction names a criterion"
    "distinction-without-criterion": (
        lambda g: g.remove(
            (c("distinction-consultation-not-information"), c("distinguishingCriterion"), None)
        ),
        {c("distinction-consultation-not-information")},
    ),
    # "every example sits under a level", described only by its features
    "example-without-level": (
        lambda g: g.remove((c("example-survey"), c("glossaryLevel"), None)),
        {c("example-survey")},
    ),
    "example-level-not-on-spectrum": (
        lambda g: (
            g.remove((c("example-news"), c("glossaryLevel"), None)),
            g.add((c("example-news"), c("glossaryLevel"), c("CommunityEngagement"))),
        ),
        {c("example-news")},
    ),
    "example-typed-with-its-level": (
        lambda g: g.add((c("example-fixmystreet"), RDF.type, c("ConsultationActivity"))),
        {c("example-fixmystreet")},
    ),
    # Welsh labels only with their source (domain.md rule)
    "welsh-label-without-source": (
        lambda g: g.add(
            (c("co-decision-making"), SKOS.altLabel, Literal("Cyd-benderfynu", lang="cy"))
        ),
        {c("co-decision-making")},
    ),
    # mappings are ours and say why
    "mapping-without-note": (
        lambda g: g.add((c("persuasion"), SKOS.closeMatch, PREFIXES["iap2"]["consult"])),
        {c("persuasion")},
    ),
    # a criterion's value belongs to its feature
    "criterion-value-of-wrong-feature": (
        lambda g: (
            g.remove((c("criterion-information-communication"), c("requiresValue"), None)),
            g.add(
                (
                    c("criterion-information-communication"),
                    c("requiresValue"),
                    c("decisions-together"),
                )
            ),
        ),
        {c("criterion-information-communication")},
    ),
    # spectrum levels carry their position
    "level-without-position": (
        lambda g: g.remove((c("involvement"), c("spectrumPosition"), None)),
        {c("involvement")},
    ),
}


def test_each_editorial_rule_reports_its_violation(glossary: Graph, shapes: Graph) -> None:
    broken = Graph()
    broken += glossary
    for breaker, _ in CASES.values():
        breaker(broken)
    conforms, results = validate(broken, shapes)
    assert not conforms
    named = {
        node
        for result in results.subjects(RDF.type, SH.ValidationResult)
        for node in (results.value(result, SH.focusNode), results.value(result, SH.value))
    }
    unnoticed = [case for case, (_, nodes) in CASES.items() if not nodes & named]
    assert not unnoticed, f"the shapes did not notice: {unnoticed}"
