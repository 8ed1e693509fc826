"""``copro-kg classify``: where an engagement activity sits on the spectrum, and why.

An activity is described only by its *features* -- the ontology's feature properties
(``copro:whoDecides``, ``copro:whoActs``, ``copro:communication`` ...; see
``ontology/README.md``) with their named values. The OWL 2 RL reasoner classifies it
through the ontology's axioms (``owl:equivalentClass`` intersections of ``owl:hasValue``
restrictions); this module only *reports* what the reasoner inferred:

* the level (the most specific level class inferred, e.g. consultation) and the group
  (doing to / for / with), with the spectrum position;
* why: the glossary criteria (``copro:Criterion`` individuals) whose required feature
  value the activity has, each with the glossary's sentence;
* what is missing when the description does not decide the level: the levels it could
  still be, and for each the feature values it would need (read from the same axioms);
* inconsistencies, in the plain language of ``copro-kg check``.

Nothing here is specific to one feature or value: features, their values, levels and
criteria are all read from the ontology, so a new feature in the ontology is a new
``classify`` flag without a code change.

>>> import copro_kg
>>> [f.option for f in features(copro_kg.load())][:3]
['who-decides', 'who-acts', 'communication']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from copro_kg.checks.core import CheckContext, Finding, Term, owl_findings, term
from copro_kg.errors import InputError
from copro_kg.namespace import COPRO

__all__ = [
    "ACTIVITY",
    "Candidate",
    "Feature",
    "Placement",
    "Reason",
    "activities_in",
    "activity_graph",
    "classify",
    "features",
    "render_json",
    "render_text",
]

ACTIVITY = URIRef("urn:copro-kg:your-activity")
"""The IRI given to the one activity described with ``copro-kg classify`` flags."""


# --------------------------------------------------------------------------- features


@dataclass(frozen=True)
class Feature:
    """A feature property of engagement activities and its allowed values.

    ``option`` is the command-line flag (``whoDecides`` -> ``who-decides``) and
    ``choices`` maps each short value name (the value's IRI local name without the part
    all values share, ``decisions-together`` -> ``together``) to the value's IRI.
    """

    iri: URIRef
    label: str
    option: str
    question: str
    functional: bool
    choices: Mapping[str, URIRef]
    value_labels: Mapping[URIRef, str]

    def value(self, name: str) -> URIRef:
        """The value IRI for a short name, a local name, a CURIE-free IRI or a label.

        Raises:
            InputError: ``name`` names no value of this feature.
        """
        wanted = name.strip()
        for short, iri in self.choices.items():
            if wanted.casefold() in {
                short.casefold(),
                _local(iri).casefold(),
                str(iri).casefold(),
                self.value_labels[iri].casefold(),
            }:
                return iri
        raise InputError(
            f"{wanted!r} is not a value of {self.label}",
            hint="use one of: " + ", ".join(self.choices),
        )


def _local(iri: Node) -> str:
    return re.split(r"[#/:]", str(iri).rstrip("/#"))[-1]


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def _common_prefix(names: Sequence[str]) -> str:
    if len(names) < 2:
        return ""
    first = names[0]
    size = 0
    while all(size < len(n) and n[size] == first[size] for n in names):
        size += 1
    prefix = first[:size]
    # Cut at a word boundary so "decisions-by-organisation" keeps "by-organisation".
    return prefix[: prefix.rfind("-") + 1] if "-" in prefix else ""


def features(graph: Graph) -> list[Feature]:
    """The feature properties of engagement activities, read from the ontology.

    A feature property is an object property whose domain is
    ``copro:EngagementActivity`` and whose range is a subclass of ``copro:FeatureValue``;
    its values are the individuals of that range. Ordered by ``copro:questionOrder``.
    """
    value_classes = set(graph.transitive_subjects(RDFS.subClassOf, COPRO.FeatureValue))
    found = []
    for prop in set(graph.subjects(RDFS.domain, COPRO.EngagementActivity)):
        ranges = set(graph.objects(prop, RDFS.range)) & value_classes
        if not isinstance(prop, URIRef) or not ranges:
            continue
        values = sorted(
            {v for r in ranges for v in graph.subjects(RDF.type, r) if isinstance(v, URIRef)},
            key=str,
        )
        locals_ = [_local(v) for v in values]
        prefix = _common_prefix(locals_)
        choices = {name[len(prefix) :]: v for name, v in zip(locals_, values, strict=True)}
        order = graph.value(prop, COPRO.questionOrder)
        question = graph.value(prop, COPRO.question)
        found.append(
            (
                int(order) if isinstance(order, Literal) else 99,
                Feature(
                    iri=prop,
                    label=term(graph, prop).label,
                    option=_kebab(_local(prop)),
                    question=str(question) if question else "",
                    functional=(prop, RDF.type, OWL.FunctionalProperty) in graph,
                    choices=choices,
                    value_labels={v: term(graph, v).label for v in values},
                ),
            )
        )
    return [f for _, f in sorted(found, key=lambda pair: (pair[0], str(pair[1].iri)))]


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


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Reason:
    """A glossary criterion the activity meets: its feature value is the required one."""

    criterion: Term
    concept: Term
    feature: Term
    value: Term
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": _t(self.criterion),
            "for": _t(self.concept),
            "feature": _t(self.feature),
            "value": _t(self.value),
            "glossary_text": self.text,
        }


@dataclass(frozen=True)
class Candidate:
    """A level the activity could still be, and the feature values it would need."""

    level: Term
    position: str | None
    needs: tuple[tuple[Term, Term], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": _t(self.level),
            "position": self.position,
            "needs": [{"feature": _t(f), "value": _t(v)} for f, v in self.needs],
        }


@dataclass
class Placement:
    """Where one activity sits on the spectrum, as the reasoner classified it."""

    activity: Term
    stated: list[tuple[Term, Term]]
    levels: list[Term]
    group: Term | None
    position: str | None
    also: list[Term]
    reasons: list[Reason]
    candidates: list[Candidate]
    deciding: list[Feature]
    inconsistencies: list[Finding] = field(default_factory=list)
    glossary_level: Term | None = None

    @property
    def decided(self) -> bool:
        """True when the reasoner placed the activity at a level."""
        return bool(self.levels)

    @property
    def consistent(self) -> bool:
        return not self.inconsistencies

    def to_dict(self) -> dict[str, Any]:
        return {
            "activity": _t(self.activity),
            "consistent": self.consistent,
            "decided": self.decided,
            "stated": [{"feature": _t(f), "value": _t(v)} for f, v in self.stated],
            "levels": [_t(t) for t in self.levels],
            "group": _t(self.group) if self.group else None,
            "position": self.position,
            "also": [_t(t) for t in self.also],
            "reasons": [r.to_dict() for r in self.reasons],
            "candidates": [c.to_dict() for c in self.candidates],
            "deciding_features": [
                {"feature": f.label, "iri": str(f.iri), "option": f"--{f.option}"}
                for f in self.deciding
            ],
            "inconsistencies": [f.to_dict() for f in self.inconsistencies],
            "glossary_level": _t(self.glossary_level) if self.glossary_level else None,
        }


def _t(t: Term) -> dict[str, str]:
    return {"label": t.label, "iri": t.iri}


# --------------------------------------------------------------------------- the spectrum


@dataclass
class Spectrum:
    """The ontology's level and group classes and their definitions (read once)."""

    graph: Graph

    @cached_property
    def level_positions(self) -> dict[URIRef, list[int]]:
        """Level class -> spectrum positions of its concept(s).

        A level class is linked to a concept with a ``copro:spectrumPosition``
        (``copro:concept``), or covers such concepts (``copro:coversLevel``: a column of
        the figure, such as coercion or protection).
        """
        out: dict[URIRef, list[int]] = {}
        for cls in set(self.graph.subjects(RDF.type, OWL.Class)):
            if not isinstance(cls, URIRef):
                continue
            concepts = list(self.graph.objects(cls, COPRO.concept)) + list(
                self.graph.objects(cls, COPRO.coversLevel)
            )
            positions = [
                int(p)
                for c in concepts
                for p in self.graph.objects(c, COPRO.spectrumPosition)
                if isinstance(p, Literal)
            ]
            if positions:
                out[cls] = sorted(set(positions))
        return out

    @cached_property
    def groups(self) -> set[URIRef]:
        """Group classes: their concept is a ``copro:SpectrumGroup`` (doing to/for/with)."""
        return {
            cls
            for cls, concept in self.graph.subject_objects(COPRO.concept)
            if isinstance(cls, URIRef) and (concept, RDF.type, COPRO.SpectrumGroup) in self.graph
        }

    def ancestors(self, cls: Node) -> set[Node]:
        return {c for c in self.graph.transitive_objects(cls, RDFS.subClassOf) if c is not None} - {
            cls
        }

    def requirements(
        self, cls: Node, seen: frozenset[Node] = frozenset()
    ) -> set[tuple[Node, Node]]:
        """The (feature, value) pairs an activity needs to be inferred a ``cls``.

        Read from the sufficient definition (``owl:equivalentClass`` with
        ``owl:intersectionOf`` / ``owl:hasValue``), following named classes in the
        intersection. Empty when ``cls`` has no sufficient definition.
        """
        needs: set[tuple[Node, Node]] = set()
        if cls in seen:
            return needs
        for definition in self.graph.objects(cls, OWL.equivalentClass):
            needs |= self._flatten(definition, seen | {cls})
        return needs

    def _flatten(self, node: Node, seen: frozenset[Node]) -> set[tuple[Node, Node]]:
        graph = self.graph
        prop, value = graph.value(node, OWL.onProperty), graph.value(node, OWL.hasValue)
        if prop is not None and value is not None:
            return {(prop, value)}
        members = graph.value(node, OWL.intersectionOf)
        if members is not None:
            out: set[tuple[Node, Node]] = set()
            for member in Collection(graph, members):
                out |= self._flatten(member, seen)
            return out
        if isinstance(node, URIRef):
            return self.requirements(node, seen)
        return set()

    def definable(self, cls: Node) -> bool:
        return any(True for _ in self.graph.objects(cls, OWL.equivalentClass))

    def position_text(self, classes: Iterable[URIRef]) -> str | None:
        positions = sorted({p for c in classes for p in self.level_positions.get(c, [])})
        if not positions:
            return None
        return str(positions[0]) if len(positions) == 1 else f"{positions[0]}-{positions[-1]}"


