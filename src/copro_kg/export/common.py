"""What the export profiles share: the SKOS namespaces, the vocabulary's root header and
the walk that brings blank-node descriptions along.

Kept apart so that :mod:`~copro_kg.export.skos` and :mod:`~copro_kg.export.owl` read the
graph by the same rules (which namespaces count as "SKOS", which ontology header is the
export's) without importing each other.

>>> from rdflib import URIRef
>>> in_skos_namespaces(URIRef("http://www.w3.org/2004/02/skos/core#broader"))
True
"""

from __future__ import annotations

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import BASE, COPRO, ISOTHES

__all__ = [
    "COLLECTION_TYPES",
    "MAIN_ONTOLOGY",
    "MAIN_SCHEME",
    "SCHEMA",
    "SKOS_CLASSES",
    "SKOS_NAMESPACES",
    "add_blank_closure",
    "in_skos_namespaces",
    "root_ontologies",
    "super_properties",
]

SCHEMA = Namespace("https://schema.org/")

MAIN_SCHEME = COPRO.glossary
"""The glossary's concept scheme, the one the ``skos`` profile exports."""

MAIN_ONTOLOGY = URIRef(BASE + "ontology")
"""The shipped ontology's header (``ontology/copro.ttl``)."""

SKOS_NAMESPACES = (str(SKOS), str(ISOTHES), str(DCTERMS))
"""The namespaces the ``skos`` profile may use for predicates (plus rdf:type)."""

COLLECTION_TYPES = frozenset(
    {SKOS.Collection, SKOS.OrderedCollection, ISOTHES.ConceptGroup, ISOTHES.ThesaurusArray}
)
SKOS_CLASSES = frozenset({SKOS.Concept, SKOS.ConceptScheme} | COLLECTION_TYPES)


def in_skos_namespaces(term: Node) -> bool:
    """True for a SKOS, iso-thes or DCMI terms IRI."""
    return isinstance(term, URIRef) and str(term).startswith(SKOS_NAMESPACES)


def super_properties(graph: Graph, prop: Node) -> set[Node]:
    """Every ``rdfs:subPropertyOf`` ancestor of ``prop`` stated in ``graph``."""
    seen: set[Node] = set()
    todo = [prop]
    while todo:
        for sup in graph.objects(todo.pop(), RDFS.subPropertyOf):
            if sup not in seen and sup != prop:
                seen.add(sup)
                todo.append(sup)
    return seen


def root_ontologies(graph: Graph) -> list[Node]:
    """The ontology headers no other loaded ontology imports (``copro.ttl``'s header).

    The shipped ontology is a root that ``owl:imports`` its modules (glossary, spectrum
    ...); all are merged into one graph, so the modules' own headers describe files,
    not the export.
    """
    headers = set(graph.subjects(RDF.type, OWL.Ontology))
    if MAIN_ONTOLOGY in headers:
        # The shipped root; other headers (e.g. skos-integrity.ttl, which copro.ttl leaves
        # out of its imports so HermiT accepts it) describe files of the merged graph.
        return [MAIN_ONTOLOGY]
    imported = {o for h in headers for o in graph.objects(h, OWL.imports)}
    return sorted(headers - imported, key=str) or sorted(headers, key=str)


def add_blank_closure(graph: Graph, out: Graph) -> None:
    """Bring along the description of every blank node ``out`` points at.

    An ``skos:memberList`` is an rdf:List; a ``dcterms:creator`` may be a blank node
    with a name. Without their triples the export would hold dangling blank nodes.
    """
    todo = [o for o in out.objects() if isinstance(o, BNode)]
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
