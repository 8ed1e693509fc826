"""Human names for RDF terms, by one rule used by every face of copro-kg.

The CLI's tables, the explanations, the graphs, the site and the exports all name a term
with :func:`label`, so a concept is called the same everywhere. The rule:

1. ``skos:prefLabel`` before ``rdfs:label``, but language first: a label in the asked
   language (English by default) beats an untagged one, which beats any other language;
2. ties (two labels of the same rank) go to the smallest string, so the answer never
   depends on the order rdflib's store happens to hold triples in;
3. no label: a CURIE (:func:`curie`), else the IRI; in a sentence, a relation without a
   label reads in its standard wording (:func:`relation_label`: ``rdfs:subClassOf`` is
   "is a kind of");
4. literals are shown quoted, blank nodes (OWL restrictions, unions …) in words
   (:func:`describe`).

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS, SKOS
>>> g = Graph()
>>> x = URIRef("urn:x")
>>> _ = g.add((x, SKOS.prefLabel, Literal("cyd-ddylunio", lang="cy")))
>>> _ = g.add((x, RDFS.label, Literal("co-design", lang="en")))
>>> label(g, x), label(g, x, lang="cy")
('co-design', 'cyd-ddylunio')
>>> label(g, RDFS.subClassOf), relation_label(g, RDFS.subClassOf)
('rdfs:subClassOf', 'is a kind of')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from copro_kg.namespace import ISOTHES, PREFIXES

__all__ = [
    "STANDARD_LABELS",
    "curie",
    "describe",
    "label",
    "label_in",
    "label_or_none",
    "local_name",
    "relation_label",
]

_LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label)

STANDARD_LABELS: Mapping[Node, str] = {
    RDF.type: "is a",
    RDFS.subClassOf: "is a kind of",
    RDFS.subPropertyOf: "is a sub-property of",
    OWL.equivalentClass: "same as",
    OWL.disjointWith: "is disjoint with",
    SKOS.broader: "has broader",
    SKOS.narrower: "has narrower",
    SKOS.related: "is related to",
    SKOS.exactMatch: "exact match",
    SKOS.closeMatch: "close match",
    SKOS.broadMatch: "broad match",
    SKOS.narrowMatch: "narrow match",
    SKOS.relatedMatch: "related match",
    ISOTHES.broaderGeneric: "is a kind of",
    ISOTHES.broaderPartitive: "is part of",
    ISOTHES.broaderInstantial: "is an instance of",
}
"""How the well-known relations read in a sentence when the graph gives no label."""


def _rank(value: Literal, prop_rank: int, lang: str) -> tuple[int, int, str, str]:
    if value.language == lang:
        lang_rank = 0
    elif value.language is None:
        lang_rank = 1
    else:
        lang_rank = 2
    return (lang_rank, prop_rank, value.language or "", str(value))


def label_or_none(graph: Graph, node: Node, lang: str = "en") -> str | None:
    """The best label ``node`` has in ``graph`` by the module's rule, or None."""
    best: tuple[int, int, str, str] | None = None
    for prop_rank, prop in enumerate(_LABEL_PROPERTIES):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal):
                ranked = _rank(value, prop_rank, lang)
                if best is None or ranked < best:
                    best = ranked
    return best[3] if best is not None else None


def label_in(graph: Graph, node: Node, lang: str = "en") -> str | None:
    """The label of ``node`` in exactly ``lang``, or None: never another language's.

    The module's rule restricted to labels tagged ``lang`` (for English, untagged ones
    after them), and to ``skos:prefLabel`` for any language but English. Never an
    ``rdfs:label`` in another language: SKOS makes every ``skos:altLabel`` an
    ``rdfs:label``, so in a closure a Welsh alternative label would otherwise pass for
    the Welsh name.

    >>> g = Graph()
    >>> x = URIRef("urn:x")
    >>> _ = g.add((x, RDFS.label, Literal("Cynnwys", lang="cy")))
    >>> _ = g.add((x, SKOS.prefLabel, Literal("Involvement", lang="en")))
    >>> label_in(g, x, "cy") is None, label_in(g, x)
    (True, 'Involvement')
    """
    props = _LABEL_PROPERTIES if lang == "en" else (SKOS.prefLabel,)
    best: tuple[int, int, str, str] | None = None
    for prop_rank, prop in enumerate(props):
        for value in graph.objects(node, prop):
            if not isinstance(value, Literal):
                continue
            if value.language == lang or (lang == "en" and value.language is None):
                ranked = _rank(value, prop_rank, lang)
                if best is None or ranked < best:
                    best = ranked
    return best[3] if best is not None else None


