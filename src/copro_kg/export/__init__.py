"""Exports for taxonomy tools and ontology editors: SKOS, OWL and full profiles in every
RDF format, CSV, checksums, and the pyLODE documentation. Export never reasons: it takes
a reasoning result when inferred triples are asked for."""
