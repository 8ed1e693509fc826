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
>>> from copro_kg.reasoning import reason
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

import difflib
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

from .errors import UnknownTermError
from .namespace import COPRO, ISOTHES, PREFIXES

__all__ = [
    "GROUP_ORDER",
    "KINDS",
    "VIEWS",
    "Triple",
    "cycle",
    "focus",
    "hierarchy",
    "resolve_term",
    "spectrum",
    "to_networkx",
    "view",
]

Triple = tuple[Node, Node, Node]

KINDS = ("group", "level", "phase", "concept", "class", "activity", "individual")
"""Node kinds, most specific first (a spectrum level is also a concept)."""

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
    """The reasoner's own explanation, if this reasoner version offers one."""
    derivation = getattr(result, "derivation", None)
    if not callable(derivation):
        return None

    def explain(triple: Triple) -> str | None:
        try:
            found = derivation(triple)
        except Exception:  # an explanation is a nicety: never fail a drawing over it
            return None
        if found is None:
            return None
        for method in ("summary", "one_line", "short"):
            fn = getattr(found, method, None)
            if callable(fn):
                return str(fn())
        return " ".join(str(found).split())

    return explain


NO_DERIVATION = "inferred by the OWL 2 RL reasoner (this reasoner version records no derivation)"


def to_networkx(
    result: Any,
    *,
    inferred: bool = True,
    simplify: bool = True,
    explain: Explainer | None = None,
    origin: Callable[[Node], str | None] | None = None,
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

    Returns:
        The graph; ``graph.graph`` holds ``name`` and ``explanations`` (``"reasoner"``
        or ``"none"``: whether inferred edges carry the reasoner's rule chain).
    """
    if isinstance(result, Graph):
        asserted, closure = result, result
    else:
        asserted, closure = result.asserted, result.closure
    explainer = explain or _default_explainer(result)

    kinds = _classify_nodes(closure)
    out = nx.MultiDiGraph(name="copro-kg", explanations="reasoner" if explainer else "none")
    for node, kind in sorted(kinds.items(), key=lambda nk: str(nk[0])):
        out.add_node(str(node), **_node_attributes(closure, node, kind, origin))
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


def _classify_nodes(g: Graph) -> dict[Node, str]:
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
    # Specialise concepts by the role the spectrum and the cycle give them.
    for s, o in g.subject_objects(IN_GROUP):
        if s in kinds:
            kinds[s] = "level"
        if o in kinds:
            kinds[o] = "group"
    for s, o in g.subject_objects(NEXT_PHASE):
        for n in (s, o):
            if kinds.get(n) == "concept":
                kinds[n] = "phase"
    for s in g.subjects(SPECTRUM_POSITION, None):
        if kinds.get(s) == "concept":
            kinds[s] = "level"
    return kinds


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
    optional = {
        "definition": _pick(lit(node, SKOS.definition)) or _pick(lit(node, RDFS.comment)),
        "labelCy": _pick(lit(node, SKOS.prefLabel), "cy")
        if any(v.language == "cy" for v in lit(node, SKOS.prefLabel))
        else None,
        "quote": _pick(lit(node, QUOTE)),
        "examples": "; ".join(sorted(str(v) for v in lit(node, EXAMPLE))) or None,
        "source": "; ".join(
            sorted(
                label_of(g, v) if isinstance(v, URIRef) else str(v)
                for v in g.objects(node, DCTERMS.source)
                if not isinstance(v, BNode)
            )
        )
        or None,
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
    # An activity's level: the level of its most specific class that names one
    # (a co-production activity is also an involvement one: "all co-production is
    # involvement"; it belongs on co-production).
    level_of_class: dict[Node, Node] = {}
    for cls, concept in g.subject_objects(CONCEPT_OF):
        if str(concept) in out and "position" in out.nodes[str(concept)]:
            level_of_class[cls] = concept
    for node, kind in kinds.items():
        if kind not in ("activity", "individual"):
            continue
        classes = {c for c in g.objects(node, RDF.type) if c in level_of_class}
        specific = {
            c for c in classes if not any(o != c and (o, RDFS.subClassOf, c) in g for o in classes)
        }
        if not specific:
            continue
        # Unrelated classes on different levels: keep the most power shared, and say so.
        best_class = max(
            specific, key=lambda c: (out.nodes[str(level_of_class[c])]["position"], str(c))
        )
        best = level_of_class[best_class]
        data = out.nodes[str(node)]
        data["level"] = str(best)
        data["levelClass"] = str(best_class)
        if "group" in out.nodes[str(best)]:
            data["group"] = out.nodes[str(best)]["group"]


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
                asserted_by.get((o, inv, s), False) and inv not in _DOWNWARD for inv in inverses
            )
        ):
            continue  # the inverse of an asserted (upward) edge says nothing new
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

    Matching ignores case and treats spaces, hyphens and underscores alike, so
    ``co design``, ``Co-design`` and ``copro:co-design`` all find the same concept.

    Raises:
        UnknownTermError: nothing matches (with "did you mean" suggestions from the
            labels), or the term names several nodes.
    """
    if term in graph:
        return term

    def norm(text: str) -> str:
        return re.sub(r"[\s_\-]+", "-", text.strip().lower())

    wanted = norm(term)
    matches: dict[str, set[str]] = defaultdict(set)
    for node, data in graph.nodes(data=True):
        names = [data.get("curie", ""), data.get("label", ""), data.get("labelCy", "")]
        names += data.get("altLabels", "").split("; ")
        names.append(re.split(r"[#/:]", node)[-1])
        for name in filter(None, names):
            matches[norm(name)].add(node)
    found = matches.get(wanted, set())
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        options = sorted(graph.nodes[n].get("curie", n) for n in found)
        raise UnknownTermError(
            f"{term!r} is ambiguous: it names {', '.join(options)}", suggestions=options
        )
    labels = sorted({d.get("label", n) for n, d in graph.nodes(data=True)})
    close = difflib.get_close_matches(term.lower(), [lb.lower() for lb in labels], n=3, cutoff=0.5)
    by_lower = {lb.lower(): lb for lb in labels}
    raise UnknownTermError(
        f"no term called {term!r} in the graph", suggestions=[by_lower[c] for c in close]
    )


# --------------------------------------------------------------------------- views


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


def spectrum(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The engagement spectrum: groups, the levels in order, and activities on them.

    Nodes get fixed ``x``/``y``: groups along the top in the glossary's order (doing
    to, doing for, doing with), each level in its group's column band ordered by
    ``position`` (power sharing grows left to right), user activities stacked under
    the level the reasoner placed them on.
    """
    levels = sorted(
        (n for n, d in graph.nodes(data=True) if "position" in d),
        key=lambda n: (graph.nodes[n]["position"], n),
    )
    groups = [str(g) for g in GROUP_ORDER if str(g) in graph]
    groups += sorted(
        {graph.nodes[n]["group"] for n in levels if "group" in graph.nodes[n]} - set(groups)
    )
    keep = set(levels) | set(groups) | _activity_nodes(graph, set(levels))
    sub = graph.subgraph(keep).copy()
    sub.graph.update(view="spectrum")
    width = 190
    for i, node in enumerate(levels):
        sub.nodes[node].update(x=i * width, y=160)
    for group in groups:
        members = [i for i, n in enumerate(levels) if sub.nodes[n].get("group") == group]
        centre = (sum(members) / len(members) if members else groups.index(group)) * width
        sub.nodes[group].update(x=round(centre), y=0)
    stacks: dict[str, int] = defaultdict(int)
    for node in sorted(keep - set(levels) - set(groups), key=lambda n: sub.nodes[n]["label"]):
        data = sub.nodes[node]
        level = data["level"]
        stacks[level] += 1
        data.update(x=sub.nodes[level]["x"], y=160 + 110 * stacks[level])
        # The activity's class is not drawn here, so its rdf:type edge is projected
        # onto the level's concept (class -copro:concept-> concept), keeping whether
        # the type was asserted or inferred and why.
        typed = graph.get_edge_data(node, data.get("levelClass", ""), key=str(RDF.type))
        if typed is not None:
            sub.add_edge(
                node,
                level,
                key=str(RDF.type),
                **{**typed, "label": "is a", "via": data["levelClass"]},
            )
    return sub


def cycle(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The co-production cycle: the phases on a ring, the whole they are part of inside.

    The ring follows ``copro:nextPhase`` from co-planning (the glossary lists "co-planning
    ..., co-design and co-decision making, co-delivery ..., and co-evaluation"); any
    concept the phases are part of (co-production) sits in the centre.
    """
    phases = [n for n, d in graph.nodes(data=True) if d.get("kind") == "phase"]
    if not phases:
        sub = graph.subgraph([]).copy()
        sub.graph.update(view="cycle")
        return sub
    nxt: dict[str, str] = {}
    for s, o, k in graph.edges(keys=True):
        if k == str(NEXT_PHASE) and s in phases and o in phases:
            nxt[s] = o
    start = str(COPRO["co-planning"]) if str(COPRO["co-planning"]) in phases else min(phases)
    ring: list[str] = []
    node: str | None = start
    while node is not None and node not in ring:
        ring.append(node)
        node = nxt.get(node)
    ring += sorted(set(phases) - set(ring))
    wholes = {
        o
        for s, o, k in graph.edges(keys=True)
        if s in phases and o not in phases and k in (str(IS_PART_OF), str(BROADER_PARTITIVE))
    }
    sub = graph.subgraph(set(ring) | wholes).copy()
    sub.graph.update(view="cycle")
    radius = 260
    for i, node in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / len(ring)  # first phase at twelve o'clock
        sub.nodes[node].update(x=round(radius * math.cos(angle)), y=round(radius * math.sin(angle)))
    for j, node in enumerate(sorted(wholes)):
        sub.nodes[node].update(x=0, y=60 * j)
    return sub


_HIERARCHY_KEYS = {
    str(SKOS.broader): "generic",
    str(BROADER_GENERIC): "generic",
    str(RDFS.subClassOf): "generic",
    str(BROADER_PARTITIVE): "partitive",
    str(IS_PART_OF): "partitive",
}


def hierarchy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The broader/narrower tree over concepts, generic and partitive links marked.

    Keeps concept-like nodes and the edges of ``skos:broader``, ``iso-thes:broaderGeneric``
    (``link="generic"``) and ``copro:isPartOf``/``iso-thes:broaderPartitive``
    (``link="partitive"``); a plain ``skos:broader`` is kept only where no more specific
    link joins the same pair.
    """
    concept_kinds = {"concept", "level", "group", "phase"}
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
    sub.graph.update(view="hierarchy")
    return sub


def view(graph: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """The named view (one of :data:`VIEWS`) of the converted graph."""
    if name == "all":
        sub = graph.copy()
        sub.graph.update(view="all")
        return sub
    builders: dict[str, Callable[[nx.MultiDiGraph], nx.MultiDiGraph]] = {
        "spectrum": spectrum,
        "cycle": cycle,
        "hierarchy": hierarchy,
    }
    try:
        return builders[name](graph)
    except KeyError:
        raise ValueError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}") from None


def origin_from(sources: Iterable[Any]) -> Callable[[Node], str | None]:
    """``origin(node)``: the name of the file that first describes ``node``.

    ``sources`` are :class:`copro_kg.loading.Source` objects (anything with ``.graph``
    and ``.name``); the tooltip shows it, so users see which activity came from which
    of their files.
    """
    found: dict[Node, str] = {}
    for source in sources:
        for subject in set(source.graph.subjects()):
            found.setdefault(subject, source.name)
    return found.get


TITLES = {
    "all": "The engagement and co-production glossary",
    "spectrum": "Engagement as a spectrum: doing to, doing for, doing with",
    "cycle": "The co-production cycle",
    "hierarchy": "What sits under what: broader and narrower terms",
    "focus": "Around {label}",
}
"""Page titles for each view (``focus`` takes the centre's label)."""


def select(
    graph: nx.MultiDiGraph, view_name: str = "all", term: str | None = None, depth: int = 1
) -> tuple[nx.MultiDiGraph, str]:
    """The subgraph to draw and its title: ``focus(term, depth)`` if a term is given,
    else :func:`view` ``view_name`` (``focus`` applies within the view).

    Raises:
        UnknownTermError: ``term`` is not in the view.
    """
    sub = view(graph, view_name)
    if term is None:
        return sub, TITLES[view_name]
    around = focus(sub, term, depth)
    # Fixed positions belong to the whole view; a neighbourhood is laid out afresh.
    around.graph["view"] = "all" if view_name in ("all", "hierarchy") else view_name
    centre = around.graph["focus"]
    return around, TITLES["focus"].format(label=sub.nodes[centre].get("label", centre))
