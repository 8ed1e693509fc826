"""Atomic output: a failed write never truncates or replaces the previous file."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from copro_kg.errors import InputError
from copro_kg.formats import format_for_path
from copro_kg.io.atomic import write_atomic
from copro_kg.io.serialize import serialize_graph


def test_failure_midway_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("previous content\n", encoding="utf-8")

    def half_then_fail(fh: object) -> None:
        fh.write(b"half of the new content")  # type: ignore[attr-defined]
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_atomic(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]


def test_unserialisable_graph_leaves_the_old_file(tmp_path: Path) -> None:
    # An IRI with a space parses from N-Triples but cannot be written as RDF/XML
    # predicate; rdflib fails midway, and we must not have touched the target.
    target = tmp_path / "out.rdf"
    target.write_text("old", encoding="utf-8")
    graph = Graph()
    graph.add(
        (URIRef("http://example.org/a"), URIRef("http://example.org/has space"), Literal("x"))
    )
    with pytest.raises(InputError):
        serialize_graph(graph, target)
    assert target.read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("a.ttl", "turtle"),
        ("a.nt", "nt"),
        ("a.rdf", "xml"),
        ("a.owl", "xml"),
        ("a.jsonld", "json-ld"),
    ],
)
def test_format_from_extension(name: str, fmt: str) -> None:
    assert format_for_path(name) == fmt


def test_unknown_extension_needs_an_explicit_format() -> None:
    with pytest.raises(InputError, match="extension"):
        format_for_path("a.docx")
    assert format_for_path("a.docx", "ttl") == "turtle"
