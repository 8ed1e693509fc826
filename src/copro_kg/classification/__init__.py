"""``copro-kg classify``: where an engagement activity sits on the spectrum, and why.

An activity is described only by its *features* (``copro:whoDecides``, ``copro:whoActs``,
``copro:communication`` ...; see ``ontology/README.md``). Its answers are placed by the
one placement function the site's questionnaire also uses
(:func:`copro_kg.vocab.placement.place`), so the CLI, the Python API and the site agree:

* the level (or the column of the figure, or the phase of the co-production cycle the
  description fits), its group (doing to / for / with) and spectrum position;
* why: the glossary criteria (``copro:Criterion``) the answers meet, with their sentences;
* when the answers do not decide: the candidates, and the one question that decides
  between them, in the glossary's words;
* when the answers conflict: which answers, and the glossary sentences they break; and
  the reasoner's own inconsistencies (an activity stated to be co-production whose
  decisions the organisation makes alone), in the plain language of ``copro-kg check``.

Features, values, levels and criteria are all read from the ontology, so a new feature
in the ontology is a new ``classify`` flag without a code change.

>>> import copro_kg
>>> [f.option for f in features(copro_kg.load())][:3]
['who-decides', 'who-acts', 'communication']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from copro_kg.checks import CheckContext, Finding, owl_findings, term
from copro_kg.classification.report import Candidate, Placement, Reason, render_json, render_text
from copro_kg.errors import InputError
from copro_kg.namespace import COPRO
from copro_kg.vocab.features import Feature
from copro_kg.vocab.placement import Outcome, criteria_met, place
from copro_kg.vocab.spectrum import Spectrum, features

__all__ = [
    "ACTIVITY",
    "Candidate",
    "Feature",
    "Placement",
    "Reason",
    "activities_in",
    "activity_graph",
    "answers_of",
    "classify",
    "features",
    "render_json",
    "render_text",
    "unknown_values",
]

ACTIVITY = URIRef("urn:copro-kg:your-activity")
"""The IRI given to the one activity described with ``copro-kg classify`` flags."""


def activity_graph(
    chosen: Mapping[str, str], feature_list: Sequence[Feature], label: str = "your activity"
) -> Graph:
    """One activity (:data:`ACTIVITY`) described by ``{option: value name}``.

    Raises:
        InputError: an option is not a feature or a value is not one of its values.
    """
    by_option = {f.option: f for f in feature_list}
    graph = Graph()
    graph.add((ACTIVITY, RDF.type, COPRO.EngagementActivity))
    graph.add((ACTIVITY, RDFS.label, Literal(label, lang="en")))
    for option, name in chosen.items():
        if option not in by_option:
            raise InputError(f"{option!r} is not a feature of engagement activities")
        graph.add((ACTIVITY, by_option[option].iri, by_option[option].value(name)))
    return graph


def activities_in(graphs: Iterable[Graph], feature_list: Sequence[Feature]) -> list[Node]:
    """The activities described in ``graphs``: stated engagement activities, or
    subjects of a feature property."""
    found: set[Node] = set()
    for graph in graphs:
        found |= set(graph.subjects(RDF.type, COPRO.EngagementActivity))
        found |= {s for f in feature_list for s in graph.subjects(f.iri, None)}
    return sorted(found, key=str)


def unknown_values(
    graph: Graph, feature_list: Sequence[Feature]
) -> list[tuple[Node, Feature, Node]]:
    """(activity, feature, value) for every feature value that is not one of the
    feature's named values (``copro:decisions-by-council``): a typo the reasoner would
    silently treat as a new individual."""
    return [
        (s, f, v)
        for f in feature_list
        for s, v in sorted(graph.subject_objects(f.iri), key=str)
        if f.named(v) is None
    ]


def answers_of(graph: Graph, activity: Node, spectrum: Spectrum) -> dict[URIRef, set[URIRef]]:
    """The activity's answers: its stated feature values, plus what a stated level or
    column needs (``ex:x a copro:Consultation`` answers as a consultation would)."""
    answers: dict[URIRef, set[URIRef]] = {}
    for f in spectrum.features:
        for v in graph.objects(activity, f.iri):
            if isinstance(v, URIRef):
                answers.setdefault(f.iri, set()).add(v)
    stated = set(graph.objects(activity, RDF.type))
    for p in spectrum.places:
        if p.iri in stated:
            for need in p.needs:
                answers.setdefault(need.feature, set()).add(need.value)
    return answers


# --------------------------------------------------------------------------- classify


def classify(
    graph: Graph,
    *,
    activities: Iterable[Node] | None = None,
    context: CheckContext | None = None,
) -> list[Placement]:
    """Place engagement activities on the spectrum and say why.

    Args:
        graph: the ontology plus the activities' descriptions (asserted triples).
        activities: which individuals to report; by default every individual that is
            stated to be an engagement activity or has a feature.
        context: a :class:`~copro_kg.checks.CheckContext` to reuse its reasoning
            (the reasoner finds stated types that contradict the features).

    Raises:
        InputError: a feature value is not one of the feature's named values.
    """
    spectrum = Spectrum(graph)
    feature_list = list(spectrum.features)
    bad = unknown_values(graph, feature_list)
    if bad:
        _, feature, value = bad[0]
        raise InputError(
            f"{value} is not a value of {feature.label}", hint=feature.hint_for(str(value))
        )
    if activities is None:
        activities = activities_in([graph], feature_list)
    ctx = context or CheckContext(graph)
    closure = ctx.reasoned.closure
    clashes = owl_findings(ctx)
    return [_placement(a, graph, closure, spectrum, clashes) for a in activities]


def _placement(
    activity: Node, graph: Graph, closure: Graph, spectrum: Spectrum, clashes: list[Finding]
) -> Placement:
    answers = answers_of(graph, activity, spectrum)
    outcome = place(spectrum, answers)
    spot = outcome.place
    levels = [term(graph, spot.iri)] if spot is not None and spot.kind != "phase" else []
    stated = [
        (term(graph, f.iri), term(graph, v))
        for f in spectrum.features
        for v in sorted(graph.objects(activity, f.iri), key=str)
    ]
    group_class = next(
        (
            c
            for c in spectrum.groups
            if outcome.group and graph.value(c, COPRO.concept) == outcome.group
        ),
        None,
    )
    candidates = [
        Candidate(
            term(graph, c.iri),
            spectrum.position_text([c.iri]),
            tuple(
                (term(graph, n.feature), term(graph, n.value))
                for n in c.needs
                if n.value not in outcome.answers.get(n.feature, ())
            ),
        )
        for c in outcome.candidates
    ]
    types = {t for t in closure.objects(activity, RDF.type) if isinstance(t, URIRef)}
    kinds = {
        t
        for t in types
        if t not in spectrum.level_positions
        and t not in spectrum.groups
        and (t, COPRO.concept, None) in graph
        and t != COPRO.EngagementActivity
    }
    also = [
        term(graph, t)
        for t in sorted(kinds, key=str)
        if not any(t in spectrum.ancestors(o) for o in kinds if o != t)
    ]
    expected = graph.value(activity, COPRO.glossaryLevel)
    inconsistencies = [f for f in clashes if any(t.iri == str(activity) for t in f.terms)]
    if inconsistencies and outcome.conflicts:
        # The reasoner already names the stated level and the answer it contradicts; a
        # conflict built from what that level *would* need says the same again (issue 21:
        # "name the user's activity and the broken glossary rule once each").
        said = {(f.iri, v) for f in spectrum.features for v in graph.objects(activity, f.iri)}
        own = tuple(c for c in outcome.conflicts if set(c.answers) <= said)
        outcome = dataclasses.replace(outcome, conflicts=own)
    return Placement(
        activity=term(graph, activity),
        stated=stated,
        levels=levels,
        group=term(graph, group_class) if group_class is not None else None,
        position=spectrum.position_text([spot.iri]) if levels and spot else None,
        also=also,
        reasons=_reasons(graph, spectrum, outcome),
        candidates=candidates,
        deciding=list(outcome.deciding),
        inconsistencies=inconsistencies,
        glossary_level=term(graph, expected) if expected is not None else None,
        outcome=outcome,
        phase=term(graph, spot.iri) if spot is not None and spot.kind == "phase" else None,
        caveats=list(spectrum.caveats(spot)) if spot else [],
        names=graph,
        requires=list(spectrum.glossary_tests(spot)) if levels else [],
    )


def _reasons(graph: Graph, spectrum: Spectrum, outcome: Outcome) -> list[Reason]:
    """The criteria met (:func:`~copro_kg.vocab.placement.criteria_met`), as terms."""
    return [
        Reason(
            term(graph, m.criterion),
            term(graph, m.concept),
            term(graph, m.feature),
            term(graph, m.value),
            m.text,
            m.ours,
        )
        for m in criteria_met(spectrum, outcome)
    ]
