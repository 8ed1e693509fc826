"""Exports for taxonomy tools and ontology editors: SKOS, OWL and full profiles in every
RDF format, CSV, checksums, and the pyLODE documentation. Export never reasons: it takes
a reasoning result when inferred triples are asked for.

* :mod:`~copro_kg.export.skos`, :mod:`~copro_kg.export.owl`: the two tool profiles;
* :mod:`~copro_kg.export.profiles`: the profiles by name and the ``full`` profile;
* :mod:`~copro_kg.export.csv`: one row per concept;
* :mod:`~copro_kg.export.sssom`: the mapping set as SSSOM TSV;
* :mod:`~copro_kg.export.bundle`: formats, every file at once, ``SHA256SUMS``;
* :mod:`~copro_kg.export.docs`: HTML documentation with pyLODE.
"""

from copro_kg.export.bundle import FORMATS, check_format, export_all, serialize_export
from copro_kg.export.csv import CSV_HEADER, CSV_SEPARATOR, ConceptRow, concept_rows
from copro_kg.export.profiles import (
    MAIN_SCHEME,
    PROFILES,
    SCHEMA,
    build_profile,
    check_profile,
    full_profile,
    owl_profile,
    skos_profile,
)
from copro_kg.export.sssom import mapping_rows, sssom_tsv

__all__ = [
    "CSV_HEADER",
    "CSV_SEPARATOR",
    "FORMATS",
    "MAIN_SCHEME",
    "PROFILES",
    "SCHEMA",
    "ConceptRow",
    "build_profile",
    "check_format",
    "check_profile",
    "concept_rows",
    "export_all",
    "full_profile",
    "mapping_rows",
    "owl_profile",
    "serialize_export",
    "skos_profile",
    "sssom_tsv",
]
