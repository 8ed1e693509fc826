"""An OWL clash told in plain language, by label, with the glossary rule it breaks.

The reasoner reports a clash as a rule id and the terms by role ("individual", "class",
"other class" ...). :class:`ClashExplainer` turns it into the sentence a practitioner
needs: which of *their* activities is at fault, what it is stated to be, what its
description says instead, and the glossary's own words for the rule -- read from the
ontology's criterion (``copro:criterionFor``, ``copro:onFeature``,
``copro:requiresValue``) and distinction (``copro:distinctionOf``) records, whose
``copro:glossaryText`` quotes the glossary verbatim.

It reads the *asserted* graph for what the user stated and for names: in an inconsistent
closure anything follows (two feature values inferred the same share their labels), so a
name or a class read there could blame the wrong thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.checks.model import Finding, Triple, term, triple_text
from copro_kg.namespace import COPRO
from copro_kg.vocab.spectrum import Spectrum

if TYPE_CHECKING:
    from copro_kg.reasoning.inconsistency import Inconsistency
    from copro_kg.reasoning.result import Reasoning

__all__ = ["SKOS_CONDITIONS", "Clash", "ClashExplainer", "inconsistencies", "skos_condition"]

_SKOS_NS = str(SKOS)

SKOS_CONDITIONS = {
    "S9": "skos:ConceptScheme is disjoint with skos:Concept.",
    "S27": "skos:related is disjoint with the property skos:broaderTransitive.",
    "S37": "skos:Collection is disjoint with each of skos:Concept and skos:ConceptScheme.",
    "S46": "skos:exactMatch is disjoint with each of the properties skos:broadMatch and "
    "skos:relatedMatch.",
}
"""The SKOS integrity conditions an OWL clash can break, quoted from the SKOS Reference."""


@dataclass(frozen=True)
class Clash:
    """One inconsistency as the reasoner reports it: the OWL 2 RL rule, the terms by
    role (``individual``, ``class``, ``other class`` ...) and the clashing triples."""

    rule: str
    roles: tuple[tuple[str, Node], ...]
    triples: tuple[Triple, ...] = ()
    text: str = ""

    @classmethod
    def of(cls, found: Inconsistency) -> Clash:
        """The clash of one :class:`~copro_kg.reasoning.inconsistency.Inconsistency`."""
        return cls(found.rule, tuple(found.roles), tuple(found.triples), found.message)

    def role(self, name: str) -> Node | None:
        """The term in role ``name``, if any."""
        return next((node for role, node in self.roles if role == name), None)


def inconsistencies(result: Reasoning) -> list[Clash]:
    """The inconsistencies of a reasoning result as :class:`Clash` objects."""
    return [Clash.of(found) for found in result.inconsistencies]


def skos_condition(clash: Clash) -> str | None:
    """The SKOS integrity condition (S-number) the clash breaks, if it is one of SKOS's."""
    terms = {str(n)[len(_SKOS_NS) :] for _, n in clash.roles if str(n).startswith(_SKOS_NS)}
    if {"related", "broaderTransitive"} <= terms:
        return "S27"
    if "exactMatch" in terms and terms & {"broadMatch", "narrowMatch", "relatedMatch"}:
        return "S46"
    if "Collection" in terms:
        return "S37"
    if {"Concept", "ConceptScheme"} <= terms:
        return "S9"
    return None


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else text


def _quoted(text: str | None) -> str | None:
    return f"\u201c{text}\u201d" if text else None


