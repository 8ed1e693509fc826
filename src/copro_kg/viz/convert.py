"""From a reasoned RDF graph to a labelled networkx graph, and the views drawn from it.

One conversion, :func:`to_networkx`, turns the outcome of :func:`copro_kg.reason` into a
:class:`networkx.MultiDiGraph` that every picture and export starts from:

* **nodes** are the terms of the vocabulary -- SKOS concepts, OWL classes, and the
  individuals typed by them (the user's engagement activities) -- keyed by IRI, with
  ``label`` (``skos:prefLabel@en``, else ``rdfs:label``, else the CURIE), ``kind``,
  ``altLabels``, ``definition``, ``source``, ``labelCy`` (Welsh, where the graph has
  one), and for spectrum levels ``group``/``position``, for activities ``level``;
* **edges** are the triples between two nodes, keyed by predicate IRI, with
  ``predicate``, ``label`` (the property's own label, never its IRI), ``inferred``
  (False for asserted triples) and, for inferred ones, ``explanation``: the reasoner's
  rule chain in a line or two.

Every attribute is a ``str``, ``int`` or ``bool`` (absent rather than ``None``) so the
same graph writes to GraphML and GEXF unchanged.

A closure is mostly redundancy for a reader: ``skos:narrower`` restates ``skos:broader``,
``skos:broader`` restates ``iso-thes:broaderGeneric``, transitivity restates a path.
With ``simplify=True`` (the default) the conversion drops an edge that another drawn
edge already says -- see :func:`to_networkx` for the exact rules; ``simplify=False``
keeps every triple between two nodes.

>>> from rdflib import Graph
>>> from copro_kg.reasoning.result import reason
>>> g = Graph().parse(format="turtle", data='''
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... @prefix ex: <https://example.org/> .
... ex:a a skos:Concept ; skos:prefLabel "apple"@en ; skos:broader ex:b .
... ex:b a skos:Concept ; skos:prefLabel "fruit"@en ; skos:broader ex:c .
... ex:c a skos:Concept ; skos:prefLabel "food"@en .
... ''')
>>> nxg = to_networkx(reason(g))
>>> sorted(nxg.nodes[n]["label"] for n in nxg)
['apple', 'food', 'fruit']
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import COPRO, ISOTHES, PREFIXES
from copro_kg.vocab.resolve import Candidate, local_name, resolve

__all__ = [
    "GROUP_ORDER",
    "INCLUDE_CHOICES",
    "KINDS",
    "OPTIONAL_PARTS",
    "VIEWS",
    "Triple",
    "cycle",
    "focus",
    "hierarchy",
    "overview",
    "resolve_term",
    "shipped_from",
    "spectrum",
    "to_networkx",
    "view",
]

Triple = tuple[Node, Node, Node]

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

OPTIONAL_PARTS: dict[str, frozenset[str]] = {
    "classes": frozenset({"class"}),
    "criteria": frozenset({"criterion"}),
    "features": frozenset({"feature"}),
    "distinctions": frozenset({"distinction"}),
    "mappings": frozenset({"mapped"}),
    "examples": frozenset({"activity", "individual"}),
}
"""What the overview (view ``all``) and the hierarchy hide unless asked, by the name the
user asks for it with (``--include criteria,mappings``), mapped to node kinds.
``examples`` are the shipped example activities; the user's own activities always show."""

INCLUDE_CHOICES = (*OPTIONAL_PARTS, "everything")
"""Accepted ``include`` names: the parts above, or ``everything``."""

VIEWS = ("all", "spectrum", "cycle", "hierarchy")
"""The named views :func:`view` draws."""

GROUP_ORDER = (COPRO["doing-to"], COPRO["doing-for"], COPRO["doing-with"])
"""The three groups of the engagement spectrum, in order of power sharing (glossary,
"Engagement as a spectrum": "doing to doing for doing with")."""

# Vocabulary we read (documented in ontology/README.md by the ONTOLOGY engineer).
IN_GROUP = COPRO.inGroup
SPECTRUM_POSITION = COPRO.spectrumPosition
NEXT_PHASE = COPRO.nextPhase
IS_PART_OF = COPRO.isPartOf
CONCEPT_OF = COPRO.concept
COVERS_LEVEL = COPRO.coversLevel
QUOTE = COPRO.quote
EXAMPLE = SKOS.example
BROADER_GENERIC = ISOTHES.broaderGeneric
BROADER_PARTITIVE = ISOTHES.broaderPartitive

_BUILTIN_NAMESPACES = (
    *(str(ns) for prefix, ns in PREFIXES.items() if prefix != "copro"),
    "http://www.w3.org/XML/1998/namespace",
    "http://purl.org/dc/elements/1.1/",
)

# Predicates that never make an edge in a picture: bookkeeping (scheme membership),
# identity noise (owlrl asserts every node owl:sameAs itself) and SKOS's transitive
# super-properties, which only restate the drawn broader/narrower path.
_NEVER_DRAWN = frozenset(
    {
        OWL.sameAs,
        OWL.differentFrom,
        SKOS.inScheme,
        SKOS.topConceptOf,
        SKOS.hasTopConcept,
        SKOS.semanticRelation,
        SKOS.broaderTransitive,
        SKOS.narrowerTransitive,
        SKOS.mappingRelation,
        RDFS.seeAlso,
        RDFS.isDefinedBy,
    }
)

# Downward relations restate their upward inverse; the picture draws "up" only
# (part -> whole, specific -> generic), as thesaurus displays do.
_DOWNWARD = frozenset(
    {
        SKOS.narrower,
        ISOTHES.narrowerGeneric,
        ISOTHES.narrowerPartitive,
        ISOTHES.narrowerInstantial,
        COPRO.hasPart,
    }
)

_UPWARD_OF: dict[Node, set[Node]] = {
    SKOS.narrower: {SKOS.broader},
    ISOTHES.narrowerGeneric: {ISOTHES.broaderGeneric},
    ISOTHES.narrowerPartitive: {ISOTHES.broaderPartitive, COPRO.isPartOf},
    ISOTHES.narrowerInstantial: {ISOTHES.broaderInstantial},
    COPRO.hasPart: {COPRO.isPartOf, ISOTHES.broaderPartitive},
}
"""The upward relation each downward one inverts (SKOS and ISO 25964 define them so)."""

