"""The graph as the SKOS checks see it, and how a SKOS check is declared.

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

A SKOS check is a function from the :class:`SkosView` to :class:`Problem` records (a
sentence and the resources it names), made a check by :func:`skos_check`; the view is
built once per run and shared.

>>> from rdflib import Graph, URIRef
>>> g = Graph().parse(format="turtle", data='''
...   @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...   <urn:x:a> a skos:Concept ; skos:narrower <urn:x:b> .
...   <urn:x:b> a skos:Concept .''')
>>> sorted(SkosView(g).ancestors(URIRef("urn:x:b")))
[rdflib.term.URIRef('urn:x:a')]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.checks.model import CheckInfo, Finding, Severity, Term, term
from copro_kg.checks.registry import Check, CheckContext
from copro_kg.vocab.status import deprecated_terms

if TYPE_CHECKING:  # networkx loads when a SKOS check runs: classify never pays for it
    import networkx as nx

__all__ = [
    "DOCUMENTATION_PROPERTIES",
    "LABEL_PROPERTIES",
    "MAPPING_PROPERTIES",
    "RECIPROCALS",
    "SKOS_TERMS",
    "TEXT_PROPERTIES",
    "Problem",
    "SkosView",
    "normalise",
    "show",
    "skos_check",
    "valid_language_tag",
    "view_of",
]


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


def normalise(text: str) -> str:
    """A label as qSKOS compares it.

    >>> normalise("Co-\ufb01nance  Plan")
    'co-finance plan'
    """
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
    def deprecated(self) -> frozenset[Node]:
        """Concepts with ``owl:deprecated true``: kept, never deleted, but out of the
        checks that compare current concepts (see :mod:`copro_kg.vocab.status`)."""
        return frozenset(deprecated_terms(self.graph)) & frozenset(self.concepts)

    @cached_property
    def concept_set(self) -> frozenset[Node]:
        """:attr:`concepts` as a set."""
        return frozenset(self.concepts)

    @cached_property
    def schemes(self) -> list[Node]:
        """Resources typed ``skos:ConceptScheme``."""
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
        import networkx as nx

        edges = nx.DiGraph()
        for prop in self.sub_properties(HIERARCHICAL_UP):
            edges.add_edges_from(self.graph.subject_objects(prop))
        for prop in self.sub_properties(HIERARCHICAL_DOWN):
            edges.add_edges_from((o, s) for s, o in self.graph.subject_objects(prop))
        return edges

    @cached_property
    def associative(self) -> nx.Graph:
        """Undirected ``skos:related`` edges (symmetric, S23), sub-properties included."""
        import networkx as nx

        edges = nx.Graph()
        for prop in self.sub_properties(SKOS.related):
            edges.add_edges_from(self.graph.subject_objects(prop))
        return edges

    @cached_property
    def links(self) -> nx.Graph:
        """Undirected edges of every semantic relation: hierarchical, associative and
        mapping (qSKOS counts all of skos:semanticRelation for orphans and clusters)."""
        import networkx as nx

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
        import networkx as nx

        return nx.descendants(self.hierarchy, node) if node in self.hierarchy else set()

    def term(self, node: Node) -> Term:
        """``node`` by label and IRI."""
        return term(self.graph, node)

    def terms(self, nodes: Iterable[Node]) -> tuple[Term, ...]:
        """``nodes`` by label and IRI, each once, sorted."""
        return tuple(sorted({self.term(n) for n in nodes}))

    def name(self, node: Node) -> str:
        """``node`` as a finding names it: 'label' <IRI>."""
        return str(self.term(node))


def show(label: Node) -> str:
    """A label quoted, with its language tag: ``"co-design"@en``."""
    if isinstance(label, Literal) and label.language:
        return f'"{label}"@{label.language}'
    return f'"{label}"'


def view_of(context: CheckContext) -> SkosView:
    """The SKOS view of the context's graph, built once per run."""
    view = context.memo.get("skos_view")
    if not isinstance(view, SkosView):
        view = context.memo["skos_view"] = SkosView(context.graph)
    return view


class Problem(NamedTuple):
    """What a SKOS check finds: a sentence naming each resource, and those resources."""

    message: str
    terms: tuple[Term, ...]


def skos_check(
    id: str,
    title: str,
    reference: str,
    view: str,
    description: str,
    *,
    severity: Severity = "warning",
) -> Callable[[Callable[[SkosView], Iterator[Problem]]], Check]:
    """Decorator: a function from the view to problems becomes a ``skos`` profile check.

    ``severity``: ``error`` for a SKOS integrity condition (the data contradicts the SKOS
    Reference), ``warning`` for a qSKOS issue that makes a taxonomy tool misread the data
    (a missing or untagged label, a cycle), ``info`` for a qSKOS quality note (an orphan,
    an overlapping label): reported, never failing the check.
    """
    info = CheckInfo(id, title, "skos", reference, view, description, severity)

    def make(find: Callable[[SkosView], Iterator[Problem]]) -> Check:
        def run(context: CheckContext) -> list[Finding]:
            return [
                Finding(info.id, info.severity, p.message, p.terms) for p in find(view_of(context))
            ]

        return Check(info, run)

    return make
