"""The engagement spectrum as the ontology states it, read once.

This is the one reading of the spectrum that ``copro-kg classify``, the site's "Where
does my activity sit?" questionnaire and ``copro-kg check`` share:

* **features**: the feature properties of engagement activities (domain
  ``copro:EngagementActivity``, range a ``copro:FeatureValue`` class), asked with their
  ``copro:question`` in ``copro:questionOrder`` (unordered ones last, by IRI), each with
  its named values in the spectrum's order (the leftmost place that needs the value);
* **places**: the levels (a class whose ``copro:concept`` has a ``copro:spectrumPosition``),
  the figure's columns (``copro:coversLevel``) and the phases of the co-production cycle
  that a description can fit instead of a level (:data:`PHASE_FITS`); each with what it
  *needs* (its ``owl:equivalentClass`` of ``owl:hasValue`` restrictions: the glossary's
  criteria) and what it *implies* (``rdfs:subClassOf`` ``owl:hasValue``: the figure's
  knowledge statements, and :data:`FOLLOWS_FOR_CLASS`);
* where answers place an activity: :func:`copro_kg.vocab.placement.place`.

>>> import copro_kg
>>> from copro_kg.namespace import COPRO
>>> s = Spectrum(copro_kg.load())
>>> [f.option for f in s.features][:3]
['who-decides', 'who-acts', 'communication']
>>> [p.label for p in s.places if p.group == COPRO["doing-for"]]
['information', 'consultation', 'participation']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from copro_kg.namespace import COPRO
from copro_kg.vocab.features import Feature, Value, find_feature, read_features, text_of
from copro_kg.vocab.labels import label

__all__ = [
    "FOLLOWS_FOR_CLASS",
    "PHASE_FITS",
    "Feature",
    "GlossaryTest",
    "Need",
    "Place",
    "Spectrum",
    "Value",
    "features",
]


FOLLOWS_FOR_CLASS: tuple[tuple[URIRef, URIRef, URIRef, URIRef], ...] = (
    # Doing with: "The organisation and the people listen to each other's knowledge."
    # (the figure) -- listening both ways is a two-way conversation, so one-way
    # communication or a survey of the organisation's own questions is not doing with.
    (COPRO.DoingWith, COPRO.communication, COPRO["communication-two-way"], COPRO["doing-with"]),
)
"""(class, feature, value, concept whose ``copro:knowledgeStatement`` says why): every
place under the class needs that value. Ours, from the figure; not yet in the ontology."""

PHASE_FITS: tuple[tuple[URIRef, tuple[tuple[URIRef, URIRef], ...], tuple[URIRef, URIRef]], ...] = (
    # "Co-design sees the design decisions ... made 'with', not 'for', the people those
    # decisions will ultimately impact upon": decided together, enacted by the organisation.
    (
        COPRO["co-design"],
        (
            (COPRO.whoDecides, COPRO["decisions-together"]),
            (COPRO.whoActs, COPRO["action-enacted-by-organisation"]),
        ),
        (COPRO.communication, COPRO["communication-two-way"]),
    ),
)
"""Phases of the co-production cycle a description fits when it fits no level: each with
the answers that describe it and one it implies. Ours (the glossary describes the phases
in prose); a phase "with co-production, and especially in the co-design phase" is
problem solving, so it is a two-way conversation. Only co-design is here: the glossary
says who decides in co-design ("made 'with', not 'for'") but never that the organisation
decides alone in any phase, so "the organisation decides, both act" is a conflict between
the spectrum's statements, not co-delivery."""


@dataclass(frozen=True)
class Need:
    """A value a place needs (or implies) on a feature, and the glossary's reason."""

    feature: URIRef
    value: URIRef
    text: str


