"""The ``skos`` export profile: the glossary as a thesaurus taxonomy tools import as it is.

Skosmos, PoolParty, VocBench, TemaTres and Skosify each read a different subset of SKOS
(``research/peers.md`` §2); this profile meets the strictest reading of all of them, and
Skosify (Skosmos's clean-up step) finds nothing to add or remove (issue 26).

* **Vocabularies.** SKOS + ISO 25964 (``iso-thes``) + DCMI terms; from OWL only the four
  annotation properties of the release history (:data:`OWL_ANNOTATIONS`); schema.org and
  PROV only to describe the schemes' agents and origins
  (:mod:`~copro_kg.export.skos_schemes`); and our named associative relations
  (``copro:supports`` ...), each kept next to the ``skos:related`` it specialises and
  declared with ``rdfs:subPropertyOf skos:related``, so tools that know them show them.
* **Schemes.** The glossary's scheme first, with the ontology header's metadata; then our
  scheme of deprecated terms and every scheme of the user's (``--data``), each concept in
  its own scheme(s) -- a user's concept is never moved into ours nor put under our
  description. A concept in no scheme joins the main scheme only when it is in that
  scheme's namespace (the same vocabulary); anyone else's cannot be imported as it is
  (Skosify would file it in the first scheme it finds) and is left out with one
  ``warning:`` line.
* **Hierarchy.** Every relation in both directions; our sub-properties (``copro:isPartOf``)
  written as the iso-thes property they specialise plus ``skos:broader``, so generic and
  partitive links stay distinguishable (docs/taxonomy-tools.md). ``skos:broaderTransitive``
  is never asserted ("by convention ... not used to make assertions", SKOS schema). A
  concept without a broader concept in its scheme is a top concept of it.
* **Mappings.** ``skos:exactMatch`` and ``skos:closeMatch`` only, both ways; see
  :mod:`~copro_kg.export.skos_mappings` for why the others are in the SSSOM mapping set
  instead. A user's mapping left out is said in one ``warning:`` line.
* **Notes.** Distinctions and "How we know" tests as scope notes, quotations attributed,
  no heading as a note (:mod:`~copro_kg.export.skos_notes`).
* **Groups.** Each spectrum group (the glossary's "doing to", "doing for", "doing with")
  is a ``skos:Collection`` ``<group>-members`` of the levels ``copro:inGroup`` places in
  it, for Skosmos's Groups tab, beside the collections of the data (our headings). A
  resource cannot be both a collection and a concept (SKOS S37).

>>> from copro_kg import load
>>> from rdflib.namespace import OWL
>>> skos = skos_profile(load())
>>> {p for p in skos.predicates() if str(p).startswith(str(OWL))} <= OWL_ANNOTATIONS
True
"""

from __future__ import annotations

import warnings
from collections import defaultdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.errors import DoubtfulInputWarning, InputError
from copro_kg.export.common import (
    COLLECTION_TYPES,
    MAIN_SCHEME,
    SCHEMA,
    SKOS_CLASSES,
    add_blank_closure,
    in_skos_namespaces,
    super_properties,
)
from copro_kg.export.skos_mappings import DROPPED_MAPPINGS, KEPT_MAPPINGS, describe_targets
from copro_kg.export.skos_notes import NOT_NOTES, add_notes
from copro_kg.export.skos_schemes import PROV, describe_schemes, exported_schemes
from copro_kg.namespace import BASE, COPRO, ISOTHES, bind_prefixes
from copro_kg.vocab.labels import label
from copro_kg.vocab.status import deprecated_terms, is_deprecated

__all__ = [
    "GROUP_PROPERTY",
    "HIERARCHICAL_MAPPINGS",
    "OWL_ANNOTATIONS",
    "group_collection",
    "named_relations",
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

_NEVER_ASSERTED = {SKOS.broaderTransitive, SKOS.narrowerTransitive}
"""Inference-only SKOS properties (SKOS schema scopeNote); never in the skos profile."""

_NOT_LIFTED = _NEVER_ASSERTED | {SKOS.semanticRelation, SKOS.mappingRelation, SKOS.note}
"""Super-properties too general to be useful assertions for an importer (a sub-property
of ``skos:note`` that is not written as itself is written by skos_notes, or not at all)."""

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
}
_INVERSES |= {b: a for a, b in list(_INVERSES.items())}

