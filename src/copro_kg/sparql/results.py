"""Writing query results: the W3C result formats exactly, plus a table for people.

* ``json`` -- SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/);
* ``csv`` and ``tsv`` -- SPARQL 1.1 Query Results CSV and TSV Formats
  (https://www.w3.org/TR/sparql11-results-csv-tsv/): CSV is lossy (plain strings, CRLF
  line ends, RFC 4180 quoting); TSV keeps every term in SPARQL/Turtle syntax;
* ``xml`` -- SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/);
* ``table`` -- aligned columns for a terminal, CURIEs with each term's label beside it,
  wrapped to the terminal's width.

:func:`with_labels` adds a label column beside each column of IRIs (``--labels``) to any
SELECT answer, so the W3C formats carry labels too.

CONSTRUCT and DESCRIBE answers are RDF graphs and go out as Turtle, N-Triples, JSON-LD
or RDF/XML. Every format is deterministic: rows keep the query's ORDER BY, graphs are
written in sorted order, so outputs can be diffed and checked into tests.

>>> from rdflib import Literal, URIRef
>>> from copro_kg.sparql.run import QueryResult
>>> term = URIRef("https://w3id.org/copro-kg/co-design")
>>> r = QueryResult("SELECT", ("term", "label"), ((term, Literal("co-design", lang="en")),))
>>> format_result(r, "tsv").splitlines()[1].split(chr(9))
['<https://w3id.org/copro-kg/co-design>', '"co-design"@en']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from copro_kg import formats
from copro_kg.errors import QueryError
from copro_kg.io.serialize import serialize_text
from copro_kg.sparql.run import QueryResult
from copro_kg.sparql.table import curie, label_term, labels_for, to_table, with_labels

__all__ = [
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "TABLE_FORMATS",
    "curie",
    "format_result",
    "label_term",
    "labels_for",
    "serialize_graph_text",
    "to_csv",
    "to_json",
    "to_table",
    "to_tsv",
    "to_xml",
    "tsv_term",
    "with_labels",
]

TABLE_FORMATS = formats.names("table")
"""Formats for SELECT and ASK answers (from :mod:`copro_kg.formats`)."""

GRAPH_FORMATS: dict[str, str] = {
    n: formats.get(n).name for n in formats.names("graph", written=True)
}
"""Formats for CONSTRUCT and DESCRIBE answers -> rdflib serializer names."""

MEDIA_TYPES: dict[str, str] = {
    **{n: formats.get(n, "table").content_type for n in TABLE_FORMATS},
    **{("rdfxml" if n == "xml" else n): formats.get(n).content_type for n in GRAPH_FORMATS},
}
"""The media type of each output (RDF/XML keyed ``rdfxml``), from :mod:`copro_kg.formats`."""

_XSD = "http://www.w3.org/2001/XMLSchema#"


def format_result(
    result: QueryResult,
    fmt: str,
    *,
    labels: Mapping[Node, str] | None = None,
    width: int | None = None,
) -> str:
    """``result`` written in ``fmt`` (one of :data:`TABLE_FORMATS` or :data:`GRAPH_FORMATS`).

    ``labels`` and ``width`` (the terminal's) apply to the ``table`` format only.

    Raises:
        QueryError: ``fmt`` does not fit the query form (CSV for a CONSTRUCT, Turtle for
            a SELECT, CSV/TSV for an ASK, which those formats do not define).
    """
    if result.is_graph:
        if fmt == "table":
            fmt = "ttl"
        if fmt not in GRAPH_FORMATS:
            raise QueryError(
                f"a {result.form} query returns a graph, which cannot be written as {fmt}",
                hint=f"use --format {' or '.join(GRAPH_FORMATS)}",
            )
        return serialize_graph_text(result.graph(), fmt)
    if fmt == "json":
        return to_json(result)
    if fmt == "xml":
        return to_xml(result)
    if fmt == "table":
        return to_table(result, labels=labels, width=width)
    if fmt in {"csv", "tsv"}:
        if result.form == "ASK":
            raise QueryError(
                f"the SPARQL {fmt.upper()} results format does not cover ASK queries",
                hint="use --format json, xml or table",
            )
        return to_csv(result) if fmt == "csv" else to_tsv(result)
    raise QueryError(
        f"a {result.form} query returns a table, which cannot be written as {fmt}",
        hint=f"use --format {', '.join(TABLE_FORMATS)}",
    )


# --- JSON -----------------------------------------------------------------------------


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise QueryError(f"cannot write {term!r} in a result")


def to_json(result: QueryResult) -> str:
    """The SPARQL 1.1 Query Results JSON Format (section 3: ``head``, ``results``/``boolean``).

    Unbound variables are left out of a solution, as section 3.2.1 says.
    """
    doc: dict[str, Any]
    if result.form == "ASK":
        doc = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {
                name: _json_term(term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# --- CSV and TSV ----------------------------------------------------------------------


def _csv_field(term: Node | None) -> str:
    # CSV section 2: IRIs and literals as plain strings, blank nodes as _:label, unbound empty.
    if term is None:
        return ""
    text = f"_:{term}" if isinstance(term, BNode) else str(term)
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv(result: QueryResult) -> str:
    """The SPARQL 1.1 CSV results format: RFC 4180, CRLF line ends, header of names.

    >>> from rdflib import Literal
    >>> to_csv(QueryResult("SELECT", ("x",), ((Literal('say "hi", then go'),),)))
    'x\\r\\n"say ""hi"", then go"\\r\\n'
    """
    lines = [",".join(_csv_field(Literal(n)) for n in result.variables)]
    lines += [",".join(_csv_field(term) for term in row) for row in result.rows]
    return "".join(line + "\r\n" for line in lines)


_TSV_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def tsv_term(term: Node | None) -> str:
    """One RDF term in TSV: Turtle/SPARQL syntax, with tab, LF and CR escaped.

    >>> from rdflib import Literal, URIRef
    >>> tsv_term(Literal("a\\tb", lang="cy")), tsv_term(URIRef("https://example.org/x"))
    ('"a\\\\tb"@cy', '<https://example.org/x>')
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        body = '"' + "".join(_TSV_ESCAPES.get(ch, ch) for ch in str(term)) + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD + "string":
            return f"{body}^^<{term.datatype}>"
        return body
    raise QueryError(f"cannot write {term!r} in a result")


def to_tsv(result: QueryResult) -> str:
    """The SPARQL 1.1 TSV results format: ``?name`` headers, terms in SPARQL syntax, LF ends.

    Numbers are written in full (``"1"^^<...#integer>``), which the format allows; the
    abbreviated form is optional (section 3.2).
    """
    lines = ["\t".join(f"?{n}" for n in result.variables)]
    lines += ["\t".join(tsv_term(term) for term in row) for row in result.rows]
    return "".join(line + "\n" for line in lines)


# --- XML ------------------------------------------------------------------------------


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    if isinstance(term, Literal):
        attr = ""
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype is not None:
            attr = f" datatype={quoteattr(str(term.datatype))}"
        return f"<literal{attr}>{xml_escape(str(term))}</literal>"
    raise QueryError(f"cannot write {term!r} in a result")


def to_xml(result: QueryResult) -> str:
    """The SPARQL Query Results XML Format: ``<head>`` then ``<results>`` or ``<boolean>``."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if result.form == "ASK":
        out += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("  <head>")
        out += [f"    <variable name={quoteattr(n)}/>" for n in result.variables]
        out += ["  </head>", "  <results>"]
        for row in result.rows:
            out.append("    <result>")
            for name, term in zip(result.variables, row, strict=True):
                if term is not None:
                    out.append(f"      <binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


# --- graphs ---------------------------------------------------------------------------


def serialize_graph_text(graph: Graph, fmt: str) -> str:
    """A CONSTRUCT/DESCRIBE graph as text in ``fmt`` (ttl, nt, jsonld, xml), deterministically.

    Written by the one RDF writer, :func:`copro_kg.io.serialize.serialize_text`.
    """
    return serialize_text(graph, GRAPH_FORMATS[fmt])