class ClashExplainer:
    """Turns a clash into one finding: a sentence by label and the glossary rule it breaks.

    :meth:`explain` also returns a key naming the root cause (an activity and a feature,
    or an activity and two classes), so that one cause seen from two sides (``cax-dw``
    and ``eq-diff1``) is reported once.
    """

    def __init__(self, graph: Graph, closure: Graph, titles: Mapping[str, str]) -> None:
        self.graph = graph
        self.closure = closure
        self.titles = titles
        """Each rule's title in words, said when the reasoner gives no sentence."""

    def name(self, node: Node) -> str:
        """The label of ``node`` in the asserted graph."""
        return term(self.graph, node).label

    def stated_types(self, x: Node) -> list[Node]:
        """Named classes ``x`` is asserted to be."""
        return sorted(
            (
                t
                for t in self.graph.objects(x, RDF.type)
                if isinstance(t, URIRef) and t not in (OWL.NamedIndividual, OWL.Thing)
            ),
            key=str,
        )

    def stated_under(self, x: Node, cls: Node) -> Node | None:
        """The asserted type of ``x`` that is ``cls`` or one of its subclasses."""
        for t in self.stated_types(x):
            if cls in self.lineage(t):
                return t
        return None

    def lineage(self, cls: Node) -> list[Node]:
        """``cls`` then its asserted superclasses, nearest first (breadth-first)."""
        order, frontier, seen = [], [cls], {cls}
        while frontier:
            order.extend(frontier)
            nxt: list[Node] = []
            for c in frontier:
                for sup in sorted(self.graph.objects(c, RDFS.subClassOf), key=str):
                    if isinstance(sup, URIRef) and sup not in seen:
                        seen.add(sup)
                        nxt.append(sup)
            frontier = nxt
        return order

    def criterion(self, cls: Node, prop: Node) -> tuple[Node, Node, Node] | None:
        """(criterion, concept, required value) of the nearest class in ``cls``'s lineage
        whose concept has a glossary criterion on feature ``prop``."""
        for c in self.lineage(cls):
            for concept in self.graph.objects(c, COPRO.concept):
                for crit in sorted(self.graph.subjects(COPRO.criterionFor, concept), key=str):
                    if (crit, COPRO.onFeature, prop) in self.graph:
                        value = self.graph.value(crit, COPRO.requiresValue)
                        if value is not None:
                            return crit, concept, value
        return None

    def distinction_citing(self, criterion: Node, concept: Node) -> Node | None:
        """The distinction of ``concept`` that cites ``criterion``, if any."""
        for d in sorted(self.graph.subjects(COPRO.distinguishingCriterion, criterion), key=str):
            if (d, COPRO.distinctionOf, concept) in self.graph:
                return d
        return None

    def distinction_between(self, a: Node, b: Node) -> Node | None:
        """The glossary's distinction between the concepts of classes ``a`` and ``b``."""
        concepts_a = set(self.graph.objects(a, COPRO.concept)) or {a}
        concepts_b = set(self.graph.objects(b, COPRO.concept)) or {b}
        for d in sorted(self.graph.subjects(RDF.type, COPRO.Distinction), key=str):
            of = self.graph.value(d, COPRO.distinctionOf)
            other = self.graph.value(d, COPRO.distinguishedFrom)
            if (of in concepts_a and other in concepts_b) or (
                of in concepts_b and other in concepts_a
            ):
                return d
        return None

    def text(self, node: Node | None) -> str | None:
        """The glossary's own words for a criterion or distinction."""
        value = self.graph.value(node, COPRO.glossaryText) if node is not None else None
        return str(value) if value is not None else None

    def features_met(self, x: Node, cls: Node) -> list[tuple[Node, Node]]:
        """The asserted (feature, value) pairs of ``x`` that ``cls``'s definition uses."""
        needs = Spectrum(self.graph).requirements(cls)
        return sorted(((p, v) for p, v in needs if (x, p, v) in self.graph), key=str)

    def finding(
        self,
        clash: Clash,
        message: str,
        nodes: Iterable[Node],
        rule: str | None = None,
        source: str | None = None,
    ) -> Finding:
        """A finding of ``clash`` naming ``nodes``, with the rule broken and its source."""
        return Finding(
            check=clash.rule,
            severity="error",
            message=message,
            terms=tuple(sorted({term(self.graph, n) for n in nodes})),
            rule=rule,
            rule_source=source,
            triples=tuple(triple_text(self.graph, t) for t in clash.triples),
        )

    def explain(self, clash: Clash) -> tuple[object, Finding]:
        """The root-cause key of ``clash`` and its finding."""
        found: tuple[object, Finding] | None = None
        if clash.rule in ("cax-dw", "cax-adc", "cls-com"):
            found = self.disjoint_classes(clash)
        elif clash.rule.startswith("eq-diff"):
            found = self.same_and_different(clash)
        return found if found is not None else self.in_general(clash)

    def in_general(self, clash: Clash) -> tuple[object, Finding]:
        """The reasoner's own sentence, then each term by label and IRI."""
        nodes = [n for _, n in clash.roles if not isinstance(n, RDFLiteral)]
        named = [
            str(term(self.graph, n))
            for role, n in clash.roles
            if not isinstance(n, RDFLiteral) and "property" not in role and "class" not in role
        ]
        sentence = _sentence(clash.text or self.titles.get(clash.rule, "inconsistent"))
        if named:
            sentence += " (" + "; ".join(named) + ")"
        condition = skos_condition(clash)
        return (clash.rule, frozenset(nodes)), self.finding(
            clash,
            sentence,
            nodes,
            rule=SKOS_CONDITIONS.get(condition) if condition else None,
            source=f"SKOS Reference {condition}" if condition else None,
        )

    def feature_conflict(
        self, clash: Clash, x: Node, stated: Node, prop: Node, actual: Node
    ) -> tuple[object, Finding] | None:
        """``x`` is stated to be ``stated`` but has ``prop`` = ``actual``, while the
        glossary's criterion for ``stated`` (or a broader kind) requires another value."""
        found = self.criterion(stated, prop)
        if found is None:
            return None
        crit, concept, required = found
        if required == actual:
            return None
        message = (
            f"{term(self.graph, x)} is stated to be {self.name(stated)}, but its description "
            f"says '{self.name(actual)}' ({self.name(prop)}); {self.name(stated)} needs "
            f"'{self.name(required)}'."
        )
        distinction = self.distinction_citing(crit, concept)
        source = f"{self.name(concept)}, criterion '{self.name(crit)}'"
        text = self.text(crit) or self.text(distinction)
        if distinction is not None and self.text(distinction) == text:
            # The criterion quotes an "It's not ... because" sentence: name it too.
            source += f"; distinction '{self.name(distinction)}'"
        return (x, prop), self.finding(clash, message, [x], rule=_quoted(text), source=source)

    def disjoint_classes(self, clash: Clash) -> tuple[object, Finding] | None:
        """An individual in two disjoint classes: by statement, or by its description."""
        x, c1, c2 = clash.role("individual"), clash.role("class"), clash.role("other class")
        if x is None or c1 is None or c2 is None:
            return None
        s1, s2 = self.stated_under(x, c1), self.stated_under(x, c2)
        for stated, other, other_stated in ((s1, c2, s2), (s2, c1, s1)):
            if stated is not None and other_stated is None:
                for prop, value in self.features_met(x, other):
                    found = self.feature_conflict(clash, x, stated, prop, value)
                    if found is not None:
                        return found
        if s1 is not None and s2 is not None:
            how = f"is stated to be both {self.name(s1)} and {self.name(s2)}"
        else:
            how = "is " + " and ".join(self._why_in(x, c, s) for c, s in ((c1, s1), (c2, s2)))
        message = (
            f"{term(self.graph, x)} {how}, but nothing can be both {self.name(c1)} and "
            f"{self.name(c2)}."
        )
        distinction = self.distinction_between(c1, c2)
        source = f"distinction '{self.name(distinction)}'" if distinction is not None else None
        return (x, "classes", frozenset((c1, c2))), self.finding(
            clash, message, [x], rule=_quoted(self.text(distinction)), source=source
        )

    def _why_in(self, x: Node, cls: Node, stated: Node | None) -> str:
        if stated is not None:
            return f"stated to be {self.name(stated)}"
        met = self.features_met(x, cls)
        because = "; ".join(f"{self.name(p)}: '{self.name(v)}'" for p, v in met)
        if because:
            return f"{self.name(cls)} by its description ({because})"
        return f"inferred to be {self.name(cls)}"

    def same_and_different(self, clash: Clash) -> tuple[object, Finding] | None:
        """Two values stated different that follow to be the same: told as the activity
        that gave a one-valued feature both values."""
        a, b = clash.role("individual"), clash.role("other individual")
        if a is None or b is None:
            return None
        culprit = self.functional_culprit(a, b)
        if culprit is None:
            return None
        x, prop = culprit
        for value in (a, b):
            if (x, prop, value) in self.graph:
                for stated in self.stated_types(x):
                    found = self.feature_conflict(clash, x, stated, prop, value)
                    if found is not None:
                        return found
        message = (
            f"{term(self.graph, x)} has two values of '{self.name(prop)}' "
            f"('{self.name(a)}' and '{self.name(b)}'), but an activity has only one."
        )
        return (x, prop), self.finding(clash, message, [x])

    def functional_culprit(self, a: Node, b: Node) -> tuple[Node, Node] | None:
        """The individual and functional property that made ``a`` and ``b`` the same:
        the subject with both as values, preferring one that states a value itself."""
        best: tuple[Node, Node] | None = None
        for prop in sorted(self.closure.subjects(RDF.type, OWL.FunctionalProperty), key=str):
            for x in sorted(
                set(self.closure.subjects(prop, a)) & set(self.closure.subjects(prop, b)), key=str
            ):
                if (x, prop, a) in self.graph or (x, prop, b) in self.graph:
                    if self.stated_types(x) and any(
                        self.criterion(t, prop) for t in self.stated_types(x)
                    ):
                        return x, prop
                    best = best or (x, prop)
        return best
