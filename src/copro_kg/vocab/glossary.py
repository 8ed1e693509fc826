"""The glossary's concepts as plain records, read from a graph in one place.

Every face shows the same facts about a concept -- its names in English and Welsh, its
definition and where the glossary gives it, its place on the spectrum or in the
co-production cycle, its broader and narrower terms, examples and quotes. They are read
here, by the ontology's contract (``ontology/README.md``), so the site, the CSV export, the
graphs and ``copro-kg stats`` cannot drift apart in what they call a label or a definition.

Names follow :mod:`copro_kg.vocab.labels` (one rule for language and ties). Broader and
narrower are the glossary's own links (``skos:broader`` / ``skos:narrower`` to a concept of
the same scheme), never the mappings to other models (``skos:broadMatch`` is a kind of
``skos:broader`` in SKOS, so a closure holds both).

>>> from copro_kg import load
>>> records = {c.slug: c for c in glossary_concepts(load())}
>>> records["involvement"].label, records["involvement"].label_cy
('Involvement', 'Ymgyfraniad')
>>> records["co-production"].group == records["involvement"].group == COPRO["doing-with"]
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Node

from copro_kg.namespace import COPRO
from copro_kg.vocab.labels import label, label_in, local_name

__all__ = ["GLOSSARY", "Concept", "concept", "concepts", "glossary_concepts", "texts"]

GLOSSARY = COPRO["glossary"]
"""The glossary's own concept scheme (other schemes are the models we map to)."""


@dataclass(frozen=True)
class Concept:
    """What the glossary (and copro-kg's additions) say about one concept."""

    iri: URIRef
    slug: str
    """The IRI's local name (``co-design``)."""
    label: str
    """The name to show (:func:`copro_kg.vocab.labels.label`, English)."""
    pref_label: str | None
    """The English ``skos:prefLabel`` as written, or None."""
    label_cy: str | None
    """The Welsh ``skos:prefLabel`` (copro-kg's, sourced in its editorial note), or None."""
    alt_labels: tuple[str, ...]
    alt_labels_cy: tuple[str, ...]
    definitions: tuple[str, ...]
    """``skos:definition`` in English: the glossary's words (the statute's for ways of working)."""
    scope_notes: tuple[str, ...]
    source: Node | None
    """``dcterms:source``: the page (an IRI) or citation (a literal) the definition is from."""
    section: str | None
    """``copro:glossarySection``: the glossary heading the term is defined under."""
    group: URIRef | None
    """``copro:inGroup``: doing to, doing for or doing with."""
    position: int | None
    """``copro:spectrumPosition``: the place on the spectrum, from coercion upwards."""
    phase: int | None
    """``copro:phaseNumber`` of a phase of the co-production cycle."""
    next_phase: URIRef | None
    broader: tuple[URIRef, ...]
    narrower: tuple[URIRef, ...]
    examples: tuple[str, ...]
    quotes: tuple[str, ...]
    types: frozenset[URIRef]
    schemes: tuple[URIRef, ...]

    @property
    def in_glossary(self) -> bool:
        """True for the glossary's own terms (not a step of a ladder we map to)."""
        return GLOSSARY in self.schemes

    @property
    def definition(self) -> str | None:
        """The definition (the first, if a user's data gives several)."""
        return self.definitions[0] if self.definitions else None


def texts(graph: Graph, node: Node, prop: URIRef, lang: str = "en") -> tuple[str, ...]:
    """The values of ``prop`` on ``node`` in ``lang`` (English: untagged too), sorted.

    >>> from rdflib import URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:x"), SKOS.example, Literal("b", lang="en")))
    >>> _ = g.add((URIRef("urn:x"), SKOS.example, Literal("a")))
    >>> texts(g, URIRef("urn:x"), SKOS.example)
    ('a', 'b')
    """
    found = {
        str(v)
        for v in graph.objects(node, prop)
        if isinstance(v, Literal) and (v.language == lang or (lang == "en" and not v.language))
    }
    return tuple(sorted(found))


def _first_int(graph: Graph, node: Node, prop: URIRef) -> int | None:
    for value in sorted(graph.objects(node, prop), key=str):
        if isinstance(value, Literal) and isinstance(value.toPython(), int):
            return int(value.toPython())
    return None


def _first_iri(graph: Graph, node: Node, prop: URIRef) -> URIRef | None:
    return min((v for v in graph.objects(node, prop) if isinstance(v, URIRef)), default=None)


def concept(graph: Graph, iri: URIRef) -> Concept:
    """The record of ``iri`` as ``graph`` describes it (asserted triples or a closure)."""
    schemes = tuple(sorted(s for s in graph.objects(iri, SKOS.inScheme) if isinstance(s, URIRef)))

    def same_scheme(prop: URIRef) -> tuple[URIRef, ...]:
        return tuple(
            sorted(
                t
                for t in set(graph.objects(iri, prop))
                if isinstance(t, URIRef)
                and t != iri
                and any((t, SKOS.inScheme, s) in graph for s in schemes)
            )
        )

    source = next(iter(sorted(graph.objects(iri, DCTERMS.source), key=str)), None)
    section = texts(graph, iri, COPRO.glossarySection)
    return Concept(
        iri=iri,
        slug=local_name(iri),
        label=label(graph, iri),
        pref_label=label_in(graph, iri) if (iri, SKOS.prefLabel, None) in graph else None,
        label_cy=label_in(graph, iri, "cy"),
        alt_labels=texts(graph, iri, SKOS.altLabel),
        alt_labels_cy=texts(graph, iri, SKOS.altLabel, "cy"),
        definitions=texts(graph, iri, SKOS.definition),
        scope_notes=texts(graph, iri, SKOS.scopeNote),
        source=source,
        section="; ".join(section) if section else None,
        group=_first_iri(graph, iri, COPRO.inGroup),
        position=_first_int(graph, iri, COPRO.spectrumPosition),
        phase=_first_int(graph, iri, COPRO.phaseNumber),
        next_phase=_first_iri(graph, iri, COPRO.nextPhase),
        broader=same_scheme(SKOS.broader),
        narrower=same_scheme(SKOS.narrower),
        examples=texts(graph, iri, SKOS.example),
        quotes=texts(graph, iri, COPRO.quote),
        types=frozenset(t for t in graph.objects(iri, RDF.type) if isinstance(t, URIRef)),
        schemes=schemes,
    )


def concepts(graph: Graph, scheme: URIRef | None = None) -> list[Concept]:
    """Every SKOS concept of ``graph`` (typed ``skos:Concept`` or in a scheme), by IRI;
    with ``scheme``, only that scheme's."""
    found: Iterable[Node]
    if scheme is not None:
        found = graph.subjects(SKOS.inScheme, scheme)
    else:
        found = {*graph.subjects(RDF.type, SKOS.Concept), *graph.subjects(SKOS.inScheme, None)}
    return [concept(graph, c) for c in sorted({c for c in found if isinstance(c, URIRef)})]


def glossary_concepts(graph: Graph) -> list[Concept]:
    """The glossary's own concepts (``skos:inScheme copro:glossary``), by IRI."""
    return concepts(graph, GLOSSARY)