_GROUP_NOTE = Literal(
    "Collection added by copro-kg for Skosmos's Groups tab; the group itself is the concept "
    "named by dcterms:source, with the glossary's words.",
    lang="en",
)

# Our named relations' own description, kept in the export.
_RELATION_DESCRIPTION = (RDFS.label, RDFS.comment)


def skos_profile(graph: Graph, *, scheme: URIRef = MAIN_SCHEME) -> Graph:
    """The ``skos`` export of ``graph`` (see the module docstring).

    Args:
        graph: the loaded graph (ontology plus the user's files); not modified.
        scheme: the main concept scheme (``copro:glossary``), exported first.

    Warns:
        DoubtfulInputWarning: once for the user's concepts in no scheme, once for the
            user's mappings the profile cannot carry (both left out).

    Raises:
        InputError: ``scheme`` is not a ``skos:ConceptScheme`` in ``graph``, or a
            resource is both a collection and a concept or scheme (SKOS S37, which
            breaks PoolParty projects).
    """
    if (scheme, RDF.type, SKOS.ConceptScheme) not in graph:
        raise InputError(
            f"there is no skos:ConceptScheme <{scheme}> to export",
            hint="the skos profile exports concept schemes; declare it in your data",
        )
    schemes = exported_schemes(graph, scheme)
    concepts = _scheme_concepts(graph, schemes)
    collections = {s for t in COLLECTION_TYPES for s in graph.subjects(RDF.type, t)}
    _refuse_s37(graph, collections, set(concepts), schemes)
    members = set(concepts) | collections
    lifted = _lifted_predicates(graph)
    relations = named_relations(graph)

    out = bind_prefixes(Graph())
    out.bind("schema", SCHEMA)
    out.bind("prov", PROV)
    for s, p, o in graph:
        if s not in members and s not in schemes:
            continue
        if p == RDF.type:
            if o in SKOS_CLASSES and not (s in schemes and o != SKOS.ConceptScheme):
                out.add((s, p, o))
            continue
        if p in relations:
            out.add((s, p, o))
        for q in lifted.get(p, ()):
            if q not in DROPPED_MAPPINGS:
                out.add((s, q, o))
    for p in relations:
        out.add((p, RDFS.subPropertyOf, SKOS.related))
        for key in _RELATION_DESCRIPTION:
            for value in graph.objects(p, key):
                out.add((p, key, value))
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
    described = describe_targets(graph, out, set(concepts))
    _keep_retired_iris(graph, out, members | set(schemes))
    _declare_notation_datatypes(graph, out)
    for s, p, o in list(out):
        if p in KEPT_MAPPINGS:
            out.add((o, p, s))  # symmetric (S44): stated, so Skosify has nothing to add
            continue
        inverse = _INVERSES.get(p) if isinstance(p, URIRef) else None
        if inverse is not None and (o in members or o in schemes or o in described):
            out.add((o, inverse, s))

    _drop_foreign(out, set(schemes))
    _place(graph, out, concepts)
    _add_group_collections(graph, out, concepts, scheme)
    add_notes(graph, out, set(concepts))
    describe_schemes(graph, out, schemes)
    add_blank_closure(graph, out)
    for triple in list(out.triples((None, None, None))):
        if triple[1] in _NEVER_ASSERTED:
            out.remove(triple)
    _warn_left_out(graph, members)
    return out


def group_collection(group: Node) -> URIRef:
    """The IRI of the ``skos:Collection`` of a spectrum group's levels.

    >>> str(group_collection(COPRO["doing-to"]))
    'https://w3id.org/copro-kg/doing-to-members'
    """
    return URIRef(f"{group}-members")


def named_relations(graph: Graph) -> set[Node]:
    """Properties outside SKOS declared (transitively) ``rdfs:subPropertyOf skos:related``:
    our named associative relations (``copro:supports`` ...) and any of the user's."""
    return {
        p
        for p in set(graph.subjects(RDFS.subPropertyOf, None))
        if not in_skos_namespaces(p) and SKOS.related in super_properties(graph, p)
    }


