"""The bad-input corpus through the CLI: one located ``error:`` line, exit 2, nothing damaged.

Issue 8 ("Bad input gets a clear error, never a traceback or a hang"): each broken input
gives exit 2 (or 1 for findings) and exactly one ``error:`` line naming file, line and
column where they are known, and no output file is written or damaged. Every test
pre-creates the output with known content and checks it is byte-for-byte unchanged.

Positions below were read off the files in ``tests/data/bad/`` by hand (the defect is
where the comment or the file name says), not copied from the tool's output.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .conftest import DATA_DIR, RunCli, lines
from .forked_cli import run_forked

BAD = DATA_DIR / "bad"
SENTINEL = b"# previous output, must survive a failed run\n"


def assert_one_error(result: object, code: int = 2) -> str:
    """The result failed with ``code`` and printed exactly one ``error:`` line."""
    exit_code, stderr = result.exit_code, result.stderr  # type: ignore[attr-defined]
    assert exit_code == code, stderr
    assert "Traceback" not in stderr
    err_lines = lines(stderr)
    assert len(err_lines) == 1, stderr
    assert err_lines[0].startswith("error: ")
    return err_lines[0]


@pytest.fixture
def previous_output(tmp_path: Path) -> Path:
    """An output file that already holds a previous run's result."""
    out = tmp_path / "out.ttl"
    out.write_bytes(SENTINEL)
    return out


# (file, location the error must name, words the message must contain)
CORPUS = [
    # Turtle: line 3 "  x:d ." -- the object of x:d is missing at column 6.
    ("missing-object.ttl", "missing-object.ttl:3:6", "invalid Turtle"),
    # N-Triples: the literal on line 2 is never closed.
    ("unterminated-literal.nt", "unterminated-literal.nt:2:1", "invalid N-Triples"),
    # RDF/XML: </rdf:Descriptio> on line 4 does not close <rdf:Description>.
    ("mismatched-tag.rdf", "mismatched-tag.rdf:4:", "invalid RDF/XML"),
    # JSON-LD: the array on line 3 ends in a comma; the parser notices at line 4, col 1.
    ("trailing-comma.jsonld", "trailing-comma.jsonld:4:1", "invalid JSON-LD"),
    ("empty.ttl", "empty.ttl", "the file is empty"),
    ("binary.ttl", "binary.ttl", "binary file"),
    ("unknown-extension.txt", "unknown-extension.txt", "cannot tell the RDF format"),
    # Byte 0xE9 (Latin-1 "é") on line 2, column 19 is not UTF-8.
    ("not-utf8.ttl", "not-utf8.ttl:2:19", "not valid UTF-8"),
    # Invalid IRIs (RFC 3987 / Turtle IRIREF exclude space and {}): line and column of
    # the IRI text.
    ("iri-with-space.ttl", "iri-with-space.ttl:4:2", "IRI <http://example.org/a b>"),
    ("iri-with-braces.nt", "iri-with-braces.nt:2:", "IRI <http://example.org/{b}>"),
    ("iri-with-space.rdf", "iri-with-space.rdf:4:", "IRI <http://example.org/a b>"),
    # Language tags are BCP 47: "123" is not one (RDF 1.1 Concepts §3.3). The "@" of
    # "@123" is on line 4, column 28 of the Turtle file and line 2, column 64 of the .nt.
    ("numeric-language-tag.ttl", "numeric-language-tag.ttl:4:28", "not a valid language tag"),
    ("numeric-language-tag.nt", "numeric-language-tag.nt:2:64", "not a valid language tag"),
    ("numeric-language-tag.rdf", "numeric-language-tag.rdf:6:", "not a valid language tag"),
    ("numeric-language-tag.jsonld", "numeric-language-tag.jsonld:5:", "not a valid language tag"),
    # XML attacks: refused before anything is expanded or read.
    ("billion-laughs.rdf", "billion-laughs.rdf:6:", "refused the entity 'lol1'"),
    ("xxe-local-file.rdf", "xxe-local-file.rdf:5:", "refused the external entity 'secret'"),
    ("xxe-parameter-entity.rdf", "xxe-parameter-entity.rdf:4:", "refused the external"),
    # JSON-LD contexts outside the data file's folder are never read.
    ("context-outside-folder.jsonld", "context-outside-folder.jsonld", "refused the local"),
    ("context-path-traversal.jsonld", "context-path-traversal.jsonld", "refused the local"),
]


