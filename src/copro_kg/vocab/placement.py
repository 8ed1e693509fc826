"""Where answers about an activity's features place it on the spectrum.

:func:`place` is the one placement function: ``copro-kg classify`` (one activity from
flags or many from a Turtle file) and the site's questionnaire (every combination of
answers, computed at build time) both call it, so they cannot disagree. It always ends
with something useful: a level (or a phase of the co-production cycle); or the remaining
candidates, their group and the one question that decides between them, in the
glossary's words; or the answers that conflict, with the glossary's sentences.

Answers are read closed-world, feature by feature: an answered feature has exactly the
given values, and the spectrum's places are all the places there are. That is what lets
"asks its own questions and gathers the responses" alone end at consultation, where an
OWL reasoner (open world) can only say "an engagement activity".

>>> import copro_kg
>>> s = Spectrum(copro_kg.load())
>>> communication = s.feature("communication")
>>> place(s, {communication.iri: [communication.value("responses-sought")]}).summary()
'consultation (by elimination)'
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDF

from copro_kg.namespace import COPRO
from copro_kg.vocab.evidence import our_reading
from copro_kg.vocab.features import Feature, Value, text_of
from copro_kg.vocab.spectrum import Need, Place, Spectrum

__all__ = ["FOLLOWS", "Answers", "Conflict", "Met", "Outcome", "criteria_met", "place"]

Answers = Mapping[URIRef, Iterable[URIRef]]
"""Feature property IRI -> the values given for it (an unanswered feature is absent)."""

FOLLOWS: tuple[tuple[URIRef, URIRef, URIRef, URIRef], ...] = (
    # "How we know it's consultation: the organisation ... gathers the results to analyse
    # and feed into decision-making": seeking responses is listening, and the figure's
    # doing-for statement is "The organisation listens to people's knowledge." So an
    # activity that seeks responses is not doing to ("The organisation has the knowledge.").
    (
        COPRO.communication,
        COPRO["communication-responses-sought"],
        COPRO.knowledge,
        COPRO["knowledge-of-people-heard"],
    ),
)
"""What one answer says about another feature, where the glossary says so:
(feature, value, then feature, then value); the reason is the "then" value's sentence.
Not yet an axiom of the ontology (``copro.ttl``), so the reasoner does not apply it."""


@dataclass(frozen=True)
class Conflict:
    """Answers that cannot go together: ``given`` fit ``fits``, which need ``need``, but
    ``against`` was answered."""

    answers: tuple[tuple[URIRef, URIRef], ...]
    given: tuple[tuple[URIRef, URIRef], ...]
    fits: tuple[Place, ...]
    need: Need | None
    against: tuple[URIRef, URIRef]


@dataclass(frozen=True)
class Outcome:
    """Where answers place an activity (see :meth:`Spectrum.place`)."""

    answers: dict[URIRef, frozenset[URIRef]]
    follows: tuple[Need, ...] = ()  # answers that follow from others (FOLLOWS)
    place: Place | None = None
    by_elimination: bool = False
    group: URIRef | None = None
    candidates: tuple[Place, ...] = ()
    question: Feature | None = None
    options: tuple[tuple[Value, tuple[Place, ...]], ...] = ()
    deciding: tuple[Feature, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def summary(self) -> str:
        """One line, for logs and doctests."""
        if self.conflicts:
            return "conflict"
        if self.place is not None:
            return self.place.label + (" (by elimination)" if self.by_elimination else "")
        return "one of: " + ", ".join(p.label for p in self.candidates)


def _expand(
    s: Spectrum, answers: Answers
) -> tuple[dict[URIRef, frozenset[URIRef]], tuple[Need, ...]]:
    given = {URIRef(f): frozenset(URIRef(v) for v in vs) for f, vs in answers.items() if vs}
    out = {f: set(vs) for f, vs in given.items()}
    follows = []
    for feature, value, then_feature, then_value in FOLLOWS:
        if value in given.get(feature, ()) and then_value not in given.get(then_feature, ()):
            out.setdefault(then_feature, set()).add(then_value)
            follows.append(
                Need(then_feature, then_value, text_of(s.graph, then_value, COPRO.glossaryText))
            )
    return {f: frozenset(vs) for f, vs in out.items()}, tuple(follows)


def _functional(s: Spectrum) -> set[URIRef]:
    return {f.iri for f in s.features if f.functional}


def _fitting(s: Spectrum, answers: Answers) -> list[Place]:
    expanded, _ = _expand(s, answers)
    if any(len(expanded.get(f, ())) > 1 for f in _functional(s)):
        return []
    return [p for p in s.places if p.fits(expanded, _functional(s))]


def place(s: Spectrum, answers: Answers) -> Outcome:
    """Where ``answers`` place an activity.

    The outcome is one of: conflicts (no place fits; each minimal set of clashing
    answers, with what the others need); a place (the most specific level, column or
    phase whose needs are all answered, or the only one that still fits: ``by
    elimination``), with the places below it still open as candidates; or candidates
    only. Whenever candidates remain, ``question`` is the unanswered feature that
    splits them best (``options``: what each answer leaves), ``deciding`` every
    feature that splits them, best first.
    """
    expanded, follows = _expand(s, answers)
    settled = _settle(s, answers)
    if settled is None:
        return Outcome(expanded, follows, conflicts=_conflicts(s, answers))
    place, candidates = settled
    by_elimination = place is not None and not place.met(expanded)
    groups = {p.group for p in ([place] if place else candidates)}
    group = groups.pop() if len(groups) == 1 else None
    question, options, deciding = _question(s, answers, candidates)
    return Outcome(
        expanded, follows, place, by_elimination, group, candidates, question, options, deciding
    )


def _settle(s: Spectrum, answers: Answers) -> tuple[Place | None, tuple[Place, ...]] | None:
    """Where ``answers`` end without asking further: (place, still open), or None
    when they conflict."""
    expanded, _ = _expand(s, answers)
    fitting = _fitting(s, answers)
    if not fitting:
        return None
    met = [p for p in fitting if p.met(expanded)]
    specific = [p for p in met if not any(q.iri != p.iri and p.iri in q.above for q in met)]
    if specific:
        below = [p for p in fitting if specific[0].iri in p.above and not p.met(expanded)]
        return specific[0], tuple(below)
    if len(fitting) == 1:
        return fitting[0], ()
    return None, tuple(fitting)


def _question(
    s: Spectrum, answers: Answers, candidates: Sequence[Place]
) -> tuple[Feature | None, tuple[tuple[Value, tuple[Place, ...]], ...], tuple[Feature, ...]]:
    """The unanswered features whose answers lead to different places, best first:
    the one that leaves the fewest places open in the worst case, then question order."""
    if not candidates:
        return None, (), ()
    expanded, _ = _expand(s, answers)
    scored = []
    for feature in s.features:
        if feature.iri in expanded:
            continue
        options = []
        for value in feature.values:
            settled = _settle(s, {**answers, feature.iri: [value.iri]})
            if settled is not None:
                place, still_open = settled
                options.append((value, (place, *still_open) if place else still_open))
        if len({o[1] for o in options}) > 1:
            worst = max(len(o[1]) for o in options)
            scored.append((worst, feature.order, str(feature.iri), feature, tuple(options)))
    scored.sort(key=lambda s: s[:3])
    if not scored:
        return None, (), ()
    return scored[0][3], scored[0][4], tuple(s[3] for s in scored)


def _conflicts(s: Spectrum, answers: Answers) -> tuple[Conflict, ...]:
    order = {f.iri: i for i, f in enumerate(s.features)}
    pairs = sorted(
        ((URIRef(f), URIRef(v)) for f, vs in answers.items() for v in vs),
        key=lambda fv: (order.get(fv[0], len(order)), str(fv[1])),
    )
    minimal: list[tuple[tuple[URIRef, URIRef], ...]] = []
    for size in range(1, len(pairs) + 1):
        for subset in itertools.combinations(pairs, size):
            if any(set(m) <= set(subset) for m in minimal):
                continue
            if not _fitting(s, _grouped(subset)):
                minimal.append(subset)
    return tuple(_explain(s, subset) for subset in minimal)


def _explain(s: Spectrum, subset: tuple[tuple[URIRef, URIRef], ...]) -> Conflict:
    """Which of the clashing answers the others rule out, and by which sentence."""
    fallback: Conflict | None = None
    for against in reversed(subset):
        rest = tuple(a for a in subset if a != against)
        fits = tuple(_fitting(s, _grouped(rest)))
        derived = {n.feature: n for n in _expand(s, _grouped([against]))[1]}
        for p in fits:
            for need in (*p.needs, *p.implies):
                if (need.feature == against[0] and need.value != against[1]) or (
                    need.feature in derived and need.value != derived[need.feature].value
                ):
                    return Conflict(subset, rest, fits, need, against)
        fallback = fallback or Conflict(subset, rest, fits, None, against)
    assert fallback is not None
    return fallback


def _grouped(pairs: Iterable[tuple[URIRef, URIRef]]) -> dict[URIRef, list[URIRef]]:
    out: dict[URIRef, list[URIRef]] = {}
    for feature, value in pairs:
        out.setdefault(feature, []).append(value)
    return out


@dataclass(frozen=True)
class Met:
    """A glossary criterion the answers meet: ``concept``'s criterion on ``feature``
    requires ``value``, which was answered (or follows from an answer)."""

    criterion: URIRef
    concept: URIRef
    feature: URIRef
    value: URIRef
    text: str
    ours: str = ""
    """Why the criterion is our reading, not the glossary's test (empty when it is the
    glossary's): :func:`copro_kg.vocab.evidence.our_reading`."""