def _scheme_concepts(graph: Graph, schemes: list[Node]) -> dict[Node, set[Node]]:
    """Each concept of the exported schemes -> its schemes among them."""
    exported = set(schemes)
    collections = {s for t in COLLECTION_TYPES for s in graph.subjects(RDF.type, t)}
    found: dict[Node, set[Node]] = defaultdict(set)
    for prop in (SKOS.inScheme, SKOS.topConceptOf):
        for concept, owner in graph.subject_objects(prop):
            if owner in exported and concept not in collections:
                found[concept].add(owner)
    # A concept named only by a scheme's hasTopConcept is one when it is typed as one.
    typed = set(graph.subjects(RDF.type, SKOS.Concept))
    for owner, concept in graph.subject_objects(SKOS.hasTopConcept):
        if owner in exported and concept in typed and concept not in collections:
            found[concept].add(owner)
    # A typed concept in no scheme belongs to the main scheme when it is in the main
    # scheme's namespace (the same vocabulary); anyone else's is left out, with a warning.
    main = str(schemes[0])
    home = main[: max(main.rfind("/"), main.rfind("#")) + 1]
    for concept in typed - collections - set(found):
        mine = isinstance(concept, URIRef) and str(concept).startswith(home)
        if mine and not set(graph.objects(concept, SKOS.inScheme)):
            found[concept].add(schemes[0])
    return dict(found)


def _refuse_s37(
    graph: Graph, collections: set[Node], concepts: set[Node], schemes: list[Node]
) -> None:
    typed = set(graph.subjects(RDF.type, SKOS.Concept)) | concepts
    clashes = sorted(
        str(c)
        for c in collections
        if c in typed or (c, RDF.type, SKOS.ConceptScheme) in graph or c in schemes
    )
    if clashes:
        raise InputError(
            "a skos:Collection cannot also be a concept or concept scheme (SKOS S37): "
            + ", ".join(f"<{c}>" for c in clashes),
            hint="give the collection its own IRI",
        )


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
        if p in NOT_NOTES:
            continue
        supers = {q for q in super_properties(graph, p) if in_skos_namespaces(q)} - _NOT_LIFTED
        # Keep only the most specific: drop a super-property of another kept one.
        specific = [q for q in supers if not any(q in super_properties(graph, r) for r in supers)]
        if specific:
            lifted[p] = sorted(specific, key=str)
        elif SKOS.note in super_properties(graph, p):
            lifted[p] = [SKOS.note]
    return lifted


def _owl_inverses(graph: Graph) -> list[tuple[Node, Node]]:
    pairs = []
    for a, b in graph.subject_objects(OWL.inverseOf):
        if in_skos_namespaces(b) and not in_skos_namespaces(a):
            pairs.append((a, b))
        elif in_skos_namespaces(a) and not in_skos_namespaces(b):
            pairs.append((b, a))
    return pairs


def _declare_notation_datatypes(graph: Graph, out: Graph) -> None:
    """Each notation system's datatype (SKOS Reference 6.5: "typed literal ... datatype"),
    declared once with its label and comment, as the graph declares it."""
    for notation in set(out.objects(None, SKOS.notation)):
        datatype = notation.datatype if isinstance(notation, Literal) else None
        if datatype is not None and (datatype, RDF.type, RDFS.Datatype) in graph:
            out.add((datatype, RDF.type, RDFS.Datatype))
            for key in _RELATION_DESCRIPTION:
                for value in graph.objects(datatype, key):
                    out.add((datatype, key, value))


_RETIREMENT = (OWL.deprecated, DCTERMS.isReplacedBy, SKOS.historyNote)


def _keep_retired_iris(graph: Graph, out: Graph, exported: set[Node]) -> None:
    """Our deprecated IRIs that are neither concept nor scheme (the old IRIs of the mapped
    models' schemes, which the exports described untyped) keep their deprecation, so a
    link to them still finds its replacement and a release never drops them."""
    for iri in deprecated_terms(graph):
        if iri in exported or not str(iri).startswith(BASE) or (iri, RDF.type, None) in graph:
            continue
        for prop in _RETIREMENT:
            for value in graph.objects(iri, prop):
                out.add((iri, prop, value))


