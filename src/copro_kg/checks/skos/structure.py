"""qSKOS structural issues: how concepts hang together (hierarchy, relations, schemes).

Check ids are qSKOS's issue names in kebab case (``orphan-concepts`` is qSKOS
``OrphanConcepts``, code ``oc``; see https://github.com/cmader/qSKOS/wiki/Quality-Issues).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib.namespace import SKOS
from rdflib.term import Node

from copro_kg.checks.registry import Check
from copro_kg.checks.skos.view import (
    MAPPING_PROPERTIES,
    RECIPROCALS,
    Problem,
    SkosView,
    skos_check,
)

__all__ = ["CHECKS"]


@skos_check(
    "orphan-concepts",
    "Orphan concepts",
    "qSKOS OrphanConcepts (oc)",
    "skos-entailed",
    "A concept has no semantic relation (broader, narrower, related or a mapping) "
    "to another concept.",
    severity="info",
)
def orphans(view: SkosView) -> Iterator[Problem]:
    for node in view.concepts:
        if node in view.deprecated:
            continue  # a deprecated concept leaves the hierarchy (Skosmos, OBO)
        if node not in view.links or not any(n != node for n in view.links[node]):
            yield Problem(
                f"Concept {view.name(node)} has no broader, narrower, related or mapped concept.",
                view.terms([node]),
            )


@skos_check(
    "disconnected-concept-clusters",
    "Disconnected concept clusters",
    "qSKOS DisconnectedConceptClusters (dcc)",
    "skos-entailed",
    "A group of concepts is linked among itself but not to the rest of the "
    "vocabulary (single concepts are reported as orphans).",
    severity="info",
)
def clusters(view: SkosView) -> Iterator[Problem]:
    import networkx as nx  # loaded when the check runs (see view.py)

    links = nx.Graph()
    links.add_nodes_from(c for c in view.concepts if c not in view.deprecated)
    links.add_edges_from(
        (a, b)
        for a, b in view.links.edges
        if a in links and b in links and a in view.concept_set and b in view.concept_set
    )
    parts = sorted(
        (sorted(c, key=str) for c in nx.connected_components(links) if len(c) > 1),
        key=lambda c: (-len(c), str(c[0])),
    )
    for part in parts[1:]:  # the largest cluster is the vocabulary itself
        names = ", ".join(view.name(n) for n in part)
        yield Problem(
            f"{len(part)} concepts ({names}) are linked to each other but not to "
            f"the main body of {len(parts[0])} concepts.",
            view.terms(part),
        )


@skos_check(
    "cyclic-hierarchical-relations",
    "Cyclic hierarchical relations",
    "qSKOS CyclicHierarchicalRelations (chr)",
    "skos-entailed",
    "Following broader links leads back to where it started.",
)
def cycles(view: SkosView) -> Iterator[Problem]:
    import networkx as nx  # loaded when the check runs (see view.py)

    for component in sorted(
        (
            sorted(c, key=str)
            for c in nx.strongly_connected_components(view.hierarchy)
            if len(c) > 1
        ),
        key=lambda c: str(c[0]),
    ):
        names = ", ".join(view.name(n) for n in component)
        yield Problem(
            f"The broader relations between {names} form a cycle: each is broader than itself.",
            view.terms(component),
        )


@skos_check(
    "reflexively-related-concepts",
    "Reflexively related concepts",
    "qSKOS ReflexivelyRelatedConcepts (rrc)",
    "skos-entailed",
    "A concept is broader than, narrower than or related to itself.",
)
def reflexive(view: SkosView) -> Iterator[Problem]:
    nodes = {a for a, b in view.hierarchy.edges if a == b} | {
        a for a, b in view.associative.edges if a == b
    }
    for node in sorted(nodes, key=str):
        yield Problem(
            f"{view.name(node)} is related to itself.",
            view.terms([node]),
        )


@skos_check(
    "valueless-associative-relations",
    "Valueless associative relations",
    "qSKOS ValuelessAssociativeRelations (var)",
    "skos-entailed",
    "Two concepts with the same broader concept are also skos:related.",
    severity="info",
)
def valueless(view: SkosView) -> Iterator[Problem]:
    import networkx as nx  # loaded when the check runs (see view.py)

    # Plain skos:related only, as qSKOS: a named sub-property (copro:inspiredBy,
    # copro:fundsWorkOf ...) says something being siblings does not.
    related = nx.Graph()
    related.add_edges_from(view.graph.subject_objects(SKOS.related))
    for a, b in sorted((tuple(sorted(e, key=str)) for e in related.edges), key=str):
        if a == b or a not in view.hierarchy or b not in view.hierarchy:
            continue
        shared = set(view.hierarchy.successors(a)) & set(view.hierarchy.successors(b))
        if shared:
            parents = ", ".join(view.name(n) for n in sorted(shared, key=str))
            yield Problem(
                f"{view.name(a)} and {view.name(b)} are siblings under "
                f"{parents} and also skos:related; the sibling relation already says "
                "so.",
                view.terms([a, b]),
            )


@skos_check(
    "solely-transitively-related-concepts",
    "Solely transitively related concepts",
    "qSKOS SolelyTransitivelyRelatedConcepts (strc)",
    "asserted",
    "broaderTransitive/narrowerTransitive is stated where no chain of broader relations backs it.",
    severity="info",
)
def solely_transitive(view: SkosView) -> Iterator[Problem]:
    pairs = set(view.graph.subject_objects(SKOS.broaderTransitive)) | {
        (o, s) for s, o in view.graph.subject_objects(SKOS.narrowerTransitive)
    }
    for lower, upper in sorted(pairs, key=str):
        if upper not in view.ancestors(lower):
            yield Problem(
                f"{view.name(lower)} is stated to have broaderTransitive "
                f"{view.name(upper)} with no chain of skos:broader between them; "
                "state the broader relations instead.",
                view.terms([lower, upper]),
            )


@skos_check(
    "unidirectionally-related-concepts",
    "Unidirectionally related concepts",
    "qSKOS UnidirectionallyRelatedConcepts (urc)",
    "asserted",
    "A SKOS relation is stated one way but its reciprocal (narrower for broader, "
    "related both ways ...) is neither stated nor entailed by the graph's own "
    "owl:inverseOf / owl:SymmetricProperty axioms; tools that do not reason miss it.",
)
def unidirectional(view: SkosView) -> Iterator[Problem]:
    g = view.graph
    nm = g.namespace_manager
    for forward, backward in RECIPROCALS:
        directions = (
            [(forward, backward)]
            if forward == backward
            else [(forward, backward), (backward, forward)]
        )
        for p, q in directions:
            for s, o in sorted(g.subject_objects(p), key=str):
                if p in MAPPING_PROPERTIES and not (
                    s in view.concept_set and o in view.concept_set
                ):
                    continue  # a mapping into another vocabulary cannot be stated back there
                if s != o and (o, q, s) not in g and not view.declares_reciprocal(p, q):
                    yield Problem(
                        f"{view.name(s)} {nm.normalizeUri(p)} {view.name(o)} is "
                        f"stated, but not {nm.normalizeUri(q)} the other way.",
                        view.terms([s, o]),
                    )


@skos_check(
    "hierarchical-redundancy",
    "Hierarchical redundancy",
    "qSKOS HierarchicalRedundancy (hr)",
    "asserted",
    "A broader relation is stated that already follows from a longer chain.",
    severity="info",
)
def redundancy(view: SkosView) -> Iterator[Problem]:
    import networkx as nx  # loaded when the check runs (see view.py)

    h = view.hierarchy
    # Inside a cycle every edge "follows through another concept": the cycle is the
    # problem, reported once by cyclic-hierarchical-relations.
    in_cycles = {n for c in nx.strongly_connected_components(h) if len(c) > 1 for n in c}
    for lower, upper in sorted(h.edges, key=str):
        if lower == upper or lower in in_cycles or upper in in_cycles:
            continue
        others = [n for n in h.successors(lower) if n not in (upper, lower)]
        if any(upper == n or upper in nx.descendants(h, n) for n in others):
            yield Problem(
                f"{view.name(lower)} is stated to have broader {view.name(upper)}, "
                "which already follows through another broader concept.",
                view.terms([lower, upper]),
            )


@skos_check(
    "mapping-relations-misuse",
    "Mapping relations misuse",
    "qSKOS MappingRelationsMisuse (mri)",
    "asserted",
    "Two concepts of the same scheme are linked by a mapping relation (meant for "
    "links to other vocabularies).",
)
def mapping_misuse(view: SkosView) -> Iterator[Problem]:
    schemes: dict[Node, set[Node]] = defaultdict(set)
    for c, s in view.graph.subject_objects(SKOS.inScheme):
        schemes[c].add(s)
    for c, s in view.graph.subject_objects(SKOS.topConceptOf):
        schemes[c].add(s)
    seen = set()
    for prop in sorted(MAPPING_PROPERTIES, key=str):
        for a, b in sorted(view.mapping(prop), key=str):
            key = frozenset((a, b))
            if key not in seen and schemes.get(a, set()) & schemes.get(b, set()):
                seen.add(key)
                yield Problem(
                    f"{view.name(a)} and {view.name(b)} are in the same concept "
                    "scheme but linked by a mapping relation; use broader/related.",
                    view.terms([a, b]),
                )


@skos_check(
    "top-concepts-having-broader-concepts",
    "Top concepts having broader concepts",
    "qSKOS TopConceptsHavingBroaderConcepts (tchbc)",
    "skos-entailed",
    "A top concept of a scheme also has a broader concept.",
)
def top_with_broader(view: SkosView) -> Iterator[Problem]:
    for scheme, node in sorted(view.top_concepts, key=str):
        parents = [
            n
            for n in (view.hierarchy.successors(node) if node in view.hierarchy else ())
            if n != node
        ]
        if parents:
            shown = ", ".join(view.name(n) for n in sorted(parents, key=str))
            yield Problem(
                f"{view.name(node)} is a top concept of {view.name(scheme)} but "
                f"has broader {shown}.",
                view.terms([node]),
            )


@skos_check(
    "omitted-top-concepts",
    "Omitted top concepts",
    "qSKOS OmittedTopConcepts (otc)",
    "asserted",
    "A concept scheme names no top concept.",
)
def omitted_top(view: SkosView) -> Iterator[Problem]:
    with_top = {s for s, _ in view.top_concepts}
    for scheme in view.schemes:
        if scheme not in with_top:
            yield Problem(
                f"Concept scheme {view.name(scheme)} has no top concept "
                "(skos:hasTopConcept / skos:topConceptOf).",
                view.terms([scheme]),
            )


CHECKS: tuple[Check, ...] = (
    orphans,
    clusters,
    cycles,
    reflexive,
    valueless,
    solely_transitive,
    unidirectional,
    redundancy,
    mapping_misuse,
    top_with_broader,
    omitted_top,
)
"""The checks of this family, in the order they run."""