def criteria_met(s: Spectrum, outcome: Outcome) -> tuple[Met, ...]:
    """Why ``outcome`` places the activity where it does: the criteria (``copro:Criterion``)
    of its place's group first, then of the place itself (a column: of its levels), then
    of the kinds above it, whose required value was answered. Empty without a place.
    ``classify``'s "why" and the questionnaire's both read this."""
    spot = outcome.place
    if spot is None:
        return ()
    graph = s.graph
    own = [c for c in (spot.concept, *spot.covers) if c is not None]
    above = [c for a in sorted(spot.above, key=str) for c in graph.objects(a, COPRO.concept)]
    ranked = [*([spot.group] if spot.group else []), *own, *above]
    found: list[tuple[int, str, Met]] = []
    for criterion in set(graph.subjects(RDF.type, COPRO.Criterion)):
        concept = graph.value(criterion, COPRO.criterionFor)
        prop = graph.value(criterion, COPRO.onFeature)
        value = graph.value(criterion, COPRO.requiresValue)
        if concept not in ranked or not isinstance(prop, URIRef):
            continue
        if not isinstance(value, URIRef) or value not in outcome.answers.get(prop, ()):
            continue
        met = Met(
            URIRef(str(criterion)),
            URIRef(str(concept)),
            prop,
            value,
            str(graph.value(criterion, COPRO.glossaryText) or ""),
            our_reading(graph, criterion, COPRO.requiresValue, value) or "",
        )
        found.append((ranked.index(concept), str(criterion), met))
    return tuple(m for _, _, m in sorted(found, key=lambda x: x[:2]))
