"""``copro-kg query`` and ``copro-kg queries`` through the CLI (issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

from copro_kg.resources import QUERIES_DIR
from tests.conftest import RunCli

MINI = str(Path(__file__).parent / "data" / "sparql" / "mini.ttl")


def test_syntax_error_is_exit_2_with_one_located_line(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x skos:prefLabel\n}\n")
    result = run_cli("query", str(bad), "--no-reason")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("error: SPARQL syntax error near '?x skos:prefLabel'")
    assert f"{bad}:2:3" in line


def test_refused_update_is_exit_2(run_cli: RunCli) -> None:
    result = run_cli("query", "-e", "DELETE WHERE { ?s ?p ?o }", "--no-reason")
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_select_with_data_and_params_as_json(run_cli: RunCli) -> None:
    # The note with a tab and a newline exists only in tests/data/sparql/mini.ttl:
    # --data adds it, and JSON carries it exactly.
    query = 'SELECT ?note WHERE { ?term skos:note ?note FILTER(CONTAINS(?note, "\\t")) }'
    args = ("query", "-e", query, "--param", "term=copro:consultation", "--format", "json")
    with_data = run_cli(*args, "--data", MINI, "--no-reason")
    assert with_data.exit_code == 0, with_data.stderr
    [binding] = json.loads(with_data.stdout)["results"]["bindings"]
    assert binding["note"]["value"].endswith('\n"Consultation"\tdocuments, usually')
    without = run_cli(*args, "--no-reason")
    assert json.loads(without.stdout)["results"]["bindings"] == []


def test_reasoned_by_default_asserted_with_no_reason(run_cli: RunCli) -> None:
    query = "ASK { copro:co-production skos:broader copro:community-engagement }"
    reasoned = run_cli("query", "-e", query, "--data", MINI, "--format", "json")
    asserted = run_cli("query", "-e", query, "--data", MINI, "--format", "json", "--no-reason")
    assert json.loads(reasoned.stdout)["boolean"] is True
    assert json.loads(asserted.stdout)["boolean"] is False


def test_output_file_format_from_extension(run_cli: RunCli, tmp_path: Path) -> None:
    # Welsh prefLabel of co-production: "cydgynhyrchu" (ours; research/domain.md, CPNW cy).
    out = tmp_path / "welsh.tsv"
    query = (
        "SELECT (LCASE(?l) AS ?welsh) WHERE { copro:co-production skos:prefLabel ?l "
        'FILTER(LANG(?l) = "cy") }'
    )
    result = run_cli("query", "-e", query, "--no-reason", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text() == '?welsh\n"cydgynhyrchu"@cy\n'


def test_failed_query_leaves_the_previous_output(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "keep.csv"
    out.write_text("previous\n")
    result = run_cli("query", "-e", "SELECT WHERE", "-o", str(out), "--no-reason")
    assert result.exit_code == 2 and out.read_text() == "previous\n"


def test_construct_as_ntriples(run_cli: RunCli) -> None:
    # Glossary, Community engagement: "(also referred to as public or citizen engagement)".
    query = (
        "CONSTRUCT { copro:community-engagement skos:altLabel ?l } WHERE { "
        'copro:community-engagement skos:altLabel ?l FILTER(LANGMATCHES(LANG(?l), "en")) }'
    )
    result = run_cli("query", "-e", query, "--no-reason", "--format", "nt")
    assert result.exit_code == 0, result.stderr
    labels = sorted(line.split('"')[1].lower() for line in result.stdout.splitlines())
    assert labels == ["citizen engagement", "public engagement"]


def test_timeout_option_stops_a_slow_query(run_cli: RunCli) -> None:
    numbers = " ".join(str(i) for i in range(60))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
        f"VALUES ?{v} {{ {numbers} }}" for v in "abcd"
    ) + " }"  # fmt: skip
    result = run_cli("query", "-e", slow, "--no-reason", "--timeout", "0.5")
    assert result.exit_code == 2 and "time limit of 0.5 s" in result.stderr


def test_unknown_library_name_suggests(run_cli: RunCli) -> None:
    result = run_cli("query", "synonyms-off", "--no-reason")
    assert result.exit_code == 2 and "did you mean synonyms-of" in result.stderr


def test_missing_parameter_says_how_to_give_it(run_cli: RunCli) -> None:
    result = run_cli("query", "synonyms-of", "--no-reason")
    assert result.exit_code == 2 and "--param term=" in result.stderr


def test_queries_lists_name_and_question(run_cli: RunCli) -> None:
    result = run_cli("queries")
    assert result.exit_code == 0
    listed = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert "synonyms-of" in listed and listed["synonyms-of"].endswith("--param term=…")


def test_queries_show_prints_the_query_text_with_its_question(run_cli: RunCli) -> None:
    """Issue 31: the SPARQL of a library query, to learn from or adapt, with its question."""
    result = run_cli("queries", "--show", "levels-doing-for")
    assert result.exit_code == 0, result.stderr
    shipped = (QUERIES_DIR / "levels-doing-for.rq").read_text(encoding="utf-8")
    assert result.stdout == shipped
    question = 'Which levels of the engagement spectrum does the glossary group as "doing for"?'
    assert f"#+ summary: {question}" in result.stdout


def test_a_shown_query_saved_as_a_file_runs_as_the_library_query(
    run_cli: RunCli, tmp_path: Path
) -> None:
    shown = run_cli("queries", "--show", "criteria-for").stdout
    (tmp_path / "mine.rq").write_text(shown, encoding="utf-8")
    ran = run_cli("query", str(tmp_path / "mine.rq"), "--param", "term=consultation")
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout == run_cli("query", "criteria-for", "--param", "term=consultation").stdout


def test_queries_show_of_an_unknown_name_suggests(run_cli: RunCli) -> None:
    result = run_cli("queries", "--show", "levels-doing-fro")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "did you mean levels-doing-for" in result.stderr


def test_queries_folder_is_where_the_library_is(run_cli: RunCli) -> None:
    folder = Path(run_cli("queries", "--folder").stdout.strip())
    assert sorted(p.name for p in folder.glob("*.rq")) == sorted(
        p.name for p in QUERIES_DIR.glob("*.rq")
    )


UNDECLARED = "SELECT ?x WHERE {\n  ?x foaf:name ?n }"
"""A prefix neither declared nor predeclared (issue 29): ``foaf:`` starts at line 2, column 6."""


def test_an_undeclared_prefix_is_named_at_the_users_line_and_column(run_cli: RunCli) -> None:
    from copro_kg.namespace import PREFIXES

    result = run_cli("query", "-e", UNDECLARED, "--no-reason")
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    known = ", ".join(sorted(PREFIXES))
    assert line.startswith(f"error: unknown prefix foaf: -- declare it, or use one of {known}")
    assert "(-e:2:6)" in line
    # FOAF's namespace, as the FOAF Vocabulary Specification 0.99 gives it.
    assert "PREFIX foaf: <http://xmlns.com/foaf/0.1/>" in line


def test_an_output_extension_we_cannot_write_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "levels.xlsx"
    result = run_cli("query", "kinds-of-involvement", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    [line] = result.stderr.splitlines()
    assert line.startswith("error: cannot write a query answer as '.xlsx'")
    assert all(suffix in line for suffix in (".csv", ".tsv", ".json", ".ttl", ".nt", ".txt"))
    # With --format the user said what to write: the name is theirs to choose.
    assert run_cli("query", "kinds-of-involvement", "-f", "csv", "-o", str(out)).exit_code == 0
