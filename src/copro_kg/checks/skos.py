"""SKOS integrity conditions and qSKOS quality issues, under the names users look up.

Every check here registers itself with :mod:`copro_kg.checks.core` (profile ``skos``) and
yields :class:`~copro_kg.checks.core.Finding` objects that name each concept by label and
IRI. Check ids are qSKOS's issue names in kebab case (``orphan-concepts`` is qSKOS
``OrphanConcepts``, code ``oc``; see https://github.com/cmader/qSKOS/wiki/Quality-Issues);
the two SKOS integrity conditions qSKOS has no name for are ``S9`` and ``S37`` (W3C SKOS
Reference, 2009).

Which triples each check reads -- a deliberate choice, written in each check's ``view``:

* ``asserted``: what the files state. Label and documentation checks, undefined SKOS
  resources, and the checks *about stating things*: unidirectionally related concepts
  (a reasoner always adds the reverse, so on reasoned triples the check could never fire),
  hierarchical redundancy (a transitive closure is redundant by construction) and solely
  transitively related concepts.
* ``skos-entailed``: the stated triples lifted through the ``rdfs:subPropertyOf`` axioms
  the graph declares (``iso-thes:broaderGeneric``, ``copro:isPartOf`` ... are
  ``skos:broader``), plus SKOS's own semantics -- narrower is the inverse of broader
  (S25), related and the match properties are symmetric (S23, S44), broaderTransitive and
  exactMatch are transitive (S24, S45). This is the hierarchy a SKOS tool sees after
  reasoning, computed here directly so the checks work on a standalone file and without
  running the OWL reasoner (owlrl derives the same from ``ontology/skos-axioms.ttl``).
  Orphans, clusters, cycles, relation and mapping clashes, top concepts read this view.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
...   @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...   <urn:x:a> a skos:Concept ; skos:prefLabel "a"@en ; skos:definition "A."@en .''',
...   format="turtle")
>>> sorted({f.check for f in run(g)})
['orphan-concepts']
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.checks.core import CHECKS, CheckContext, CheckInfo, Finding, Term, register, term

__all__ = ["SKOS_TERMS", "SkosView", "run"]

SKOS_TERMS: frozenset[URIRef] = frozenset(URIRef(str(SKOS) + name) for name in SKOS.__annotations__)
"""Every term the SKOS Reference (2009) defines, from rdflib's SKOS namespace."""

LABEL_PROPERTIES = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
DOCUMENTATION_PROPERTIES = (
    SKOS.note,
    SKOS.definition,
    SKOS.scopeNote,
    SKOS.example,
    SKOS.historyNote,
    SKOS.editorialNote,
    SKOS.changeNote,
)
TEXT_PROPERTIES = (*LABEL_PROPERTIES, *DOCUMENTATION_PROPERTIES, RDFS.label, RDFS.comment)
"""Properties whose values are natural-language text and so need a language tag."""

HIERARCHICAL_UP = SKOS.broader
HIERARCHICAL_DOWN = SKOS.narrower
MAPPING_PROPERTIES = frozenset(
    {
        SKOS.mappingRelation,
        SKOS.exactMatch,
        SKOS.closeMatch,
        SKOS.broadMatch,
        SKOS.narrowMatch,
        SKOS.relatedMatch,
    }
)
RECIPROCALS: tuple[tuple[URIRef, URIRef], ...] = (
    (SKOS.broader, SKOS.narrower),
    (SKOS.broaderTransitive, SKOS.narrowerTransitive),
    (SKOS.related, SKOS.related),
    (SKOS.broadMatch, SKOS.narrowMatch),
    (SKOS.relatedMatch, SKOS.relatedMatch),
    (SKOS.closeMatch, SKOS.closeMatch),
    (SKOS.exactMatch, SKOS.exactMatch),
)
"""Pairs qSKOS expects stated both ways (SKOS S23, S25, S26, S43, S44)."""

