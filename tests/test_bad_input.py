"""The bad-input corpus through the CLI: one located ``error:`` line, exit 2, nothing damaged
-- or, for doubtful input that is kept, one located ``warning:`` line (issue 18).

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


# Doubtful input (issue 18): read, kept as written, and said -- one located ``warning:``
# line, exit code unchanged; ``--strict`` makes it an error. Lines read off the files.
WARNINGS = [
    # Line 4: "abc" is not in the lexical space of xsd:integer (XML Schema 1.1 Part 2).
    ("ill-typed-integer.ttl", "ill-typed-integer.ttl:4:", '"abc" is not a valid xsd:integer'),
    # Line 6: month 13, day 45 -- not an xsd:date.
    ("ill-typed-date.rdf", "ill-typed-date.rdf:6:", '"2024-13-45" is not a valid xsd:date'),
    # Line 4: "unitedkingdom" is a 13-character subtag; RFC 5646 §2.1 allows 1 to 8.
    ("odd-language-tag.ttl", "odd-language-tag.ttl:4:", "'en-unitedkingdom' is not well-formed"),
    # Line 4: the imported ontology is in no loaded file, and copro-kg fetches nothing.
    ("import-not-loaded.ttl", "import-not-loaded.ttl:4:", "<http://example.org/other-ontology>"),
    # Line 3: an import given as a file name (a literal) is not an ontology IRI.
    ("import-file-name.ttl", "import-file-name.ttl:3:", '"activities.ttl" names a file'),
    # Line 4: part-a imports part-b (line 4), which imports part-a (line 6).
    ("import-cycle.ttl", "import-cycle.ttl:4:", "owl:imports cycle"),
]
WHAT_WAS_DONE = {
    "ill-typed-integer.ttl": "kept as written",
    "ill-typed-date.rdf": "kept as written",
    "odd-language-tag.ttl": "kept as written",
    "import-not-loaded.ttl": "not followed offline; add it with --data",
    "import-file-name.ttl": "not followed offline; add it with --data",
    "import-cycle.ttl": "kept as written",
}


@pytest.mark.parametrize(("name", "location", "words"), WARNINGS, ids=[w[0] for w in WARNINGS])
def test_doubtful_file_gives_one_located_warning_and_the_usual_exit_code(
    run_cli: RunCli, tmp_path: Path, name: str, location: str, words: str
) -> None:
    """Exit 0, the output written, and exactly one ``warning: file:line: ...`` line."""
    out = tmp_path / "out.ttl"
    result = run_cli("reason", "--data", str(BAD / name), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    warning_lines = [line for line in lines(result.stderr) if line.startswith("warning:")]
    assert len(warning_lines) == 1, result.stderr
    assert not any(line.startswith("error:") for line in lines(result.stderr))
    assert warning_lines[0].startswith(f"warning: {BAD / name}:")
    assert location in warning_lines[0] + ":"
    assert words in warning_lines[0]
    assert warning_lines[0].endswith(WHAT_WAS_DONE[name])
    assert out.stat().st_size > 0


@pytest.mark.parametrize(("name", "location", "words"), WARNINGS, ids=[w[0] for w in WARNINGS])
def test_strict_makes_the_warning_an_error(
    run_cli: RunCli, previous_output: Path, name: str, location: str, words: str
) -> None:
    result = run_cli("reason", "--strict", "--data", str(BAD / name), "-o", str(previous_output))
    line = assert_one_error(result)
    assert words in line and location.rstrip(":") in line
    assert "--strict" in line
    assert previous_output.read_bytes() == SENTINEL


def test_warnings_are_said_again_when_the_result_comes_from_the_cache(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """The second run reads the reasoning from the cache and parses nothing: the doubts
    are the file's, so they are said all the same (and --strict still refuses)."""
    data = tmp_path / "ill.ttl"
    shutil.copy(BAD / "ill-typed-integer.ttl", data)
    first = run_cli("reason", "--data", str(data), "-o", str(tmp_path / "a.ttl"))
    second = run_cli("reason", "--data", str(data), "-o", str(tmp_path / "b.ttl"))
    said = [line for line in lines(first.stderr) if line.startswith("warning:")]
    assert said and said == [line for line in lines(second.stderr) if line.startswith("warning:")]
    strict = run_cli("stats", "--strict", "--data", str(data))
    assert strict.exit_code == 2 and "xsd:integer" in strict.stderr


def test_an_import_loaded_alongside_is_satisfied(run_cli: RunCli, tmp_path: Path) -> None:
    """Importing the shipped glossary's ontology, or one given with --data, is no doubt."""
    other = tmp_path / "other.ttl"
    other.write_text(
        "<http://example.org/other-ontology> a <http://www.w3.org/2002/07/owl#Ontology> .\n"
    )
    mine = tmp_path / "mine.ttl"
    mine.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<http://example.org/mine> a owl:Ontology ;\n"
        "    owl:imports <https://w3id.org/copro-kg/ontology> .\n"
    )
    quiet = run_cli("stats", "--data", str(BAD / "import-not-loaded.ttl"), "--data", str(other))
    assert quiet.exit_code == 0 and "warning:" not in quiet.stderr, quiet.stderr
    shipped = run_cli("stats", "--data", str(mine))
    assert shipped.exit_code == 0 and "warning:" not in shipped.stderr, shipped.stderr
    # Without the glossary (check --no-glossary) the same import is not satisfied.
    alone = run_cli("check", "--no-glossary", "--data", str(mine))
    assert "warning: " in alone.stderr and "not followed offline" in alone.stderr


def test_an_import_cycle_across_two_files_is_said_once(run_cli: RunCli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    owl = "<http://www.w3.org/2002/07/owl#"
    a.write_text(f"<http://e/a> a {owl}Ontology> ; {owl}imports> <http://e/b> .\n")
    b.write_text(f"<http://e/b> a {owl}Ontology> ; {owl}imports> <http://e/a> .\n")
    result = run_cli("stats", "--data", str(a), "--data", str(b))
    warning_lines = [line for line in lines(result.stderr) if line.startswith("warning:")]
    assert result.exit_code == 0
    assert len(warning_lines) == 1 and "owl:imports cycle" in warning_lines[0], result.stderr
    assert warning_lines[0].startswith(f"warning: {a}:1: ")


def test_every_corpus_file_is_tested() -> None:
    """A file added to tests/data/bad/ without a test here fails this test."""
    tested = {name for name, _, _ in CORPUS} | {name for name, _, _ in WARNINGS}
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


def test_misspelled_query_parameter_is_unknown_with_a_suggestion(run_cli: RunCli) -> None:
    """Issue 18: ``term=coproduction`` once gave 0 rows, exit 0. The glossary's term is
    "Co-production": the misspelling is an unknown term, with the nearest as a hint."""
    result = run_cli("query", "synonyms-of", "--param", "term=coproduction")
    line = assert_one_error(result)
    assert "coproduction" in line and "did you mean" in line and "Co-production" in line
