"""The RDF, RDFS and OWL terms the rules mention, each with a fixed integer id.

The engine encodes every term as an ``int``; these vocabulary terms are registered
first, in this order, so rule code can compare against module constants (``TYPE``,
``SUBCLASS`` ...) instead of looking terms up.

>>> from rdflib.namespace import RDF
>>> TERMS[TYPE] == RDF.type
True
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

__all__ = [
    "BUILTIN_NAMESPACES",
    "CHARACTERISTICS",
    "DATATYPE_SUPERTYPES",
    "OWL_RL_DATATYPES",
    "PROPERTY_KINDS",
    "SCHEMA_PREDICATES",
    "SCHEMA_TYPES",
    "TERMS",
]

TERMS: list[URIRef] = [
    RDF.type,  # 0
    RDF.first,
    RDF.rest,
    RDF.nil,
    RDFS.subClassOf,
    RDFS.subPropertyOf,  # 5
    RDFS.domain,
    RDFS.range,
    OWL.sameAs,
    OWL.differentFrom,
    OWL.equivalentClass,  # 10
    OWL.equivalentProperty,
    OWL.inverseOf,
    OWL.propertyChainAxiom,
    OWL.propertyDisjointWith,
    OWL.disjointWith,  # 15
    OWL.complementOf,
    OWL.intersectionOf,
    OWL.unionOf,
    OWL.oneOf,
    OWL.onProperty,  # 20
    OWL.someValuesFrom,
    OWL.allValuesFrom,
    OWL.hasValue,
    OWL.maxCardinality,
    OWL.maxQualifiedCardinality,  # 25
    OWL.onClass,
    OWL.hasKey,
    OWL.members,
    OWL.distinctMembers,
    OWL.sourceIndividual,  # 30
    OWL.assertionProperty,
    OWL.targetIndividual,
    OWL.targetValue,
    OWL.Thing,
    OWL.Nothing,  # 35
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    RDF.Property,
    OWL.FunctionalProperty,  # 40
    OWL.InverseFunctionalProperty,
    OWL.IrreflexiveProperty,
    OWL.SymmetricProperty,
    OWL.AsymmetricProperty,
    OWL.TransitiveProperty,  # 45
    OWL.AllDifferent,
    OWL.AllDisjointClasses,
    OWL.AllDisjointProperties,
    RDFS.Resource,
    RDFS.Datatype,  # 50
    OWL.AnnotationProperty,
]

(
    TYPE, FIRST, REST, NIL, SUBCLASS, SUBPROP, DOMAIN, RANGE, SAME, DIFFERENT,
    EQCLASS, EQPROP, INVERSE, CHAIN, PROPDISJOINT, DISJOINT, COMPLEMENT, INTERSECTION,
    UNION, ONEOF, ONPROPERTY, SOMEVALUES, ALLVALUES, HASVALUE, MAXCARD, MAXQCARD,
    ONCLASS, HASKEY, MEMBERS, DISTINCTMEMBERS, SOURCEIND, ASSERTIONPROP, TARGETIND,
    TARGETVALUE, THING, NOTHING, CLASS, OBJECTPROP, DATATYPEPROP, PROPERTY,
    FUNCTIONAL, INVFUNCTIONAL, IRREFLEXIVE, SYMMETRIC, ASYMMETRIC, TRANSITIVE,
    ALLDIFFERENT, ALLDISJOINTCLASSES, ALLDISJOINTPROPS, RESOURCE, DATATYPE,
    ANNOTATIONPROP,
) = range(len(TERMS))  # fmt: skip

BUILTIN_NAMESPACES: tuple[str, ...] = (str(RDF), str(RDFS), str(OWL), str(XSD))
"""Namespaces of the built-in vocabularies; their own axioms are not user-visible."""

_RL_XSD = (
    "integer decimal nonNegativeInteger nonPositiveInteger negativeInteger positiveInteger "
    "long int short byte unsignedLong unsignedInt unsignedShort unsignedByte float double "
    "string normalizedString token language Name NCName NMTOKEN boolean hexBinary "
    "base64Binary anyURI dateTimeStamp dateTime"
)
OWL_RL_DATATYPES: frozenset[URIRef] = frozenset(
    [XSD[name] for name in _RL_XSD.split()] + [RDFS.Literal, RDF.XMLLiteral, RDF.PlainLiteral]
)
"""The datatypes OWL 2 RL supports (Profiles, Section 4.2, "Entities"): rules dt-type1/2.

Exactly the profile's list: ``xsd:date``, ``xsd:time``, ``rdf:langString`` and
``rdf:HTML`` are not in it (nor in the OWL 2 datatype map), so their literals are not
typed."""

_CHAINS = (
    "byte short int long integer decimal",
    "unsignedByte unsignedShort unsignedInt unsignedLong nonNegativeInteger integer decimal",
    "positiveInteger nonNegativeInteger",
    "negativeInteger nonPositiveInteger integer decimal",
    "dateTimeStamp dateTime",
    "language token normalizedString string",
    "Name token",
    "NCName Name",
    "NMTOKEN token",
)


def _supertypes() -> dict[URIRef, frozenset[URIRef]]:
    # XML Schema Part 2 derivation chains; each datatype's value space is included in
    # those after it, so a literal of the first is also a literal of the others.
    edges: dict[URIRef, set[URIRef]] = {}
    for chain in _CHAINS:
        names = chain.split()
        for i, name in enumerate(names):
            edges.setdefault(XSD[name], set()).update(XSD[n] for n in names[i + 1 :])
    changed = True
    while changed:  # transitive closure of a tiny table
        changed = False
        for sups in edges.values():
            extra = set().union(*(edges.get(s, set()) for s in sups)) - sups
            if extra:
                sups |= extra
                changed = True
    return {dt: frozenset(sups) for dt, sups in edges.items()}


DATATYPE_SUPERTYPES: dict[URIRef, frozenset[URIRef]] = _supertypes()
"""Datatype -> the datatypes whose value space includes it (``xsd:int`` -> ``xsd:long`` ...)."""

# ---------------------------------------------------------------- groupings the rules use
SCHEMA_PREDICATES: frozenset[int] = frozenset({
    SUBCLASS, SUBPROP, DOMAIN, RANGE, EQCLASS, EQPROP, INVERSE, CHAIN, PROPDISJOINT,
    DISJOINT, COMPLEMENT, INTERSECTION, UNION, ONEOF, ONPROPERTY, SOMEVALUES, ALLVALUES,
    HASVALUE, MAXCARD, MAXQCARD, ONCLASS, HASKEY, FIRST, REST, MEMBERS, DISTINCTMEMBERS,
})  # fmt: skip
"""Predicates of schema triples: asserted ones go first on the agenda."""

CHARACTERISTICS: frozenset[int] = frozenset(
    {TRANSITIVE, SYMMETRIC, FUNCTIONAL, INVFUNCTIONAL, IRREFLEXIVE, ASYMMETRIC}
)
"""Property characteristics (``p rdf:type owl:TransitiveProperty`` ...)."""

PROPERTY_KINDS: frozenset[int] = frozenset({OBJECTPROP, DATATYPEPROP, PROPERTY})
SCHEMA_TYPES: frozenset[int] = PROPERTY_KINDS | CHARACTERISTICS | {
    CLASS, ALLDIFFERENT, ALLDISJOINTCLASSES, ALLDISJOINTPROPS,
}  # fmt: skip
"""Classes whose ``x rdf:type`` triples are schema triples."""
