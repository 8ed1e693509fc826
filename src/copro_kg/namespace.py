"""The namespaces copro_kg uses, and the prefixes bound on every graph it makes.

``COPRO`` is the project's own namespace (readable kebab-case slugs for concepts,
``UpperCamelCase`` for classes, ``lowerCamelCase`` for properties; see
``ontology/README.md``). ``ISOTHES`` is the ISO 25964 SKOS extension.
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

__all__ = ["BASE", "COPRO", "ISOTHES", "PREFIXES", "bind_prefixes"]

BASE = "https://w3id.org/copro-kg/"
"""The IRI every copro-kg term starts with."""

COPRO = Namespace(BASE)
ISOTHES = Namespace("http://purl.org/iso25964/skos-thes#")

PREFIXES: dict[str, Namespace] = {
    "copro": COPRO,
    "dcterms": Namespace(str(DCTERMS)),
    "iso-thes": ISOTHES,
    "owl": Namespace(str(OWL)),
    "prov": Namespace(str(PROV)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "sh": Namespace(str(SH)),
    "skos": Namespace(str(SKOS)),
    "xsd": Namespace(str(XSD)),
}
"""Prefixes predeclared in queries and bound on every graph copro_kg returns."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`PREFIXES` on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
