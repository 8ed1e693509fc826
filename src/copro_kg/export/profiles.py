"""Exports for taxonomy tools and OWL editors: the ``skos``, ``owl`` and ``full`` profiles.

An export that merely parses is not enough: each importer reads a different subset of
SKOS (``research/peers.md`` §2). The profiles are built for them:

``skos`` -- Skosmos, PoolParty, VocBench, TemaTres, Skosify.
    SKOS + ISO 25964 (``iso-thes``) + DCMI terms only; nothing from OWL (no classes, no
    axioms, no ``owl:*`` at all, so no punning either). Exactly one
    ``skos:ConceptScheme`` labelled with ``skos:prefLabel`` *and* ``dcterms:title``
    and carrying the ontology header's metadata; every concept ``skos:inScheme`` it;
    every relation in both directions (broader/narrower, the iso-thes generic and
    partitive pairs, related, topConceptOf/hasTopConcept); our own sub-properties
    (``copro:isPartOf``) written as the most specific SKOS / iso-thes properties they
    specialise, plus ``skos:broader``. ``skos:broaderTransitive`` /
    ``narrowerTransitive`` are never asserted ("by convention ... not used to make
    assertions", SKOS schema). Concepts of *other* schemes (mapping targets) are
    referenced by IRI only, so the file holds one scheme.

``owl`` -- Protégé, owlready2/HermiT, other OWL tools.
    The OWL ontology: header, classes, properties, axioms, individuals and their
    annotations. "SKOS-only noise" left out means: the concept layer (concepts,
    schemes, collections and every triple about them), the W3C SKOS / iso-thes
    vocabulary's own axioms, and properties that exist only to relate concepts
    (sub-properties of SKOS relations, or with a SKOS class as domain). Kept: SKOS
    *annotations* on classes (definition, prefLabel ...) and ``copro:concept`` links
    to the concept IRIs. Every entity gets an ``rdfs:label`` (copied from its English
    ``skos:prefLabel`` when it has none -- Protégé shows ``rdfs:label`` by default)
    and every property used is declared, so OWL parsers need no guessing.

``full`` -- everything: the loaded graph, the SKOS profile's added triples and the
    OWL profile's declarations; with ``reasoned=True`` also the user-visible inferred
    triples of :func:`copro_kg.reasoning.result.reason` (``.inferred``) -- including
    ``skos:broaderTransitive``, which is why it is not the profile for taxonomy tools.

>>> from copro_kg import load
>>> skos = build_profile(load(), "skos")
>>> from rdflib.namespace import OWL
>>> any(str(p).startswith(str(OWL)) for p in skos.predicates())
False
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic
from copro_kg.io.rdfxml import serialize_rdfxml
from copro_kg.namespace import BASE, COPRO, ISOTHES, bind_prefixes

__all__ = [
    "FORMATS",
    "PROFILES",
    "SCHEMA",
    "ConceptRow",
    "build_profile",
    "concept_rows",
    "export_all",
    "owl_profile",
    "serialize_export",
    "skos_profile",
]

SCHEMA = Namespace("https://schema.org/")

PROFILES: tuple[str, ...] = ("skos", "owl", "full")
"""Export profiles, in the order ``make demo`` writes them."""

FORMATS: dict[str, str] = {"ttl": "ttl", "xml": "rdf", "jsonld": "jsonld", "nt": "nt", "csv": "csv"}
"""``--format`` name -> file extension used by :func:`export_all`."""

MAIN_SCHEME = COPRO.glossary

_SKOS_NS = (str(SKOS), str(ISOTHES), str(DCTERMS))
"""The namespaces the ``skos`` profile may use for predicates (plus rdf:type)."""

_NEVER_ASSERTED = {SKOS.broaderTransitive, SKOS.narrowerTransitive}
"""Inference-only SKOS properties (SKOS schema scopeNote); never in the skos profile."""

_NOT_LIFTED = _NEVER_ASSERTED | {SKOS.semanticRelation, SKOS.mappingRelation}
"""Super-properties too general to be useful assertions for an importer."""

_COLLECTION_TYPES = {
    SKOS.Collection,
    SKOS.OrderedCollection,
    ISOTHES.ConceptGroup,
    ISOTHES.ThesaurusArray,
}

_SKOS_CLASSES = {SKOS.Concept, SKOS.ConceptScheme} | _COLLECTION_TYPES

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
    SKOS.broadMatch: SKOS.narrowMatch,
    SKOS.exactMatch: SKOS.exactMatch,
    SKOS.closeMatch: SKOS.closeMatch,
    SKOS.relatedMatch: SKOS.relatedMatch,
}
_INVERSES |= {b: a for a, b in list(_INVERSES.items())}

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


# ---------------------------------------------------------------------------- skos


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
    collections = {s for t in _COLLECTION_TYPES for s in graph.subjects(RDF.type, t)}
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
            if o in _SKOS_CLASSES and not (s == scheme and o != SKOS.ConceptScheme):
                out.add((s, p, o))
            continue
        for q in lifted.get(p, ()):
            out.add((s, q, o))
            # A sub-property of owl:inverseOf-declared pairs is handled below.
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
    for s, p, o in list(out):
        inverse = _INVERSES.get(p) if isinstance(p, URIRef) else None
        # Only say things about our own resources: an external mapping target keeps
        # its description in its own vocabulary.
        if inverse is not None and (o in members or o == scheme):
            out.add((o, inverse, s))

    _drop_foreign(out, concepts, scheme)
    for concept in concepts:
        out.add((concept, SKOS.inScheme, scheme))
        out.add((concept, RDF.type, SKOS.Concept))
        in_scheme_parents = [b for b in out.objects(concept, SKOS.broader) if b in concepts]
        if not in_scheme_parents:
            # VocBench flags "dangling" concepts: neither top concept nor a broader
            # concept in the same scheme.
            out.add((concept, SKOS.topConceptOf, scheme))
            out.add((scheme, SKOS.hasTopConcept, concept))
    _describe_scheme(graph, out, scheme)
    _add_blank_closure(graph, out)
    for triple in list(out.triples((None, None, None))):
        if triple[1] in _NEVER_ASSERTED:
            out.remove(triple)
    return out


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


def _super_properties(graph: Graph, prop: Node) -> set[Node]:
    seen: set[Node] = set()
    todo = [prop]
    while todo:
        for sup in graph.objects(todo.pop(), RDFS.subPropertyOf):
            if sup not in seen and sup != prop:
                seen.add(sup)
                todo.append(sup)
    return seen


def _in_skos_namespaces(term: Node) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(_SKOS_NS)


def _lifted_predicates(graph: Graph) -> dict[Node, list[Node]]:
    """For each predicate in ``graph``: what the skos profile writes it as.

    SKOS, iso-thes and dcterms predicates stay themselves. Any other predicate is
    written as its most specific super-properties in those namespaces (``copro:isPartOf``
    -> ``iso-thes:broaderPartitive``), or dropped when it has none.
    """
    lifted: dict[Node, list[Node]] = {}
    for p in set(graph.predicates()):
        if _in_skos_namespaces(p):
            lifted[p] = [p]
            continue
        supers = {q for q in _super_properties(graph, p) if _in_skos_namespaces(q)} - _NOT_LIFTED
        # Keep only the most specific: drop a super-property of another kept one.
        specific = [q for q in supers if not any(q in _super_properties(graph, r) for r in supers)]
        if specific:
            lifted[p] = sorted(specific, key=str)
    return lifted


def _owl_inverses(graph: Graph) -> list[tuple[Node, Node]]:
    pairs = []
    for a, b in graph.subject_objects(OWL.inverseOf):
        if _in_skos_namespaces(b) and not _in_skos_namespaces(a):
            pairs.append((a, b))
        elif _in_skos_namespaces(a) and not _in_skos_namespaces(b):
            pairs.append((b, a))
    return pairs


def _drop_foreign(out: Graph, concepts: set[Node], scheme: URIRef) -> None:
    """Remove other schemes' memberships: a concept of ours is in our scheme only."""
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
    for header in _root_ontologies(graph):
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