# Labels for the W3C properties the glossary graph does not label itself.
_STANDARD_LABELS: dict[Node, str] = {
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
    BROADER_GENERIC: "is a kind of",
    BROADER_PARTITIVE: "is part of",
    ISOTHES.broaderInstantial: "is an instance of",
}


class Explainer(Protocol):
    """Something that explains an inferred triple in a line or two (or cannot)."""

    def __call__(self, triple: Triple) -> str | None: ...


@dataclass(frozen=True)
class _Vocab:
    """Read-only lookups over the closure, computed once per conversion."""

    graph: Graph

    def literals(self, node: Node, prop: URIRef) -> list[Literal]:
        return [o for o in self.graph.objects(node, prop) if isinstance(o, Literal)]


def curie(graph: Graph, node: Node) -> str:
    """A short name for ``node``: a CURIE when a prefix is bound, else the IRI.

    >>> from copro_kg.namespace import bind_prefixes
    >>> curie(bind_prefixes(Graph()), COPRO["co-design"])
    'copro:co-design'
    """
    if isinstance(node, URIRef):
        for prefix, ns in sorted(graph.namespaces(), key=lambda pn: -len(pn[1])):
            if prefix and str(node).startswith(str(ns)) and len(str(node)) > len(str(ns)):
                return f"{prefix}:{str(node)[len(str(ns)) :]}"
    return str(node)


def _pick(values: Iterable[Literal], lang: str | None = "en") -> str | None:
    """The first value in language ``lang`` (else untagged), deterministic on ties."""
    ranked = sorted(values, key=str)
    for wanted in (lang, None):
        for value in ranked:
            if value.language == wanted:
                return str(value)
    return None


def label_of(graph: Graph, node: Node) -> str:
    """``skos:prefLabel@en``, else ``rdfs:label@en`` (either untagged), else the CURIE.

    >>> g = Graph().parse(format="turtle", data='''
    ... <https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "x-ray"@en .''')
    >>> label_of(g, URIRef("https://example.org/x"))
    'x-ray'
    """
    for prop in (SKOS.prefLabel, RDFS.label):
        found = _pick(o for o in graph.objects(node, prop) if isinstance(o, Literal))
        if found:
            return found
    if node in _STANDARD_LABELS:
        return _STANDARD_LABELS[node]
    return curie(graph, node)


def _relation_label(graph: Graph, prop: Node) -> str:
    for p in (SKOS.prefLabel, RDFS.label):
        found = _pick(o for o in graph.objects(prop, p) if isinstance(o, Literal))
        if found:
            return found
    if prop in _STANDARD_LABELS:
        return _STANDARD_LABELS[prop]
    # Last resort: split the local name ("nextPhase" -> "next phase"), never the IRI.
    local = re.split(r"[#/:]", str(prop))[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).replace("-", " ").lower() or str(prop)


