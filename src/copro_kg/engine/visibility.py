"""Which inferred triples a user sees: the exact rule for what the reasoner hides.

OWL 2 RL entails many triples that are true of *everything* or are about the RDF/OWL
vocabulary itself; owlrl writes them all (about four in five of its output triples on
the glossary). An **inferred** triple is hidden, unless ``keep_all`` / ``--all`` is
given, when it falls in one of these categories (asserted triples are never hidden):

``generalised``
    Not RDF 1.1: a literal subject (``"x"@en owl:sameAs "x"@en``, ``"3"^^xsd:int a
    xsd:int``) or a predicate that is not an IRI. Writers for N-Triples and RDF/XML
    reject them.
``reflexive``
    A tautology true of every term: ``x owl:sameAs x``, ``c rdfs:subClassOf c``,
    ``c owl:equivalentClass c``, ``p rdfs:subPropertyOf p``, ``p owl:equivalentProperty p``.
``top-bottom``
    True of everything by the meaning of ``owl:Thing``/``owl:Nothing``/``rdfs:Resource``:
    ``x rdf:type owl:Thing``, ``x rdf:type rdfs:Resource``, ``c rdfs:subClassOf owl:Thing``,
    ``c rdfs:subClassOf rdfs:Resource``, ``owl:Nothing rdfs:subClassOf c``.
``vocabulary``
    The built-in vocabularies' own axioms: the subject is an IRI in the ``rdf:``,
    ``rdfs:``, ``owl:`` or ``xsd:`` namespace (``owl:Thing a owl:Class``,
    ``rdfs:label a owl:AnnotationProperty``, ``xsd:string a rdfs:Datatype``).

Nothing else is hidden; ``tests/test_reasoning.py`` checks that every hidden triple
falls in one of these four categories.

>>> from rdflib import URIRef
>>> from rdflib.namespace import OWL, RDF
>>> hidden_reason(URIRef("urn:a"), RDF.type, OWL.Thing)
'top-bottom'
>>> hidden_reason(URIRef("urn:a"), RDF.type, URIRef("urn:C")) is None
True
"""

from __future__ import annotations

from rdflib import Literal, Node, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .vocab import BUILTIN_NAMESPACES

__all__ = ["CATEGORIES", "hidden_reason", "is_builtin"]

CATEGORIES: tuple[str, ...] = ("generalised", "reflexive", "top-bottom", "vocabulary")
"""The names :func:`hidden_reason` can return, in the order they are tested."""

_REFLEXIVE = frozenset(
    {OWL.sameAs, RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf, OWL.equivalentProperty}
)
_TOP = frozenset({OWL.Thing, RDFS.Resource})


def is_builtin(term: Node) -> bool:
    """Whether ``term`` is an IRI of the rdf:, rdfs:, owl: or xsd: vocabulary."""
    return isinstance(term, URIRef) and str(term).startswith(BUILTIN_NAMESPACES)


def hidden_reason(s: Node, p: Node, o: Node) -> str | None:
    """The category (see module docstring) an inferred triple is hidden for, or None."""
    if isinstance(s, Literal) or not isinstance(p, URIRef):
        return "generalised"
    if s == o and p in _REFLEXIVE:
        return "reflexive"
    if (p == RDF.type and o in _TOP) or (p == RDFS.subClassOf and (o in _TOP or s == OWL.Nothing)):
        return "top-bottom"
    if is_builtin(s):
        return "vocabulary"
    return None
