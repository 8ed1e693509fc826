"""The SKOS integrity conditions of the W3C SKOS Reference (2009) that a graph can break.

S9 and S37 (disjoint classes), S13 (disjoint labels), S14 (one prefLabel per language),
S27 (related vs broaderTransitive) and S46 (exactMatch vs the other matches), under
qSKOS's issue names where qSKOS has one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from rdflib import Literal
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from copro_kg.checks.registry import Check
from copro_kg.checks.skos.view import (
    LABEL_PROPERTIES,
    Problem,
    SkosView,
    show,
    skos_check,
)

__all__ = ["CHECKS"]


@skos_check(
    "S9",
    "Concept that is also a concept scheme",
    "SKOS S9",
    "asserted",
    "skos:ConceptScheme is disjoint with skos:Concept.",
    severity="error",
)
def s9(view: SkosView) -> Iterator[Problem]:
    for node in view.schemes:
        if node in view.concept_set:
            yield Problem(
                f"{view.name(node)} is typed both skos:Concept and "
                "skos:ConceptScheme, which SKOS says are disjoint (S9).",
                view.terms([node]),
            )


@skos_check(
    "S37",
    "Collection that is also a concept or a concept scheme",
    "SKOS S37",
    "asserted",
    "skos:Collection is disjoint with skos:Concept and skos:ConceptScheme.",
    severity="error",
)
def s37(view: SkosView) -> Iterator[Problem]:
    collections = set(view.graph.subjects(RDF.type, SKOS.Collection)) | set(
        view.graph.subjects(RDF.type, SKOS.OrderedCollection)
    )
    for node in sorted(collections, key=str):
        clash = [
            name
            for name, members in (
                ("skos:Concept", view.concept_set),
                ("skos:ConceptScheme", set(view.schemes)),
            )
            if node in members
        ]
        if clash:
            yield Problem(
                f"{view.name(node)} is typed skos:Collection and "
                f"{' and '.join(clash)}, which SKOS says are disjoint (S37).",
                view.terms([node]),
            )


@skos_check(
    "disjoint-labels-violation",
    "Disjoint labels violation",
    "SKOS S13; qSKOS DisjointLabelsViolation (dlv)",
    "asserted",
    "The same text is used as two of prefLabel, altLabel, hiddenLabel of one resource.",
    severity="error",
)
def disjoint_labels(view: SkosView) -> Iterator[Problem]:
    for node in sorted(
        set(view.graph.subjects(SKOS.prefLabel | SKOS.altLabel | SKOS.hiddenLabel, None)), key=str
    ):
        for (p1, n1), (p2, n2) in combinations(
            [
                (p, n)
                for p, n in zip(
                    LABEL_PROPERTIES, ("prefLabel", "altLabel", "hiddenLabel"), strict=True
                )
            ],
            2,
        ):
            for label in sorted(
                set(view.graph.objects(node, p1)) & set(view.graph.objects(node, p2)), key=str
            ):
                yield Problem(
                    f"{view.name(node)} has {show(label)} as both {n1} and {n2}; "
                    "SKOS says a label is of one kind only (S13).",
                    view.terms([node]),
                )


@skos_check(
    "inconsistent-preferred-labels",
    "Inconsistent preferred labels",
    "SKOS S14; qSKOS InconsistentPreferredLabels (ipl)",
    "asserted",
    "A resource has more than one skos:prefLabel in one language.",
    severity="error",
)
def inconsistent_pref_labels(view: SkosView) -> Iterator[Problem]:
    by_resource: dict[tuple[Node, str], set[Node]] = defaultdict(set)
    for node, label in view.graph.subject_objects(SKOS.prefLabel):
        lang = label.language if isinstance(label, Literal) and label.language else ""
        by_resource[(node, lang.lower())].add(label)
    for (node, lang), labels in sorted(
        by_resource.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])
    ):
        if len(labels) > 1:
            shown = ", ".join(show(lbl) for lbl in sorted(labels, key=str))
            where = f"language '{lang}'" if lang else "no language tag"
            yield Problem(
                f"{view.name(node)} has {len(labels)} preferred labels with {where} "
                f"({shown}); SKOS allows one per language (S14).",
                view.terms([node]),
            )


@skos_check(
    "relation-clashes",
    "Relation clashes",
    "SKOS S27; qSKOS RelationClashes (rc)",
    "skos-entailed",
    "Two concepts are both related and hierarchically linked (broaderTransitive).",
    severity="error",
)
def relation_clashes(view: SkosView) -> Iterator[Problem]:
    for a, b in sorted((tuple(sorted(e, key=str)) for e in view.associative.edges), key=str):
        if a == b:
            continue
        if b in view.ancestors(a) or a in view.ancestors(b):
            upper, lower = (b, a) if b in view.ancestors(a) else (a, b)
            yield Problem(
                f"{view.name(lower)} is skos:related to {view.name(upper)}, which "
                "is also one of its broader concepts; SKOS says related and "
                "broaderTransitive are disjoint (S27).",
                view.terms([a, b]),
            )


@skos_check(
    "mapping-clashes",
    "Mapping clashes",
    "SKOS S46; qSKOS MappingClashes (mc)",
    "skos-entailed",
    "Two resources are linked by exactMatch and by broadMatch/narrowMatch/relatedMatch.",
    severity="error",
)
def mapping_clashes(view: SkosView) -> Iterator[Problem]:
    import networkx as nx  # loaded when the check runs (see view.py)

    exact = nx.Graph()
    exact.add_edges_from(view.mapping(SKOS.exactMatch))  # symmetric (S44)
    other = {
        frozenset(p)
        for prop in (SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
        for p in view.mapping(prop)
    }
    for component in nx.connected_components(exact):  # transitive (S45)
        for a, b in combinations(sorted(component, key=str), 2):
            if frozenset((a, b)) in other:
                yield Problem(
                    f"{view.name(a)} and {view.name(b)} are an exactMatch and "
                    "also a broad/narrow/related match; SKOS says exactMatch is "
                    "disjoint with those (S46).",
                    view.terms([a, b]),
                )


CHECKS: tuple[Check, ...] = (
    s9,
    s37,
    disjoint_labels,
    inconsistent_pref_labels,
    relation_clashes,
    mapping_clashes,
)
"""The checks of this family, in the order they run."""