def _drop_foreign(out: Graph, schemes: set[Node]) -> None:
    """Remove memberships of schemes the profile does not export (the models we map to)."""
    for s, p, o in list(out):
        foreign = p in {SKOS.inScheme, SKOS.topConceptOf} and o not in schemes
        if foreign or (p == SKOS.hasTopConcept and s not in schemes):
            out.remove((s, p, o))


def _place(graph: Graph, out: Graph, concepts: dict[Node, set[Node]]) -> None:
    """Each concept typed and in its schemes; a top concept of each scheme in which it
    has no broader concept (VocBench flags "dangling" concepts otherwise). A deprecated
    concept has left the hierarchy (Skosmos hides it there): it is made a top concept of
    no scheme -- ours are top concepts of the deprecated terms' scheme, as the data says."""
    for concept, owners in concepts.items():
        out.add((concept, RDF.type, SKOS.Concept))
        parents = [b for b in out.objects(concept, SKOS.broader) if b in concepts]
        for owner in owners:
            out.add((concept, SKOS.inScheme, owner))
            if is_deprecated(graph, concept):
                continue
            if not any(owner in concepts[b] for b in parents):
                out.add((concept, SKOS.topConceptOf, owner))
                out.add((owner, SKOS.hasTopConcept, concept))


def _add_group_collections(
    graph: Graph, out: Graph, concepts: dict[Node, set[Node]], scheme: Node
) -> None:
    """One ``skos:Collection`` per spectrum group, holding the levels placed in it."""
    for level, group in graph.subject_objects(GROUP_PROPERTY):
        if level not in concepts or group not in concepts:
            continue
        collection = group_collection(group)
        out.add((collection, RDF.type, SKOS.Collection))
        out.add((collection, SKOS.member, level))
        out.add((collection, SKOS.inScheme, scheme))
        for name in graph.objects(group, SKOS.prefLabel):
            out.add((collection, SKOS.prefLabel, name))
        out.add((collection, SKOS.editorialNote, _GROUP_NOTE))
        out.add((collection, DCTERMS.source, group))
    # Our collections are defined by the scheme they are in (VocPub 2.2.3).
    for member, owner in list(out.subject_objects(SKOS.inScheme)):
        if (member, RDF.type, SKOS.Collection) in out and str(member).startswith(BASE):
            out.add((member, RDFS.isDefinedBy, owner))


def _warn_left_out(graph: Graph, members: set[Node]) -> None:
    """One ``warning:`` line each for the user's concepts and mappings left out."""
    concepts = {c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}
    homeless = sorted(c for c in concepts - members if not set(graph.objects(c, SKOS.inScheme)))
    if homeless:
        names = ", ".join(f"'{label(graph, c)}' <{c}>" for c in homeless[:3])
        more = f" and {len(homeless) - 3} more" if len(homeless) > 3 else ""
        warnings.warn(
            DoubtfulInputWarning(
                f"{len(homeless)} concept(s) of yours are in no concept scheme: {names}{more}",
                action="left out of the skos export (a taxonomy tool would file them "
                "in another scheme)",
                hint="give each skos:inScheme one of your concept schemes",
            ),
            stacklevel=3,
        )
    dropped = sorted(
        (s, p, o)
        for p in DROPPED_MAPPINGS
        for s, o in graph.subject_objects(p)
        if s in members and not str(s).startswith(BASE)
    )
    if dropped:
        kinds = sorted({str(p).rsplit("#", 1)[-1] for _, p, _ in dropped})
        warnings.warn(
            DoubtfulInputWarning(
                f"{len(dropped)} of your mapping(s) ({', '.join('skos:' + k for k in kinds)}) "
                "cannot be carried by the skos profile",
                action="left out of it (SKOS tools would turn them into hierarchy or "
                "skos:related links); the full profile keeps them",
                hint="use skos:closeMatch/exactMatch, or export --profile full",
            ),
            stacklevel=3,
        )