def _most_specific(classes: set[URIRef], spectrum: Spectrum) -> list[URIRef]:
    return sorted(
        (c for c in classes if not any(c in spectrum.ancestors(o) for o in classes if o != c)),
        key=str,
    )


# --------------------------------------------------------------------------- classify


def classify(
    graph: Graph,
    *,
    activities: Iterable[Node] | None = None,
    context: CheckContext | None = None,
) -> list[Placement]:
    """Classify engagement activities with the reasoner and report each placement.

    Args:
        graph: the ontology plus the activities' descriptions (asserted triples).
        activities: which individuals to report; by default every individual that is
            stated to be an engagement activity or has a feature.
        context: a :class:`~copro_kg.checks.core.CheckContext` to reuse its reasoning.
    """
    ctx = context or CheckContext(graph)
    closure = ctx.reasoned.closure
    spectrum = Spectrum(graph)
    feature_list = features(graph)
    by_iri: dict[Node, Feature] = {f.iri: f for f in feature_list}
    if activities is None:
        activities = activities_in([graph], feature_list)
    clashes = owl_findings(ctx)
    placements = []
    for activity in activities:
        placements.append(_place(activity, graph, closure, spectrum, feature_list, by_iri, clashes))
    return placements


def _place(
    activity: Node,
    graph: Graph,
    closure: Graph,
    spectrum: Spectrum,
    feature_list: list[Feature],
    by_iri: Mapping[Node, Feature],
    clashes: list[Finding],
) -> Placement:
    names = graph
    types = {t for t in closure.objects(activity, RDF.type) if isinstance(t, URIRef)}
    levels = _most_specific(types & set(spectrum.level_positions), spectrum)
    groups = _most_specific(types & spectrum.groups, spectrum)
    stated = [(f, v) for f in feature_list for v in sorted(graph.objects(activity, f.iri), key=str)]
    values: dict[Node, set[Node]] = {
        f.iri: set(closure.objects(activity, f.iri)) for f in feature_list
    }
    concepts = {c for t in types for c in closure.objects(t, COPRO.concept)}
    reasons = []
    for criterion in sorted(set(graph.subjects(RDF.type, COPRO.Criterion)), key=str):
        concept = graph.value(criterion, COPRO.criterionFor)
        prop = graph.value(criterion, COPRO.onFeature)
        value = graph.value(criterion, COPRO.requiresValue)
        if concept in concepts and prop is not None and value in values.get(prop, set()):
            text = graph.value(criterion, COPRO.glossaryText)
            reasons.append(
                Reason(
                    term(names, criterion),
                    term(names, concept),
                    term(names, prop),
                    term(names, value),
                    str(text or ""),
                )
            )
    # Group criteria first, then the level's, then the rest (kind of engagement): the
    # order a reader follows the spectrum figure.
    group_concepts = {c for g in spectrum.groups for c in graph.objects(g, COPRO.concept)}
    level_concepts = {
        c for lvl in spectrum.level_positions for c in graph.objects(lvl, COPRO.concept)
    }

    def rank(reason: Reason) -> tuple[int, Term]:
        concept = URIRef(reason.concept.iri)
        order = 0 if concept in group_concepts else 1 if concept in level_concepts else 2
        return order, reason.criterion

    reasons.sort(key=rank)

    candidates, deciding = _candidates(levels, values, spectrum, by_iri, names)
    kinds = {
        t
        for t in types
        if t not in spectrum.level_positions
        and t not in spectrum.groups
        and (t, COPRO.concept, None) in graph
        and t != COPRO.EngagementActivity
    }
    also = [term(names, t) for t in _most_specific(kinds, spectrum)]
    iri = str(activity)
    mine = [f for f in clashes if any(t.iri == iri for t in f.terms)]
    expected = graph.value(activity, COPRO.glossaryLevel)
    return Placement(
        activity=term(names, activity),
        stated=[(term(names, f.iri), term(names, v)) for f, v in stated],
        levels=[term(names, c) for c in levels],
        group=term(names, groups[0]) if groups else None,
        position=spectrum.position_text(levels),
        also=also,
        reasons=reasons,
        candidates=candidates,
        deciding=deciding,
        inconsistencies=mine,
        glossary_level=term(names, expected) if expected is not None else None,
    )


