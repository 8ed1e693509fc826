"""Whether a term is current or deprecated, and what replaces it.

The pattern is Skosmos's, skos-history's and the OBO Foundry's: a deprecated IRI stays
(never deleted), with ``owl:deprecated true``, ``dcterms:isReplacedBy`` its replacement and
a ``skos:historyNote`` saying in which release and why. Deprecated concepts leave the
hierarchy, the A-Z, search and the checks that compare current concepts (overlapping
labels, orphans), but keep their page and answer queries.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import OWL
>>> g = Graph()
>>> _ = g.add((URIRef("urn:old"), OWL.deprecated, Literal(True)))
>>> is_deprecated(g, URIRef("urn:old")), is_deprecated(g, URIRef("urn:new"))
(True, False)
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL
from rdflib.term import Node

__all__ = ["deprecated_terms", "is_deprecated", "replacements"]


def is_deprecated(graph: Graph, node: Node) -> bool:
    """True when ``graph`` states ``node owl:deprecated true``."""
    return any(
        isinstance(v, Literal) and v.toPython() is True for v in graph.objects(node, OWL.deprecated)
    )


def deprecated_terms(graph: Graph) -> set[Node]:
    """Every term ``graph`` deprecates."""
    return {s for s in graph.subjects(OWL.deprecated, None) if is_deprecated(graph, s)}


def replacements(graph: Graph, node: Node) -> list[URIRef]:
    """What replaces ``node`` (``dcterms:isReplacedBy``), sorted."""
    return sorted(o for o in graph.objects(node, DCTERMS.isReplacedBy) if isinstance(o, URIRef))
