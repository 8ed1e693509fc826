""" "Where does my activity sit?": every answer the page can give, placed by ``classify``'s code.

The questionnaire is computed at build time by the one placement function,
:func:`copro_kg.vocab.placement.place`, over the one reading of the spectrum,
:class:`copro_kg.vocab.spectrum.Spectrum` -- the code ``copro-kg classify`` and
:func:`copro_kg.classify` run -- so the site cannot disagree with them:

1. **Questions** are the spectrum's features (``copro:question``, in
   ``copro:questionOrder``): the flags of ``copro-kg classify``. A functional feature
   takes one answer or "not sure"; any other (the audience) any set of its values.
2. **Every combination** of answers, partial ones included (a question left at "not
   sure"), is placed with :func:`~copro_kg.vocab.placement.place`: a level, a column of
   the figure or a phase of the cycle (with the glossary's caveat); or the candidates and
   the one question that decides between them, in the glossary's words; or the answers
   that conflict, with the glossary's sentences.
3. The result is a table from the answers (:func:`answer_key`) to a JSON record
   (:func:`outcome_record`): ``data["results"][data["outcomes"][key]]``. The browser
   only looks answers up in it (``static/questionnaire.js``): no rule is restated in
   JavaScript, and no reasoner runs for the questionnaire (the spectrum is read from
   the asserted graph).

>>> import copro_kg
>>> q = build_questionnaire(copro_kg.load(), [])
>>> [question.text for question in q.questions][:2]
['Who makes the decisions?', 'Who takes action on the decisions?']
>>> survey = answer_key([[], [], [Option("communication-responses-sought", "", "")], [], [], []])
>>> q.data["results"][q.data["outcomes"][survey]]["place"]["label"]
'consultation'
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from copro_kg.namespace import COPRO
from copro_kg.site.records import Term, in_sentence, slug_for
from copro_kg.vocab.features import Feature
from copro_kg.vocab.labels import label
from copro_kg.vocab.placement import Conflict, Outcome, criteria_met, place
from copro_kg.vocab.spectrum import Place, Spectrum

__all__ = [
    "MAX_COMBINATIONS",
    "PLANNING_SECTIONS",
    "Option",
    "Question",
    "Questionnaire",
    "answer_key",
    "build_questionnaire",
    "combinations",
    "outcome_record",
]

MAX_COMBINATIONS = 4096
"""Most answer combinations computed (each is one call of ``place``)."""

DOING_WITH = COPRO["doing-with"]
PLANNING_SECTIONS = ("Inclusive co-design", "Building knowledge", "Solving challenges together")
"""The glossary's passages for whoever plans an activity with people (issue 21): a result
in "doing with", or a phase of the cycle, points to the term pages that carry them
(``skos:prefLabel`` or ``copro:glossarySection`` starting with the heading)."""


@dataclass(frozen=True)
class Option:
    """One answer: a named feature value."""

    key: str
    label: str
    iri: str


@dataclass(frozen=True)
class Question:
    """One question: a feature property and its values (``multiple``: any set of them)."""

    key: str
    text: str
    hint: str | None
    iri: str
    options: list[Option]
    multiple: bool = False


@dataclass
class Questionnaire:
    """The questions, and the outcome table the page looks answers up in."""

    questions: list[Question] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _question(feature: Feature) -> Question:
    return Question(
        key=slug_for(str(feature.iri)),
        text=feature.question,
        hint=feature.hint,
        iri=str(feature.iri),
        options=[Option(slug_for(str(v.iri)), v.label, str(v.iri)) for v in feature.values],
        multiple=not feature.functional,
    )


def _choices(question: Question) -> list[tuple[Option, ...]]:
    """What one question can be answered with: nothing ("not sure"), one option, or (for
    a ``multiple`` question) any set of options in their order."""
    if not question.multiple:
        return [(), *((o,) for o in question.options)]
    return [
        chosen
        for size in range(len(question.options) + 1)
        for chosen in itertools.combinations(question.options, size)
    ]


def answer_key(chosen: Sequence[Iterable[Option]]) -> str:
    """The table key of one answer per question: option keys joined by ``+`` within a
    question and ``|`` between questions (the page's script builds the same key).

    >>> answer_key([[Option("a", "A", "urn:a")], [], [Option("b", "", ""), Option("c", "", "")]])
    'a||b+c'
    """
    return "|".join("+".join(o.key for o in options) for options in chosen)


def combinations(
    questions: Sequence[Question],
) -> Iterator[tuple[str, dict[URIRef, list[URIRef]]]]:
    """Every answer combination, partial ones included: (table key, answers for
    :func:`~copro_kg.vocab.placement.place`)."""
    for combo in itertools.product(*[_choices(q) for q in questions]):
        answers = {
            URIRef(q.iri): [URIRef(o.iri) for o in chosen]
            for q, chosen in zip(questions, combo, strict=True)
            if chosen
        }
        yield answer_key(combo), answers


def _place_id(p: Place) -> str:
    return slug_for(str(p.concept if p.concept is not None else p.iri))


def _places(s: Spectrum, pages: set[str]) -> dict[str, dict[str, Any]]:
    """Every place an outcome can name (levels, columns and the levels they cover,
    phases, groups), by id: its label, IRI (a level's or column's class, as ``classify``
    names it; else the concept), kind and term page (None without one)."""
    out: dict[str, dict[str, Any]] = {}

    def add(ident: str, iri: URIRef, text: str, kind: str, covers: Sequence[str] = ()) -> None:
        out[ident] = {"label": text, "iri": str(iri), "kind": kind, "page": None}
        if ident in pages and kind != "column":
            out[ident]["page"] = ident
        if covers:
            out[ident]["covers"] = list(covers)

    for group in s.group_concepts:
        add(slug_for(str(group)), group, label(s.graph, group), "group")
    for p in s.places:
        for level in p.covers:
            add(slug_for(str(level)), level, label(s.graph, level), "level")
        covers = [slug_for(str(c)) for c in p.covers]
        add(_place_id(p), p.iri, p.label, p.kind, covers)
    return out


def _planning(graph: Graph, pages: set[str]) -> list[dict[str, str]]:
    """The term pages that carry :data:`PLANNING_SECTIONS`, in that order."""
    found: list[dict[str, str]] = []
    for heading in PLANNING_SECTIONS:
        for prop in (SKOS.prefLabel, RDFS.label, COPRO.glossarySection):
            for node, text in sorted(graph.subject_objects(prop), key=str):
                slug = slug_for(str(node))
                if (
                    isinstance(text, Literal)
                    and str(text).startswith(heading)
                    and slug in pages
                    and all(f["slug"] != slug for f in found)
                ):
                    found.append({"heading": heading, "slug": slug, "label": label(graph, node)})
    return found


def _doing_with(outcome: Outcome) -> bool:
    shown = [outcome.place] if outcome.place is not None else list(outcome.candidates)
    return bool(shown) and all(p.group == DOING_WITH or p.kind == "phase" for p in shown)


def outcome_record(
    s: Spectrum,
    outcome: Outcome,
    questions: Sequence[Question],
    planning: Sequence[dict[str, str]] = (),
) -> dict[str, Any]:
    """One outcome of :func:`~copro_kg.vocab.placement.place` as the page shows it.

    Keys (each only when it applies): ``conflicts``; ``place`` (id, slug of its term
    page, label, kind, ``by_elimination``), ``position``, ``caveats`` (a phase: the
    glossary's "co-design alone isn't co-production"), ``test`` (co-production: the
    glossary's own test, the 5 values, which answers about features cannot show: the
    page then says "doing with" first), ``group``; ``candidates`` (place
    ids; a column lists the levels it covers first); ``question`` (the one that decides,
    with what each answer leads to) and ``deciding``; ``follows``; ``why`` (the criteria
    met, grouped by answer); ``read`` (term pages) and ``planning``.
    """
    return _Records(s, questions, planning).record(outcome)


class _Records:
    """:func:`outcome_record` for many outcomes of one spectrum and questionnaire: what
    one place, conflict or concept contributes is worked out once, not per outcome."""

    def __init__(
        self, s: Spectrum, questions: Sequence[Question], planning: Sequence[dict[str, str]]
    ) -> None:
        self.s = s
        self.planning = planning
        self.by_feature = {URIRef(q.iri): q for q in questions}
        self.options = {URIRef(o.iri): o for q in questions for o in q.options}
        self.order = list(self.by_feature)
        self._ids: dict[URIRef, str] = {}
        self._spots: dict[URIRef, dict[str, Any]] = {}
        self._conflicts: dict[tuple[tuple[URIRef, URIRef], ...], dict[str, Any]] = {}
        self._terms: dict[URIRef, str] = {}

    def pair(self, feature: URIRef, value: URIRef) -> list[str]:
        return [self.by_feature[feature].key, self.options[value].key]

    def place_id(self, p: Place) -> str:
        if p.iri not in self._ids:
            self._ids[p.iri] = _place_id(p)
        return self._ids[p.iri]

    def record(self, outcome: Outcome) -> dict[str, Any]:
        by_feature, options = self.by_feature, self.options
        record: dict[str, Any] = {}
        if outcome.conflicts:
            record["conflicts"] = [self._conflict(c) for c in outcome.conflicts]
            return record
        spot = outcome.place
        read: list[str] = []
        if spot is not None:
            record.update(self._spot(spot))  # shared parts: no record is changed once made
            record["place"] = {**record["place"], "by_elimination": outcome.by_elimination}
            read += [record["place"]["id"]] if spot.kind != "column" else []
        if outcome.group is not None:
            record["group"] = slug_for(str(outcome.group))
            read.append(record["group"])
        covers = [slug_for(str(c)) for c in spot.covers] if spot is not None else []
        candidates = [*covers, *(self.place_id(c) for c in outcome.candidates)]
        if candidates:
            record["candidates"] = list(dict.fromkeys(candidates))
        read += covers
        if outcome.question is not None:
            record["question"] = {
                "key": by_feature[outcome.question.iri].key,
                "text": outcome.question.question,
                "options": [
                    {
                        "key": options[v.iri].key,
                        "label": v.label,
                        "leads_to": [self.place_id(p) for p in ps],
                    }
                    for v, ps in outcome.options
                ],
            }
            record["deciding"] = [by_feature[f.iri].key for f in outcome.deciding]
        if outcome.follows:
            record["follows"] = [
                {"answer": self.pair(n.feature, n.value), "quote": n.text} for n in outcome.follows
            ]
        why = self._why(outcome)
        if why:
            record["why"] = why
        record["read"] = list(dict.fromkeys(read))
        if self.planning and _doing_with(outcome):
            record["planning"] = list(self.planning)
        return record

    def _spot(self, spot: Place) -> dict[str, Any]:
        """What the record says of its place, whatever the answers."""
        if spot.iri in self._spots:
            return self._spots[spot.iri]
        s, ident = self.s, self.place_id(spot)
        out: dict[str, Any] = {
            "place": {
                "id": ident,
                "slug": None if spot.kind == "column" else ident,
                "label": spot.label,
                "kind": spot.kind,
            }
        }
        if spot.position is not None and spot.kind != "phase":
            out["position"] = s.position_text([spot.iri])
        if spot.kind == "phase":
            out["caveats"] = list(s.caveats(spot))
        tests = s.glossary_tests(spot)
        if tests:  # co-production: answers meet doing with, not the glossary's own test
            out["test"] = [{"text": t.text, "items": list(t.items)} for t in tests]
        self._spots[spot.iri] = out
        return out

    def _conflict(self, c: Conflict) -> dict[str, Any]:
        if c.answers not in self._conflicts:
            value = c.against[1]
            self._conflicts[c.answers] = {
                "answers": [self.pair(f, v) for f, v in c.answers],
                "given": [self.pair(f, v) for f, v in c.given],
                "fits": [self.place_id(p) for p in c.fits],
                "quote": c.need.text if c.need is not None else "",
                "against": self.pair(*c.against),
                "against_quote": str(self.s.graph.value(value, COPRO.glossaryText) or ""),
            }
        return self._conflicts[c.answers]

    def _why(self, outcome: Outcome) -> list[dict[str, Any]]:
        """The criteria met (:func:`~copro_kg.vocab.placement.criteria_met`, as ``classify``
        lists them), grouped by the answer they rest on, in question order."""
        by_feature, options = self.by_feature, self.options
        why: dict[URIRef, dict[str, Any]] = {}
        for met in criteria_met(self.s, outcome):
            if met.feature not in by_feature or met.value not in options:
                continue
            answer = why.setdefault(
                met.feature,
                {
                    "question": by_feature[met.feature].text,
                    "answer": options[met.value].label,
                    "quotes": [],
                },
            )
            if met.concept not in self._terms:
                self._terms[met.concept] = in_sentence(label(self.s.graph, met.concept))
            quote = {"text": met.text, "term": self._terms[met.concept]}
            if met.ours:
                quote["ours"] = met.ours
            if met.text and quote not in answer["quotes"]:
                answer["quotes"].append(quote)
        return [why[f] for f in sorted(why, key=self.order.index)]


def build_questionnaire(graph: Graph, terms: Iterable[Term]) -> Questionnaire:
    """The questions and every combination's outcome, read from ``graph``.

    Args:
        graph: the asserted graph the site is built from (the glossary plus user data);
            the spectrum is read from it, as ``classify`` reads it.
        terms: the site's terms: a place, group or planning passage links to its page
            only when it has one.

    Returns:
        The questionnaire; empty (with a note) when the ontology has no questions, or
        when there are more than :data:`MAX_COMBINATIONS` combinations.
    """
    s = Spectrum(graph)
    questions = [_question(f) for f in s.features if f.values]
    if not s.places or not questions:
        return Questionnaire(notes=["the ontology defines no questionnaire questions"])
    total = 1
    for q in questions:
        total *= len(_choices(q))
    if total > MAX_COMBINATIONS:
        return Questionnaire(
            notes=[
                f"{total:,} answer combinations is more than {MAX_COMBINATIONS:,}: no questionnaire"
            ]
        )
    pages = {t.slug for t in terms}
    planning = _planning(graph, pages)
    # Thousands of combinations share ~150 distinct results: the table names each
    # result once ("results") and maps every key to its index ("outcomes"), which keeps
    # the page a few hundred kilobytes instead of megabytes.
    results: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    records = _Records(s, questions, planning)
    for key, answers in combinations(questions):
        record = records.record(place(s, answers))
        text = json.dumps(record, sort_keys=True, ensure_ascii=False)
        outcomes[key] = results.setdefault(text, len(results))
    data = {
        "questions": [
            {
                "key": q.key,
                "text": q.text,
                "options": [o.key for o in q.options],
                "labels": {o.key: o.label for o in q.options},
                "multiple": q.multiple,
            }
            for q in questions
        ],
        "places": _places(s, pages),
        "outcomes": outcomes,
        "results": [json.loads(text) for text in results],
    }
    return Questionnaire(questions=questions, data=data)