def _candidates(
    levels: list[URIRef],
    values: Mapping[Node, set[Node]],
    spectrum: Spectrum,
    by_iri: Mapping[Node, Feature],
    names: Graph,
) -> tuple[list[Candidate], list[Feature]]:
    """Levels still open to the activity and the features that would decide between them.

    Undecided activity: every defined level none of whose required values clashes with
    a value the activity has (a functional feature with another value clashes).
    Decided activity: the defined levels *below* its level that it could still reach.
    """
    out = []
    for cls in sorted(spectrum.level_positions, key=str):
        if not spectrum.definable(cls) or cls in levels:
            continue
        if levels and not any(lvl in spectrum.ancestors(cls) for lvl in levels):
            continue
        needs = spectrum.requirements(cls)
        clash = any(
            values.get(p) and v not in values[p] and (by_iri.get(p) is None or by_iri[p].functional)
            for p, v in needs
        )
        missing = sorted(
            ((p, v) for p, v in needs if v not in values.get(p, set())), key=lambda pv: str(pv)
        )
        if clash or not missing or any(p not in by_iri for p, _ in missing):
            continue
        out.append(
            Candidate(
                term(names, cls),
                spectrum.position_text([cls]),
                tuple((term(names, p), term(names, v)) for p, v in missing),
            )
        )
    out.sort(key=lambda c: (c.position or "", c.level))
    deciding_iris = {URIRef(f.iri) for c in out for f, _ in c.needs}
    deciding = [f for f in by_iri.values() if f.iri in deciding_iris]
    deciding.sort(key=lambda f: list(by_iri).index(f.iri))
    return out, deciding


