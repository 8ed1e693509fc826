"""The prefixes predeclared in every query, as plain IRI strings.

:data:`copro_kg.namespace.PREFIXES` (rdflib namespaces, bound on every graph copro-kg
returns) is built from this table. It lives apart, without rdflib, because the warm query
path (:mod:`copro_kg.sparql.warm`) hands the prefixes to Oxigraph and must not pay for
importing rdflib.

>>> PREFIX_IRIS["skos"]
'http://www.w3.org/2004/02/skos/core#'
"""

from __future__ import annotations

__all__ = ["BASE", "PREFIX_IRIS"]

BASE = "https://w3id.org/copro-kg/"
"""The IRI every copro-kg term starts with."""

PREFIX_IRIS: dict[str, str] = {
    "copro": BASE,
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
"""Prefix -> namespace IRI: the W3C vocabularies' own namespace IRIs, and ISO 25964's."""
