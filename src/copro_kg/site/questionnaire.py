""" "Where does my activity sit?": a questionnaire computed from the ontology by the reasoner.

Nothing here restates a glossary rule. The questions, the answers and the outcomes are
read from the ontology and worked out by the reasoner, at build time:

1. **Questions** are the feature properties the ontology marks as questionnaire
   questions (``copro:question``, ordered by ``copro:questionOrder``) that some class
   definition classifies by (an ``owl:hasValue`` restriction inside an
   ``owl:equivalentClass``, the form OWL 2 RL can classify with). A feature that is
   only a necessary condition (``rdfs:subClassOf``; "not used to classify") is not asked.
2. **Answers** are the property's named values: the individuals of its ``rdfs:range``,
   in the order of the spectrum (the position of the terms whose ``copro:Criterion``
   requires them), each labelled with its ``rdfs:label``.
3. **Outcomes**: one hypothetical activity per combination of answers ("not sure"
   included), typed only by the properties' ``rdfs:domain``, is added to a copy of the
   graph; the reasoner runs once over all of them. Each activity's most specific class
   on the spectrum (a class whose ``copro:concept`` is a spectrum level or group, or a
   figure column with ``copro:coversLevel``) is its outcome. The "why" lists the
   glossary sentences of the criteria (``copro:Criterion``: ``criterionFor``,
   ``onFeature``, ``requiresValue``, ``glossaryText``) that the answers meet, for that
   class and every class above it.

The browser only looks the answers up in that table (``questionnaire.js``), so editing
the ontology and rebuilding the site changes the questionnaire -- there is no second
copy of the rules in JavaScript.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import COPRO
from copro_kg.site.model import Term, fold, in_sentence, slug_for

__all__ = ["MAX_COMBINATIONS", "Option", "Question", "Questionnaire", "build_questionnaire"]

MAX_COMBINATIONS = 4096
"""Most answer combinations computed (each is one hypothetical activity to reason over)."""

ACTIVITY_BASE = "urn:copro-kg:questionnaire:activity-"
QUESTION = COPRO.question
QUESTION_ORDER = COPRO.questionOrder
COVERS_LEVEL = COPRO.coversLevel
CRITERION_FOR = COPRO.criterionFor
ON_FEATURE = COPRO.onFeature
REQUIRES_VALUE = COPRO.requiresValue
GLOSSARY_TEXT = COPRO.glossaryText


@dataclass(frozen=True)
class Option:
    """One answer: a named feature value."""

    key: str
    label: str
    iri: str


@dataclass(frozen=True)
class Question:
    """One question: a feature property and its values."""

    key: str
    text: str
    hint: str | None
    iri: str
    options: list[Option]


@dataclass
class Questionnaire:
    """The questions, and the outcome table the page looks answers up in."""

    questions: list[Question] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Place:
    """A class on the spectrum: a level, a figure column or a group."""

    cls: URIRef
    label: str
    slug: str | None  # the term page, when the class stands for one concept
    group: str | None  # slug of its group's page
    covers: tuple[str, ...]  # slugs of the levels a column covers
    concepts: tuple[URIRef, ...]  # the concepts whose criteria apply to this class
    rank: int


def _text(graph: Graph, node: Node, *props: URIRef) -> str | None:
    for prop in props:
        values = sorted(
            (v for v in graph.objects(node, prop) if isinstance(v, Literal)),
            key=lambda v: (v.language not in ("en", None), str(v)),
        )
        if values:
            return str(values[0])
    return None


def _label(graph: Graph, node: Node) -> str:
    found = _text(graph, node, SKOS.prefLabel, RDFS.label)
    return found or str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _int(graph: Graph, node: Node, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    if isinstance(value, Literal) and isinstance(value.toPython(), int):
        return int(value.toPython())
    return None


def _places(closure: Graph, terms: dict[str, Term]) -> dict[URIRef, _Place]:
    """Every class that puts an activity somewhere on the spectrum, by its class IRI."""
    positions: dict[str, list[int]] = {}
    for level in terms.values():
        if level.group is not None and level.position:
            positions.setdefault(level.group.slug, []).append(level.position)
    places: dict[URIRef, _Place] = {}
    classes = set(closure.subjects(COPRO.concept, None)) | set(closure.subjects(COVERS_LEVEL, None))
    for cls in classes:
        if not isinstance(cls, URIRef):
            continue
        concept = closure.value(cls, COPRO.concept)
        term = terms.get(str(concept)) if isinstance(concept, URIRef) else None
        covered = [terms[str(c)] for c in closure.objects(cls, COVERS_LEVEL) if str(c) in terms]
        if term is not None and term.position:  # a level of the spectrum
            group = term.group.slug if term.group else None
            places[cls] = _Place(
                cls, term.label, term.slug, group, (), (URIRef(term.iri),), term.position
            )
        elif term is not None and term.slug in positions:  # a group: doing to / for / with
            rank = min(positions[term.slug])
            places[cls] = _Place(
                cls, term.label, term.slug, term.slug, (), (URIRef(term.iri),), rank
            )
        elif covered:  # a column of the figure covering several levels
            group = covered[0].group.slug if covered[0].group else None
            places[cls] = _Place(
                cls,
                _label(closure, cls),
                None,
                group,
                tuple(sorted(t.slug for t in covered)),
                tuple(URIRef(t.iri) for t in covered),
                min(t.position or 0 for t in covered),
            )
    return places


def _classifying_features(closure: Graph) -> set[URIRef]:
    """Properties some class definition classifies by (hasValue inside equivalentClass)."""
    found: set[URIRef] = set()
    for _cls, expr in closure.subject_objects(OWL.equivalentClass):
        parts = [expr]
        for members in closure.objects(expr, OWL.intersectionOf):
            parts.extend(closure.items(members))
        for part in parts:
            prop = closure.value(part, OWL.onProperty)
            if isinstance(prop, URIRef) and closure.value(part, OWL.hasValue) is not None:
                found.add(prop)
    return found


def _questions(
    closure: Graph, places: dict[URIRef, _Place], terms: dict[str, Term]
) -> list[Question]:
    """The questions (``copro:question`` features that classify) and their answers."""
    features = _classifying_features(closure)
    # Each concept's place along the spectrum (a group ranks with its first level).
    rank_of_concept: dict[Node, int] = {}
    for place in places.values():
        for concept in place.concepts:
            rank_of_concept[concept] = place.rank
    questions = []
    asked = [p for p in closure.subjects(QUESTION, None) if isinstance(p, URIRef) and p in features]
    asked.sort(key=lambda p: (_int(closure, p, QUESTION_ORDER) or 10**6, str(p)))
    for prop in asked:
        # The most specific range only: the reasoner also derives each super-class of
        # it as a range (scm-rng1), whose individuals answer other questions.
        ranges = set(closure.objects(prop, RDFS.range))
        ranges = {
            r
            for r in ranges
            if not any(o != r and (o, RDFS.subClassOf, r) in closure for o in ranges)
        }
        values = {
            v for rng in ranges for v in closure.subjects(RDF.type, rng) if isinstance(v, URIRef)
        }

        def rank(value: URIRef, prop: URIRef = prop) -> tuple[int, str]:
            # Where on the spectrum the glossary's criteria use this value.
            ranks = [
                rank_of_concept.get(concept, 10**6)
                for criterion in closure.subjects(REQUIRES_VALUE, value)
                if (criterion, ON_FEATURE, prop) in closure
                for concept in closure.objects(criterion, CRITERION_FOR)
            ]
            return (min(ranks, default=10**6), fold(_label(closure, value)))

        text = _text(closure, prop, QUESTION) or _label(closure, prop)
        questions.append(
            Question(
                key=slug_for(str(prop)),
                text=text,
                hint=_text(closure, prop, SKOS.scopeNote),
                iri=str(prop),
                options=[
                    Option(key=slug_for(str(v)), label=_label(closure, v), iri=str(v))
                    for v in sorted(values, key=rank)
                ],
            )
        )
    return [q for q in questions if q.options]


def build_questionnaire(
    graph: Graph,
    result: Any,
    terms: Iterable[Term],
    *,
    reasoner: Callable[[Graph], Any],
) -> Questionnaire:
    """Read the questions from the ontology and compute every outcome with the reasoner.

    Args:
        graph: the asserted graph the site is built from.
        result: the reasoning result over ``graph`` (its closure is read for the
            questions, labels, ranges and criteria).
        terms: the site's terms (labels, groups, positions and page slugs).
        reasoner: ``reasoner(graph) -> result``; run once over all combinations.

    Returns:
        The questionnaire; empty (with a note) when the ontology has no questions, or
        when there are more than :data:`MAX_COMBINATIONS` combinations.
    """
    closure: Graph = result.closure
    by_iri = {t.iri: t for t in terms}
    places = _places(closure, by_iri)
    questions = _questions(closure, places, by_iri)
    if not places or not questions:
        return Questionnaire(notes=["the ontology defines no questionnaire questions"])
    total = 1
    for q in questions:
        total *= len(q.options) + 1
    if total > MAX_COMBINATIONS:
        return Questionnaire(
            notes=[
                f"{total:,} answer combinations is more than {MAX_COMBINATIONS:,}: no questionnaire"
            ]
        )
    domains = sorted(
        {d for q in questions for d in closure.objects(URIRef(q.iri), RDFS.domain)}, key=str
    )
    combos = list(itertools.product(*[[None, *q.options] for q in questions]))
    hypothetical = Graph()
    hypothetical += graph
    for i, combo in enumerate(combos):
        activity = URIRef(f"{ACTIVITY_BASE}{i}")
        for domain in domains:
            hypothetical.add((activity, RDF.type, domain))
        for question, option in zip(questions, combo, strict=True):
            if option is not None:
                hypothetical.add((activity, URIRef(question.iri), URIRef(option.iri)))
    placed = reasoner(hypothetical)
    order = {q.iri: n for n, q in enumerate(questions)}
    outcomes: dict[str, dict[str, Any]] = {}
    for i, combo in enumerate(combos):
        key = "|".join(o.key if o else "" for o in combo)
        outcomes[key] = _outcome(placed.closure, URIRef(f"{ACTIVITY_BASE}{i}"), places, order)
    data = {
        "questions": [{"key": q.key, "options": [o.key for o in q.options]} for q in questions],
        "terms": {
            t.slug: {"slug": t.slug, "label": t.label}
            for t in by_iri.values()
            if any(t.slug in (p.slug, p.group, *p.covers) for p in places.values())
        },
        "outcomes": outcomes,
    }
    return Questionnaire(questions=questions, data=data)


def _outcome(
    closure: Graph, activity: URIRef, places: dict[URIRef, _Place], order: dict[str, int]
) -> dict[str, Any]:
    """Where the reasoner put ``activity``: its most specific place, and why.

    ``order`` ranks the criteria's features (property IRI -> question number), so the
    reasons read in the order the questions were asked.
    """
    types = {t for t in closure.objects(activity, RDF.type) if isinstance(t, URIRef)}
    placed = [c for c in types if c in places]
    if (activity, RDF.type, OWL.Nothing) in closure:
        return {"conflict": True}
    # The most specific: drop a class when another placed class is a subclass of it.
    specific = sorted(
        (
            c
            for c in placed
            if not any(d != c and (d, RDFS.subClassOf, c) in closure for d in placed)
        ),
        key=lambda c: (places[c].rank, str(c)),
    )
    if not specific:
        return {}
    if len(specific) > 1:
        return {"candidates": sorted({places[c].slug or places[c].label for c in specific})}
    place = places[specific[0]]
    # The criteria met: for this class's concepts and every place above it.
    above = [places[c] for c in placed if (specific[0], RDFS.subClassOf, c) in closure]
    # Group the sentences by the answer they rest on: "who decides: together" ->
    # the glossary's sentences about doing with, involvement, co-production.
    why: dict[str, dict[str, Any]] = {}
    for p in sorted([place, *above], key=lambda p: (p.slug != p.group, p.rank)):
        for concept in p.concepts:
            for criterion in sorted(closure.subjects(CRITERION_FOR, concept), key=str):
                prop = closure.value(criterion, ON_FEATURE)
                value = closure.value(criterion, REQUIRES_VALUE)
                if prop is None or value is None or (activity, prop, value) not in closure:
                    continue
                answer = why.setdefault(
                    str(prop),
                    {
                        "question": _text(closure, prop, QUESTION) or _label(closure, prop),
                        "answer": _label(closure, value),
                        "quotes": [],
                        "rank": order.get(str(prop), 0),
                    },
                )
                quote = {
                    "text": _text(closure, criterion, GLOSSARY_TEXT) or "",
                    "term": in_sentence(p.label),
                }
                if quote["text"] and quote not in answer["quotes"]:
                    answer["quotes"].append(quote)
    reasons = sorted(why.values(), key=lambda a: a.pop("rank"))
    out: dict[str, Any] = {"place": {"label": place.label, "slug": place.slug}, "why": reasons}
    if place.group and place.group != place.slug:  # a level or a column: name its group
        out["group"] = place.group
    if place.covers:  # a column of the figure: the levels it does not tell apart
        out["candidates"] = list(place.covers)
    elif place.slug and place.slug == place.group:  # a group: any of its levels
        out["candidates"] = sorted(
            (q.rank, q.slug)
            for q in places.values()
            if q.group == place.group and q.slug and q.slug != q.group
        )
        out["candidates"] = [slug for _, slug in out["candidates"]]
    out["read"] = [s for s in dict.fromkeys([place.slug, place.group, *place.covers]) if s]
    return out