# BCP 47 language tag, the "langtag" production of RFC 5646 §2.1 (plus private-use
# tags), the syntax RDF 1.1 requires of language-tagged strings.
_LANGTAG = re.compile(
    r"^([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(-[0-9a-wy-z](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$|^x(-[a-z0-9]{1,8})+$",
    re.IGNORECASE,
)


def valid_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a well-formed BCP 47 language tag.

    >>> valid_language_tag("en"), valid_language_tag("cy-GB"), valid_language_tag("en_GB")
    (True, True, False)
    """
    return bool(_LANGTAG.match(tag))


def _normalise(text: str) -> str:
    # qSKOS compares labels case-insensitively; NFKC folds compatibility forms
    # (ligatures, full-width letters) and whitespace runs count as one space.
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass
class SkosView:
    """The graph as the SKOS checks see it (see the module docstring for the views)."""

    graph: Graph

    @cached_property
    def concepts(self) -> list[Node]:
        """Resources typed ``skos:Concept`` (directly, or through a declared subclass)."""
        classes = {SKOS.Concept} | set(
            self.graph.transitive_subjects(RDFS.subClassOf, SKOS.Concept)
        )
        found = {s for c in classes for s in self.graph.subjects(RDF.type, c)}
        return sorted(found, key=str)

    @cached_property
    def concept_set(self) -> frozenset[Node]:
        return frozenset(self.concepts)

    @cached_property
    def schemes(self) -> list[Node]:
        return sorted(set(self.graph.subjects(RDF.type, SKOS.ConceptScheme)), key=str)

    def sub_properties(self, prop: URIRef) -> set[Node]:
        """``prop`` and every property declared a (transitive) sub-property of it,
        leaving out mapping properties (they link to other vocabularies, and qSKOS checks
        them apart: mapping clashes)."""
        found: set[Node] = {
            p for p in self.graph.transitive_subjects(RDFS.subPropertyOf, prop) if p is not None
        }
        mappings = {
            p
            for p in self.graph.transitive_subjects(RDFS.subPropertyOf, SKOS.mappingRelation)
            if p is not None
        }
        return {p for p in found | {prop} if p not in MAPPING_PROPERTIES and p not in mappings}

    @cached_property
    def hierarchy(self) -> nx.DiGraph:
        """Directed child -> broader edges between any resources (skos-entailed view)."""
        edges = nx.DiGraph()
        for prop in self.sub_properties(HIERARCHICAL_UP):
            edges.add_edges_from(self.graph.subject_objects(prop))
        for prop in self.sub_properties(HIERARCHICAL_DOWN):
            edges.add_edges_from((o, s) for s, o in self.graph.subject_objects(prop))
        return edges

    @cached_property
    def associative(self) -> nx.Graph:
        """Undirected ``skos:related`` edges (symmetric, S23), sub-properties included."""
        edges = nx.Graph()
        for prop in self.sub_properties(SKOS.related):
            edges.add_edges_from(self.graph.subject_objects(prop))
        return edges

    @cached_property
    def links(self) -> nx.Graph:
        """Undirected edges of every semantic relation: hierarchical, associative and
        mapping (qSKOS counts all of skos:semanticRelation for orphans and clusters)."""
        edges = nx.Graph()
        edges.add_edges_from(self.hierarchy.edges)
        edges.add_edges_from(self.associative.edges)
        for prop in sorted(MAPPING_PROPERTIES, key=str):
            edges.add_edges_from(self.mapping(prop))
        return edges

    def declares_reciprocal(self, prop: Node, reverse: Node) -> bool:
        """Whether the graph's own OWL axioms entail ``reverse`` from ``prop``
        (``owl:inverseOf`` either way, or ``owl:SymmetricProperty`` when they are one)."""
        if prop == reverse:
            return (prop, RDF.type, OWL.SymmetricProperty) in self.graph
        return (prop, OWL.inverseOf, reverse) in self.graph or (
            reverse,
            OWL.inverseOf,
            prop,
        ) in self.graph

    @cached_property
    def schemes_of(self) -> dict[Node, frozenset[Node]]:
        """Concept -> the schemes it is in (inScheme or topConceptOf, S7)."""
        out: dict[Node, set[Node]] = defaultdict(set)
        for prop in (SKOS.inScheme, SKOS.topConceptOf):
            for c, s in self.graph.subject_objects(prop):
                out[c].add(s)
        for s, c in self.graph.subject_objects(SKOS.hasTopConcept):
            out[c].add(s)
        return {c: frozenset(v) for c, v in out.items()}

    def mapping(self, prop: URIRef) -> set[tuple[Node, Node]]:
        """Pairs linked by a mapping property or its declared sub-properties (stated)."""
        props = set(self.graph.transitive_subjects(RDFS.subPropertyOf, prop)) | {prop}
        return {pair for p in props for pair in self.graph.subject_objects(p)}

    @cached_property
    def top_concepts(self) -> set[tuple[Node, Node]]:
        """(scheme, concept) pairs from hasTopConcept or topConceptOf (inverses, S8)."""
        pairs = set(self.graph.subject_objects(SKOS.hasTopConcept))
        pairs |= {(s, c) for c, s in self.graph.subject_objects(SKOS.topConceptOf)}
        return pairs

    def ancestors(self, node: Node) -> set[Node]:
        """Everything ``node`` is broaderTransitive of (S22, S24)."""
        return nx.descendants(self.hierarchy, node) if node in self.hierarchy else set()

    def term(self, node: Node) -> Term:
        return term(self.graph, node)

    def terms(self, nodes: Iterable[Node]) -> tuple[Term, ...]:
        return tuple(sorted({self.term(n) for n in nodes}))


def _view(context: CheckContext) -> SkosView:
    view = context.memo.get("skos_view")
    if not isinstance(view, SkosView):
        view = context.memo["skos_view"] = SkosView(context.graph)
    return view


def _finding(check: str, message: str, terms: tuple[Term, ...]) -> Finding:
    return Finding(check=check, severity=CHECKS[check].info.severity, message=message, terms=terms)


def _name(view: SkosView, node: Node) -> str:
    return str(view.term(node))


def _info(
    id: str, title: str, reference: str, view: str, description: str, severity: str = "error"
) -> CheckInfo:
    return CheckInfo(id, title, "skos", reference, view, description, severity)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- SKOS S-conditions


@register(
    _info(
        "S9",
        "Concept that is also a concept scheme",
        "SKOS S9",
        "asserted",
        "skos:ConceptScheme is disjoint with skos:Concept.",
    )
)
def s9(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    for node in view.schemes:
        if node in view.concept_set:
            yield _finding(
                "S9",
                f"{_name(view, node)} is typed both skos:Concept and "
                "skos:ConceptScheme, which SKOS says are disjoint (S9).",
                view.terms([node]),
            )


@register(
    _info(
        "S37",
        "Collection that is also a concept or a concept scheme",
        "SKOS S37",
        "asserted",
        "skos:Collection is disjoint with skos:Concept and skos:ConceptScheme.",
    )
)
def s37(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    collections = set(view.graph.subjects(RDF.type, SKOS.Collection)) | set(
        view.graph.subjects(RDF.type, SKOS.OrderedCollection)
    )
    for node in sorted(collections, key=str):
        clash = [
            name
            for name, members in (
                ("skos:Concept", view.concept_set),
                ("skos:ConceptScheme", set(view.schemes)),
            )
            if node in members
        ]
        if clash:
            yield _finding(
                "S37",
                f"{_name(view, node)} is typed skos:Collection and "
                f"{' and '.join(clash)}, which SKOS says are disjoint (S37).",
                view.terms([node]),
            )


@register(
    _info(
        "disjoint-labels-violation",
        "Disjoint labels violation",
        "SKOS S13; qSKOS DisjointLabelsViolation (dlv)",
        "asserted",
        "The same text is used as two of prefLabel, altLabel, hiddenLabel of one resource.",
    )
)
def disjoint_labels(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    for node in sorted(
        set(view.graph.subjects(SKOS.prefLabel | SKOS.altLabel | SKOS.hiddenLabel, None)), key=str
    ):
        for (p1, n1), (p2, n2) in combinations(
            [
                (p, n)
                for p, n in zip(
                    LABEL_PROPERTIES, ("prefLabel", "altLabel", "hiddenLabel"), strict=True
                )
            ],
            2,
        ):
            for label in sorted(
                set(view.graph.objects(node, p1)) & set(view.graph.objects(node, p2)), key=str
            ):
                yield _finding(
                    "disjoint-labels-violation",
                    f"{_name(view, node)} has {_show(label)} as both {n1} and {n2}; "
                    "SKOS says a label is of one kind only (S13).",
                    view.terms([node]),
                )


@register(
    _info(
        "inconsistent-preferred-labels",
        "Inconsistent preferred labels",
        "SKOS S14; qSKOS InconsistentPreferredLabels (ipl)",
        "asserted",
        "A resource has more than one skos:prefLabel in one language.",
    )
)
def inconsistent_pref_labels(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    by_resource: dict[tuple[Node, str], set[Node]] = defaultdict(set)
    for node, label in view.graph.subject_objects(SKOS.prefLabel):
        lang = label.language if isinstance(label, Literal) and label.language else ""
        by_resource[(node, lang.lower())].add(label)
    for (node, lang), labels in sorted(
        by_resource.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])
    ):
        if len(labels) > 1:
            shown = ", ".join(_show(lbl) for lbl in sorted(labels, key=str))
            where = f"language '{lang}'" if lang else "no language tag"
            yield _finding(
                "inconsistent-preferred-labels",
                f"{_name(view, node)} has {len(labels)} preferred labels with {where} "
                f"({shown}); SKOS allows one per language (S14).",
                view.terms([node]),
            )


@register(
    _info(
        "relation-clashes",
        "Relation clashes",
        "SKOS S27; qSKOS RelationClashes (rc)",
        "skos-entailed",
        "Two concepts are both related and hierarchically linked (broaderTransitive).",
    )
)
def relation_clashes(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    for a, b in sorted((tuple(sorted(e, key=str)) for e in view.associative.edges), key=str):
        if a == b:
            continue
        if b in view.ancestors(a) or a in view.ancestors(b):
            upper, lower = (b, a) if b in view.ancestors(a) else (a, b)
            yield _finding(
                "relation-clashes",
                f"{_name(view, lower)} is skos:related to {_name(view, upper)}, which "
                "is also one of its broader concepts; SKOS says related and "
                "broaderTransitive are disjoint (S27).",
                view.terms([a, b]),
            )


@register(
    _info(
        "mapping-clashes",
        "Mapping clashes",
        "SKOS S46; qSKOS MappingClashes (mc)",
        "skos-entailed",
        "Two resources are linked by exactMatch and by broadMatch/narrowMatch/relatedMatch.",
    )
)
def mapping_clashes(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    exact = nx.Graph()
    exact.add_edges_from(view.mapping(SKOS.exactMatch))  # symmetric (S44)
    other = {
        frozenset(p)
        for prop in (SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
        for p in view.mapping(prop)
    }
    for component in nx.connected_components(exact):  # transitive (S45)
        for a, b in combinations(sorted(component, key=str), 2):
            if frozenset((a, b)) in other:
                yield _finding(
                    "mapping-clashes",
                    f"{_name(view, a)} and {_name(view, b)} are an exactMatch and "
                    "also a broad/narrow/related match; SKOS says exactMatch is "
                    "disjoint with those (S46).",
                    view.terms([a, b]),
                )


# --------------------------------------------------------------------------- labels


@register(
    _info(
        "missing-labels",
        "Missing labels",
        "qSKOS MissingLabels (ml)",
        "asserted",
        "A concept has no skos:prefLabel, or a concept scheme has no label.",
    )
)
def missing_labels(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    for node in view.concepts:
        if (node, SKOS.prefLabel, None) not in view.graph:
            yield _finding(
                "missing-labels",
                f"Concept {_name(view, node)} has no skos:prefLabel.",
                view.terms([node]),
            )
    for node in view.schemes:
        # Skosify and Skosmos read skos:prefLabel / rdfs:label, not dcterms:title.
        if not any((node, p, None) in view.graph for p in (SKOS.prefLabel, RDFS.label)):
            yield _finding(
                "missing-labels",
                f"Concept scheme {_name(view, node)} has no skos:prefLabel or "
                "rdfs:label (taxonomy tools do not read dcterms:title as its name).",
                view.terms([node]),
            )


@register(
    _info(
        "empty-labels",
        "Empty labels",
        "qSKOS EmptyLabels (el)",
        "asserted",
        "A label is empty or only whitespace.",
    )
)
def empty_labels(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    for prop in (*LABEL_PROPERTIES, RDFS.label):
        for node, label in sorted(view.graph.subject_objects(prop), key=str):
            if isinstance(label, Literal) and not str(label).strip():
                yield _finding(
                    "empty-labels",
                    f"{_name(view, node)} has an empty "
                    f"{view.graph.namespace_manager.normalizeUri(prop)}.",
                    view.terms([node]),
                )


@register(
    _info(
        "overlapping-labels",
        "Overlapping labels",
        "qSKOS OverlappingLabels (ol)",
        "asserted",
        "Concepts of one scheme share a label (pref, alt or hidden; same language, ignoring case).",
    )
)
def overlapping_labels(context: CheckContext) -> Iterator[Finding]:
    # qSKOS compares every concept; we compare concepts of one concept scheme, as the
    # SKOS Reference advises (§5.6.4: "no two concepts in the same concept scheme be
    # given the same preferred lexical label in a given language"): the shipped graph
    # deliberately holds other models' schemes (Arnstein's "Consultation" rung is not
    # the glossary's consultation; they are linked by skos:closeMatch).
    view = _view(context)
    owners: dict[tuple[Node | None, str, str], set[Node]] = defaultdict(set)
    shown: dict[tuple[Node | None, str, str], str] = {}
    for node in view.concepts:
        schemes: Iterable[Node | None] = view.schemes_of.get(node) or [None]
        for prop in LABEL_PROPERTIES:
            for label in view.graph.objects(node, prop):
                if isinstance(label, Literal) and str(label).strip():
                    for scheme in schemes:
                        key = (scheme, (label.language or "").lower(), _normalise(str(label)))
                        owners[key].add(node)
                        shown.setdefault(key, _show(label))
    reported: set[tuple[frozenset[Node], str]] = set()
    for key in sorted(owners, key=str):
        nodes = owners[key]
        if len(nodes) > 1 and (frozenset(nodes), key[2]) not in reported:
            reported.add((frozenset(nodes), key[2]))
            names = " and ".join(_name(view, n) for n in sorted(nodes, key=str))
            where = f" in {_name(view, key[0])}" if key[0] is not None else ""
            yield _finding(
                "overlapping-labels",
                f"{names} share the label {shown[key]}{where}; a label should name one "
                "concept of a scheme only.",
                view.terms(nodes),
            )


@register(
    _info(
        "omitted-or-invalid-language-tags",
        "Omitted or invalid language tags",
        "qSKOS OmittedOrInvalidLanguageTags (oilt)",
        "asserted",
        "A label or note is a plain string without a language tag, or the tag is not valid BCP 47.",
    )
)
def language_tags(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    subjects = view.concept_set | set(view.schemes)
    for prop in TEXT_PROPERTIES:
        for node, value in sorted(view.graph.subject_objects(prop), key=str):
            if node not in subjects or not isinstance(value, Literal):
                continue
            short = view.graph.namespace_manager.normalizeUri(prop)
            if value.language is None:
                yield _finding(
                    "omitted-or-invalid-language-tags",
                    f"{_name(view, node)} has {short} {_show(value)} without a language tag.",
                    view.terms([node]),
                )
            elif not valid_language_tag(value.language):
                yield _finding(
                    "omitted-or-invalid-language-tags",
                    f"{_name(view, node)} has {short} {_show(value)} with the "
                    f"invalid language tag '{value.language}'.",
                    view.terms([node]),
                )


@register(
    _info(
        "undocumented-concepts",
        "Undocumented concepts",
        "qSKOS UndocumentedConcepts (uc)",
        "asserted",
        "A concept has no definition, scope note or other SKOS documentation.",
    )
)
def undocumented(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    props = {
        p
        for base in DOCUMENTATION_PROPERTIES
        for p in set(view.graph.transitive_subjects(RDFS.subPropertyOf, base)) | {base}
    }
    for node in view.concepts:
        if not any((node, p, None) in view.graph for p in props):
            yield _finding(
                "undocumented-concepts",
                f"Concept {_name(view, node)} has no skos:definition, scopeNote, note or example.",
                view.terms([node]),
            )


@register(
    _info(
        "undefined-skos-resources",
        "Undefined SKOS resources",
        "qSKOS UndefinedSkosResources (usr)",
        "asserted",
        "A term in the SKOS namespace that SKOS does not define (typo or SKOS 2004).",
    )
)
def undefined_skos(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    used: dict[URIRef, set[Node]] = defaultdict(set)
    for s, p, o in view.graph:
        for node in (p, o) if p != RDF.type else (o,):
            if (
                isinstance(node, URIRef)
                and str(node).startswith(str(SKOS))
                and (node not in SKOS_TERMS)
            ):
                used[node].add(s)
        if isinstance(s, URIRef) and str(s).startswith(str(SKOS)) and s not in SKOS_TERMS:
            used[s].add(s)
    for node in sorted(used, key=str):
        where = sorted(used[node], key=str)
        subjects = ", ".join(_name(view, n) for n in where[:3]) + (" ..." if len(where) > 3 else "")
        name = Term(label=f"skos:{str(node)[len(str(SKOS)) :]}", iri=str(node))
        yield _finding(
            "undefined-skos-resources",
            f"{name} is not defined by the SKOS Reference (2009), e.g. a typo or a SKOS 2004 "
            f"term (used on {subjects}).",
            (name,),
        )


# --------------------------------------------------------------------------- structure


@register(
    _info(
        "orphan-concepts",
        "Orphan concepts",
        "qSKOS OrphanConcepts (oc)",
        "skos-entailed",
        "A concept has no semantic relation (broader, narrower, related or a mapping) "
        "to another concept.",
    )
)
def orphans(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    for node in view.concepts:
        if node not in view.links or not any(n != node for n in view.links[node]):
            yield _finding(
                "orphan-concepts",
                f"Concept {_name(view, node)} has no broader, narrower, related or mapped concept.",
                view.terms([node]),
            )


@register(
    _info(
        "disconnected-concept-clusters",
        "Disconnected concept clusters",
        "qSKOS DisconnectedConceptClusters (dcc)",
        "skos-entailed",
        "A group of concepts is linked among itself but not to the rest of the "
        "vocabulary (single concepts are reported as orphans).",
    )
)
def clusters(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    links = nx.Graph()
    links.add_nodes_from(view.concepts)
    links.add_edges_from(
        (a, b) for a, b in view.links.edges if a in view.concept_set and b in view.concept_set
    )
    parts = sorted(
        (sorted(c, key=str) for c in nx.connected_components(links) if len(c) > 1),
        key=lambda c: (-len(c), str(c[0])),
    )
    for part in parts[1:]:  # the largest cluster is the vocabulary itself
        names = ", ".join(_name(view, n) for n in part)
        yield _finding(
            "disconnected-concept-clusters",
            f"{len(part)} concepts ({names}) are linked to each other but not to "
            f"the main body of {len(parts[0])} concepts.",
            view.terms(part),
        )


@register(
    _info(
        "cyclic-hierarchical-relations",
        "Cyclic hierarchical relations",
        "qSKOS CyclicHierarchicalRelations (chr)",
        "skos-entailed",
        "Following broader links leads back to where it started.",
    )
)
def cycles(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    for component in sorted(
        (
            sorted(c, key=str)
            for c in nx.strongly_connected_components(view.hierarchy)
            if len(c) > 1
        ),
        key=lambda c: str(c[0]),
    ):
        names = ", ".join(_name(view, n) for n in component)
        yield _finding(
            "cyclic-hierarchical-relations",
            f"The broader relations between {names} form a cycle: each is broader than itself.",
            view.terms(component),
        )


@register(
    _info(
        "reflexively-related-concepts",
        "Reflexively related concepts",
        "qSKOS ReflexivelyRelatedConcepts (rrc)",
        "skos-entailed",
        "A concept is broader than, narrower than or related to itself.",
    )
)
def reflexive(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    nodes = {a for a, b in view.hierarchy.edges if a == b} | {
        a for a, b in view.associative.edges if a == b
    }
    for node in sorted(nodes, key=str):
        yield _finding(
            "reflexively-related-concepts",
            f"{_name(view, node)} is related to itself.",
            view.terms([node]),
        )


@register(
    _info(
        "valueless-associative-relations",
        "Valueless associative relations",
        "qSKOS ValuelessAssociativeRelations (var)",
        "skos-entailed",
        "Two concepts with the same broader concept are also skos:related.",
    )
)
def valueless(context: CheckContext) -> Iterator[Finding]:
    # Plain skos:related only, as qSKOS: a named sub-property (copro:inspiredBy,
    # copro:fundsWorkOf ...) says something being siblings does not.
    view = _view(context)
    related = nx.Graph()
    related.add_edges_from(view.graph.subject_objects(SKOS.related))
    for a, b in sorted((tuple(sorted(e, key=str)) for e in related.edges), key=str):
        if a == b or a not in view.hierarchy or b not in view.hierarchy:
            continue
        shared = set(view.hierarchy.successors(a)) & set(view.hierarchy.successors(b))
        if shared:
            parents = ", ".join(_name(view, n) for n in sorted(shared, key=str))
            yield _finding(
                "valueless-associative-relations",
                f"{_name(view, a)} and {_name(view, b)} are siblings under "
                f"{parents} and also skos:related; the sibling relation already says "
                "so.",
                view.terms([a, b]),
            )


@register(
    _info(
        "solely-transitively-related-concepts",
        "Solely transitively related concepts",
        "qSKOS SolelyTransitivelyRelatedConcepts (strc)",
        "asserted",
        "broaderTransitive/narrowerTransitive is stated where no chain of broader "
        "relations backs it.",
    )
)
def solely_transitive(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    pairs = set(view.graph.subject_objects(SKOS.broaderTransitive)) | {
        (o, s) for s, o in view.graph.subject_objects(SKOS.narrowerTransitive)
    }
    for lower, upper in sorted(pairs, key=str):
        if upper not in view.ancestors(lower):
            yield _finding(
                "solely-transitively-related-concepts",
                f"{_name(view, lower)} is stated to have broaderTransitive "
                f"{_name(view, upper)} with no chain of skos:broader between them; "
                "state the broader relations instead.",
                view.terms([lower, upper]),
            )


@register(
    _info(
        "unidirectionally-related-concepts",
        "Unidirectionally related concepts",
        "qSKOS UnidirectionallyRelatedConcepts (urc)",
        "asserted",
        "A SKOS relation is stated one way but its reciprocal (narrower for broader, "
        "related both ways ...) is neither stated nor entailed by the graph's own "
        "owl:inverseOf / owl:SymmetricProperty axioms; tools that do not reason miss it.",
    )
)
def unidirectional(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    g = view.graph
    nm = g.namespace_manager
    for forward, backward in RECIPROCALS:
        directions = (
            [(forward, backward)]
            if forward == backward
            else [(forward, backward), (backward, forward)]
        )
        for p, q in directions:
            for s, o in sorted(g.subject_objects(p), key=str):
                if p in MAPPING_PROPERTIES and not (
                    s in view.concept_set and o in view.concept_set
                ):
                    continue  # a mapping into another vocabulary cannot be stated back there
                if s != o and (o, q, s) not in g and not view.declares_reciprocal(p, q):
                    yield _finding(
                        "unidirectionally-related-concepts",
                        f"{_name(view, s)} {nm.normalizeUri(p)} {_name(view, o)} is "
                        f"stated, but not {nm.normalizeUri(q)} the other way.",
                        view.terms([s, o]),
                    )


@register(
    _info(
        "hierarchical-redundancy",
        "Hierarchical redundancy",
        "qSKOS HierarchicalRedundancy (hr)",
        "asserted",
        "A broader relation is stated that already follows from a longer chain.",
    )
)
def redundancy(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    h = view.hierarchy
    # Inside a cycle every edge "follows through another concept": the cycle is the
    # problem, reported once by cyclic-hierarchical-relations.
    in_cycles = {n for c in nx.strongly_connected_components(h) if len(c) > 1 for n in c}
    for lower, upper in sorted(h.edges, key=str):
        if lower == upper or lower in in_cycles or upper in in_cycles:
            continue
        others = [n for n in h.successors(lower) if n not in (upper, lower)]
        if any(upper == n or upper in nx.descendants(h, n) for n in others):
            yield _finding(
                "hierarchical-redundancy",
                f"{_name(view, lower)} is stated to have broader {_name(view, upper)}, "
                "which already follows through another broader concept.",
                view.terms([lower, upper]),
            )


@register(
    _info(
        "mapping-relations-misuse",
        "Mapping relations misuse",
        "qSKOS MappingRelationsMisuse (mri)",
        "asserted",
        "Two concepts of the same scheme are linked by a mapping relation (meant for "
        "links to other vocabularies).",
    )
)
def mapping_misuse(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    schemes: dict[Node, set[Node]] = defaultdict(set)
    for c, s in view.graph.subject_objects(SKOS.inScheme):
        schemes[c].add(s)
    for c, s in view.graph.subject_objects(SKOS.topConceptOf):
        schemes[c].add(s)
    seen = set()
    for prop in sorted(MAPPING_PROPERTIES, key=str):
        for a, b in sorted(view.mapping(prop), key=str):
            key = frozenset((a, b))
            if key not in seen and schemes.get(a, set()) & schemes.get(b, set()):
                seen.add(key)
                yield _finding(
                    "mapping-relations-misuse",
                    f"{_name(view, a)} and {_name(view, b)} are in the same concept "
                    "scheme but linked by a mapping relation; use broader/related.",
                    view.terms([a, b]),
                )


@register(
    _info(
        "top-concepts-having-broader-concepts",
        "Top concepts having broader concepts",
        "qSKOS TopConceptsHavingBroaderConcepts (tchbc)",
        "skos-entailed",
        "A top concept of a scheme also has a broader concept.",
    )
)
def top_with_broader(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    for scheme, node in sorted(view.top_concepts, key=str):
        parents = [
            n
            for n in (view.hierarchy.successors(node) if node in view.hierarchy else ())
            if n != node
        ]
        if parents:
            shown = ", ".join(_name(view, n) for n in sorted(parents, key=str))
            yield _finding(
                "top-concepts-having-broader-concepts",
                f"{_name(view, node)} is a top concept of {_name(view, scheme)} but "
                f"has broader {shown}.",
                view.terms([node]),
            )


@register(
    _info(
        "omitted-top-concepts",
        "Omitted top concepts",
        "qSKOS OmittedTopConcepts (otc)",
        "asserted",
        "A concept scheme names no top concept.",
    )
)
def omitted_top(context: CheckContext) -> Iterator[Finding]:
    view = _view(context)
    with_top = {s for s, _ in view.top_concepts}
    for scheme in view.schemes:
        if scheme not in with_top:
            yield _finding(
                "omitted-top-concepts",
                f"Concept scheme {_name(view, scheme)} has no top concept "
                "(skos:hasTopConcept / skos:topConceptOf).",
                view.terms([scheme]),
            )


def _show(label: Node) -> str:
    if isinstance(label, Literal) and label.language:
        return f'"{label}"@{label.language}'
    return f'"{label}"'


def run(graph: Graph) -> list[Finding]:
    """Every SKOS check over ``graph``, without the exception list (for tests and tools)."""
    context = CheckContext(graph)
    findings: list[Finding] = []
    for registered in CHECKS.values():
        if registered.info.profile == "skos":
            findings.extend(registered.run(context))
    return findings
