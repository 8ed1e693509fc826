"""The ``skos`` export profile: the glossary as one concept scheme for taxonomy tools.

Skosmos, PoolParty, VocBench, TemaTres and Skosify each read a different subset of SKOS
(``research/peers.md`` §2); this profile meets the strictest reading of all of them.
SKOS + ISO 25964 (``iso-thes``) + DCMI terms only; from OWL only the four annotation
properties of the release history (:data:`OWL_ANNOTATIONS`: ``owl:deprecated`` as
Skosmos, Skosify and Annif read it, and the scheme's version). Exactly one
``skos:ConceptScheme``, labelled with ``skos:prefLabel`` *and* ``dcterms:title`` and
carrying the ontology header's metadata; every concept ``skos:inScheme`` it; every
relation in both directions; our own sub-properties (``copro:isPartOf``) written as the
most specific SKOS / iso-thes properties they specialise, plus ``skos:broader``.
``skos:broaderTransitive`` is never asserted ("by convention ... not used to make
assertions", SKOS schema).

Three additions make the file usable as it is (issue 19):

* **Mapping targets of our own are described.** Arnstein's and TLAP's ladders and the
  IAP2 spectrum are modelled by copro-kg in its own namespace (``ontology/mappings.ttl``);
  the export gives each target it maps to its labels, notation, scope note, source and
  creator, and names the ladder it belongs to with ``dcterms:isPartOf`` (the ladder
  described by its title, creator and source). They are not typed ``skos:Concept`` in
  *their* scheme here: a second ``skos:ConceptScheme`` in the file makes Skosify warn and
  pick a default scheme alphabetically, and Skosmos pick "an arbitrary concept scheme".
  Targets in other vocabularies (UNESCO ...) stay plain IRIs, described where they live.
* **Hierarchical mappings are left out.** ``skos:broadMatch`` is a sub-property of
  ``skos:broader`` (SKOS S41), so any tool that applies SKOS (Skosify, which Skosmos
  recommends) would hang a glossary concept under another ladder's rung in the
  hierarchy. The ``owl`` and ``full`` profiles keep them.
* **The spectrum groups are collections.** Each spectrum group (the glossary's "doing to",
  "doing for", "doing with") is a ``skos:Collection`` ``<group>-members`` of the levels
  ``copro:inGroup`` places in it, for Skosmos's Groups tab. The groups themselves stay
  concepts (they have definitions); a resource cannot be both (SKOS S37).

>>> from copro_kg import load
>>> from rdflib.namespace import OWL
>>> skos = skos_profile(load())
>>> {p for p in skos.predicates() if str(p).startswith(str(OWL))} <= OWL_ANNOTATIONS
True
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS
from rdflib.term import Node

from copro_kg.errors import InputError
from copro_kg.export.common import (
    COLLECTION_TYPES,
    MAIN_SCHEME,
    SCHEMA,
    SKOS_CLASSES,
    add_blank_closure,
    in_skos_namespaces,
    root_ontologies,
    super_properties,
)
from copro_kg.namespace import BASE, COPRO, ISOTHES, bind_prefixes
from copro_kg.vocab.status import is_deprecated

__all__ = [
    "GROUP_PROPERTY",
    "HIERARCHICAL_MAPPINGS",
    "OWL_ANNOTATIONS",
    "group_collection",
    "skos_profile",
]

OWL_ANNOTATIONS = frozenset({OWL.deprecated, OWL.versionInfo, OWL.versionIRI, OWL.priorVersion})
"""The only OWL the skos profile keeps: a concept's deprecation (Skosmos's "New and
deprecated" list, Skosify and Annif skip deprecated concepts by it) and the scheme's
version (skos-history reads ``owl:versionInfo``)."""

GROUP_PROPERTY = COPRO.inGroup
"""Places a spectrum level in its group; each group becomes a ``skos:Collection``."""

HIERARCHICAL_MAPPINGS = frozenset({SKOS.broadMatch, SKOS.narrowMatch})
"""Mappings that SKOS makes ``skos:broader`` / ``narrower`` (S41): not in this profile."""

_MAPPINGS = HIERARCHICAL_MAPPINGS | {SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch}

_NEVER_ASSERTED = {SKOS.broaderTransitive, SKOS.narrowerTransitive}
"""Inference-only SKOS properties (SKOS schema scopeNote); never in the skos profile."""

_NOT_LIFTED = _NEVER_ASSERTED | {SKOS.semanticRelation, SKOS.mappingRelation}
"""Super-properties too general to be useful assertions for an importer."""

# iso-thes specialisations of skos:broader / skos:narrower (ISO 25964 SKOS extension).
_TO_SKOS_BROADER = {
    ISOTHES.broaderGeneric: SKOS.broader,
    ISOTHES.broaderPartitive: SKOS.broader,
    ISOTHES.broaderInstantial: SKOS.broader,
    ISOTHES.narrowerGeneric: SKOS.narrower,
    ISOTHES.narrowerPartitive: SKOS.narrower,
    ISOTHES.narrowerInstantial: SKOS.narrower,
}

# Pairs stated in both directions for PoolParty ("every SKOS relation must be stated in
# both directions") and Skosmos (children from skos:narrower, top from topConceptOf).
_INVERSES = {
    SKOS.broader: SKOS.narrower,
    ISOTHES.broaderGeneric: ISOTHES.narrowerGeneric,
    ISOTHES.broaderPartitive: ISOTHES.narrowerPartitive,
    ISOTHES.broaderInstantial: ISOTHES.narrowerInstantial,
    SKOS.related: SKOS.related,
    SKOS.topConceptOf: SKOS.hasTopConcept,
    ISOTHES.superGroup: ISOTHES.subGroup,
    SKOS.exactMatch: SKOS.exactMatch,
    SKOS.closeMatch: SKOS.closeMatch,
    SKOS.relatedMatch: SKOS.relatedMatch,
}
_INVERSES |= {b: a for a, b in list(_INVERSES.items())}

# What the export says about a mapping target of our own, and about the ladder it is in.
_TARGET_PROPERTIES = (
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.notation,
    SKOS.scopeNote,
    SKOS.definition,
    DCTERMS.source,
    DCTERMS.creator,
)
_SOURCE_SCHEME_PROPERTIES = (
    SKOS.prefLabel,
    DCTERMS.title,
    DCTERMS.creator,
    DCTERMS.source,
    SKOS.editorialNote,
)

# Ontology-header metadata copied onto the concept scheme when the scheme lacks it, so
# the scheme's "about" page (Skosmos, PoolParty) shows what the ontology says.
_SCHEME_METADATA = (
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.creator,
    DCTERMS.contributor,
    DCTERMS.publisher,
    DCTERMS.license,
    DCTERMS.rights,
    DCTERMS.created,
    DCTERMS.modified,
    DCTERMS.issued,
    DCTERMS.source,
    DCTERMS.language,
    DCTERMS.bibliographicCitation,
)


def skos_profile(graph: Graph, *, scheme: URIRef = MAIN_SCHEME) -> Graph:
    """The ``skos`` export of ``graph``: one concept scheme, SKOS + iso-thes + dcterms.

    Args:
        graph: the loaded graph (ontology plus the user's files); not modified.
        scheme: the concept scheme to export (``copro:glossary``).

    Raises:
        InputError: ``scheme`` is not a ``skos:ConceptScheme`` in ``graph``, or a
            resource is both a collection and a concept or scheme (SKOS S37, which
            breaks PoolParty projects).
    """
    if (scheme, RDF.type, SKOS.ConceptScheme) not in graph:
        raise InputError(
            f"there is no skos:ConceptScheme <{scheme}> to export",
            hint="the skos profile exports one concept scheme; declare it in your data",
        )
    concepts = _scheme_concepts(graph, scheme)
    collections = {s for t in COLLECTION_TYPES for s in graph.subjects(RDF.type, t)}
    clashes = sorted(
        str(c)
        for c in collections
        if c in concepts or (c, RDF.type, SKOS.ConceptScheme) in graph or c == scheme
    )
    if clashes:
        raise InputError(
            "a skos:Collection cannot also be a concept or concept scheme (SKOS S37): "
            + ", ".join(f"<{c}>" for c in clashes),
            hint="give the collection its own IRI",
        )
    members = concepts | collections
    lifted = _lifted_predicates(graph)

    out = bind_prefixes(Graph())
    out.bind("schema", SCHEMA)
    for s, p, o in graph:
        if s not in members and s != scheme:
            continue
        if p == RDF.type:
            if o in SKOS_CLASSES and not (s == scheme and o != SKOS.ConceptScheme):
                out.add((s, p, o))
            continue
        for q in lifted.get(p, ()):
            if q not in HIERARCHICAL_MAPPINGS:
                out.add((s, q, o))
    # Inverse-declared properties of our own (``p owl:inverseOf skos:member``).
    for p, q in _owl_inverses(graph):
        for s, o in graph.subject_objects(p):
            if isinstance(o, URIRef | BNode) and o in members:
                out.add((o, q, s))

    for s, p, o in list(out):
        if isinstance(p, URIRef) and p in _TO_SKOS_BROADER:
            out.add((s, _TO_SKOS_BROADER[p], o))
        if p == SKOS.topConceptOf:
            out.add((s, SKOS.inScheme, o))  # S7: topConceptOf is a sub-property of inScheme
    described = _describe_own_targets(graph, out, concepts)
    for s, p, o in list(out):
        inverse = _INVERSES.get(p) if isinstance(p, URIRef) else None
        # Only say things about our own resources: an external mapping target keeps
        # its description in its own vocabulary.
        if inverse is not None and (o in members or o == scheme or o in described):
            out.add((o, inverse, s))

    _drop_foreign(out, concepts, scheme)
    for concept in concepts:
        out.add((concept, SKOS.inScheme, scheme))
        out.add((concept, RDF.type, SKOS.Concept))
        in_scheme_parents = [b for b in out.objects(concept, SKOS.broader) if b in concepts]
        # A deprecated concept has left the hierarchy (Skosmos hides it there): never
        # made a top concept.
        if not in_scheme_parents and not is_deprecated(graph, concept):
            # VocBench flags "dangling" concepts: neither top concept nor a broader
            # concept in the same scheme.
            out.add((concept, SKOS.topConceptOf, scheme))
            out.add((scheme, SKOS.hasTopConcept, concept))
    _add_group_collections(graph, out, concepts)
    _describe_scheme(graph, out, scheme)
    add_blank_closure(graph, out)
    for triple in list(out.triples((None, None, None))):
        if triple[1] in _NEVER_ASSERTED:
            out.remove(triple)
    return out


def group_collection(group: Node) -> URIRef:
    """The IRI of the ``skos:Collection`` of a spectrum group's levels.

    >>> str(group_collection(COPRO["doing-to"]))
    'https://w3id.org/copro-kg/doing-to-members'
    """
    return URIRef(f"{group}-members")


def _scheme_concepts(graph: Graph, scheme: URIRef) -> set[Node]:
    """Concepts of ``scheme``: typed skos:Concept and not placed in another scheme only."""
    concepts: set[Node] = set()
    candidates = (
        set(graph.subjects(RDF.type, SKOS.Concept))
        | set(graph.subjects(SKOS.inScheme, scheme))
        | set(graph.subjects(SKOS.topConceptOf, scheme))
        | set(graph.objects(scheme, SKOS.hasTopConcept))
    )
    for c in candidates:
        schemes = set(graph.objects(c, SKOS.inScheme)) | set(graph.objects(c, SKOS.topConceptOf))
        if not schemes or scheme in schemes:
            concepts.add(c)
    return concepts


def _lifted_predicates(graph: Graph) -> dict[Node, list[Node]]:
    """For each predicate in ``graph``: what the skos profile writes it as.

    SKOS, iso-thes and dcterms predicates stay themselves. Any other predicate is
    written as its most specific super-properties in those namespaces (``copro:isPartOf``
    -> ``iso-thes:broaderPartitive``), or dropped when it has none.
    """
    lifted: dict[Node, list[Node]] = {}
    for p in set(graph.predicates()):
        if in_skos_namespaces(p) or p in OWL_ANNOTATIONS:
            lifted[p] = [p]
            continue
        supers = {q for q in super_properties(graph, p) if in_skos_namespaces(q)} - _NOT_LIFTED
        # Keep only the most specific: drop a super-property of another kept one.
        specific = [q for q in supers if not any(q in super_properties(graph, r) for r in supers)]
        if specific:
            lifted[p] = sorted(specific, key=str)
    return lifted


def _owl_inverses(graph: Graph) -> list[tuple[Node, Node]]:
    pairs = []
    for a, b in graph.subject_objects(OWL.inverseOf):
        if in_skos_namespaces(b) and not in_skos_namespaces(a):
            pairs.append((a, b))
        elif in_skos_namespaces(a) and not in_skos_namespaces(b):
            pairs.append((b, a))
    return pairs


def _describe_own_targets(graph: Graph, out: Graph, concepts: set[Node]) -> set[Node]:
    """Describe the mapping targets in our own namespace that are not glossary concepts.

    Returns the targets described. See the module docstring for why their ladder is
    named with ``dcterms:isPartOf`` rather than ``skos:inScheme``.
    """
    targets: set[Node] = {
        o
        for p in _MAPPINGS - HIERARCHICAL_MAPPINGS
        for o in out.objects(None, p)
        if isinstance(o, URIRef) and str(o).startswith(BASE) and o not in concepts
    }
    for target in targets:
        for prop in _TARGET_PROPERTIES:
            for value in graph.objects(target, prop):
                out.add((target, prop, value))
        for source_scheme in graph.objects(target, SKOS.inScheme):
            out.add((target, DCTERMS.isPartOf, source_scheme))
            for prop in _SOURCE_SCHEME_PROPERTIES:
                for value in graph.objects(source_scheme, prop):
                    out.add((source_scheme, prop, value))
            if (target, DCTERMS.creator, None) not in out:
                # Whoever modelled the ladder (copro-kg) modelled its rungs: say so.
                for creator in graph.objects(source_scheme, DCTERMS.creator):
                    out.add((target, DCTERMS.creator, creator))
    return targets


def _add_group_collections(graph: Graph, out: Graph, concepts: set[Node]) -> None:
    """One ``skos:Collection`` per spectrum group, holding the levels placed in it."""
    for level, group in graph.subject_objects(GROUP_PROPERTY):
        if level not in concepts or group not in concepts:
            continue
        collection = group_collection(group)
        out.add((collection, RDF.type, SKOS.Collection))
        out.add((collection, SKOS.member, level))
        for label in graph.objects(group, SKOS.prefLabel):
            out.add((collection, SKOS.prefLabel, label))
        out.add((collection, DCTERMS.source, group))


def _drop_foreign(out: Graph, concepts: set[Node], scheme: URIRef) -> None:
    """Remove other schemes' memberships: a concept of ours is in our scheme only."""
    del concepts
    for s, p, o in list(out):
        foreign_scheme = p in {SKOS.inScheme, SKOS.topConceptOf} and o != scheme
        if foreign_scheme or (p == SKOS.hasTopConcept and s != scheme):
            out.remove((s, p, o))


def _describe_scheme(graph: Graph, out: Graph, scheme: URIRef) -> None:
    """Give the scheme the ontology header's metadata, a prefLabel and a dcterms:title.

    PoolParty needs ``dcterms:title``; Skosify and Skosmos read ``skos:prefLabel``. The
    version goes in ``schema:version``, a plain version string: ``owl:versionInfo`` is
    OWL (not allowed here) and ``dcterms:hasVersion`` relates *another resource* that
    is a version, so a string there would be wrong.
    """
    for header in root_ontologies(graph):
        for prop in _SCHEME_METADATA:
            if (scheme, prop, None) not in out:
                for value in graph.objects(header, prop):
                    out.add((scheme, prop, value))
        if (scheme, SCHEMA.version, None) not in out:
            for value in graph.objects(header, OWL.versionInfo):
                out.add((scheme, SCHEMA.version, value))
    titles = {_lang(v): v for v in out.objects(scheme, DCTERMS.title) if _tagged(v)}
    labels = {_lang(v): v for v in out.objects(scheme, SKOS.prefLabel) if _tagged(v)}
    for lang, title in titles.items():
        if lang not in labels:
            out.add((scheme, SKOS.prefLabel, title))
    for lang, label in labels.items():
        if lang not in titles:
            out.add((scheme, DCTERMS.title, label))


def _lang(value: Node) -> str | None:
    return value.language if isinstance(value, Literal) else None


def _tagged(value: Node) -> bool:
    return isinstance(value, Literal) and bool(value.language)
