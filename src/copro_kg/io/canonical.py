"""Deterministic blank node labels: the same graph gives the same labels in any process.

rdflib gives blank nodes random ids (``N3a9f...``), so two runs write different bytes for
the same triples. Every writer of :mod:`copro_kg.io.serialize` and the flat RDF/XML
writer (:mod:`copro_kg.io.rdfxml`) relabels them first with rdflib's canonicalisation
(Hogan's iso-canonical algorithm: labels are hashes of each node's surroundings), which
does not depend on ``PYTHONHASHSEED``.

>>> from rdflib import BNode, Graph, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("urn:a"), URIRef("urn:p"), BNode()))
>>> h = Graph()
>>> _ = h.add((URIRef("urn:a"), URIRef("urn:p"), BNode()))
>>> set(canonical(g)) == set(canonical(h))
True
"""

from __future__ import annotations

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

__all__ = ["canonical", "has_blank_nodes"]


def has_blank_nodes(graph: Graph) -> bool:
    """Whether any subject or object of ``graph`` is a blank node."""
    return any(isinstance(t, BNode) for triple in graph for t in (triple[0], triple[2]))


def canonical(graph: Graph) -> Graph:
    """``graph`` with canonical blank node labels and the same prefixes.

    A graph without blank nodes is returned as it is (nothing to relabel).
    """
    if not has_blank_nodes(graph):
        return graph
    out = Graph()
    out += to_canonical_graph(graph)
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    return out
