"""The prefixes predeclared in every query, as plain IRI strings.

:data:`copro_kg.namespace.PREFIXES` (rdflib namespaces, bound on every graph copro-kg
returns) is built from this table. It lives apart, without rdflib, because the warm query
path (:mod:`copro_kg.sparql.warm`) hands the prefixes to Oxigraph and must not pay for
importing rdflib.

>>> PREFIX_IRIS["skos"]
'http://www.w3.org/2004/02/skos/core#'
"""

from __future__ import annotations

__all__ = ["BASE", "MAPPED_BASE", "MAPPED_MODELS", "PREFIX_IRIS"]

BASE = "https://w3id.org/copro-kg/"
"""The IRI every copro-kg term starts with."""

MAPPED_BASE = BASE + "mapped/"
"""Where the models copro-kg maps the glossary to get their own URI spaces: none of them
publishes IRIs of its own, so we mint them, one space per model, outside the glossary's
terms (Skosmos's ``void:uriSpace``; docs/taxonomy-tools.md)."""

MAPPED_MODELS: dict[str, str] = {
    "arnstein": MAPPED_BASE + "arnstein/",
    "iap2": MAPPED_BASE + "iap2/",
    "tlap": MAPPED_BASE + "tlap/",
}
"""Prefix -> URI space of each model we map to: Arnstein's ladder, the IAP2 Spectrum and
TLAP's ladder (``ontology/mappings.ttl``)."""

PREFIX_IRIS: dict[str, str] = {
    "copro": BASE,
    **MAPPED_MODELS,
    "dcterms": "http://purl.org/dc/terms/",
    "iso-thes": "http://purl.org/iso25964/skos-thes#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "schema": "https://schema.org/",
    "sssom": "https://w3id.org/sssom/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefix -> namespace IRI: ours, the models' we map to, the W3C vocabularies' own namespace
IRIs, and ISO 25964's."""
