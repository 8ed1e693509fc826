"""What each term of a closure is in a picture: its node kind.

Every node of :func:`copro_kg.viz.convert.to_networkx` gets one :data:`KINDS` value:
SKOS concepts, then their role in the glossary's model (a group or level of the
engagement spectrum, a phase of the co-production cycle), OWL classes, and the
individuals typed by them -- the user's engagement activities, criteria, feature values,
distinctions -- and the concepts of the ladders the glossary only maps to.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... @prefix copro: <https://w3id.org/copro-kg/> .
... copro:consultation a skos:Concept ; copro:inGroup copro:doing-for .
... copro:doing-for a skos:Concept .
... ''')
>>> sorted((str(n).rsplit("/", 1)[-1], k) for n, k in classify_nodes(g, g).items())
[('consultation', 'level'), ('doing-for', 'group')]
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import BASE, COPRO, PREFIXES
from copro_kg.vocab.status import deprecated_terms

__all__ = ["KINDS", "classify_nodes"]

KINDS = (
    "group",
    "level",
    "phase",
    "concept",
    "class",
    "activity",
    "criterion",
    "feature",
    "distinction",
    "individual",
    "mapped",
)
"""Node kinds, most specific first (a spectrum level is also a concept). ``mapped`` is a
concept of another scheme that the graph only maps to (Arnstein's ladder, TLAP, IAP2)."""

_BUILTIN_NAMESPACES = (
    *(str(ns) for ns in PREFIXES.values() if not str(ns).startswith(BASE)),
    "http://www.w3.org/XML/1998/namespace",
    "http://purl.org/dc/elements/1.1/",
)


def _is_builtin(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_BUILTIN_NAMESPACES)


def classify_nodes(g: Graph, asserted: Graph) -> dict[Node, str]:
    """Every term of ``g`` (a closure) worth a node, with its kind (see :data:`KINDS`).

    ``asserted`` is the graph before reasoning: the direction of a mapping is read there
    (the closure states every symmetric mapping both ways).
    """
    kinds: dict[Node, str] = {}
    schemes = set(g.subjects(RDF.type, SKOS.ConceptScheme))
    for c in g.subjects(RDF.type, SKOS.Concept):
        if isinstance(c, URIRef) and not _is_builtin(c) and c not in schemes:
            kinds[c] = "concept"
    for c in set(g.subjects(RDF.type, OWL.Class)) | set(g.subjects(RDF.type, RDFS.Class)):
        if isinstance(c, URIRef) and not _is_builtin(c) and c not in kinds:
            kinds[c] = "class"
    properties = {
        s
        for t in (RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        for s in g.subjects(RDF.type, t)
    }
    ontologies = set(g.subjects(RDF.type, OWL.Ontology))
    activity_classes = set(g.transitive_subjects(RDFS.subClassOf, COPRO.EngagementActivity))
    classes = {c for c, k in kinds.items() if k == "class"}
    for s, o in g.subject_objects(RDF.type):
        if (
            o in classes
            and isinstance(s, URIRef)
            and s not in kinds
            and s not in properties
            and s not in ontologies
            and s not in schemes
            and not _is_builtin(s)
        ):
            kinds[s] = "activity" if o in activity_classes else "individual"
    # Specialise individuals by what they are in the glossary's model.
    feature_classes = set(g.transitive_subjects(RDFS.subClassOf, COPRO.FeatureValue))
    for node, kind in list(kinds.items()):
        if kind != "individual":
            continue
        types = set(g.objects(node, RDF.type))
        if COPRO.Criterion in types:
            kinds[node] = "criterion"
        elif COPRO.Distinction in types:
            kinds[node] = "distinction"
        elif types & feature_classes:
            kinds[node] = "feature"
    # Specialise concepts by the role the spectrum and the cycle give them.
    for s, o in g.subject_objects(COPRO.inGroup):
        if s in kinds:
            kinds[s] = "level"
        if o in kinds:
            kinds[o] = "group"
    for n in g.subjects(RDF.type, COPRO.SpectrumGroup):
        if n in kinds:
            kinds[n] = "group"
    for n in g.subjects(RDF.type, COPRO.SpectrumLevel):
        if n in kinds:
            kinds[n] = "level"
    phases = set(g.subjects(RDF.type, COPRO.CyclePhase))
    for s, o in g.subject_objects(COPRO.nextPhase):
        phases |= {s, o}
    for n in phases:
        if kinds.get(n) == "concept":
            kinds[n] = "phase"
    for s in g.subjects(COPRO.spectrumPosition, None):
        if kinds.get(s) == "concept":
            kinds[s] = "level"
    for node in _mapped_concepts(asserted, schemes):
        if kinds.get(node) == "concept":
            kinds[node] = "mapped"
    # A deprecated term is no term of the picture (the site keeps it out of its lists too):
    # its replacement is drawn instead.
    for node in deprecated_terms(asserted):
        kinds.pop(node, None)
    return kinds


def _mapped_concepts(g: Graph, schemes: set[Node]) -> set[Node]:
    """Concepts that belong only to schemes the graph maps *to*, never *from*.

    A scheme is external when some stated ``skos:mappingRelation`` (closeMatch,
    relatedMatch ...) points into it and none leaves it -- copro-kg's Arnstein, TLAP
    and IAP2 ladders (ontology/mappings.ttl, "Not part of the glossary"). Their
    concepts are context for a mapping, not terms of the vocabulary being drawn. The
    direction is read from the *asserted* graph: the closure has every symmetric
    mapping both ways.
    """
    mapping = set(g.transitive_subjects(RDFS.subPropertyOf, SKOS.mappingRelation))
    mapping |= {
        SKOS.closeMatch,
        SKOS.exactMatch,
        SKOS.broadMatch,
        SKOS.narrowMatch,
        SKOS.relatedMatch,
    }
    into: set[Node] = set()
    out_of: set[Node] = set()
    for p in mapping:
        for s, o in g.subject_objects(p):
            into.update(g.objects(o, SKOS.inScheme))
            out_of.update(g.objects(s, SKOS.inScheme))
    external = (into - out_of) & schemes
    if not external:
        return set()
    return {
        c
        for c in g.subjects(SKOS.inScheme, None)
        if (in_schemes := set(g.objects(c, SKOS.inScheme))) and in_schemes <= external
    }