MAIN_ONTOLOGY = URIRef(BASE + "ontology")
"""The shipped ontology's header (``ontology/copro.ttl``)."""


def _root_ontologies(graph: Graph) -> list[Node]:
    """The ontology headers no other loaded ontology imports (``copro.ttl``'s header).

    The shipped ontology is a root that ``owl:imports`` its modules (glossary, spectrum
    ...); all are merged into one graph, so the modules' own headers describe files,
    not the export.
    """
    headers = set(graph.subjects(RDF.type, OWL.Ontology))
    if MAIN_ONTOLOGY in headers:
        # The shipped root; other headers (e.g. skos-integrity.ttl, which copro.ttl leaves
        # out of its imports so HermiT accepts it) describe files of the merged graph.
        return [MAIN_ONTOLOGY]
    imported = {o for h in headers for o in graph.objects(h, OWL.imports)}
    return sorted(headers - imported, key=str) or sorted(headers, key=str)


def _tagged(value: Node) -> bool:
    return isinstance(value, Literal) and bool(value.language)


def _add_blank_closure(graph: Graph, out: Graph) -> None:
    """Bring along the description of every blank node the export points at.

    An ``skos:memberList`` is an rdf:List; a ``dcterms:creator`` may be a blank node
    with a name. Without their triples the export would hold dangling blank nodes.
    """
    todo = [o for o in out.objects() if isinstance(o, BNode)]
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in graph.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)