def _is_builtin(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(_BUILTIN_NAMESPACES)


def _default_explainer(result: Any) -> Explainer | None:
    """The reasoner's own explanation, when the result records derivations.

    :meth:`copro_kg.reasoning.result.Reasoning.derivation` gives the rule and premises of a
    triple's first derivation; this turns it into two lines -- the premises, each
    marked stated or inferred, then the rule and what it says -- using
    :func:`copro_kg.reasoning.explain.sentence` for the wording, so the picture and
    ``copro-kg explain`` speak alike. Results without derivations (a plain Graph, or
    a reasoner that keeps none) get ``None``: edges then say so explicitly.
    """
    derivation = getattr(result, "derivation", None)
    if not callable(derivation):
        return None
    from copro_kg.reasoning.explain import sentence  # the engine's wording; imported only when used

    closure = result.closure
    asserted = result.asserted

    def explain(triple: Triple) -> str | None:
        try:
            found = derivation(triple)
        except KeyError:  # not derivable: nothing to say (should not happen for closure)
            return None
        if found is None:
            return None
        premises = "; ".join(
            f"{sentence(closure, t)} ({'stated' if t in asserted else 'inferred'})"
            for t in found.premises
        )
        return f"Because {premises}.\nRule {found.rule}: {found.gloss}"

    return explain


NO_DERIVATION = "inferred by the OWL 2 RL reasoner (this reasoner version records no derivation)"


def to_networkx(
    result: Any,
    *,
    inferred: bool = True,
    simplify: bool = True,
    explain: Explainer | None = None,
    origin: Callable[[Node], str | None] | None = None,
    shipped: Callable[[Node], bool] | None = None,
) -> nx.MultiDiGraph:
    """Convert a reasoning result into a labelled :class:`networkx.MultiDiGraph`.

    Args:
        result: what :func:`copro_kg.reason` returns (``.asserted``, ``.closure``,
            ``.inferred``); a plain rdflib ``Graph`` is taken as asserted-only.
        inferred: include inferred edges (drawn dashed); ``False`` keeps only what the
            files say.
        simplify: drop edges another drawn edge already says, so pictures stay
            readable: downward relations (``skos:narrower``, ``hasPart``) whose upward
            inverse exists; the second direction of a symmetric relation; an inferred
            edge whose predicate is a super-property of another edge between the same
            two nodes (``skos:broader`` beside ``iso-thes:broaderGeneric``); an
            inferred edge of a transitive relation that a path of drawn edges already
            implies; an inferred ``rdf:type`` to a class when a more specific type is
            drawn; and reflexive edges. Asserted edges are never dropped by the last
            three rules.
        explain: ``explain(triple) -> str | None`` for inferred edges; by default the
            reasoner's own derivations when it records them.
        origin: ``origin(node) -> file name`` recorded as the node's ``file``.
        shipped: ``shipped(node) -> bool``: is the node described by the shipped
            ontology (recorded as ``shipped=True``)? The overview hides shipped example
            activities unless asked, but always shows the user's own.

    Returns:
        The graph; ``graph.graph`` holds ``name`` and ``explanations`` (``"reasoner"``
        or ``"none"``: whether inferred edges carry the reasoner's rule chain).
    """
    if isinstance(result, Graph):
        asserted, closure = result, result
    else:
        asserted, closure = result.asserted, result.closure
    explainer = explain or _default_explainer(result)

    kinds = _classify_nodes(closure, asserted)
    out = nx.MultiDiGraph(name="copro-kg", explanations="reasoner" if explainer else "none")
    for node, kind in sorted(kinds.items(), key=lambda nk: str(nk[0])):
        out.add_node(str(node), **_node_attributes(closure, node, kind, origin))
        if shipped is not None and shipped(node):
            out.nodes[str(node)]["shipped"] = True
    _add_spectrum_attributes(closure, out, kinds)

    candidates: list[tuple[Node, Node, Node, bool]] = []
    for s, p, o in closure:
        if s not in kinds or o not in kinds or p in _NEVER_DRAWN:
            continue
        is_inferred = (s, p, o) not in asserted
        if is_inferred and not inferred:
            continue
        candidates.append((s, p, o, is_inferred))
    candidates.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    if simplify:
        candidates = list(_simplify(closure, candidates))

    labels: dict[Node, str] = {}
    for s, p, o, is_inferred in candidates:
        if p not in labels:
            labels[p] = _relation_label(closure, p)
        attrs: dict[str, Any] = {
            "predicate": str(p),
            "label": labels[p],
            "curie": curie(closure, p),
            "inferred": is_inferred,
        }
        if is_inferred:
            text = explainer((s, p, o)) if explainer else None
            attrs["explanation"] = text or NO_DERIVATION
        out.add_edge(str(s), str(o), key=str(p), **attrs)
    return out


def _classify_nodes(g: Graph, asserted: Graph) -> dict[Node, str]:
    """Every term worth a node, with its kind (see :data:`KINDS`)."""
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
    for s, o in g.subject_objects(IN_GROUP):
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
    for s, o in g.subject_objects(NEXT_PHASE):
        phases |= {s, o}
    for n in phases:
        if kinds.get(n) == "concept":
            kinds[n] = "phase"
    for s in g.subjects(SPECTRUM_POSITION, None):
        if kinds.get(s) == "concept":
            kinds[s] = "level"
    for node in _mapped_concepts(asserted, schemes):
        if kinds.get(node) == "concept":
            kinds[node] = "mapped"
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


def _node_attributes(
    g: Graph, node: Node, kind: str, origin: Callable[[Node], str | None] | None
) -> dict[str, Any]:
    lit = _Vocab(g).literals
    attrs: dict[str, Any] = {
        "iri": str(node),
        "curie": curie(g, node),
        "label": label_of(g, node),
        "kind": kind,
    }
    alt = sorted({str(v) for v in lit(node, SKOS.altLabel) if v.language in ("en", None)})
    if alt:
        attrs["altLabels"] = "; ".join(alt)
    welsh = [v for v in lit(node, SKOS.prefLabel) if v.language == "cy"] or [
        v for v in lit(node, SKOS.altLabel) if v.language == "cy"
    ]
    sources = sorted(str(v) for v in lit(node, COPRO.glossarySection))
    sources = [f"glossary section: {v}" for v in sources] + sorted(
        label_of(g, v) if isinstance(v, URIRef) else str(v)
        for v in g.objects(node, DCTERMS.source)
        if not isinstance(v, BNode)
    )
    optional = {
        "definition": _pick(lit(node, SKOS.definition)) or _pick(lit(node, RDFS.comment)),
        "labelCy": "; ".join(sorted({str(v) for v in welsh})) or None,
        "quote": "\n".join(sorted(str(v) for v in lit(node, QUOTE) if v.language in ("en", None)))
        or None,
        "examples": "; ".join(sorted(str(v) for v in lit(node, EXAMPLE))) or None,
        "note": " ".join(
            sorted(str(v) for v in lit(node, SKOS.scopeNote) if v.language in ("en", None))
        )
        or None,
        "statements": " ".join(
            str(v)
            for prop in (COPRO.knowledgeStatement, COPRO.decisionStatement, COPRO.actionStatement)
            for v in lit(node, prop)
        )
        or None,
        "phaseNumber": next(
            (int(v.toPython()) for v in lit(node, COPRO.phaseNumber) if str(v).isdigit()), None
        ),
        "source": "; ".join(sources) or None,
        "file": origin(node) if origin else None,
    }
    attrs.update({k: v for k, v in optional.items() if v})
    return attrs


def _add_spectrum_attributes(g: Graph, out: nx.MultiDiGraph, kinds: dict[Node, str]) -> None:
    """``group``/``position`` on levels, ``level``/``group`` on activities."""
    for s, o in g.subject_objects(IN_GROUP):
        if str(s) in out:
            out.nodes[str(s)]["group"] = str(o)
    for s, o in g.subject_objects(SPECTRUM_POSITION):
        if str(s) in out and isinstance(o, Literal):
            try:
                out.nodes[str(s)]["position"] = int(o.toPython())
            except (TypeError, ValueError):
                continue
    # Where the reasoner put each activity: its most specific class that has a place
    # on the spectrum. A class has one when its concept (copro:concept) is a level
    # (position) or a group, or -- like "coercion or protection" -- when all its
    # subclasses' levels share one column.
    concept_of: dict[Node, Node] = {
        cls: c for cls, c in g.subject_objects(CONCEPT_OF) if str(c) in out
    }
    position_of: dict[Node, int] = {}
    for cls, c in concept_of.items():
        if "position" in out.nodes[str(c)]:
            position_of[cls] = out.nodes[str(c)]["position"]
    all_concepts = {cls for cls, _ in g.subject_objects(CONCEPT_OF)}
    for cls in set(g.subjects(RDF.type, OWL.Class)) - all_concepts:
        if not isinstance(cls, URIRef):  # restrictions: their named subclasses are equals
            continue
        named = {
            sub
            for sub in g.subjects(RDFS.subClassOf, cls)
            if sub != cls and isinstance(sub, URIRef) and (sub, RDF.type, OWL.Class) in g
        }
        below = {position_of.get(sub) for sub in named}
        if named and len(below) == 1 and None not in below:
            position_of[cls] = next(iter(below))  # type: ignore[assignment]
    group_of_class: dict[Node, str] = {
        cls: str(c) for cls, c in concept_of.items() if kinds.get(c) == "group"
    }
    for node, kind in kinds.items():
        if kind not in ("activity", "individual"):
            continue
        types = set(g.objects(node, RDF.type))
        placed = {c for c in types if c in position_of}
        specific = {  # drop a class when a strictly more specific one is placed too
            c
            for c in placed
            if not any(
                o != c and (o, RDFS.subClassOf, c) in g and (c, RDFS.subClassOf, o) not in g
                for o in placed
            )
        }
        data = out.nodes[str(node)]
        groups = sorted({group_of_class[c] for c in types if c in group_of_class})
        if groups:
            data["group"] = groups[-1] if len(groups) > 1 else groups[0]
        if not specific:
            continue
        # Unrelated classes in different columns: keep the most power shared.
        best = max(specific, key=lambda c: (position_of[c], str(c)))
        data["levelClass"] = str(best)
        data["levelText"] = label_of(g, best)
        data["position"] = position_of[best]
        if best in concept_of:
            data["level"] = str(concept_of[best])
            if "group" in out.nodes[str(concept_of[best])]:
                data["group"] = out.nodes[str(concept_of[best])]["group"]
        else:
            # A column class (coercion or protection) names the levels it covers
            # (copro:coversLevel, ontology/README.md): the activity belongs to that
            # column, not to one of its levels.
            covered = sorted(str(c) for c in g.objects(best, COVERS_LEVEL) if str(c) in out)
            if covered:
                data["coveredLevels"] = "; ".join(covered)


def _simplify(
    g: Graph, edges: Sequence[tuple[Node, Node, Node, bool]]
) -> Iterator[tuple[Node, Node, Node, bool]]:
    """Drop edges that restate others (the rules are listed in :func:`to_networkx`)."""
    present = {(s, p, o) for s, p, o, _ in edges}
    symmetric = set(g.subjects(RDF.type, OWL.SymmetricProperty)) | {SKOS.related}
    transitive = set(g.subjects(RDF.type, OWL.TransitiveProperty)) | {RDFS.subClassOf}
    inverse_of: dict[Node, set[Node]] = defaultdict(set)
    for a, b in g.subject_objects(OWL.inverseOf):
        inverse_of[a].add(b)
        inverse_of[b].add(a)
    super_props: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in g.subject_objects(RDFS.subPropertyOf):
        if sub != sup:
            super_props[sub].add(sup)
    sub_classes: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in g.subject_objects(RDFS.subClassOf):
        if sub != sup:
            sub_classes[sup].add(sub)

    by_pair: dict[tuple[Node, Node], set[Node]] = defaultdict(set)
    for s, p, o in present:
        by_pair[(s, o)].add(p)
    asserted_by = {(s, p, o): not inf for s, p, o, inf in edges}
    stated: dict[Node, int] = defaultdict(int)
    for _, p, _, inf in edges:
        if not inf:
            stated[p] += 1

    kept: list[tuple[Node, Node, Node, bool]] = []
    for s, p, o, is_inferred in edges:
        if s == o:
            continue
        inverses = inverse_of.get(p, set()) | _UPWARD_OF.get(p, set())
        if p in _DOWNWARD and any((o, inv, s) in present for inv in inverses):
            continue  # drawn upward instead
        if (
            is_inferred
            and p not in symmetric
            and any(
                (o, inv, s) in present
                and inv not in _DOWNWARD
                and (asserted_by[(o, inv, s)] or stated[inv] > stated[p])
                for inv in inverses
            )
        ):
            # The inverse of a drawn edge says nothing new: keep the asserted one, or
            # the direction the files use more ("shares more power than", not "less").
            continue
        if p in symmetric and (o, p, s) in present:
            # One line per pair: the asserted direction, else the one in IRI order.
            mine, theirs = asserted_by[(s, p, o)], asserted_by[(o, p, s)]
            if (theirs and not mine) or (mine == theirs and str(s) > str(o)):
                continue
        if is_inferred and any(p in super_props[q] for q in by_pair[(s, o)] if q != p):
            continue
        if (
            is_inferred
            and p == RDF.type
            and any((s, RDF.type, sub) in present for sub in sub_classes[o])
        ):
            continue
        kept.append((s, p, o, is_inferred))

    # Transitive reduction of inferred edges only: an inferred a->c is dropped when a
    # path a->b->c of kept edges of the same relation already shows it.
    out_by_pred: dict[Node, dict[Node, set[Node]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o, _ in kept:
        out_by_pred[p][s].add(o)
    for s, p, o, is_inferred in kept:
        if is_inferred and p in transitive and _reachable_indirectly(out_by_pred[p], s, o):
            continue
        yield s, p, o, is_inferred


def _reachable_indirectly(adj: dict[Node, set[Node]], start: Node, goal: Node) -> bool:
    """Is ``goal`` reachable from ``start`` by a path of two or more edges?"""
    seen: set[Node] = set()
    stack = [n for n in adj.get(start, ()) if n != goal]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for nxt in adj.get(node, ()):
            if nxt == goal:
                return True
            if nxt not in seen and nxt != start:
                stack.append(nxt)
    return False


# --------------------------------------------------------------------------- terms


def resolve_term(graph: nx.MultiDiGraph, term: str) -> str:
    """The node a user means by ``term``: an IRI, a CURIE, a slug or a label.

    The rules are the project's one resolver, :func:`copro_kg.vocab.resolve.resolve` (slug before
    labels, case, spaces and hyphens alike, the glossary's own terms winning ties against
    the ladders we map to), applied to the nodes of this view.

    Raises:
        UnknownTermError: nothing matches (with "did you mean" suggestions from the
            labels), or the term names several nodes.
    """
    candidates = [
        Candidate(
            key=node,
            display=data.get("curie", node),
            slugs=[data.get("curie", ""), local_name(node)],
            pref_labels=[data.get("label", "")],
            other_labels=[data.get("labelCy", ""), *data.get("altLabels", "").split("; ")],
            glossary=node.startswith(str(COPRO)) and data.get("kind") != "mapped",
        )
        for node, data in graph.nodes(data=True)
    ]
    return resolve(term, candidates)


# --------------------------------------------------------------------------- views


def _included_kinds(include: Iterable[str]) -> set[str]:
    """The optional node kinds ``include`` asks for (see :data:`OPTIONAL_PARTS`).

    Raises:
        ValueError: an unknown part name.
    """
    kinds: set[str] = set()
    for part in include:
        if part == "everything":
            kinds.update(*OPTIONAL_PARTS.values())
        elif part in OPTIONAL_PARTS:
            kinds.update(OPTIONAL_PARTS[part])
        else:
            raise ValueError(f"unknown part {part!r}; choose from {', '.join(INCLUDE_CHOICES)}")
    return kinds


def _hidden_note(graph: nx.MultiDiGraph, dropped: Iterable[str]) -> str:
    """ "24 criteria, 37 classes" for the nodes left out, in :data:`OPTIONAL_PARTS` order."""
    counts: dict[str, int] = defaultdict(int)
    part_of = {kind: part for part, kinds in OPTIONAL_PARTS.items() for kind in kinds}
    for node in dropped:
        part = part_of.get(str(graph.nodes[node].get("kind")))
        if part:
            counts[part] += 1
    return ", ".join(f"{counts[p]} {p}" for p in OPTIONAL_PARTS if counts[p])


def _is_optional(data: dict[str, Any], wanted: set[str]) -> bool:
    kind = str(data.get("kind"))
    if kind in ("activity", "individual") and not data.get("shipped"):
        return False  # the user's own data always shows
    optional = {k for kinds in OPTIONAL_PARTS.values() for k in kinds}
    return kind in optional and kind not in wanted


def overview(graph: nx.MultiDiGraph, include: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The vocabulary's terms and their named relations: the default whole-graph view.

    Everything at once (206 nodes, 595 links for the shipped glossary) is a hairball,
    so by default the overview keeps the terms -- concepts, spectrum groups and
    levels, cycle phases -- and the user's own activities, and leaves out the parts
    of the model a reader asks for when needed (:data:`OPTIONAL_PARTS`: OWL classes,
    criteria, feature values, distinctions, the ladders we map to, the shipped
    example activities). ``graph.graph["hidden"]`` says what was left out, e.g.
    ``"37 classes, 24 criteria"``, so the page can tell the reader.

    Raises:
        ValueError: an unknown name in ``include``.
    """
    wanted = _included_kinds(include)
    dropped = [n for n, d in graph.nodes(data=True) if _is_optional(d, wanted)]
    sub = graph.copy()
    sub.remove_nodes_from(dropped)
    sub.graph.update(view="all", hidden=_hidden_note(graph, dropped))
    return sub


def focus(graph: nx.MultiDiGraph, term: str, depth: int = 1) -> nx.MultiDiGraph:
    """The neighbourhood of ``term``: nodes within ``depth`` edges, either direction.

    Raises:
        UnknownTermError: see :func:`resolve_term`.
        ValueError: ``depth`` is negative.
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    centre = resolve_term(graph, term)
    keep = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, depth)
    sub = graph.subgraph(keep).copy()
    sub.graph.update(view="focus", focus=centre, depth=depth)
    return sub


def _activity_nodes(graph: nx.MultiDiGraph, anchors: set[str]) -> set[str]:
    return {
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") in ("activity", "individual") and d.get("level") in anchors
    }


SPECTRUM_EDGES = frozenset(
    {str(COPRO.sharesMorePowerThan), str(COPRO.sharesLessPowerThan), str(RDF.type)}
)
"""Relations the spectrum view draws; group membership is shown by the columns."""

COLUMN_WIDTH = 230
"""Horizontal distance between two columns of the spectrum (vis-network units)."""


def spectrum(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The engagement spectrum as the glossary's figure draws it, plus activities.

    Fixed ``x``/``y`` for every node: the groups along the top in the glossary's order
    (doing to, doing for, doing with), each over its columns; the levels in columns
    by ``copro:spectrumPosition`` (power sharing grows left to right; levels sharing a
    column, like coercion and protection, are stacked); under each column its quote
    (a ``kind="quote"`` node, once per column); then the activities the reasoner
    placed in that column. Edges: "shares more power than" between neighbours, and
    each activity's ``rdf:type`` projected onto the level (or group) it was placed on.
    """
    levels = sorted(
        (n for n, d in graph.nodes(data=True) if d.get("kind") == "level" and "position" in d),
        key=lambda n: (graph.nodes[n]["position"], graph.nodes[n]["label"].lower()),
    )
    groups = [str(g) for g in GROUP_ORDER if str(g) in graph]
    groups += sorted(
        {graph.nodes[n]["group"] for n in levels if "group" in graph.nodes[n]} - set(groups)
    )
    activities = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") in ("activity", "individual") and "position" in d
    ]
    sub = nx.MultiDiGraph(**graph.graph)
    for node in [*groups, *levels, *activities]:
        sub.add_node(node, **graph.nodes[node])
    sub.graph.update(view="spectrum")

    columns = sorted({graph.nodes[n]["position"] for n in levels})
    x_of = {pos: i * COLUMN_WIDTH for i, pos in enumerate(columns)}
    stack: dict[int, int] = defaultdict(int)
    for node in levels:
        pos = sub.nodes[node]["position"]
        sub.nodes[node].update(x=x_of[pos], y=190 + 120 * stack[pos])
        stack[pos] += 1
    deepest = max(stack.values(), default=1)
    quote_y = 190 + 120 * (deepest - 1) + 150
    quote_rows = 0
    for pos in columns:
        members = [n for n in levels if sub.nodes[n]["position"] == pos]
        # The figure's quote is the one every level of the column shares (involvement
        # also quotes Welsh Government guidance: that stays in its tooltip).
        per_level = [set(sub.nodes[n].get("quote", "").split("\n")) - {""} for n in members]
        shared = set.intersection(*per_level) if per_level else set()
        quotes = sorted(shared or set().union(*per_level))
        quote_rows = max(quote_rows, len(quotes))
        for i, text in enumerate(quotes):
            sub.add_node(
                f"quote:{pos}:{i}",
                kind="quote",
                label=f"\u201c{text}\u201d",
                quote=text,
                definition="Quote from the glossary's spectrum figure for "
                + " and ".join(sub.nodes[n]["label"] for n in members),
                x=x_of[pos],
                y=quote_y + 130 * i,
            )
    for group in groups:
        cols = [
            x_of[sub.nodes[n]["position"]] for n in levels if sub.nodes[n].get("group") == group
        ]
        centre = (min(cols) + max(cols)) / 2 if cols else groups.index(group) * COLUMN_WIDTH
        sub.nodes[group].update(x=round(centre), y=0)

    below: dict[int, int] = defaultdict(int)
    first_activity_y = quote_y + 130 * max(quote_rows, 1) + 20
    for node in sorted(activities, key=lambda n: sub.nodes[n]["label"].lower()):
        data = sub.nodes[node]
        pos = data["position"]
        x = x_of.get(pos, x_of[min(x_of, key=lambda c: abs(c - pos))] if x_of else 0)
        # Alternate left and right of the column so the links to the level fan out
        # instead of running on top of each other.
        side = -1 if below[pos] % 2 == 0 else 1
        data.update(x=x + side * 55, y=first_activity_y + 55 * below[pos])
        below[pos] += 1
        # The activity's class is not drawn here, so its rdf:type edge is projected
        # onto the level's concept -- or, for a column class such as "coercion or
        # protection", onto every level of the column -- keeping asserted/inferred
        # and why.
        typed = graph.get_edge_data(node, data.get("levelClass", ""), key=str(RDF.type))
        if typed is None:
            continue
        if data.get("level"):
            anchors, label = [data["level"]], "is a"
        else:
            anchors = [a for a in str(data.get("coveredLevels", "")).split("; ") if a]
            label = f"is a {data.get('levelText', 'kind of activity')} (this column)"
        for anchor in anchors:
            if anchor in sub:
                sub.add_edge(
                    node,
                    anchor,
                    key=str(RDF.type),
                    **{**typed, "label": label, "via": data["levelClass"]},
                )
    for s, o, k, data in graph.edges(keys=True, data=True):
        if s in sub and o in sub and k in SPECTRUM_EDGES and k != str(RDF.type):
            sub.add_edge(s, o, key=k, **data)
    return sub


def cycle(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The co-production cycle: the phases on a ring, the whole they are part of inside.

    Phases are ordered by ``copro:phaseNumber`` (else by following ``copro:nextPhase``
    from co-planning), first at twelve o'clock and then clockwise, as the glossary's
    figure reads: "co-planning ..., co-design and co-decision making, co-delivery ...,
    and co-evaluation". Phases sharing a number (co-design and co-decision making)
    share a place on the ring, one above the other. What the phases are part of
    (co-production) sits in the centre.
    """
    phases = [n for n, d in graph.nodes(data=True) if d.get("kind") == "phase"]
    nxt: dict[str, str] = {}
    for s, o, k in graph.edges(keys=True):
        if k == str(NEXT_PHASE) and s in phases and o in phases:
            nxt.setdefault(s, o)
    start = (
        str(COPRO["co-planning"])
        if str(COPRO["co-planning"]) in phases
        else min(phases, default="")
    )
    walk: list[str] = []
    node: str | None = start
    while node is not None and node not in walk and node in phases:
        walk.append(node)
        node = nxt.get(node)
    walk += sorted(set(phases) - set(walk))

    def slot(n: str) -> tuple[int, int, str]:
        number = graph.nodes[n].get("phaseNumber")
        return (number if isinstance(number, int) else 1000, walk.index(n), n)

    ordered = sorted(phases, key=slot)
    slots: list[list[str]] = []
    for n in ordered:
        number = graph.nodes[n].get("phaseNumber")
        if slots and number is not None and graph.nodes[slots[-1][0]].get("phaseNumber") == number:
            slots[-1].append(n)
        else:
            slots.append([n])
    wholes = {
        o
        for s, o, k in graph.edges(keys=True)
        if s in phases and o not in phases and k in (str(IS_PART_OF), str(BROADER_PARTITIVE))
    }
    sub = graph.subgraph(set(phases) | wholes).copy()
    sub.graph.update(view="cycle")
    # "co-design is often a good starting point" (glossary, "Co-production and
    # co-design") is co-design's place in the cycle: drawn with the ring.
    keep = {
        str(NEXT_PHASE),
        str(IS_PART_OF),
        str(BROADER_PARTITIVE),
        str(COPRO.goodStartingPointFor),
    }
    sub.remove_edges_from([(s, o, k) for s, o, k in list(sub.edges(keys=True)) if k not in keep])
    radius = 300
    for i, members in enumerate(slots):
        angle = -math.pi / 2 + 2 * math.pi * i / len(slots)  # first slot at twelve o'clock
        cx, cy = radius * math.cos(angle), radius * math.sin(angle)
        for j, n in enumerate(members):
            offset = (j - (len(members) - 1) / 2) * 70
            sub.nodes[n].update(x=round(cx), y=round(cy + offset), slot=i)
    for j, n in enumerate(sorted(wholes)):
        sub.nodes[n].update(x=0, y=80 * j)
    return sub


_HIERARCHY_KEYS = {
    str(SKOS.broader): "generic",
    str(BROADER_GENERIC): "generic",
    str(RDFS.subClassOf): "generic",
    str(BROADER_PARTITIVE): "partitive",
    str(IS_PART_OF): "partitive",
}


def hierarchy(graph: nx.MultiDiGraph, include: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The broader/narrower tree over concepts, generic and partitive links marked.

    Keeps concept-like nodes and the edges of ``skos:broader``, ``iso-thes:broaderGeneric``
    (``link="generic"``) and ``copro:isPartOf``/``iso-thes:broaderPartitive``
    (``link="partitive"``); a plain ``skos:broader`` is kept only where no more specific
    link joins the same pair. The ladders we map to stay out unless ``include`` has
    ``mappings`` (or ``everything``). Every node gets fixed ``x``/``y`` from
    :func:`tree_layout`.
    """
    concept_kinds = {"concept", "level", "group", "phase"}
    if "mapped" in _included_kinds(include):
        concept_kinds.add("mapped")
    sub = nx.MultiDiGraph(**graph.graph)
    for node, data in graph.nodes(data=True):
        if data.get("kind") in concept_kinds:
            sub.add_node(node, **data)
    for s, o, k, data in graph.edges(keys=True, data=True):
        if s in sub and o in sub and k in _HIERARCHY_KEYS and k != str(RDFS.subClassOf):
            if k == str(SKOS.broader) and any(
                kk in _HIERARCHY_KEYS and kk != k for kk in graph[s][o]
            ):
                continue
            sub.add_edge(s, o, key=k, link=_HIERARCHY_KEYS[k], **data)
    # Concepts outside every hierarchy are noise in a tree.
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    hidden = [n for n, d in graph.nodes(data=True) if d.get("kind") == "mapped" and n not in sub]
    sub.graph.update(view="hierarchy", hidden=_hidden_note(graph, hidden))
    for node, (x, y) in tree_layout(sub).items():
        sub.nodes[node].update(x=x, y=y)
    return sub


TREE_FONT = 17
"""Font size of the hierarchy's boxes (vis-network units); the sizes below follow it."""

TREE_WRAP = 250
"""Widest box in the hierarchy: longer labels wrap onto more lines."""

_CHAR = 0.52 * TREE_FONT  # average width of a character of a sans-serif label
_LINE = 1.25 * TREE_FONT
_ROW_GAP = 12  # between two boxes of a column
_COLUMN_GAP = 70  # room for the links between two depths
_BLOCK_GAP = (80, 36)  # between the trees of two roots: across, down
_PAGE_ASPECT = 1100 / 760  # the drawing area of a 1400 x 860 window, legend aside


def _box(label: str) -> tuple[float, float]:
    """Estimated width and height of a label's box (wrapped at :data:`TREE_WRAP`)."""
    per_line = max(1, int((TREE_WRAP - 16) // _CHAR))
    lines = 0
    for paragraph in label.split("\n"):
        lines += max(1, math.ceil(len(paragraph) / per_line))
    width = min(TREE_WRAP, len(label) * _CHAR + 16)
    return width, lines * _LINE + 14


def tree_layout(tree: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Fixed positions for a broader/narrower graph: trees read left to right, packed.

    Edges point narrower -> broader. Each term sits one column right of its deepest
    broader term (its *primary* parent; other broader links are drawn as extra
    curves), children under one another, a parent level with the middle of its
    children -- so links never cross a box. Columns are as wide as their longest
    label and rows as tall as their wrapped label, so nothing overlaps. The tree of
    each root is a block; blocks are stacked into page columns whose height is chosen
    to fill a landscape window best, so the hierarchy is legible when fitted to the
    screen instead of one tall column. Pure and deterministic.

    >>> t = nx.MultiDiGraph()
    >>> _ = t.add_edge("b", "a"), t.add_edge("c", "a")
    >>> pos = tree_layout(t)
    >>> pos["a"][0] < pos["b"][0] == pos["c"][0], pos["b"][1] < pos["a"][1] < pos["c"][1]
    (True, True)
    """
    simple = nx.DiGraph(tree)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    depth: dict[str, int] = {}
    if nx.is_directed_acyclic_graph(simple):
        # Longest path from a root: broader terms first (reverse topological order).
        for node in reversed(list(nx.lexicographical_topological_sort(simple))):
            parents = list(simple.successors(node))
            depth[node] = 1 + max((depth[p] for p in parents), default=-1)
    else:  # a cycle in the user's data: shortest distance from the roots instead
        tops = [n for n in simple if simple.out_degree(n) == 0] or [min(simple)]
        reverse = simple.reverse(copy=False)
        depth.update(nx.multi_source_dijkstra_path_length(reverse, set(tops)))
        for node in simple:
            depth.setdefault(node, 0)

    def order(node: str) -> tuple[int, int, str]:
        data = tree.nodes[node]
        group = GROUP_ORDER.index(URIRef(node)) if URIRef(node) in GROUP_ORDER else 99
        position = data.get("position")
        label = str(data.get("label", node)).casefold()
        return (group, position if isinstance(position, int) else 0, label)

    children: dict[str, list[str]] = defaultdict(list)
    roots: list[str] = []
    for node in sorted(simple, key=order):
        parents = [p for p in simple.successors(node) if depth[p] < depth[node]]
        if parents:
            children[min(parents, key=lambda p: (-depth[p], order(p)))].append(node)
        else:
            roots.append(node)
    box = {n: _box(str(tree.nodes[n].get("label", n))) for n in simple}

    # One block per root: (width, height, node -> (x, y) inside the block).
    blocks: list[tuple[float, float, dict[str, tuple[float, float]]]] = []
    for root in roots:
        spot: dict[str, tuple[int, float]] = {}
        height = _place_subtree(root, depth[root], children, depth, box, spot, 0.0)
        widths: dict[int, float] = defaultdict(float)
        for node, (column, _) in spot.items():
            widths[column] = max(widths[column], box[node][0])
        left = [sum(widths[c] + _COLUMN_GAP for c in range(col)) for col in range(len(widths))]
        inside = {n: (left[c] + widths[c] / 2, y) for n, (c, y) in spot.items()}
        blocks.append((left[-1] + widths[len(widths) - 1], height, inside))
    blocks.sort(key=lambda b: -b[1] * b[0])  # biggest first: the reader starts there

    best: tuple[float, list[tuple[int, float, float]]] | None = None
    tallest = max((b[1] for b in blocks), default=0.0)
    total = sum(b[1] + _BLOCK_GAP[1] for b in blocks)
    limit = tallest
    while limit <= total + _LINE:
        placed: list[tuple[int, float, float]] = []  # (block index, x, y)
        x = y = column_width = height = 0.0
        for i, (w, h, _) in enumerate(blocks):
            if y and y + h > limit:
                x, y, column_width = x + column_width + _BLOCK_GAP[0], 0.0, 0.0
            placed.append((i, x, y))
            column_width = max(column_width, w)
            height = max(height, y + h)
            y += h + _BLOCK_GAP[1]
        scale = min(_PAGE_ASPECT / max(x + column_width, 1.0), 1 / max(height, 1.0))
        if best is None or scale > best[0] + 1e-12:
            best = (scale, placed)
        limit += _LINE
    positions: dict[str, tuple[int, int]] = {}
    for i, x, y in best[1] if best else []:
        for node, (nx_, ny) in blocks[i][2].items():
            positions[node] = (round(x + nx_), round(y + ny))
    return positions


def _place_subtree(
    node: str,
    base: int,
    children: dict[str, list[str]],
    depth: dict[str, int],
    box: dict[str, tuple[float, float]],
    spot: dict[str, tuple[int, float]],
    top: float,
) -> float:
    """Put ``node``'s subtree into ``spot`` (column, centre y) from ``top``; returns the
    y where the next subtree may start.

    A leaf takes its box's height; a parent sits level with the middle of its children
    (or takes its own height if that is more).
    """
    kids = [k for k in children[node] if k not in spot]
    spot[node] = (0, 0.0)  # claimed: guards against revisits
    own = box[node][1] + _ROW_GAP
    if not kids:
        spot[node] = (depth[node] - base, top + own / 2)
        return top + own
    bottom = top
    for kid in kids:
        bottom = _place_subtree(kid, base, children, depth, box, spot, bottom)
    middle = (spot[kids[0]][1] + spot[kids[-1]][1]) / 2
    spot[node] = (depth[node] - base, middle)
    return max(bottom, top + own)


BIG_GRAPH = 300
"""Above this many nodes a force layout in the browser is too slow (25 s for 2,000
nodes in headless Chromium, benchmarks/RESULTS-graph.md): the page gets
:func:`radial_layout` positions instead and runs no physics."""


def radial_layout(
    graph: nx.MultiDiGraph, ring: float = 160, gap: float = 34
) -> dict[str, tuple[int, int]]:
    """Fixed positions for a big graph in O(nodes + links), pure Python: radial trees.

    Each connected component is drawn as the breadth-first tree from its best
    connected node (ties by IRI): depth ``d`` on a ring of radius at least
    ``d * ring``, widened until its nodes are ``gap`` apart, and each subtree gets
    an angle proportional to its leaves, so branches do not cross. Components are
    placed left to right in rows. Deterministic: neighbours are visited in IRI order.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> pos = radial_layout(g)
    >>> len({pos["a"], pos["b"], pos["c"]})
    3
    """
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    components = sorted(
        (sorted(c) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0])
    )
    positions: dict[str, tuple[int, int]] = {}
    x0 = y0 = row_height = 0.0
    row_limit = 4 * ring * max(1.0, math.sqrt(len(components)))
    for members in components:
        root = max(members, key=lambda n: (undirected.degree(n), [-ord(c) for c in n]))
        kids: dict[str, list[str]] = defaultdict(list)
        level = {root: 0}
        for parent, child in nx.bfs_edges(undirected, root, sort_neighbors=sorted):
            kids[parent].append(child)
            level[child] = level[parent] + 1
        leaves: dict[str, int] = {}
        for node in sorted(level, key=lambda n: -level[n]):
            leaves[node] = sum(leaves[k] for k in kids[node]) or 1
        per_level: dict[int, int] = defaultdict(int)
        for d in level.values():
            per_level[d] += 1
        radius: dict[int, float] = {0: 0.0}
        for d in range(1, max(per_level) + 1):
            radius[d] = max(radius[d - 1] + ring, per_level[d] * gap / (2 * math.pi))
        local: dict[str, tuple[float, float]] = {}
        stack = [(root, 0.0, 2 * math.pi)]
        while stack:
            node, start, span = stack.pop()
            angle = start + span / 2
            r = radius[level[node]]
            local[node] = (r * math.cos(angle), r * math.sin(angle))
            for kid in kids[node]:
                share = span * leaves[kid] / leaves[node]
                stack.append((kid, start, share))
                start += share
        extent = radius[max(per_level)] + ring / 2
        if x0 and x0 + 2 * extent > row_limit:
            x0, y0, row_height = 0.0, y0 + row_height, 0.0
        for node, (x, y) in local.items():
            positions[node] = (round(x0 + extent + x), round(y0 + extent + y))
        x0 += 2 * extent
        row_height = max(row_height, 2 * extent)
    return positions


def view(graph: nx.MultiDiGraph, name: str, include: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The named view (one of :data:`VIEWS`) of the converted graph.

    ``include`` names optional parts (:data:`OPTIONAL_PARTS`) for the views that hide
    them: ``all`` (see :func:`overview`) and ``hierarchy`` (``mappings``).

    Raises:
        ValueError: an unknown view or part name.
    """
    include = tuple(include)
    if name == "all":
        return overview(graph, include)
    if name == "hierarchy":
        return hierarchy(graph, include)
    _included_kinds(include)  # still reject unknown names
    builders: dict[str, Callable[[nx.MultiDiGraph], nx.MultiDiGraph]] = {
        "spectrum": spectrum,
        "cycle": cycle,
    }
    try:
        return builders[name](graph)
    except KeyError:
        raise ValueError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}") from None


def shipped_from(sources: Iterable[Any]) -> Callable[[Node], bool]:
    """``shipped(node)``: is ``node`` described only by the shipped ontology files?

    ``sources`` are :class:`copro_kg.io.sources.Source` objects (``.graph``,
    ``.shipped``). A node the user's files also describe counts as theirs.
    """
    shipped: set[Node] = set()
    user: set[Node] = set()
    for source in sources:
        (shipped if source.shipped else user).update(source.graph.subjects())
    only_shipped = shipped - user
    return lambda node: node in only_shipped


def origin_from(sources: Iterable[Any]) -> Callable[[Node], str | None]:
    """``origin(node)``: the name of the file that first describes ``node``.

    ``sources`` are :class:`copro_kg.io.sources.Source` objects (anything with ``.graph``
    and ``.name``); the tooltip shows it, so users see which activity came from which
    of their files.
    """
    found: dict[Node, str] = {}
    for source in sources:
        for subject in set(source.graph.subjects()):
            found.setdefault(subject, source.name)
    return found.get


TITLES = {
    "all": "The engagement and co-production glossary: its terms and how they relate",
    "spectrum": "Engagement as a spectrum: doing to, doing for, doing with",
    "cycle": "The co-production cycle",
    "hierarchy": "What sits under what: broader and narrower terms",
    "focus": "Around {label}",
}
"""Page titles for each view (``focus`` takes the centre's label)."""


def select(
    graph: nx.MultiDiGraph,
    view_name: str = "all",
    term: str | None = None,
    depth: int = 1,
    include: Iterable[str] = (),
) -> tuple[nx.MultiDiGraph, str]:
    """The subgraph to draw and its title: ``focus(term, depth)`` if a term is given,
    else :func:`view` ``view_name`` (``focus`` applies within the view, so a focus
    in the default overview also leaves the optional parts out unless ``include``d).

    Raises:
        UnknownTermError: ``term`` is not in the view.
        ValueError: an unknown view or part name.
    """
    sub = view(graph, view_name, include)
    if term is None:
        return sub, TITLES[view_name]
    around = focus(sub, term, depth)
    # Fixed positions belong to the whole view; a neighbourhood is laid out afresh.
    around.graph["view"] = "all" if view_name in ("all", "hierarchy") else view_name
    if view_name == "hierarchy":
        for node in around:
            around.nodes[node].pop("x", None)
            around.nodes[node].pop("y", None)
    centre = around.graph["focus"]
    return around, TITLES["focus"].format(label=sub.nodes[centre].get("label", centre))
