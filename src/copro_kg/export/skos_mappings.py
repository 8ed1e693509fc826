"""Which mappings the ``skos`` profile carries, and what it says about their targets.

A SKOS tool that applies SKOS (Skosify, which Skosmos recommends) turns mappings into
other statements: ``skos:broadMatch``/``narrowMatch`` are sub-properties of
``skos:broader``/``narrower`` (S41), so a glossary concept would be re-filed under another
ladder's rung; ``skos:relatedMatch`` is a sub-property of ``skos:related``, whose values
SKOS shapes (kos-kit) want typed ``skos:Concept``, and a concept typed in a file is put
into a scheme of that file by Skosify, with its own place in that scheme's hierarchy --
which for another vocabulary's concept we would have to make up. So the profile keeps
the mappings that travel as they are, ``skos:exactMatch`` and ``skos:closeMatch``, stated
both ways (they are symmetric, S44); the others are in the SSSOM mapping set
(:mod:`copro_kg.export.sssom`) and in the ``owl`` and ``full`` profiles, each with its
justification.

Targets of our own modelling (the rungs of Arnstein's and TLAP's ladders and the IAP2
levels, ``ontology/mappings.ttl``, each model in its own URI space under
:data:`~copro_kg.prefixes.MAPPED_BASE`) are described so that tools show their labels: label,
notation, scope note, source and creator, and the scheme that defines them
(``rdfs:isDefinedBy``, with its title, creator and source); so are those that replace a
deprecated concept of ours (the rungs' old IRIs in the glossary's space), so that the
"See:" link of a deprecated concept shows a label. They are not typed
``skos:Concept`` in the glossary's file: typed, they would need their scheme typed and
placed in this file too (Skosify does it otherwise), making one vocabulary file hold
five (VocPub 2.1.2).

>>> sorted(str(p).rsplit("#", 1)[-1] for p in KEPT_MAPPINGS)
['closeMatch', 'exactMatch']
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import BASE

__all__ = [
    "DROPPED_MAPPINGS",
    "KEPT_MAPPINGS",
    "describe_targets",
    "model_schemes",
]

KEPT_MAPPINGS = frozenset({SKOS.exactMatch, SKOS.closeMatch})
"""Mappings the ``skos`` profile states, both ways."""

DROPPED_MAPPINGS = frozenset(
    {SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch, SKOS.mappingRelation}
)
"""Mappings SKOS tools would turn into hierarchy or associative links (S41): in the SSSOM
mapping set and the ``owl``/``full`` profiles, not in ``skos``."""

_ALL_MAPPINGS = KEPT_MAPPINGS | DROPPED_MAPPINGS

_TARGET_PROPERTIES = (
    SKOS.prefLabel,
    SKOS.altLabel,
    SKOS.notation,
    SKOS.scopeNote,
    SKOS.definition,
    DCTERMS.source,
    DCTERMS.creator,
)
_MODEL_SCHEME_PROPERTIES = (
    SKOS.prefLabel,
    DCTERMS.title,
    DCTERMS.creator,
    DCTERMS.source,
    SKOS.editorialNote,
)


def model_schemes(graph: Graph, scheme: URIRef) -> set[Node]:
    """Our schemes of the models we map to: a scheme of ours (not ``scheme``) one of
    whose concepts is the target of a mapping. They are described, not exported."""
    found: set[Node] = set()
    for prop in _ALL_MAPPINGS:
        for target in graph.objects(None, prop):
            for owner in graph.objects(target, SKOS.inScheme):
                if owner != scheme and str(owner).startswith(BASE):
                    found.add(owner)
    return found


def describe_targets(graph: Graph, out: Graph, concepts: set[Node]) -> set[Node]:
    """Describe the mapping targets in our own namespace that are not exported concepts,
    and the concepts of our modelling that replace an exported one; returns them. Targets
    of the mappings the profile leaves out are described too: the SSSOM mapping set names
    them, and a release never drops what an earlier one described (``copro-kg release``)."""
    sources = set(concepts)
    typed = set(graph.subjects(RDF.type, SKOS.Concept))
    targets: set[Node] = {
        o
        for p in _ALL_MAPPINGS
        for s, o in graph.subject_objects(p)
        if s in sources and isinstance(o, URIRef) and str(o).startswith(BASE) and o not in concepts
    }
    targets |= {
        o
        for s, o in graph.subject_objects(DCTERMS.isReplacedBy)
        if s in sources and o in typed and str(o).startswith(BASE) and o not in concepts
    }
    for target in targets:
        for prop in _TARGET_PROPERTIES:
            for value in graph.objects(target, prop):
                out.add((target, prop, value))
        for model in graph.objects(target, SKOS.inScheme):
            out.add((target, RDFS.isDefinedBy, model))
            for prop in _MODEL_SCHEME_PROPERTIES:
                for value in graph.objects(model, prop):
                    out.add((model, prop, value))
            if (target, DCTERMS.creator, None) not in out:
                # Whoever modelled the ladder (copro-kg) modelled its rungs: say so.
                for creator in graph.objects(model, DCTERMS.creator):
                    out.add((target, DCTERMS.creator, creator))
    return targets
