"""Human names for RDF terms: the label a practitioner knows, never a bare IRI if avoidable.

Used by the reasoner's messages and the explanations. Preference order: ``skos:prefLabel``,
then ``rdfs:label``, in the requested language first (English by default), then any
language; then a CURIE from the graph's prefixes; anonymous classes (OWL restrictions,
intersections, unions) are described in words.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import SKOS
>>> g = Graph()
>>> g.add((URIRef("urn:x"), SKOS.prefLabel, Literal("co-design", lang="en")))  # doctest: +ELLIPSIS
<Graph ...>
>>> label(g, URIRef("urn:x"))
'co-design'
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Node
from rdflib.namespace import OWL, RDF, RDFS, SKOS

__all__ = ["describe", "label"]

_LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label)


def label(graph: Graph, node: Node, lang: str = "en") -> str:
    """The best short name of ``node`` in ``graph`` (see module docstring)."""
    if isinstance(node, Literal):
        return f'"{node}"' + (f"@{node.language}" if node.language else "")
    if isinstance(node, BNode):
        return describe(graph, node)
    candidates: list[Literal] = [
        o for prop in _LABEL_PROPERTIES for o in graph.objects(node, prop) if isinstance(o, Literal)
    ]
    for wanted in (lang, None):
        for lit in candidates:
            if wanted is None or lit.language == wanted:
                return str(lit)
    try:
        return graph.namespace_manager.curie(str(node), generate=False)
    except (ValueError, KeyError):
        return str(node)


def describe(graph: Graph, node: Node, depth: int = 0) -> str:
    """Words for an anonymous class (a blank node), e.g. "anything whose 'is part of' is X"."""
    if not isinstance(node, BNode) or depth > 3:
        return label(graph, node) if not isinstance(node, BNode) else "an anonymous class"

    def name(n: Node) -> str:
        return describe(graph, n, depth + 1) if isinstance(n, BNode) else label(graph, n)

    prop = graph.value(node, OWL.onProperty)
    if prop is not None:
        p = f"'{name(prop)}'"
        for pred, phrase in (
            (OWL.someValuesFrom, "anything with some {p} that is {v}"),
            (OWL.allValuesFrom, "anything whose every {p} is {v}"),
            (OWL.hasValue, "anything whose {p} is {v}"),
            (OWL.maxCardinality, "anything with at most {v} {p}"),
            (OWL.maxQualifiedCardinality, "anything with at most {v} {p}"),
        ):
            value = graph.value(node, pred)
            if value is not None:
                shown = str(value) if isinstance(value, Literal) else name(value)
                return phrase.format(p=p, v=shown)
        return f"a restriction on {p}"
    for pred, joiner in ((OWL.intersectionOf, " and "), (OWL.unionOf, " or ")):
        head = graph.value(node, pred)
        if head is not None:
            members = [name(m) for m in graph.items(head)]
            return "(" + joiner.join(members) + ")"
    if (node, RDF.type, OWL.AllDisjointClasses) in graph:
        return "an all-disjoint-classes axiom"
    return "an anonymous node"
