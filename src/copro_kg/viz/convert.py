"""From a reasoned RDF graph to a labelled networkx graph: nodes, kinds and attributes.

One conversion, :func:`to_networkx`, turns the outcome of :func:`copro_kg.reason` into a
:class:`networkx.MultiDiGraph` that every picture and export starts from:

* **nodes** are the terms of the vocabulary -- SKOS concepts, OWL classes, and the
  individuals typed by them (the user's engagement activities) -- keyed by IRI, with
  ``label`` (:func:`copro_kg.vocab.labels.label`, the one naming rule of copro-kg),
  ``kind``, ``altLabels``, ``definition``, ``source``, ``labelCy`` (Welsh, where the graph
  has one), and for spectrum levels ``group``/``position``, for activities ``level``;
* **edges** are the triples between two nodes, keyed by predicate IRI, with
  ``predicate``, ``label`` (the property's own label, never its IRI), ``inferred``
  (False for asserted triples) and, for inferred ones, ``explanation``: the reasoner's
  rule chain in a line or two, with the rules' codes, and ``why``: the same in
  practitioners' words (:func:`copro_kg.reasoning.plain.plain_words`: the stated links it
  rests on and what the rules say, no code); an asserted edge whose evidence is our
  reading, not the glossary's sentence (:func:`copro_kg.vocab.evidence.evidence_for`,
  issue 25), has ``ours=True``, ``evidence`` (the reason, in words), ``reads`` (the
  glossary's sentence it reads, if any) and ``evidenceSource`` (where the reason is
  recorded). The pictures draw it dotted. A stated link the glossary does not state says
  who does: ``statedBy="source"`` and ``statedSource`` (the model's title) inside
  another model we map to, ``statedBy="data"`` in the user's own files,
  ``statedBy="model"`` copro-kg's model with no evidence in the glossary.

Every attribute is a ``str``, ``int`` or ``bool`` (absent rather than ``None``) so the
same graph writes to GraphML and GEXF unchanged. With ``simplify=True`` (the default)
the conversion drops an edge that another drawn edge already says
(:mod:`copro_kg.viz.simplify`); ``simplify=False`` keeps every triple between two nodes.
The views drawn from the result are in :mod:`copro_kg.viz.views`.

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

from collections.abc import Callable, Iterable
from typing import Any, Protocol

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import COPRO
from copro_kg.reasoning.explain import link_explainer
from copro_kg.reasoning.plain import link_words
from copro_kg.viz.kinds import KINDS, classify_nodes
from copro_kg.viz.simplify import NEVER_DRAWN
from copro_kg.viz.simplify import simplify as simplify_edges
from copro_kg.vocab.evidence import LinkEvidence, Shipped
from copro_kg.vocab.labels import curie, label, label_or_none, relation_label

__all__ = [
    "GROUP_ORDER",
    "KINDS",
    "NO_DERIVATION",
    "Explainer",
    "Shipped",
    "Triple",
    "origin_from",
    "shipped_from",
    "to_networkx",
]

Triple = tuple[Node, Node, Node]

GROUP_ORDER = (COPRO["doing-to"], COPRO["doing-for"], COPRO["doing-with"])
"""The three groups of the engagement spectrum, in order of power sharing (glossary,
"Engagement as a spectrum": "doing to doing for doing with")."""

# Vocabulary we read (documented in ontology/README.md).
IN_GROUP = COPRO.inGroup
SPECTRUM_POSITION = COPRO.spectrumPosition
CONCEPT_OF = COPRO.concept
COVERS_LEVEL = COPRO.coversLevel

NO_DERIVATION = "inferred by the OWL 2 RL reasoner (this reasoner version records no derivation)"
"""What an inferred edge says when the reasoner recorded no derivation for it."""


class Explainer(Protocol):
    """Something that explains an inferred triple in a line or two (or cannot)."""

    def __call__(self, triple: Triple) -> str | None: ...


def _text(values: Iterable[Literal], lang: str = "en") -> str | None:
    """The smallest value in language ``lang``, else the smallest untagged one.

    For texts that are not names (definitions, comments); names use
    :func:`copro_kg.vocab.labels.label`.
    """
    ranked = sorted(values, key=str)
    for wanted in (lang, None):
        for value in ranked:
            if value.language == wanted:
                return str(value)
    return None


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
            reasoner's own derivations when it records them (and then ``why`` too).
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
    explainer = explain or link_explainer(result)
    # The reasoner's own derivations also give the practitioners' words (``why``); a
    # caller's ``explain`` gives only its text.
    words = None if explain else link_words(result)

    kinds = classify_nodes(closure, asserted)
    out = nx.MultiDiGraph(name="copro-kg", explanations="reasoner" if explainer else "none")
    for node, kind in sorted(kinds.items(), key=lambda nk: str(nk[0])):
        out.add_node(str(node), **_node_attributes(closure, node, kind, origin))
        if shipped is not None and shipped(node):
            out.nodes[str(node)]["shipped"] = True
    _add_spectrum_attributes(closure, out, kinds)

    candidates: list[tuple[Node, Node, Node, bool]] = []
    for s, p, o in closure:
        if s not in kinds or o not in kinds or p in NEVER_DRAWN:
            continue
        is_inferred = (s, p, o) not in asserted
        if is_inferred and not inferred:
            continue
        candidates.append((s, p, o, is_inferred))
    candidates.sort(key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    if simplify:
        candidates = list(simplify_edges(closure, candidates))

    labels: dict[Node, str] = {}
    evidence = LinkEvidence(asserted, shipped)  # whose each asserted link is (issue 25)
    for s, p, o, is_inferred in candidates:
        if p not in labels:
            labels[p] = relation_label(closure, p)
        attrs: dict[str, Any] = {
            "predicate": str(p),
            "label": labels[p],
            "curie": curie(p, closure),
            "inferred": is_inferred,
        }
        if is_inferred:
            said = words((s, p, o)) if words else None
            text: str | None = None
            if said is not None:
                attrs["why"], text = said
            elif explainer:
                text = explainer((s, p, o))
            attrs["explanation"] = text or NO_DERIVATION
        else:
            attrs.update(_ours(evidence, (s, p, o)) or _stated_by(evidence, (s, p, o)))
        out.add_edge(str(s), str(o), key=str(p), **attrs)
    return out


_EVIDENCE_SOURCE = {
    "axiom": "copro:ourReading on the statement's owl:Axiom (ontology/evidence.ttl)",
    "record": "copro:ourReading on the record that states it",
    "quote": "a text the glossary does not give (dcterms:source names its source)",
    "kind": "our bookkeeping by the kind of statement (copro_kg.vocab.evidence.OURS_BY_KIND)",
}


def _ours(evidence: LinkEvidence, triple: Triple) -> dict[str, Any]:
    """``ours``, ``evidence`` (the reason, in words), ``reads`` (the glossary's sentence it
    reads, if any) and ``evidenceSource`` (where the reason is recorded: technical detail)
    for an asserted link whose evidence is ours (issue 25; the decision is
    :class:`copro_kg.vocab.evidence.LinkEvidence`'s); nothing for a link the glossary
    states, or the user's files."""
    found = evidence.ours(*triple)
    if found is None:
        return {}
    attrs: dict[str, Any] = {
        "ours": True,
        "evidence": found.reason,
        "evidenceSource": _EVIDENCE_SOURCE.get(found.via, found.via),
    }
    if found.text:
        attrs["reads"] = found.text
    return attrs


def _stated_by(evidence: LinkEvidence, triple: Triple) -> dict[str, Any]:
    """Who states an asserted link that is not ours, when it is not the glossary:
    ``statedBy="data"`` for the user's own files (:meth:`LinkEvidence.theirs`),
    ``statedBy="source"`` with ``statedSource`` (the model's title) for a link inside
    another model we map to (Arnstein's, TLAP's, IAP2's own rungs: its ``skos:inScheme``
    has a ``dcterms:source``), ``statedBy="model"`` for a shipped link with no evidence at
    all (copro-kg's model: classes of records, their disjointness); nothing for the
    glossary's own."""
    asserted, subject = evidence.graph, triple[0]
    if evidence.theirs(*triple):
        return {"statedBy": "data"}
    for scheme in sorted(asserted.objects(subject, SKOS.inScheme), key=str):
        if scheme == COPRO.glossary or (scheme, DCTERMS.source, None) not in asserted:
            continue
        title = _text(
            [t for t in asserted.objects(scheme, DCTERMS.title) if isinstance(t, Literal)]
        )
        return {"statedBy": "source", "statedSource": title or label(asserted, scheme)}
    if evidence.shipped is None or evidence(*triple) is not None:
        return {}  # the glossary's (or, with no ``shipped`` to tell, not known otherwise)
    return {"statedBy": "model"}


def _node_attributes(
    g: Graph, node: Node, kind: str, origin: Callable[[Node], str | None] | None
) -> dict[str, Any]:
    def lit(subject: Node, prop: URIRef) -> list[Literal]:
        return [o for o in g.objects(subject, prop) if isinstance(o, Literal)]

    attrs: dict[str, Any] = {
        "iri": str(node),
        "curie": curie(node, g),
        "label": _node_label(g, node),
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
        label(g, v) if isinstance(v, URIRef) else str(v)
        for v in g.objects(node, DCTERMS.source)
        if not isinstance(v, BNode)
    )
    optional = {
        "definition": _text(lit(node, SKOS.definition)) or _text(lit(node, RDFS.comment)),
        "labelCy": "; ".join(sorted({str(v) for v in welsh})) or None,
        "quote": "\n".join(
            sorted(str(v) for v in lit(node, COPRO.quote) if v.language in ("en", None))
        )
        or None,
        "examples": "; ".join(sorted(str(v) for v in lit(node, SKOS.example))) or None,
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
        "collection": "; ".join(
            sorted(
                label(g, c)
                for c in g.subjects(SKOS.member, node)
                if (c, RDF.type, SKOS.Collection) in g
            )
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
        data["levelText"] = label(g, best)
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


def _node_label(graph: Graph, node: Node) -> str:
    """The node's name by the one rule; a term with no label shows its CURIE, or its bare
    IRI (a name on a picture needs no angle brackets)."""
    found = label_or_none(graph, node)
    if found is not None:
        return found
    name = label(graph, node)  # the standard wording, else the CURIE, else <IRI>
    return name[1:-1] if name.startswith("<") and name.endswith(">") else name


def shipped_from(sources: Iterable[Any]) -> Shipped:
    """``shipped(node)``: is ``node`` described only by the shipped ontology? (:class:`Shipped`)."""
    return Shipped(sources)


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