def label(graph: Graph, node: Node, lang: str = "en") -> str:
    """The name to show for ``node`` (see the module docstring for the rule)."""
    if isinstance(node, Literal):
        return f'"{node}"' + (f"@{node.language}" if node.language else "")
    if isinstance(node, BNode):
        return describe(graph, node)
    found = label_or_none(graph, node, lang)
    if found is not None:
        return found
    # Not STANDARD_LABELS: those read well inside a sentence (relation_label), but as the
    # name of a term two relations would share one ("is part of" is both copro:isPartOf
    # and iso-thes:broaderPartitive), and an explanation must tell them apart.
    return curie(node, graph)


def relation_label(graph: Graph, prop: Node, lang: str = "en") -> str:
    """A property's name as it reads in a sentence: its label, the standard wording, or
    its local name split into words (``nextPhase`` -> "next phase"), never an IRI.

    >>> relation_label(Graph(), URIRef("https://w3id.org/copro-kg/nextPhase"))
    'next phase'
    """
    found = label_or_none(graph, prop, lang)
    if found is not None:
        return found
    if prop in STANDARD_LABELS:
        return STANDARD_LABELS[prop]
    local = local_name(str(prop))
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("-", " ").lower() or str(prop)


def curie(node: Node | str, namespaces: Graph | Mapping[str, object] | None = None) -> str:
    """``prefix:local`` for an IRI under a known namespace, else ``<iri>``.

    The project's own prefixes (:data:`copro_kg.namespace.PREFIXES`) are tried first so
    messages name our terms the same way whatever a user's file binds; then the
    prefixes of ``namespaces`` (a graph's, or a mapping). The longest namespace wins, and
    a local part that would not be a valid Turtle name keeps the full IRI. SPARQL
    results, messages and explanations all name terms with it.

    >>> curie(URIRef("https://w3id.org/copro-kg/co-design"))
    'copro:co-design'
    >>> curie(URIRef("https://example.org/a b"))
    '<https://example.org/a b>'
    """
    text = str(node)
    if isinstance(node, Literal | BNode):
        return text
    tables: list[Iterable[tuple[str, object]]] = [PREFIXES.items()]
    if isinstance(namespaces, Graph):
        tables.append(namespaces.namespaces())
    elif namespaces is not None:
        tables.append(namespaces.items())
    for table in tables:
        best_ns, best_prefix = "", ""
        for prefix, ns in table:
            ns_text = str(ns)
            if prefix and text.startswith(ns_text) and len(ns_text) > len(best_ns):
                best_ns, best_prefix = ns_text, prefix
        local = text[len(best_ns) :]
        # An empty local part is a valid prefixed name too (Turtle's PNAME_NS: "copro:").
        if (
            best_ns
            and re.fullmatch(r"([A-Za-z0-9_][A-Za-z0-9_.-]*)?", local)
            and not local.endswith(".")
        ):
            return f"{best_prefix}:{local}"
    return f"<{text}>"


def local_name(iri: str | URIRef) -> str:
    """The last segment of an IRI (after ``#``, ``/`` or ``:``).

    >>> local_name("https://w3id.org/copro-kg/co-design")
    'co-design'
    """
    text = str(iri)
    return re.split(r"[#/:]", text.rstrip("/#"))[-1] or text


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
