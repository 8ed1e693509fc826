"""The format registry: one table, every old name still accepted, W3C media types."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from copro_kg import formats
from copro_kg.errors import InputError

from .conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "copro_kg"

# Every name a command or module accepted before the registry, and what it meant.
OLD_NAMES = [
    ("xml", "graph", "xml"),
    ("rdfxml", "graph", "xml"),
    ("rdf/xml", "graph", "xml"),
    ("turtle", "graph", "turtle"),
    ("ttl", "graph", "turtle"),
    ("json-ld", "graph", "json-ld"),
    ("jsonld", "graph", "json-ld"),
    ("nt", "graph", "nt"),
    ("ntriples", "graph", "nt"),
    ("n3", "graph", "n3"),
    ("trig", "graph", "trig"),
    ("nquads", "graph", "nquads"),
    ("table", "table", "table"),
    ("csv", "table", "csv"),
    ("tsv", "table", "tsv"),
    ("json", "table", "json"),
    ("xml", "table", "xml"),
    ("html", "drawing", "html"),
    ("graphml", "drawing", "graphml"),
    ("gexf", "drawing", "gexf"),
]


@pytest.mark.parametrize("name, kind, canonical", OLD_NAMES)
def test_every_old_name_still_works(name: str, kind: formats.Kind, canonical: str) -> None:
    assert formats.get(name, kind).name == canonical
    assert formats.get(name.upper(), kind).name == canonical


# Suffix tables as they were before the registry (io.atomic.FORMAT_BY_SUFFIX and the
# CLI's): each old suffix must still name the same format.
OLD_RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}


@pytest.mark.parametrize("suffix, name", OLD_RDF_SUFFIXES.items())
def test_every_old_rdf_suffix_names_the_same_format(suffix: str, name: str) -> None:
    assert formats.format_for_path(f"file{suffix}") == name
    assert formats.format_for_path(f"FILE{suffix.upper()}") == name


def test_query_suffixes_prefer_sparql_results_for_json_and_xml() -> None:
    # The old cli/query table: .json and .xml are SPARQL results, .rdf is RDF/XML.
    table = formats.short_by_suffix(("table", "graph"))
    assert (table[".json"], table[".srj"], table[".xml"], table[".srx"]) == (
        "json",
        "json",
        "xml",
        "xml",
    )
    assert (table[".txt"], table[".ttl"], table[".jsonld"], table[".rdf"]) == (
        "table",
        "ttl",
        "jsonld",
        "xml",
    )


def test_media_types_are_the_registered_ones() -> None:
    """Media types as the W3C specs register them: RDF 1.1 Turtle (text/turtle),
    N-Triples (application/n-triples), JSON-LD 1.1 (application/ld+json), RDF/XML
    (application/rdf+xml), SPARQL 1.1 Query Results JSON / XML
    (application/sparql-results+json / +xml), CSV/TSV (text/csv, text/tab-separated-values)."""
    expected = {
        ("ttl", "graph"): "text/turtle",
        ("nt", "graph"): "application/n-triples",
        ("jsonld", "graph"): "application/ld+json",
        ("xml", "graph"): "application/rdf+xml",
        ("json", "table"): "application/sparql-results+json",
        ("xml", "table"): "application/sparql-results+xml",
        ("csv", "table"): "text/csv",
        ("tsv", "table"): "text/tab-separated-values",
    }
    for (name, kind), media in expected.items():
        fmt = formats.get(name, kind)
        assert fmt.media_type == media
        assert formats.for_media_type(media, kind) == fmt


def test_unknown_name_suggests_and_lists() -> None:
    with pytest.raises(InputError) as caught:
        formats.get("jsnld")
    assert "did you mean" in (caught.value.hint or "")
    assert "jsonld" in (caught.value.hint or "")


def test_unknown_suffix_is_an_input_error_with_the_path() -> None:
    with pytest.raises(InputError, match="cannot tell the RDF format") as caught:
        formats.format_for_path("notes.docx")
    assert caught.value.location == "notes.docx"


def test_other_rdflib_formats_pass_through_an_explicit_name() -> None:
    assert formats.format_for_path("x.out", "trix") == "trix"
    with pytest.raises(InputError):
        formats.format_for_path("x.out", "no-such-syntax")


# Facts that belong to the registry: a registered media type (``text/plain`` aside: it is
# also just plain text) as a string constant anywhere in the package's code, or a format's
# file suffix inside a dict, list, tuple or set display (a table), means a second table
# has grown back. Prose (docstrings) and file names built in f-strings are fine.
_SUFFIXES = {s for f in formats.FORMATS for s in f.suffixes}
_MEDIA = {m for f in formats.FORMATS for m in f.media_types if m != "text/plain"}
_TABLES = (ast.Dict, ast.List, ast.Tuple, ast.Set)


def _table_facts(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_tables = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, _TABLES)
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        value = node.value.strip().lower()
        if value.split(";")[0].strip() in _MEDIA or (value in _SUFFIXES and id(node) in in_tables):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    return found


def test_there_is_one_format_table() -> None:
    offenders = [
        fact
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "formats.py"
        for fact in _table_facts(path)
    ]
    assert offenders == []