# ----------------------------------------------------------------------------- owl


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
    modules = headers - set(_root_ontologies(graph))
    out = bind_prefixes(Graph())
    for s, p, o in graph:
        if isinstance(s, BNode) or s in dropped or s in modules or p in concept_properties:
            continue
        if p == OWL.imports and (o in headers or str(o).startswith(_SKOS_NS)):
            continue  # merged here, or the SKOS layer this profile leaves out
        out.add((s, p, o))
    _add_blank_closure(graph, out)

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


_CLASS_POSITIONS = (
    RDFS.subClassOf,
    OWL.equivalentClass,
    OWL.disjointWith,
    OWL.complementOf,
    OWL.onClass,
    OWL.someValuesFrom,
    OWL.allValuesFrom,
)


def _declare_classes(out: Graph) -> None:
    """Declare classes the kept axioms name but whose own description was left out.

    ``copro:SpectrumLevel rdfs:subClassOf skos:Concept`` names ``skos:Concept``, whose
    triples belong to the SKOS layer; OWL 2 DL still needs it declared as a class.
    """
    builtin = (str(RDF), str(RDFS), str(OWL), str(XSD))
    used = {o for p in _CLASS_POSITIONS for o in out.objects(None, p)}
    used |= set(out.objects(None, RDF.type))
    for cls in used:
        declared = (cls, RDF.type, None) in out
        if isinstance(cls, URIRef) and not str(cls).startswith(builtin) and not declared:
            out.add((cls, RDF.type, OWL.Class))


def _skos_layer(graph: Graph) -> set[Node]:
    layer: set[Node] = {s for t in _SKOS_CLASSES for s in graph.subjects(RDF.type, t)}
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
        if not isinstance(p, URIRef) or _in_skos_namespaces(p):
            continue
        supers = _super_properties(graph, p)
        relations = {q for q in supers if str(q).startswith((str(SKOS), str(ISOTHES)))}
        # Annotation sub-properties (a note type of ours under skos:note) are fine on
        # classes too; only semantic relations, membership and scheme links are not.
        relations -= {q for q in relations if (q, RDF.type, OWL.AnnotationProperty) in graph}
        relations -= {SKOS.note, SKOS.definition, SKOS.scopeNote, SKOS.example}
        relations -= {SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SKOS.notation}
        domains = set(graph.objects(p, RDFS.domain))
        if relations or domains & _SKOS_CLASSES:
            found.add(p)
    return found


def _declare_properties(graph: Graph, out: Graph) -> None:
    """Declare every property the profile uses, as the source declares it if it does.

    OWL 2 DL needs an explicit declaration; without one, Protégé and owlready2 guess
    (and a guess of "annotation" for one file and "data" for another is illegal
    punning). Undeclared properties on entities are annotations (dcterms:title ...).
    """
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    builtin = (str(RDF), str(RDFS), str(OWL), str(XSD))
    for p in set(out.predicates()):
        if str(p).startswith(builtin):
            continue
        declared = [k for k in kinds if (p, RDF.type, k) in graph]
        for kind in declared or [OWL.AnnotationProperty]:
            out.add((p, RDF.type, kind))


# ---------------------------------------------------------------------------- full


