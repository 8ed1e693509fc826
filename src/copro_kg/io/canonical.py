"""Deterministic blank node labels: the same graph gives the same labels in any process.

rdflib gives blank nodes random ids (``N3a9f...``), so two runs write different bytes for
the same triples. Every writer of :mod:`copro_kg.io.serialize` and the flat RDF/XML
writer (:mod:`copro_kg.io.rdfxml`) relabels them first with the W3C RDF Dataset
Canonicalization algorithm, RDFC-1.0 (https://www.w3.org/TR/rdf-canon/), as pyoxigraph
implements it: a blank node's label (``c14n0``, ``c14n1`` ...) is decided by hashes of
the quads around it, never by ``PYTHONHASHSEED`` or the order triples were added.

Why not rdflib's ``to_canonical_graph``: it hashes every triple of the graph in Python,
blank or not, and took 9 s for the 47,000 triples of a reasoned 1,000-concept thesaurus
(minutes at 10,000 concepts). Here only the triples that mention a blank node are
canonicalised, in Rust; the others keep their terms as they are.

RDFC-1.0 is about RDF quads, whose subject is an IRI or blank node and whose predicate
is an IRI; ``reason --all`` also writes generalised triples (a literal subject, a blank
node predicate). So every term that is not a blank node enters the algorithm as an IRI
naming its N-Triples form by a digest, and a blank node predicate as the quad's graph
name (RDFC-1.0 hashes blank graph names like any other blank node).

>>> from rdflib import BNode, Graph, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("urn:a"), URIRef("urn:p"), BNode()))
>>> h = Graph()
>>> _ = h.add((URIRef("urn:a"), URIRef("urn:p"), BNode()))
>>> set(canonical(g)) == set(canonical(h))
True
>>> canonical_triples(g)
[(rdflib.term.URIRef('urn:a'), rdflib.term.URIRef('urn:p'), rdflib.term.BNode('c14n0'))]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.term import Node

__all__ = ["Triple", "canonical", "canonical_triples", "has_blank_nodes"]

Triple = tuple[Node, Node, Node]
"""An rdflib triple (generalised: any term in any place)."""
_NAME = "urn:copro-kg:term:"
"""Prefix of the IRIs that stand for a non-blank term inside the algorithm."""
_ANY_PREDICATE = ox.NamedNode(_NAME + "blank-predicate")


def has_blank_nodes(graph: Iterable[Triple]) -> bool:
    """Whether any term of the triples is a blank node."""
    return any(isinstance(t, BNode) for triple in graph for t in triple)


def canonical(graph: Graph, triples: list[Triple] | None = None) -> Graph:
    """``graph`` with canonical blank node labels and the same prefixes.

    A graph without blank nodes is returned as it is (nothing to relabel). ``triples``
    are ``list(graph)`` when the caller has them already (iterating rdflib's store costs
    more than relabelling).
    """
    if triples is None:
        triples = list(graph)
    if not has_blank_nodes(triples):
        return graph
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    add = out.store.add  # rdflib terms already: Graph.add's checks would double the time
    for triple in canonical_triples(triples):
        add(triple, out)
    return out


def canonical_triples(triples: Iterable[Triple]) -> list[Triple]:
    """The triples, their blank nodes relabelled canonically (in no particular order).

    Triples without a blank node are returned unchanged; the others are rebuilt from
    the RDFC-1.0 canonical form of the blank-node part of the graph. RDFC-1.0 reads only
    the quads that mention a blank node, so leaving the ground triples out changes no
    label. Worst-case time is exponential in blank nodes that nothing tells apart
    (RDFC-1.0, Section 4.8); the graphs we write have none of consequence.
    """
    ground: list[Triple] = []
    blank: list[Triple] = []
    for triple in triples:
        s, p, o = triple
        if isinstance(s, BNode) or isinstance(p, BNode) or isinstance(o, BNode):
            blank.append(triple)
        else:
            ground.append(triple)
    if not blank:
        return ground
    names: dict[str, Node] = {}  # IRI standing for a term -> the term
    iris: dict[Node, ox.NamedNode] = {}
    blanks: dict[BNode, ox.BlankNode] = {}

    def encode(term: Node) -> ox.NamedNode | ox.BlankNode:
        if isinstance(term, BNode):
            found_b = blanks.get(term)
            if found_b is None:
                found_b = blanks[term] = ox.BlankNode()
            return found_b
        found = iris.get(term)
        if found is None:
            # n3() is the term's N-Triples form: equal forms are equal rdflib terms
            name = _NAME + hashlib.sha256(term.n3().encode("utf-8")).hexdigest()
            names[name] = term
            found = iris[term] = ox.NamedNode(name)
        return found

    quads = []
    for s, p, o in blank:
        if isinstance(p, BNode):
            quads.append(ox.Quad(encode(s), _ANY_PREDICATE, encode(o), encode(p)))
        else:
            quads.append(ox.Quad(encode(s), encode(p), encode(o)))  # type: ignore[arg-type]
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)

    def decode(term: object) -> Node:
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        return names[term.value]  # type: ignore[attr-defined]

    for quad in dataset:
        graph_name = quad.graph_name
        predicate = (
            BNode(graph_name.value)
            if isinstance(graph_name, ox.BlankNode)
            else decode(quad.predicate)
        )
        ground.append((decode(quad.subject), predicate, decode(quad.object)))
    return ground
