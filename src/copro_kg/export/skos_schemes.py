"""Which concept schemes the ``skos`` profile exports, and what it says about them.

The glossary's scheme comes first and carries the ontology header's metadata where it
has none of its own (title, description, language, version ...), but never the header's
licence: the header's MIT licence is copro-kg's, for its code and structure, while the
scheme's text is the Co-production Network for Wales' (``dcterms:rights`` says so).
Other schemes of ours (``copro:glossary-deprecated``) and every scheme of the user's
(``--data``) are exported as they are: a user's scheme keeps its own description and is
never given ours. The agents a scheme names (``dcterms:creator``, ``publisher``) are
described as ``schema:Organization``s with name and URL (VocPub 2.1.6, 2.4), and every
``dcterms:source`` IRI of our resources is restated as ``prov:wasDerivedFrom`` (VocPub
2.1.7/2.2.2/2.3.4 accept the source as an origin only as a literal; the DCMI and PROV
properties say the same of a derived resource).

>>> from copro_kg import load
>>> [str(s).rsplit("/", 1)[-1] for s in exported_schemes(load(), MAIN_SCHEME)]
['glossary', 'glossary-deprecated']
"""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS
from rdflib.term import Node

from copro_kg.export.common import MAIN_SCHEME, SCHEMA, root_ontologies
from copro_kg.export.skos_mappings import model_schemes
from copro_kg.namespace import BASE

__all__ = ["PROV", "describe_schemes", "exported_schemes"]

PROV = Namespace("http://www.w3.org/ns/prov#")

# Ontology-header metadata copied onto the main scheme when the scheme lacks it, so its
# "about" page (Skosmos, PoolParty) shows what the ontology says. The licence only to a
# scheme that states no rights of its own (ours does: the text is not ours to license).
_SCHEME_METADATA = (
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.creator,
    DCTERMS.contributor,
    DCTERMS.publisher,
    DCTERMS.rights,
    DCTERMS.created,
    DCTERMS.modified,
    DCTERMS.issued,
    DCTERMS.source,
    DCTERMS.language,
    DCTERMS.bibliographicCitation,
)
_AGENT_PROPERTIES = (DCTERMS.creator, DCTERMS.publisher, DCTERMS.contributor)
_AGENT_DESCRIPTION = (SCHEMA.name, SCHEMA.url)


def exported_schemes(graph: Graph, scheme: URIRef = MAIN_SCHEME) -> list[Node]:
    """``scheme`` first, then every other scheme in ``graph`` but the models we only map
    to (:func:`~copro_kg.export.skos_mappings.model_schemes`), by IRI."""
    others = set(graph.subjects(RDF.type, SKOS.ConceptScheme)) - {scheme}
    others -= model_schemes(graph, scheme)
    return [scheme, *sorted(others, key=str)]


def describe_schemes(graph: Graph, out: Graph, schemes: list[Node]) -> None:
    """Metadata of each exported scheme, its agents and origins (module docstring)."""
    main = schemes[0]
    for header in root_ontologies(graph):
        for prop in _SCHEME_METADATA:
            if (main, prop, None) not in out:
                for value in graph.objects(header, prop):
                    out.add((main, prop, value))
        if (main, DCTERMS.license, None) not in out and (main, DCTERMS.rights, None) not in out:
            for value in graph.objects(header, DCTERMS.license):
                out.add((main, DCTERMS.license, value))
        if (main, SCHEMA.version, None) not in out:
            # A plain version string (dcterms:hasVersion would name another resource).
            for value in graph.objects(header, OWL.versionInfo):
                out.add((main, SCHEMA.version, value))
    for scheme in schemes:
        _title_and_label(out, scheme)
    for prop in _AGENT_PROPERTIES:
        for agent in set(out.objects(None, prop)):
            if isinstance(agent, URIRef) and (agent, RDF.type, SCHEMA.Organization) in graph:
                out.add((agent, RDF.type, SCHEMA.Organization))
                for key in _AGENT_DESCRIPTION:
                    for value in graph.objects(agent, key):
                        out.add((agent, key, value))
    for subject, source in list(out.subject_objects(DCTERMS.source)):
        ours = str(subject).startswith(BASE)  # a user's resources are left as written
        if ours and isinstance(source, URIRef) and (subject, RDF.type, None) in out:
            out.add((subject, PROV.wasDerivedFrom, source))


def _title_and_label(out: Graph, scheme: Node) -> None:
    """PoolParty needs ``dcterms:title``; Skosify and Skosmos read ``skos:prefLabel``."""
    titles = {_lang(v): v for v in out.objects(scheme, DCTERMS.title) if _tagged(v)}
    labels = {_lang(v): v for v in out.objects(scheme, SKOS.prefLabel) if _tagged(v)}
    for lang, title in titles.items():
        if lang not in labels:
            out.add((scheme, SKOS.prefLabel, title))
    for lang, label in labels.items():
        if lang not in titles:
            out.add((scheme, DCTERMS.title, label))


def _lang(value: Node) -> str | None:
    return value.language if isinstance(value, Literal) else None


def _tagged(value: Node) -> bool:
    return isinstance(value, Literal) and bool(value.language)