def full_profile(graph: Graph, *, reasoned: bool = False, scheme: URIRef = MAIN_SCHEME) -> Graph:
    """Everything: the loaded graph, both profiles' additions and (optionally) inferences."""
    out = bind_prefixes(Graph())
    out.bind("schema", SCHEMA)
    out += graph
    if (scheme, RDF.type, SKOS.ConceptScheme) in graph:
        out += skos_profile(graph, scheme=scheme)
    out += owl_profile(graph, scheme=scheme)
    if reasoned:
        from copro_kg.reasoning.result import reason

        out += reason(graph).inferred
    return out


def build_profile(
    graph: Graph, profile: str, *, reasoned: bool = False, scheme: URIRef = MAIN_SCHEME
) -> Graph:
    """The export graph of ``profile`` (``skos``, ``owl`` or ``full``).

    ``reasoned`` adds inferred triples; only the ``full`` profile accepts it, since
    the closure holds ``skos:broaderTransitive`` and OWL noise no taxonomy tool wants.

    Raises:
        InputError: an unknown profile, or ``reasoned`` with a profile other than full.
    """
    if profile not in PROFILES:
        raise InputError(f"unknown export profile {profile!r}", hint="use skos, owl or full")
    if reasoned and profile != "full":
        raise InputError(
            f"--reasoned applies to the full profile only, not {profile}",
            hint="inferred triples (skos:broaderTransitive ...) break taxonomy tools",
        )
    if profile == "skos":
        return skos_profile(graph, scheme=scheme)
    if profile == "owl":
        return owl_profile(graph, scheme=scheme)
    return full_profile(graph, reasoned=reasoned, scheme=scheme)


# ------------------------------------------------------------------------ formats


@dataclass(frozen=True)
class ConceptRow:
    """One CSV row: a concept and what spreadsheet imports expect of it."""

    iri: str
    pref_label: str
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]
    definition: str
    scope_note: str


CSV_HEADER = ("iri", "prefLabel", "altLabels", "broader", "definition", "scopeNote")
"""CSV columns; several values in a cell are separated by :data:`CSV_SEPARATOR`."""
CSV_SEPARATOR = " | "


def concept_rows(graph: Graph, *, language: str = "en") -> list[ConceptRow]:
    """One row per ``skos:Concept`` in ``graph`` (sorted by IRI), texts in ``language``.

    Meant for the ``skos`` profile graph, where broader links are already written as
    ``skos:broader`` (the iso-thes and copro sub-properties included).
    """

    def texts(subject: Node, prop: URIRef) -> list[str]:
        values = [o for o in graph.objects(subject, prop) if isinstance(o, Literal)]
        tagged = [str(v) for v in values if v.language == language]
        return sorted(tagged or [str(v) for v in values if not v.language])

    rows = []
    for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        rows.append(
            ConceptRow(
                iri=str(concept),
                pref_label=CSV_SEPARATOR.join(texts(concept, SKOS.prefLabel)),
                alt_labels=tuple(texts(concept, SKOS.altLabel)),
                broader=tuple(sorted(str(b) for b in graph.objects(concept, SKOS.broader))),
                definition=CSV_SEPARATOR.join(texts(concept, SKOS.definition)),
                scope_note=CSV_SEPARATOR.join(texts(concept, SKOS.scopeNote)),
            )
        )
    return rows


def _csv(graph: Graph) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_HEADER)
    for row in concept_rows(graph):
        writer.writerow(
            [
                row.iri,
                row.pref_label,
                CSV_SEPARATOR.join(row.alt_labels),
                CSV_SEPARATOR.join(row.broader),
                row.definition,
                row.scope_note,
            ]
        )
    # A UTF-8 byte order mark, so spreadsheet programs read Welsh accents correctly.
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _canonical(graph: Graph) -> Graph:
    """``graph`` with deterministic blank node labels (same graph -> same bytes)."""
    if not any(isinstance(t, BNode) for triple in graph for t in (triple[0], triple[2])):
        return graph
    from rdflib.compare import to_canonical_graph

    out = Graph()
    out += to_canonical_graph(graph)
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    return out


def _ntriples(graph: Graph) -> bytes:
    text = _canonical(graph).serialize(format="nt", encoding="utf-8")
    return b"".join(sorted(line + b"\n" for line in text.splitlines() if line.strip()))


