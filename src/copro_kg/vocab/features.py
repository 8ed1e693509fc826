"""The feature properties that describe an engagement activity, read from the ontology.

A feature property has domain ``copro:EngagementActivity`` and a range under
``copro:FeatureValue``; its values are that range's named individuals. Features are asked
with their ``copro:question`` in ``copro:questionOrder`` (unordered ones last, by IRI), and
the values in the order a caller gives (the spectrum's: :mod:`copro_kg.vocab.spectrum`).
The same list gives ``copro-kg classify`` its flags and the site's questionnaire its
questions.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix copro: <https://w3id.org/copro-kg/> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... copro:whoDecides rdfs:domain copro:EngagementActivity ; rdfs:range copro:DecisionValue ;
...     copro:question "Who makes the decisions?"@en ; copro:questionOrder 1 .
... copro:DecisionValue rdfs:subClassOf copro:FeatureValue .
... copro:decisions-together a copro:DecisionValue .
... copro:decisions-by-organisation a copro:DecisionValue .
... ''')
>>> (f,) = read_features(g)
>>> f.option, f.question, sorted(f.choices)
('who-decides', 'Who makes the decisions?', ['by-organisation', 'together'])
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.errors import InputError
from copro_kg.namespace import COPRO
from copro_kg.vocab.labels import label, local_name

__all__ = ["Feature", "Value", "find_feature", "read_features", "text_of"]


@dataclass(frozen=True, order=True)
class Value:
    """A named value of a feature: ``key`` is the short name (``together``)."""

    iri: URIRef
    key: str
    label: str
    text: str  # the glossary's sentence for it (copro:glossaryText), or ""


@dataclass(frozen=True)
class Feature:
    """A feature property, its question and its values in the spectrum's order."""

    iri: URIRef
    label: str
    option: str  # the command-line flag: whoDecides -> who-decides
    question: str
    hint: str | None
    functional: bool
    order: float
    values: tuple[Value, ...]

    @property
    def choices(self) -> dict[str, URIRef]:
        """Short value name -> value IRI."""
        return {v.key: v.iri for v in self.values}

    @property
    def value_labels(self) -> dict[URIRef, str]:
        """Value IRI -> its label (the answer a questionnaire offers)."""
        return {v.iri: v.label for v in self.values}

    def named(self, iri: Node) -> Value | None:
        """The :class:`Value` with this IRI, or None."""
        return next((v for v in self.values if v.iri == iri), None)

    def value(self, name: str) -> URIRef:
        """The value IRI for a short name, local name, IRI or label (any case).

        Raises:
            InputError: ``name`` names no value of this feature (with a did-you-mean hint).
        """
        wanted = name.strip().casefold()
        for v in self.values:
            if wanted in {v.key.casefold(), local_name(v.iri).casefold(), str(v.iri).casefold()}:
                return v.iri
            if wanted == v.label.casefold():
                return v.iri
        raise InputError(
            f"{name.strip()!r} is not a value of {self.label}", hint=self.hint_for(name)
        )

    def hint_for(self, name: str) -> str:
        """ "did you mean ...?" plus the allowed values, for an unknown value ``name``."""
        keys = [v.key for v in self.values]
        # Compare with the full local names too: "decisions-by-council" is nearest to
        # "decisions-by-organisation", whose short name is "by-organisation".
        names = {local_name(v.iri): v for v in self.values} | {v.key: v for v in self.values}
        close = difflib.get_close_matches(local_name(name.strip()), list(names), n=1, cutoff=0.4)
        prefix = f"did you mean copro:{local_name(names[close[0]].iri)}? " if close else ""
        return prefix + "use one of: " + ", ".join(keys)


def _kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def _common_prefix(names: Sequence[str]) -> str:
    if len(names) < 2:
        return ""
    size = 0
    while all(size < len(n) and n[size] == names[0][size] for n in names):
        size += 1
    prefix = names[0][:size]
    # Cut at a word boundary so "decisions-by-organisation" keeps "by-organisation".
    return prefix[: prefix.rfind("-") + 1] if "-" in prefix else ""


def text_of(graph: Graph, node: Node, prop: URIRef) -> str:
    """The English (else untagged, else any) literal of ``prop``, smallest first; or ""."""
    found = sorted(
        (v for v in graph.objects(node, prop) if isinstance(v, Literal)),
        key=lambda v: (v.language not in ("en", None), str(v)),
    )
    return str(found[0]) if found else ""


def _int(graph: Graph, node: Node, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    return int(value) if isinstance(value, Literal) and str(value).isdigit() else None


def _no_rank(_feature: URIRef, _value: URIRef) -> float:
    return 0.0


def _value_key(
    rank: Callable[[URIRef, URIRef], float], feature: URIRef, value: Value
) -> tuple[float, str]:
    return (rank(feature, value.iri), value.label.casefold())


def read_features(
    graph: Graph, rank: Callable[[URIRef, URIRef], float] | None = None
) -> tuple[Feature, ...]:
    """The feature properties of ``graph`` in question order; values by ``rank(feature,
    value)`` (smaller first), then label."""
    value_classes = set(graph.transitive_subjects(RDFS.subClassOf, COPRO.FeatureValue))
    found = []
    for prop in set(graph.subjects(RDFS.domain, COPRO.EngagementActivity)):
        ranges = set(graph.objects(prop, RDFS.range)) & value_classes
        if not isinstance(prop, URIRef) or not ranges:
            continue
        iris = sorted(
            {v for r in ranges for v in graph.subjects(RDF.type, r) if isinstance(v, URIRef)}
        )
        prefix = _common_prefix([local_name(v) for v in iris])
        values = [
            Value(
                v,
                local_name(v)[len(prefix) :],
                label(graph, v),
                text_of(graph, v, COPRO.glossaryText),
            )
            for v in iris
        ]
        order = _int(graph, prop, COPRO.questionOrder)
        found.append(
            Feature(
                iri=prop,
                label=label(graph, prop),
                option=_kebab(local_name(prop)),
                question=text_of(graph, prop, COPRO.question) or label(graph, prop),
                hint=text_of(graph, prop, SKOS.scopeNote) or None,
                functional=(prop, RDF.type, OWL.FunctionalProperty) in graph,
                order=float(order) if order is not None else float("inf"),
                values=tuple(sorted(values, key=partial(_value_key, rank or _no_rank, prop))),
            )
        )
    return tuple(sorted(found, key=lambda f: (f.order, str(f.iri))))


def find_feature(features: Sequence[Feature], name: str) -> Feature:
    """A feature by option (``who-decides``), local name, IRI or label.

    Raises:
        InputError: no such feature (with a did-you-mean hint).
    """
    wanted = name.strip().casefold()
    for f in features:
        if wanted in {
            f.option,
            local_name(f.iri).casefold(),
            str(f.iri).casefold(),
            f.label.casefold(),
        }:
            return f
    close = difflib.get_close_matches(wanted, [f.option for f in features], n=1)
    raise InputError(
        f"{name.strip()!r} is not a feature of engagement activities",
        hint=(f"did you mean {close[0]}? " if close else "")
        + "use one of: "
        + ", ".join(f.option for f in features),
    )