@dataclass(frozen=True)
class Place:
    """Where a description can end: a level, a column of the figure, or a cycle phase."""

    iri: URIRef  # the level or column class, or the phase concept
    label: str
    kind: str  # "level", "column" or "phase"
    concept: URIRef | None  # the term the place stands for (None for a column)
    covers: tuple[URIRef, ...]  # a column's levels
    group: URIRef | None  # doing to / for / with (a concept)
    position: int | None
    needs: tuple[Need, ...]  # sufficient: all of them place an activity here
    implies: tuple[Need, ...]  # necessary: what every activity here has
    above: frozenset[URIRef]  # the places and groups it is a kind of (class IRIs)

    def fits(self, answers: Mapping[URIRef, frozenset[URIRef]], functional: set[URIRef]) -> bool:
        """No answer contradicts what the place needs or implies (closed world per feature)."""
        for need in (*self.needs, *self.implies):
            given = answers.get(need.feature)
            if given and (
                need.value not in given or (need.feature in functional and len(given) > 1)
            ):
                return False
        return True

    def met(self, answers: Mapping[URIRef, frozenset[URIRef]]) -> bool:
        """Every need is answered with the needed value."""
        return all(n.value in answers.get(n.feature, ()) for n in self.needs)


def _int(graph: Graph, node: Node, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    return int(value) if isinstance(value, Literal) and str(value).isdigit() else None


class Spectrum:
    """The spectrum read from an ontology graph (the asserted glossary is enough)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # ------------------------------------------------------------------ classes

    @cached_property
    def level_positions(self) -> dict[URIRef, list[int]]:
        """Level or column class -> the spectrum positions of its concept(s)."""
        out: dict[URIRef, list[int]] = {}
        for cls in set(self.graph.subjects(COPRO.concept, None)) | set(
            self.graph.subjects(COPRO.coversLevel, None)
        ):
            concepts = [
                *self.graph.objects(cls, COPRO.concept),
                *self.graph.objects(cls, COPRO.coversLevel),
            ]
            found = {p for c in concepts if (p := _int(self.graph, c, COPRO.spectrumPosition))}
            if isinstance(cls, URIRef) and found:
                out[cls] = sorted(found)
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
        """Named classes ``cls`` is a kind of (``rdfs:subClassOf``, named equivalents)."""
        seen: set[Node] = set()
        todo: list[Node] = [cls]
        while todo:
            node = todo.pop()
            for sup in [
                *self.graph.objects(node, RDFS.subClassOf),
                *self.graph.objects(node, OWL.equivalentClass),
            ]:
                if isinstance(sup, URIRef) and sup not in seen and sup != cls:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    def requirements(
        self, cls: Node, seen: frozenset[Node] = frozenset()
    ) -> set[tuple[Node, Node]]:
        """The (feature, value) pairs that make an activity a ``cls`` (its sufficient
        definition: ``owl:equivalentClass`` of ``owl:intersectionOf``/``owl:hasValue``,
        following named classes). Empty when ``cls`` has no such definition."""
        needs: set[tuple[Node, Node]] = set()
        if cls in seen:
            return needs
        for definition in self.graph.objects(cls, OWL.equivalentClass):
            needs |= self._flatten(definition, seen | {cls})
        return needs

    def _flatten(self, node: Node, seen: frozenset[Node]) -> set[tuple[Node, Node]]:
        prop, value = self.graph.value(node, OWL.onProperty), self.graph.value(node, OWL.hasValue)
        if prop is not None and value is not None:
            return {(prop, value)}
        members = self.graph.value(node, OWL.intersectionOf)
        if members is not None:
            return {
                pair for m in Collection(self.graph, members) for pair in self._flatten(m, seen)
            }
        return self.requirements(node, seen) if isinstance(node, URIRef) else set()

    def definable(self, cls: Node) -> bool:
        """``cls`` has a sufficient definition (an ``owl:equivalentClass``)."""
        return any(True for _ in self.graph.objects(cls, OWL.equivalentClass))

    def position_text(self, classes: Iterable[URIRef]) -> str | None:
        """ "4", or "1-2" for several classes; None when none is on the spectrum."""
        positions = sorted({p for c in classes for p in self.level_positions.get(c, [])})
        if not positions:
            return None
        return str(positions[0]) if len(positions) == 1 else f"{positions[0]}-{positions[-1]}"

    # ------------------------------------------------------------------ features

    @cached_property
    def features(self) -> tuple[Feature, ...]:
        """The feature properties, in question order, values in the spectrum's order."""
        return read_features(self.graph, self._value_rank)

    def _value_rank(self, prop: URIRef, value: URIRef) -> float:
        # The spectrum's order: the leftmost place that needs or implies the value.
        positions = [
            p.position
            for p in self._raw_places
            if p.position is not None
            and any(n.feature == prop and n.value == value for n in (*p.needs, *p.implies))
        ]
        return min(positions, default=float("inf"))

    def feature(self, name: str) -> Feature:
        """A feature by option (``who-decides``), local name, IRI or label.

        Raises:
            InputError: no such feature (with a did-you-mean hint).
        """
        return find_feature(self.features, name)

    # ------------------------------------------------------------------ places

    def _needs(self, cls: URIRef, concepts: Sequence[Node]) -> tuple[Need, ...]:
        """The class's sufficient (feature, value) pairs, each with the criterion's sentence
        (its group's figure statement first, then its own concept's, then the others')."""
        above = [c for a in self.ancestors(cls) for c in self.graph.objects(a, COPRO.concept)]
        groups = [c for c in above if (c, RDF.type, COPRO.SpectrumGroup) in self.graph]
        owners = [*groups, *concepts, *sorted(set(above) - set(groups), key=str)]
        out = []
        for prop, value in sorted(self.requirements(cls), key=str):
            criteria = [
                c
                for owner in owners
                for c in sorted(self.graph.subjects(COPRO.criterionFor, owner), key=str)
                if (c, COPRO.onFeature, prop) in self.graph
                and (c, COPRO.requiresValue, value) in self.graph
            ]
            text = text_of(self.graph, criteria[0], COPRO.glossaryText) if criteria else ""
            out.append(
                Need(
                    URIRef(str(prop)),
                    URIRef(str(value)),
                    text or text_of(self.graph, value, COPRO.glossaryText),
                )
            )
        return tuple(out)

    def _implies(self, cls: URIRef) -> tuple[Need, ...]:
        out: dict[tuple[URIRef, URIRef], Need] = {}
        for owner in [cls, *self.ancestors(cls)]:
            for sup in self.graph.objects(owner, RDFS.subClassOf):
                prop, value = (
                    self.graph.value(sup, OWL.onProperty),
                    self.graph.value(sup, OWL.hasValue),
                )
                if isinstance(prop, URIRef) and isinstance(value, URIRef):
                    out[(prop, value)] = Need(
                        prop, value, text_of(self.graph, value, COPRO.glossaryText)
                    )
            for klass, prop, value, why in FOLLOWS_FOR_CLASS:
                if owner == klass:
                    out[(prop, value)] = Need(
                        prop, value, text_of(self.graph, why, COPRO.knowledgeStatement)
                    )
        return tuple(out[k] for k in sorted(out, key=str))

    @cached_property
    def _raw_places(self) -> tuple[Place, ...]:
        graph, out = self.graph, []
        for cls in self.level_positions:
            concept = graph.value(cls, COPRO.concept)
            covers = tuple(
                sorted(graph.objects(cls, COPRO.coversLevel), key=lambda c: label(graph, c))
            )
            if (concept is None and not covers) or not self.definable(cls):
                continue
            members = covers or (concept,)
            group = graph.value(members[0], COPRO.inGroup)
            out.append(
                Place(
                    iri=cls,
                    label=label(graph, cls),
                    kind="column" if covers else "level",
                    concept=concept if isinstance(concept, URIRef) else None,
                    covers=tuple(URIRef(str(c)) for c in covers),
                    group=group if isinstance(group, URIRef) else None,
                    position=min(self.level_positions[cls]),
                    needs=self._needs(cls, members),
                    implies=self._implies(cls),
                    above=frozenset(URIRef(str(a)) for a in self.ancestors(cls)),
                )
            )
        for phase, fit, (prop, value) in PHASE_FITS:
            if (phase, RDF.type, COPRO.CyclePhase) not in graph:
                continue
            needs = tuple(Need(p, v, text_of(graph, v, COPRO.glossaryText)) for p, v in fit)
            # "With co-production, and especially in the co-design phase, it's not about
            # information gathering but about problem solving." (criterion-problem-solving)
            why = text_of(graph, COPRO["criterion-problem-solving"], COPRO.glossaryText)
            implies = (Need(prop, value, why or text_of(graph, value, COPRO.glossaryText)),)
            out.append(
                Place(
                    phase,
                    label(graph, phase),
                    "phase",
                    phase,
                    (),
                    None,
                    None,
                    needs,
                    implies,
                    frozenset(),
                )
            )
        return tuple(out)

    @cached_property
    def places(self) -> tuple[Place, ...]:
        """Levels and columns in the glossary's order (position, then label), then phases."""
        return tuple(
            sorted(
                self._raw_places,
                key=lambda p: (p.kind == "phase", p.position or 0, p.label.casefold()),
            )
        )

    @cached_property
    def group_concepts(self) -> tuple[URIRef, ...]:
        """Doing to, doing for, doing with: in the order of their levels."""
        order: dict[URIRef, int] = {}
        for p in self.places:
            if p.group is not None:
                order.setdefault(p.group, p.position or 0)
        return tuple(sorted(order, key=lambda g: order[g]))

    def glossary_tests(self, place: Place | None) -> tuple[GlossaryTest, ...]:
        """What the glossary requires of ``place`` that features cannot show, in its words.

        For co-production: "How we know it's co-production: it's a mindset and way of
        working underpinned by the following 5 values" with the five values, and "co-design
        alone isn't co-production" (the distinctions of the cycle's phases from it). An
        answer from features alone meets the figure's doing-with statements, not this test,
        so ``classify`` and the questionnaire list it before calling anything co-production.
        Read from the criteria of the place's concept that test no feature and whose
        sentence is the glossary's own "How we know it's ..." test.
        """
        if place is None or place.concept is None:
            return ()
        graph, concept, out = self.graph, place.concept, []
        for criterion in sorted(graph.subjects(COPRO.criterionFor, concept), key=str):
            text = text_of(graph, criterion, COPRO.glossaryText)
            if (criterion, COPRO.onFeature, None) in graph or not text.startswith("How we know"):
                continue
            items = sorted(
                graph.objects(criterion, COPRO.introduces),
                key=lambda i: (_int(graph, i, COPRO.listPosition) or 0, str(i)),
            )
            out.append(GlossaryTest(text, tuple(label(graph, i) for i in items)))
        for d in sorted(graph.subjects(COPRO.distinguishedFrom, concept), key=str):
            of = graph.value(d, COPRO.distinctionOf)
            if (d, RDF.type, COPRO.Distinction) in graph and (
                of,
                RDF.type,
                COPRO.CyclePhase,
            ) in graph:
                out.append(GlossaryTest(text_of(graph, d, COPRO.glossaryText), ()))
        return tuple(out)

    def caveats(self, place: Place) -> tuple[str, ...]:
        """For a phase: the glossary's "co-design alone isn't co-production" and what a
        complete co-production process is (the distinctions drawn about cycle phases)."""
        if place.kind != "phase":
            return ()
        graph, own, cycle = self.graph, [], []
        for d in sorted(graph.subjects(RDF.type, COPRO.Distinction), key=str):
            of = graph.value(d, COPRO.distinctionOf)
            if (of, RDF.type, COPRO.CyclePhase) not in graph:
                continue
            if of == place.iri:
                own.append(text_of(graph, d, COPRO.glossaryText))
            cycle += [
                text_of(graph, c, COPRO.glossaryText)
                for c in sorted(graph.objects(d, COPRO.criterion), key=str)
            ]
        return tuple(dict.fromkeys(t for t in (*own, *cycle) if t))


@dataclass(frozen=True)
class GlossaryTest:
    """A test the glossary gives in words (its sentence) with the items of the list it
    introduces (the five values), for people to apply: no feature answers it."""

    text: str
    items: tuple[str, ...] = ()


def features(graph: Graph) -> list[Feature]:
    """The feature properties of engagement activities, in question order."""
    return list(Spectrum(graph).features)
