"""The ``owl`` export profile: the OWL ontology for Protégé, owlready2/HermiT and OWL tools.

The OWL ontology: header, classes, properties, axioms, individuals and their annotations.
"SKOS-only noise" left out means: the concept layer (concepts, schemes, collections and
every triple about them), the W3C SKOS / iso-thes vocabulary's own axioms, and properties
that exist only to relate concepts (sub-properties of SKOS relations, or with a SKOS class
as domain). Kept: SKOS *annotations* on classes (definition, prefLabel ...) and
``copro:concept`` links to the concept IRIs. Every entity gets an ``rdfs:label`` (copied
from its ``skos:prefLabel`` when it has none -- Protégé shows ``rdfs:label`` by default)
and every property used is declared, so OWL parsers need no guessing.

>>> from copro_kg import load
>>> from rdflib.namespace import OWL, SKOS
>>> owl = owl_profile(load())
>>> (None, None, SKOS.Concept) in owl and not list(owl.objects(None, OWL.imports))
True
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from copro_kg.export.common import (
    MAIN_SCHEME,
    SKOS_CLASSES,
    SKOS_NAMESPACES,
    add_blank_closure,
    in_skos_namespaces,
    root_ontologies,
    super_properties,
)
from copro_kg.namespace import ISOTHES, bind_prefixes

__all__ = ["merged_modules", "owl_profile"]

_CLASS_POSITIONS = (
    RDFS.subClassOf,
    OWL.equivalentClass,
    OWL.disjointWith,
    OWL.complementOf,
    OWL.onClass,
    OWL.someValuesFrom,
    OWL.allValuesFrom,
)
_BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))


def owl_profile(graph: Graph, *, scheme: URIRef = MAIN_SCHEME) -> Graph:
    """The ``owl`` export of ``graph``: the OWL ontology without the SKOS concept layer.

    See the module docstring for exactly what is left out and what is added.
    """
    del scheme  # every scheme, concept and collection belongs to the concept layer
    skos_layer = _skos_layer(graph)
    concept_properties = _concept_properties(graph)
    dropped = skos_layer | concept_properties

    # One document, one ontology: the modules are merged into it, so their headers and
    # the imports of them go (an OWL tool would otherwise try to download each module).
    headers = set(graph.subjects(RDF.type, OWL.Ontology))
    modules = merged_modules(graph)
    out = bind_prefixes(Graph())
    for s, p, o in graph:
        if isinstance(s, BNode) or s in dropped or s in modules or p in concept_properties:
            continue
        if p == OWL.imports and (o in headers or str(o).startswith(SKOS_NAMESPACES)):
            continue  # merged here, or the SKOS layer this profile leaves out
        out.add((s, p, o))
    add_blank_closure(graph, out)

    entities = {
        s for s, o in out.subject_objects(RDF.type) if isinstance(s, URIRef) and o != OWL.Ontology
    }
    for entity in entities:
        if (entity, RDFS.label, None) in out:
            continue
        for label in graph.objects(entity, SKOS.prefLabel):
            out.add((entity, RDFS.label, label))
    _declare_properties(graph, out)
    _declare_classes(out)
    return out


def merged_modules(graph: Graph) -> set[Node]:
    """The ontology headers of ``graph`` other than its root: modules merged into it.

    An export holds their content; an ``owl:imports`` of them would make OWL tools
    (owlready2, Protégé) try to download what the file already contains.
    """
    return set(graph.subjects(RDF.type, OWL.Ontology)) - set(root_ontologies(graph))


def _declare_classes(out: Graph) -> None:
    """Declare classes the kept axioms name but whose own description was left out.

    ``copro:SpectrumLevel rdfs:subClassOf skos:Concept`` names ``skos:Concept``, whose
    triples belong to the SKOS layer; OWL 2 DL still needs it declared as a class.
    """
    used = {o for p in _CLASS_POSITIONS for o in out.objects(None, p)}
    used |= set(out.objects(None, RDF.type))
    for cls in used:
        declared = (cls, RDF.type, None) in out
        if isinstance(cls, URIRef) and not str(cls).startswith(_BUILTIN) and not declared:
            out.add((cls, RDF.type, OWL.Class))


def _skos_layer(graph: Graph) -> set[Node]:
    layer: set[Node] = {s for t in SKOS_CLASSES for s in graph.subjects(RDF.type, t)}
    layer |= set(graph.subjects(SKOS.inScheme)) | set(graph.subjects(SKOS.topConceptOf))
    layer |= {
        s
        for s in graph.subjects()
        if isinstance(s, URIRef) and str(s).startswith((str(SKOS), str(ISOTHES)))
    }
    return layer


def _concept_properties(graph: Graph) -> set[Node]:
    """Our properties that only relate concepts: sub-properties of SKOS relations, or
    with a SKOS class as domain (``copro:isPartOf``, ``copro:inGroup`` ...)."""
    found: set[Node] = set()
    for p in set(graph.subjects(RDF.type, None)):
        if not isinstance(p, URIRef) or in_skos_namespaces(p):
            continue
        supers = super_properties(graph, p)
        relations = {q for q in supers if str(q).startswith((str(SKOS), str(ISOTHES)))}
        # Annotation sub-properties (a note type of ours under skos:note) are fine on
        # classes too; only semantic relations, membership and scheme links are not.
        relations -= {q for q in relations if (q, RDF.type, OWL.AnnotationProperty) in graph}
        relations -= {SKOS.note, SKOS.definition, SKOS.scopeNote, SKOS.example}
        # Our named associative relations (copro:enshrinedIn ...) are object properties of
        # the ontology's vocabulary: declared here, used only in the concept layer.
        relations -= {SKOS.related}
        relations -= {SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation}
        domains = set(graph.objects(p, RDFS.domain))
        if relations or domains & SKOS_CLASSES:
            found.add(p)
    return found


def _declare_properties(graph: Graph, out: Graph) -> None:
    """Declare every property the profile uses, as the source declares it if it does.

    OWL 2 DL needs an explicit declaration; without one, Protégé and owlready2 guess
    (and a guess of "annotation" for one file and "data" for another is illegal
    punning). Undeclared properties on entities are annotations (dcterms:title ...).
    """
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for sub, sup in list(out.subject_objects(RDFS.subPropertyOf)):
        # A super-property from SKOS (skos:related of a named relation) has its
        # declaration in the SKOS layer, which this profile leaves out: declare it.
        if in_skos_namespaces(sup) and (sup, RDF.type, None) not in out:
            kind = next((k for k in kinds if (sub, RDF.type, k) in out), OWL.ObjectProperty)
            out.add((sup, RDF.type, kind))
    for p in set(out.predicates()):
        if str(p).startswith(_BUILTIN):
            continue
        declared = [k for k in kinds if (p, RDF.type, k) in graph]
        for kind in declared or [OWL.AnnotationProperty]:
            out.add((p, RDF.type, kind))