@pytest.mark.parametrize(("name", "location", "words"), CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_file_gives_one_located_error_and_leaves_output_alone(
    run_cli: RunCli, previous_output: Path, name: str, location: str, words: str
) -> None:
    result = run_cli("reason", "--data", str(BAD / name), "-o", str(previous_output))
    line = assert_one_error(result)
    assert words in line
    assert location in line
    assert previous_output.read_bytes() == SENTINEL
    # No temporary file left beside the output either.
    assert sorted(p.name for p in previous_output.parent.iterdir()) == ["out.ttl"]


def test_every_corpus_file_is_tested() -> None:
    """A file added to tests/data/bad/ without a test here fails this test."""
    tested = {name for name, _, _ in CORPUS}
    # Support files: the XXE target and the Protégé control (test_security_xml), the
    # hostile labels (test_security_html).
    support = {"secret.txt", "control-protege-entities.owl", "hostile-labels.ttl"}
    assert {p.name for p in BAD.iterdir() if p.name != "README.md"} == tested | support


def test_missing_file(run_cli: RunCli, previous_output: Path, tmp_path: Path) -> None:
    result = run_cli("reason", "--data", str(tmp_path / "nope.ttl"), "-o", str(previous_output))
    assert "file not found" in assert_one_error(result)
    assert previous_output.read_bytes() == SENTINEL


def test_folder_instead_of_file(run_cli: RunCli, previous_output: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder.ttl"
    folder.mkdir()
    result = run_cli("reason", "--data", str(folder), "-o", str(previous_output))
    assert "folder" in assert_one_error(result)
    assert previous_output.read_bytes() == SENTINEL


@pytest.mark.timeout(30)
def test_fifo_is_refused_instead_of_blocking(
    run_cli: RunCli, previous_output: Path, tmp_path: Path
) -> None:
    """A named pipe with no writer would block ``read()`` for ever: refuse it up front."""
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    result = run_cli("reason", "--data", str(fifo), "-o", str(previous_output))
    assert "not a regular file" in assert_one_error(result)
    assert previous_output.read_bytes() == SENTINEL


@pytest.mark.timeout(30)
def test_device_is_refused_instead_of_reading_for_ever(run_cli: RunCli) -> None:
    """``/dev/zero`` never ends: reading it would exhaust memory."""
    result = run_cli("reason", "--data", "/dev/zero", "--input-format", "turtle")
    assert "not a regular file" in assert_one_error(result)


def test_unreadable_file_is_permission_denied(tmp_path: Path) -> None:
    """A file without read permission: exit 2, one "permission denied" line.

    CI runs as root, who can read any file whatever its mode. So the CLI runs in a
    forked child that first drops to the unprivileged user ``nobody`` (uid 65534) when
    it is root; as any other user ``chmod 000`` alone does it. Both check the same line.
    """
    folder = Path(tempfile.mkdtemp(prefix="copro-kg-perm-"))
    folder.chmod(0o755)
    target = folder / "secret.ttl"
    target.write_text("<http://example.org/a> <http://example.org/b> 1 .\n")
    target.chmod(0)
    result = run_forked(["reason", "--data", str(target)], uid=65534)
    try:
        assert result.exit_code == 2, result.stderr
        assert lines(result.stderr) == [
            f"error: cannot read the file: permission denied ({target})"
        ]
    finally:
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)
        shutil.rmtree(folder)


def test_size_limit_through_the_cli(
    run_cli: RunCli, previous_output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``COPRO_KG_MAX_INPUT_BYTES`` is the configurable maximum input size."""
    big = tmp_path / "big.nt"
    big.write_text('<http://example.org/a> <http://example.org/b> "' + "x" * 4000 + '" .\n')
    monkeypatch.setattr("copro_kg.io.sources.DEFAULT_MAX_INPUT_BYTES", 1000)
    result = run_cli("reason", "--data", str(big), "-o", str(previous_output))
    line = assert_one_error(result)
    assert "limit of 1,000" in line and "COPRO_KG_MAX_INPUT_BYTES" in line
    assert previous_output.read_bytes() == SENTINEL


def test_size_limit_is_read_from_the_environment(tmp_path: Path) -> None:
    """The environment variable really sets the limit in a fresh process."""
    big = tmp_path / "big.nt"
    big.write_text('<http://example.org/a> <http://example.org/b> "' + "x" * 4000 + '" .\n')
    proc = subprocess.run(
        [sys.executable, "-m", "copro_kg", "reason", "--data", str(big), "-o", "/dev/null"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COPRO_KG_MAX_INPUT_BYTES": "1000"},
        check=False,
    )
    assert proc.returncode == 2
    assert "more than the limit of 1,000" in proc.stderr


# --- other commands' bad input (owned by SPARQL, ENGINE and GRAPH; issue 8 lists them) -----


def test_sparql_syntax_error_names_line_and_column(run_cli: RunCli, tmp_path: Path) -> None:
    """SPARQL 1.1 grammar: ``WHERE {`` needs a closing brace; line 2 is where it ends."""
    out = tmp_path / "out.csv"
    out.write_bytes(SENTINEL)
    result = run_cli("query", "-e", "SELECT ?s\nWHERE { ?s ?p ", "--no-reason", "-o", str(out))
    line = assert_one_error(result)
    assert "-e:2:" in line
    assert out.read_bytes() == SENTINEL


def test_unknown_term_in_explain_suggests_labels(run_cli: RunCli) -> None:
    """The glossary defines "Co-design"; a typo gets a "did you mean" from the labels."""
    result = run_cli("explain", "co-desing", "broader", "involvement")
    line = assert_one_error(result)
    assert "co-desing" in line
    assert "did you mean" in line and "co-design" in line.lower()


def test_unknown_focus_in_graph_suggests_labels(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    out.write_bytes(SENTINEL)
    result = run_cli("graph", "--focus", "consultaton", "-o", str(out))
    line = assert_one_error(result)
    assert "did you mean" in line and "consultation" in line.lower()
    assert out.read_bytes() == SENTINEL


def test_ambiguous_label_is_an_error_naming_the_candidates(run_cli: RunCli, tmp_path: Path) -> None:
    """Two concepts labelled "Twin" in the user's data: the label alone cannot choose."""
    data = tmp_path / "twins.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<http://example.org/twin-a> a skos:Concept ; skos:prefLabel "Twin"@en .\n'
        '<http://example.org/twin-b> a skos:Concept ; skos:prefLabel "Twin"@en .\n'
    )
    result = run_cli("explain", "--data", str(data), "Twin", "broader", "involvement")
    line = assert_one_error(result)
    assert "ambiguous" in line.lower()
    assert "twin-a" in line and "twin-b" in line


def test_query_with_no_answers_is_not_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    """An empty answer is an answer (SPARQL 1.1 §18: a solution sequence may be empty).

    It must not be reported as a failure, and the CSV still has its header line (SPARQL
    1.1 Query Results CSV §2: the header is always written).
    """
    out = tmp_path / "none.csv"
    result = run_cli(
        "query",
        "-e",
        "SELECT ?x WHERE { ?x <http://example.org/no-such-property> ?y }",
        "--no-reason",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").splitlines() == ["x"]
