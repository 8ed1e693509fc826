"""Graph isomorphism for the tests, decided by pyoxigraph's blank-node canonicalisation.

The question is rdflib.compare.isomorphic's: are two graphs the same set of triples up to a
renaming of blank nodes (RDF 1.1 Concepts, 3.6 "Graph Comparison")? rdflib answers it in
pure Python, 4-6 s for each comparison of the full export, which several modules make
(issue 29: the suite's time budget). pyoxigraph canonicalises both graphs in Rust and then
compares them as sets: the same answer in well under a second. A graph pyoxigraph cannot
hold (a generalised triple, a term it refuses) is compared by rdflib, as before.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic as rdflib_isomorphic
from rdflib.term import Node


def _dataset(graph: Graph) -> ox.Dataset:
    """The graph's triples in a pyoxigraph dataset; each blank node a fresh one."""
    blanks: dict[BNode, ox.BlankNode] = {}

    def term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(node, URIRef):
            return ox.NamedNode(str(node))
        if isinstance(node, BNode):
            return blanks.setdefault(node, ox.BlankNode())
        if isinstance(node, Literal):
            if node.language:
                return ox.Literal(str(node), language=node.language)
            if node.datatype:
                return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
            return ox.Literal(str(node))  # RDF 1.1: a plain literal is an xsd:string
        raise TypeError(f"not an RDF term: {node!r}")

    return ox.Dataset(
        ox.Quad(term(s), term(p), term(o), ox.DefaultGraph())  # type: ignore[arg-type]
        for s, p, o in graph.triples((None, None, None))
    )


def isomorphic(first: Graph, second: Graph) -> bool:
    """Whether the two graphs are equal up to blank-node labels (rdflib's ``isomorphic``)."""
    if len(first) != len(second):
        return False
    try:
        datasets = [_dataset(first), _dataset(second)]
    except (TypeError, ValueError):
        return rdflib_isomorphic(first, second)
    for dataset in datasets:
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return datasets[0] == datasets[1]
