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
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from rdflib import URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

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


Given = frozenset[tuple[URIRef, frozenset[URIRef]]]
"""Answers as one hashable value: (feature, its values) for each answered feature."""


def _given(s: Spectrum, answers: Answers) -> Given:
    out = []
    for f, vs in answers.items():
        values = frozenset(_iri(s, v) for v in vs)
        if values:
            out.append((_iri(s, f), values))
    return frozenset(out)


def _iri(s: Spectrum, node: object) -> URIRef:
    """``URIRef(node)``, one object per IRI: the memo's keys then compare by identity."""
    iri = node if type(node) is URIRef else URIRef(str(node))
    return _memo(s).iris.setdefault(iri, iri)


@dataclass
class _Memo:
    """What placement works out once per :class:`Spectrum`: the questionnaire places
    thousands of answer combinations that share their parts (each combination's
    questions and conflicts place the same smaller sets of answers again)."""

    functional: set[URIRef]
    iris: dict[URIRef, URIRef] = field(default_factory=dict)
    expanded: dict[Given, tuple[dict[URIRef, frozenset[URIRef]], tuple[Need, ...]]] = field(
        default_factory=dict
    )
    fitting: dict[Given, tuple[Place, ...]] = field(default_factory=dict)
    settled: dict[Given, tuple[Place | None, tuple[Place, ...]] | None] = field(
        default_factory=dict
    )
    clashing: dict[tuple[tuple[URIRef, URIRef], ...], bool] = field(default_factory=dict)
    explained: dict[tuple[tuple[URIRef, URIRef], ...], Conflict] = field(default_factory=dict)
    criteria: list[tuple[Node, URIRef, URIRef, Met]] | None = None
    ranked: dict[URIRef, list[Node]] = field(default_factory=dict)


_MEMOS: WeakKeyDictionary[Spectrum, _Memo] = WeakKeyDictionary()
"""Each spectrum's memo, gone with the spectrum (a spectrum reads its graph once, so
what follows from the graph cannot change under it)."""


def _memo(s: Spectrum) -> _Memo:
    memo = _MEMOS.get(s)
    if memo is None:
        memo = _MEMOS[s] = _Memo({f.iri for f in s.features if f.functional})
    return memo


def _expand(s: Spectrum, given: Given) -> tuple[dict[URIRef, frozenset[URIRef]], tuple[Need, ...]]:
    memo = _memo(s).expanded
    if given in memo:
        return memo[given]
    answers = dict(given)
    out = {f: set(vs) for f, vs in answers.items()}
    follows = []
    for feature, value, then_feature, then_value in FOLLOWS:
        if value in answers.get(feature, ()) and then_value not in answers.get(then_feature, ()):
            out.setdefault(then_feature, set()).add(then_value)
            follows.append(
                Need(then_feature, then_value, text_of(s.graph, then_value, COPRO.glossaryText))
            )
    memo[given] = found = {f: frozenset(vs) for f, vs in out.items()}, tuple(follows)
    return found


def _fitting(s: Spectrum, given: Given) -> tuple[Place, ...]:
    memo = _memo(s)
    if given not in memo.fitting:
        expanded, _ = _expand(s, given)
        functional = memo.functional
        if any(len(expanded.get(f, ())) > 1 for f in functional):
            memo.fitting[given] = ()
        else:
            memo.fitting[given] = tuple(p for p in s.places if p.fits(expanded, functional))
    return memo.fitting[given]


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
    given = _given(s, answers)
    found, follows = _expand(s, given)
    # the answers in the order given, then what follows from them (as FOLLOWS lists it)
    order = [URIRef(f) for f, vs in answers.items() if vs] + [n.feature for n in follows]
    expanded = {f: found[f] for f in dict.fromkeys(order) if f in found}
    settled = _settle(s, given)
    if settled is None:
        return Outcome(expanded, follows, conflicts=_conflicts(s, answers))
    place, candidates = settled
    by_elimination = place is not None and not place.met(expanded)
    groups = {p.group for p in ([place] if place else candidates)}
    group = groups.pop() if len(groups) == 1 else None
    question, options, deciding = _question(s, given, candidates)
    return Outcome(
        expanded, follows, place, by_elimination, group, candidates, question, options, deciding
    )


def _settle(s: Spectrum, given: Given) -> tuple[Place | None, tuple[Place, ...]] | None:
    """Where ``given`` ends without asking further: (place, still open), or None
    when the answers conflict."""
    memo = _memo(s).settled
    if given not in memo:
        memo[given] = _settled(_expand(s, given)[0], _fitting(s, given))
    return memo[given]