# --------------------------------------------------------------------------- rendering


def render_text(placements: Sequence[Placement]) -> str:
    """The human report: one block per activity."""
    blocks = []
    for p in placements:
        lines = [f"{p.activity}"]
        if p.stated:
            lines.append(
                "  described as: " + "; ".join(f"{f.label}: {v.label}" for f, v in p.stated)
            )
        if p.inconsistencies:
            lines.append("  INCONSISTENT:")
            for finding in p.inconsistencies:
                lines.append(f"    {finding.message}")
                if finding.rule:
                    lines.append(f"      glossary: {finding.rule}")
        elif p.decided:
            where = " / ".join(t.label for t in p.levels)
            group = f", {p.group.label}" if p.group else ""
            pos = f", position {p.position} of 6" if p.position else ""
            lines.append(f"  level: {where}{group}{pos}")
        elif p.group:
            lines.append(f"  group: {p.group.label} (level not decided)")
        else:
            lines.append("  not placed on the spectrum: the description is not enough")
        if p.also and not p.inconsistencies:
            lines.append("  also: " + ", ".join(t.label for t in p.also))
        if p.reasons and not p.inconsistencies:
            lines.append("  why (glossary criteria met):")
            for r in p.reasons:
                lines.append(f"    - {r.concept.label}, {r.feature.label} = {r.value.label}")
                if r.text:
                    lines.append(f"      \u201c{r.text}\u201d")
        if p.candidates and not p.inconsistencies:
            head = "could be more specific:" if p.decided else "could be:"
            lines.append(f"  {head}")
            for c in p.candidates:
                need = ", ".join(f"{f.label} = {v.label}" for f, v in c.needs)
                lines.append(f"    - {c.level.label} (needs {need})")
            if p.deciding:
                options = ", ".join(f"{f.label} (--{f.option})" for f in p.deciding)
                lines.append(f"  to decide, say: {options}")
        if p.glossary_level:
            lines.append(f"  the glossary puts it under: {p.glossary_level.label}")
        blocks.append("\n".join(lines))
    inconsistent = sum(1 for p in placements if p.inconsistencies)
    decided = sum(1 for p in placements if p.decided and not p.inconsistencies)
    summary = (
        f"{len(placements)} activit{'y' if len(placements) == 1 else 'ies'}: {decided} placed, "
        f"{len(placements) - decided - inconsistent} undecided, {inconsistent} inconsistent"
    )
    return "\n\n".join([*blocks, summary])


def render_json(placements: Sequence[Placement]) -> str:
    """The placements as indented JSON (``--format json``)."""
    import json

    return json.dumps(
        {"activities": [p.to_dict() for p in placements]}, indent=2, ensure_ascii=False
    )