def _jsonld(graph: Graph) -> bytes:
    used = {str(p): str(ns) for p, ns in graph.namespaces()}
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    # An inline context of the prefixes actually used: compact, and parsed back offline.
    context = {
        prefix: ns
        for prefix, ns in sorted(used.items())
        if prefix and any(i.startswith(ns) for i in iris)
    }
    canonical = _canonical(graph)
    data = canonical.serialize(format="json-ld", context=context, auto_compact=True)
    document = _sorted_json(json.loads(data))
    if len(Graph().parse(data=data, format="json-ld")) != len(canonical):
        # rdflib's JSON-LD writer drops blank nodes that are only reached from blank
        # nodes in a cycle (``_:a :p _:a``); then write flattened JSON-LD ourselves,
        # one node object per subject, which loses nothing.
        document = _sorted_json(_flattened(canonical))
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _flattened(graph: Graph) -> list[dict[str, object]]:
    """``graph`` as flattened, expanded JSON-LD (JSON-LD 1.1 section 4.1 node objects)."""

    def value(term: Node) -> dict[str, str]:
        if isinstance(term, Literal):
            out = {"@value": str(term)}
            if term.language:
                out["@language"] = term.language
            elif term.datatype is not None:
                out["@type"] = str(term.datatype)
            return out
        return {"@id": _node_id(term)}

    nodes: dict[str, dict[str, list[dict[str, str]]]] = {}
    for s, p, o in graph:
        node = nodes.setdefault(_node_id(s), {})
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(_node_id(o))  # type: ignore[arg-type]
        else:
            node.setdefault(str(p), []).append(value(o))
    return [{"@id": key, **props} for key, props in sorted(nodes.items())]


def _node_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _sorted_json(value: object, key: str | None = None) -> object:
    """Sort JSON-LD arrays (sets in RDF terms) so output does not depend on hash order.

    ``@list`` arrays are rdf:Lists, whose order is meaning: they stay as they are.
    """
    if isinstance(value, dict):
        return {k: _sorted_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


_WRITERS: dict[str, Callable[[Graph], bytes]] = {
    "ttl": lambda g: _canonical(g).serialize(format="turtle", encoding="utf-8"),
    "xml": serialize_rdfxml,
    "jsonld": _jsonld,
    "nt": _ntriples,
    "csv": _csv,
}


def serialize_export(graph: Graph, fmt: str) -> bytes:
    """``graph`` as ``fmt`` (ttl, xml, jsonld, nt or csv), deterministic bytes.

    Raises:
        InputError: an unknown format, or content the format cannot hold.
    """
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise InputError(
            f"unknown export format {fmt!r}", hint="use " + ", ".join(FORMATS)
        ) from None
    try:
        return writer(graph)
    except InputError:
        raise
    except Exception as err:  # rdflib's writers raise bare Exceptions (IRI with a space)
        raise InputError(f"cannot write the export as {fmt}: {err}") from err


def export_all(
    graph: Graph,
    directory: str | Path,
    *,
    profiles: Sequence[str] = PROFILES,
    formats: Iterable[str] = FORMATS,
    reasoned_full: bool = True,
) -> list[Path]:
    """Write every profile x format into ``directory``, plus a ``SHA256SUMS`` file.

    Files are named ``copro-<profile>.<ext>``; with ``reasoned_full`` the full profile
    is written with its inferred triples (``copro-full-reasoned.<ext>``) too.
    ``SHA256SUMS`` is in the format ``sha256sum -c`` checks.

    Returns:
        The files written, ``SHA256SUMS`` last.
    """
    folder = Path(directory)
    formats = list(formats)
    variants: list[tuple[str, str, bool]] = [(p, f"copro-{p}", False) for p in profiles]
    if reasoned_full and "full" in profiles:
        variants.append(("full", "copro-full-reasoned", True))
    written: list[Path] = []
    sums: list[str] = []
    for profile, stem, reasoned in variants:
        export = build_profile(graph, profile, reasoned=reasoned)
        for fmt in formats:
            if fmt == "csv" and profile == "owl":
                continue  # one row per concept: the owl profile has no concepts
            data = serialize_export(export, fmt)
            path = write_atomic(folder / f"{stem}.{FORMATS[fmt]}", data)
            written.append(path)
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {path.name}\n")
    written.append(write_atomic(folder / "SHA256SUMS", "".join(sorted(sums, key=lambda s: s[66:]))))
    return written