def _settled(
    expanded: Mapping[URIRef, frozenset[URIRef]], fitting: tuple[Place, ...]
) -> tuple[Place | None, tuple[Place, ...]] | None:
    if not fitting:
        return None
    met = [p for p in fitting if p.met(expanded)]
    specific = [p for p in met if not any(q.iri != p.iri and p.iri in q.above for q in met)]
    if specific:
        below = [p for p in fitting if specific[0].iri in p.above and not p.met(expanded)]
        return specific[0], tuple(below)
    if len(fitting) == 1:
        return fitting[0], ()
    return None, fitting


def _question(
    s: Spectrum, given: Given, candidates: Sequence[Place]
) -> tuple[Feature | None, tuple[tuple[Value, tuple[Place, ...]], ...], tuple[Feature, ...]]:
    """The unanswered features whose answers lead to different places, best first:
    the one that leaves the fewest places open in the worst case, then question order."""
    if not candidates:
        return None, (), ()
    expanded, _ = _expand(s, given)
    scored = []
    for feature in s.features:
        if feature.iri in expanded:
            continue
        options = []
        for value in feature.values:
            settled = _settle(s, given | {(feature.iri, frozenset([value.iri]))})
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
        ((_iri(s, f), _iri(s, v)) for f, vs in answers.items() for v in vs),
        key=lambda fv: (order.get(fv[0], len(order)), str(fv[1])),
    )
    clashing = _memo(s).clashing
    minimal: list[tuple[tuple[URIRef, URIRef], ...]] = []
    found: list[set[tuple[URIRef, URIRef]]] = []
    for size in range(1, len(pairs) + 1):
        for subset in itertools.combinations(pairs, size):
            if found and any(m <= set(subset) for m in found):
                continue
            if subset not in clashing:
                clashing[subset] = not _fitting(s, _paired(subset))
            if clashing[subset]:
                minimal.append(subset)
                found.append(set(subset))
    return tuple(_explain(s, subset) for subset in minimal)


def _explain(s: Spectrum, subset: tuple[tuple[URIRef, URIRef], ...]) -> Conflict:
    """Which of the clashing answers the others rule out, and by which sentence."""
    memo = _memo(s).explained
    if subset not in memo:
        memo[subset] = _explained(s, subset)
    return memo[subset]


def _explained(s: Spectrum, subset: tuple[tuple[URIRef, URIRef], ...]) -> Conflict:
    fallback: Conflict | None = None
    for against in reversed(subset):
        rest = tuple(a for a in subset if a != against)
        fits = _fitting(s, _paired(rest))
        derived = {n.feature: n for n in _expand(s, _paired([against]))[1]}
        for p in fits:
            for need in (*p.needs, *p.implies):
                if (need.feature == against[0] and need.value != against[1]) or (
                    need.feature in derived and need.value != derived[need.feature].value
                ):
                    return Conflict(subset, rest, fits, need, against)
        fallback = fallback or Conflict(subset, rest, fits, None, against)
    assert fallback is not None
    return fallback


def _paired(pairs: Iterable[tuple[URIRef, URIRef]]) -> Given:
    """(feature, value) pairs as answers."""
    out: dict[URIRef, set[URIRef]] = {}
    for feature, value in pairs:
        out.setdefault(feature, set()).add(value)
    return frozenset((f, frozenset(vs)) for f, vs in out.items())


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
    memo = _memo(s)
    if memo.criteria is None:
        memo.criteria = _criteria(s)
    if spot.iri not in memo.ranked:
        own = [c for c in (spot.concept, *spot.covers) if c is not None]
        above = [c for a in sorted(spot.above, key=str) for c in s.graph.objects(a, COPRO.concept)]
        memo.ranked[spot.iri] = [*([spot.group] if spot.group else []), *own, *above]
    ranked = memo.ranked[spot.iri]
    found = [
        (ranked.index(concept), str(met.criterion), met)
        for concept, prop, value, met in memo.criteria
        if concept in ranked and value in outcome.answers.get(prop, ())
    ]
    return tuple(m for _, _, m in sorted(found, key=lambda x: x[:2]))


def _criteria(s: Spectrum) -> list[tuple[Node, URIRef, URIRef, Met]]:
    """Every criterion on a feature value: (its concept, feature, value, as met)."""
    graph, out = s.graph, []
    for criterion in set(graph.subjects(RDF.type, COPRO.Criterion)):
        concept = graph.value(criterion, COPRO.criterionFor)
        prop = graph.value(criterion, COPRO.onFeature)
        value = graph.value(criterion, COPRO.requiresValue)
        if concept is None or not isinstance(prop, URIRef) or not isinstance(value, URIRef):
            continue
        met = Met(
            URIRef(str(criterion)),
            URIRef(str(concept)),
            prop,
            value,
            str(graph.value(criterion, COPRO.glossaryText) or ""),
            our_reading(graph, criterion, COPRO.requiresValue, value) or "",
        )
        out.append((concept, prop, value, met))
    return out
