"""The CSV export: one row per ``skos:Concept``, for spreadsheets and CSV importers.

Columns ``iri, prefLabel, altLabels, broader, definition, scopeNote``; texts in one
language (English); several values in a cell joined with `` | ``; RFC 4180 quoting and
line ends; UTF-8 with a byte-order mark so spreadsheet programs read Welsh accents.
Only a graph with concepts (the ``skos`` and ``full`` profiles) has rows to write.

>>> from rdflib import Graph
>>> concept_csv(Graph()).decode("utf-8-sig").strip()
'iri,prefLabel,altLabels,broader,definition,scopeNote'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

__all__ = ["CSV_HEADER", "CSV_SEPARATOR", "ConceptRow", "concept_csv", "concept_rows"]

CSV_HEADER = ("iri", "prefLabel", "altLabels", "broader", "definition", "scopeNote")
"""CSV columns; several values in a cell are separated by :data:`CSV_SEPARATOR`."""
CSV_SEPARATOR = " | "


@dataclass(frozen=True)
class ConceptRow:
    """One CSV row: a concept and what spreadsheet imports expect of it."""

    iri: str
    pref_label: str
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]
    definition: str
    scope_note: str


def concept_rows(graph: Graph, *, language: str = "en") -> list[ConceptRow]:
    """One row per ``skos:Concept`` in ``graph`` (sorted by IRI), texts in ``language``.

    Meant for the ``skos`` profile graph, where broader links are already written as
    ``skos:broader`` (the iso-thes and copro sub-properties included).
    """

    def texts(subject: Node, prop: URIRef) -> list[str]:
        values = [o for o in graph.objects(subject, prop) if isinstance(o, Literal)]
        tagged = [str(v) for v in values if v.language == language]
        return sorted(tagged or [str(v) for v in values if not v.language])

    rows = []
    for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        rows.append(
            ConceptRow(
                iri=str(concept),
                pref_label=CSV_SEPARATOR.join(texts(concept, SKOS.prefLabel)),
                alt_labels=tuple(texts(concept, SKOS.altLabel)),
                broader=tuple(sorted(str(b) for b in graph.objects(concept, SKOS.broader))),
                definition=CSV_SEPARATOR.join(texts(concept, SKOS.definition)),
                scope_note=CSV_SEPARATOR.join(texts(concept, SKOS.scopeNote)),
            )
        )
    return rows


def concept_csv(graph: Graph) -> bytes:
    """The concepts of ``graph`` as CSV bytes (header row first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_HEADER)
    for row in concept_rows(graph):
        writer.writerow(
            [
                row.iri,
                row.pref_label,
                CSV_SEPARATOR.join(row.alt_labels),
                CSV_SEPARATOR.join(row.broader),
                row.definition,
                row.scope_note,
            ]
        )
    # A UTF-8 byte order mark, so spreadsheet programs read Welsh accents correctly.
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
