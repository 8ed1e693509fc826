"""Reading RDF: every syntax by extension, and one located ``error:`` line for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

import copro_kg
from copro_kg.errors import InputError, LimitError

from .conftest import DATA_DIR, RunCli, lines

EX = "http://example.org/"
TRIPLE = (URIRef(EX + "a"), URIRef(EX + "b"), Literal("c", lang="en"))


@pytest.mark.parametrize(
    "fmt, suffix",
    [
        ("turtle", ".ttl"),
        ("xml", ".rdf"),
        ("json-ld", ".jsonld"),
        ("nt", ".nt"),
    ],
)
def test_user_file_is_added_in_each_syntax(tmp_path: Path, fmt: str, suffix: str) -> None:
    source = Graph()
    source.add(TRIPLE)
    path = tmp_path / f"mine{suffix}"
    path.write_bytes(source.serialize(format=fmt, encoding="utf-8"))
    graph = copro_kg.load([path])
    assert TRIPLE in graph
    assert len(graph) == len(copro_kg.load()) + 1


def test_input_format_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "mine.data"
    path.write_text(f'<{EX}a> <{EX}b> "c"@en .\n', encoding="utf-8")
    assert TRIPLE in copro_kg.load([path], input_format="nt")


@pytest.mark.parametrize(
    "name, location, words",
    [
        ("missing-object.ttl", "missing-object.ttl:3:6", "invalid Turtle"),
        ("unterminated-literal.nt", "unterminated-literal.nt:2:1", "invalid N-Triples"),
        ("mismatched-tag.rdf", "mismatched-tag.rdf:4:", "invalid RDF/XML"),
        ("trailing-comma.jsonld", "trailing-comma.jsonld:4:1", "invalid JSON-LD"),
        ("empty.ttl", "empty.ttl", "the file is empty"),
        ("binary.ttl", "binary.ttl", "binary file"),
        ("unknown-extension.txt", "unknown-extension.txt", "cannot tell the RDF format"),
    ],
    ids=lambda v: v if isinstance(v, str) and "." in v and ":" not in v else "",
)
def test_bad_input_gives_one_located_error_line_and_exit_2(
    run_cli: RunCli, tmp_path: Path, name: str, location: str, words: str
) -> None:
    out = tmp_path / "out.ttl"
    result = run_cli("reason", "--data", str(DATA_DIR / "bad" / name), "-o", str(out))
    assert result.exit_code == 2
    assert len(lines(result.stderr)) == 1, result.stderr
    assert result.stderr.startswith("error: ")
    assert words in result.stderr
    assert location in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_missing_file_is_exit_2_with_one_error_line(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("reason", "--data", str(tmp_path / "nope.ttl"))
    assert result.exit_code == 2
    assert lines(result.stderr) == [
        f"error: file not found ({tmp_path / 'nope.ttl'}) (hint: check the path)"
    ]


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.ttl"
    folder.mkdir()
    with pytest.raises(InputError, match="folder"):
        copro_kg.load([folder])


def test_size_limit_is_enforced(tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_text(f'<{EX}a> <{EX}b> "{"x" * 200}" .\n', encoding="utf-8")
    with pytest.raises(LimitError):
        copro_kg.load([path], max_bytes=100)


def test_shipped_ontology_can_be_left_out(tmp_path: Path) -> None:
    path = tmp_path / "one.nt"
    path.write_text(f'<{EX}a> <{EX}b> "c"@en .\n', encoding="utf-8")
    assert len(copro_kg.load([path], ontology=False)) == 1


def test_stdin_is_read_with_dash(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out.nt"
    result = run_cli(
        "reason",
        "--data",
        "-",
        "--input-format",
        "nt",
        "-o",
        str(out),
        input=f'<{EX}a> <{EX}b> "c"@en .\n',
    )
    assert result.exit_code == 0, result.stderr
    assert TRIPLE in Graph().parse(out, format="nt")
