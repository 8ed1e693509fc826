"""Edge simplification: drop the edges of a closure that another drawn edge already says.

A closure is mostly redundancy for a reader: ``skos:narrower`` restates ``skos:broader``,
``skos:broader`` restates ``iso-thes:broaderGeneric``, transitivity restates a path.
:func:`simplify` keeps one edge per statement; :data:`NEVER_DRAWN` lists the predicates
that never make an edge at all. The rules (in :func:`copro_kg.viz.convert.to_networkx`'s
docstring too) come from SKOS and ISO 25964, which define the inverse and
super-property pairs used here.

>>> from rdflib import Graph, URIRef
>>> from rdflib.namespace import SKOS
>>> a, b = URIRef("urn:a"), URIRef("urn:b")
>>> kept = simplify(Graph(), [(a, SKOS.broader, b, False), (b, SKOS.narrower, a, True)])
>>> [(str(s), str(p).split("#")[-1], str(o)) for s, p, o, _ in kept]
[('urn:a', 'broader', 'urn:b')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import COPRO, ISOTHES

__all__ = ["NEVER_DRAWN", "Candidate", "simplify"]

Candidate = tuple[Node, Node, Node, bool]
"""An edge that may be drawn: subject, predicate, object, inferred?"""

NEVER_DRAWN = frozenset(
    {
        OWL.sameAs,
        OWL.differentFrom,
        SKOS.inScheme,
        SKOS.topConceptOf,
        SKOS.hasTopConcept,
        SKOS.semanticRelation,
        SKOS.broaderTransitive,
        SKOS.narrowerTransitive,
        SKOS.mappingRelation,
        RDFS.seeAlso,
        RDFS.isDefinedBy,
    }
)
"""Predicates that never make an edge in a picture: bookkeeping (scheme membership),
identity noise (owlrl asserts every node owl:sameAs itself) and SKOS's transitive
super-properties, which only restate the drawn broader/narrower path."""

# Downward relations restate their upward inverse; the picture draws "up" only
# (part -> whole, specific -> generic), as thesaurus displays do.
_DOWNWARD = frozenset(
    {
        SKOS.narrower,
        ISOTHES.narrowerGeneric,
        ISOTHES.narrowerPartitive,
        ISOTHES.narrowerInstantial,
        COPRO.hasPart,
    }
)

# The upward relation each downward one inverts (SKOS and ISO 25964 define them so).
_UPWARD_OF: dict[Node, set[Node]] = {
    SKOS.narrower: {SKOS.broader},
    ISOTHES.narrowerGeneric: {ISOTHES.broaderGeneric},
    ISOTHES.narrowerPartitive: {ISOTHES.broaderPartitive, COPRO.isPartOf},
    ISOTHES.narrowerInstantial: {ISOTHES.broaderInstantial},
    COPRO.hasPart: {COPRO.isPartOf, ISOTHES.broaderPartitive},
}


def simplify(graph: Graph, edges: Sequence[Candidate]) -> Iterator[Candidate]:
    """The ``edges`` worth drawing, in their order (the rules: ``to_networkx``).

    ``graph`` is the closure the edges come from: it says which properties are symmetric,
    transitive, inverse or super-properties of one another.
    """
    present = {(s, p, o) for s, p, o, _ in edges}
    symmetric = set(graph.subjects(RDF.type, OWL.SymmetricProperty)) | {SKOS.related}
    transitive = set(graph.subjects(RDF.type, OWL.TransitiveProperty)) | {RDFS.subClassOf}
    inverse_of: dict[Node, set[Node]] = defaultdict(set)
    for a, b in graph.subject_objects(OWL.inverseOf):
        inverse_of[a].add(b)
        inverse_of[b].add(a)
    super_props: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
        if sub != sup:
            super_props[sub].add(sup)
    sub_classes: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if sub != sup:
            sub_classes[sup].add(sub)

    by_pair: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    for s, p, o in present:
        by_pair[(s, o)].add(p)
    asserted_by = {(s, p, o): not inf for s, p, o, inf in edges}
    stated: dict[Node, int] = defaultdict(int)
    for _, p, _, inf in edges:
        if not inf:
            stated[p] += 1

    kept: list[Candidate] = []
    for s, p, o, is_inferred in edges:
        if s == o:
            continue
        inverses = inverse_of.get(p, set()) | _UPWARD_OF.get(p, set())
        if p in _DOWNWARD and any((o, inv, s) in present for inv in inverses):
            continue  # drawn upward instead
        if (
            is_inferred
            and p not in symmetric
            and any(
                (o, inv, s) in present
                and inv not in _DOWNWARD
                and (asserted_by[(o, inv, s)] or stated[inv] > stated[p])
                for inv in inverses
            )
        ):
            # The inverse of a drawn edge says nothing new: keep the asserted one, or
            # the direction the files use more ("shares more power than", not "less").
            continue
        if p in symmetric and (o, p, s) in present:
            # One line per pair: the asserted direction, else the one in IRI order.
            mine, theirs = asserted_by[(s, p, o)], asserted_by[(o, p, s)]
            if (theirs and not mine) or (mine == theirs and str(s) > str(o)):
                continue
        if is_inferred and any(p in super_props[q] for q in by_pair[(s, o)] if q != p):
            continue
        if (
            is_inferred
            and p == RDF.type
            and any((s, RDF.type, sub) in present for sub in sub_classes[o])
        ):
            continue
        kept.append((s, p, o, is_inferred))

    # Transitive reduction of inferred edges only: an inferred a->c is dropped when a
    # path a->b->c of kept edges of the same relation already shows it.
    out_by_pred: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o, _ in kept:
        out_by_pred[p][s].add(o)
    for s, p, o, is_inferred in kept:
        if is_inferred and p in transitive and _reachable_indirectly(out_by_pred[p], s, o):
            continue
        yield s, p, o, is_inferred


def _reachable_indirectly(adj: dict[Node, set[Node]], start: Node, goal: Node) -> bool:
    """Is ``goal`` reachable from ``start`` by a path of two or more edges?"""
    seen: set[Node] = set()
    stack = [n for n in adj.get(start, ()) if n != goal]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for nxt in adj.get(node, ()):
            if nxt == goal:
                return True
            if nxt not in seen and nxt != start:
                stack.append(nxt)
    return False
