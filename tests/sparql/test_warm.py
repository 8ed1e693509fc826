"""The warm path (issue 16): a repeated question answered without rdflib, click or the
reasoner -- and with the full command's answer, byte for byte, and its limits.

Expectations come from the full path, which is the reference: the same query through
:func:`copro_kg.sparql.run.run_query` and :func:`copro_kg.sparql.results.format_result`
(what ``copro-kg query`` does with any option the warm path does not read), and from the
W3C SPARQL 1.1 CSV/TSV result formats both follow.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from copro_kg import LimitError, pipeline
from copro_kg.cli import warm as warm_cli
from copro_kg.cli.query import query as query_command
from copro_kg.io.cachekeys import cache_dir
from copro_kg.sparql import library, results, verdicts, warm
from copro_kg.sparql import run as querying
from copro_kg.sparql.store import GlossaryStore

from ..conftest import RunCli

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"

SELECTS = [
    entry
    for entry in library.library()
    if not entry.parameters and querying.prepare(entry.text).form == "SELECT"
]


@pytest.fixture(scope="module")
def store() -> GlossaryStore:
    return pipeline.store_for_queries()


def _probe(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``copro-kg ARGS`` in a new process, then the heavy modules it loaded (last line)."""
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'rdflib', 'click', 'owlrl', 'pyparsing', 'multiprocessing'}), file=sys.stderr))\n"
        "from copro_kg.cli import main\n"
        f"main({args!r})\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )


def test_library_has_select_queries_to_compare() -> None:
    assert len(SELECTS) >= 10


@pytest.mark.parametrize("fmt", warm.FORMATS)
@pytest.mark.parametrize("entry", SELECTS, ids=lambda e: e.name)
def test_warm_answer_is_the_full_answer(
    store: GlossaryStore, entry: library.LibraryQuery, fmt: str
) -> None:
    prepared = querying.prepare(entry.text)
    full = results.format_result(querying.run_query(store, prepared), fmt).encode("utf-8")
    verdicts.remember(prepared.text, prepared.form, prepared.variables, entry.name)
    assert warm.answer(entry.text, fmt=fmt, library_name=entry.name) == full


def test_the_cli_takes_the_warm_path_and_gives_the_same_bytes(tmp_path: Path) -> None:
    env = dict(os.environ, COPRO_KG_CACHE_DIR=str(tmp_path))
    name = SELECTS[0].name
    # --timeout is an option the warm path does not read: this run is the full command.
    full = _probe(["query", name, "--timeout", "30"], env)
    assert full.returncode == 0, full.stderr
    assert "rdflib" in full.stderr.splitlines()[-1]
    again = _probe(["query", name], env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == full.stdout
    assert again.stderr.strip() == "[]"  # no rdflib, click, owlrl, pyparsing, multiprocessing


def test_a_runaway_query_is_stopped_with_the_full_commands_words(tmp_path: Path) -> None:
    env = dict(os.environ, COPRO_KG_CACHE_DIR=str(tmp_path), COPRO_KG_QUERY_TIMEOUT="1")
    full = _probe(["query", "-e", RUNAWAY, "--timeout", "1"], env)
    warm_run = _probe(["query", "-e", RUNAWAY], env)
    assert full.returncode == warm_run.returncode == 2
    full_lines, warm_lines = full.stderr.splitlines(), warm_run.stderr.splitlines()
    assert full_lines[0].startswith("error: the query was stopped after the time limit of 1 s")
    assert warm_lines[:-1] == full_lines[:-1]
    assert warm_lines[-1] == "[]"  # and it was the warm path that stopped it


def test_a_refused_query_leaves_no_verdict(run_cli: RunCli) -> None:
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert run_cli("query", "-e", text).exit_code == 2
    assert verdicts.recall(text, None) is None
    assert warm.answer(text) is None


def test_a_text_never_checked_is_left_to_the_full_command() -> None:
    assert warm.answer("SELECT ?unchecked_7d2 WHERE { ?s ?p ?o } LIMIT 1") is None


def test_the_options_it_reads_are_the_query_commands() -> None:
    by_spelling = {o: p.name for p in query_command.params for o in p.opts}
    assert all(by_spelling.get(o) == name for o, name in warm_cli.OPTIONS.items())


@pytest.mark.parametrize(
    "args",
    [
        ["kinds-of-involvement", "--labels"],
        ["kinds-of-involvement", "--no-reason"],
        ["kinds-of-involvement", "--data", "x.ttl"],
        ["kinds-of-involvement", "-o", "x.csv"],
        ["kinds-of-involvement", "--timeout", "5"],
        ["synonyms-of", "--param", "term=co-design"],
        ["-"],
        ["a", "b"],
        ["kinds-of-involvement", "-e", "ASK {}"],
        ["kinds-of-involvement", "-f"],
        [],
    ],
)
def test_other_command_lines_go_to_the_full_command(args: list[str]) -> None:
    assert warm_cli.read_command_line(args) is None


@pytest.mark.parametrize("xdg", [None, "/tmp/some-cache", "relative/cache"])
def test_the_cache_folder_is_where_platformdirs_puts_it(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None
) -> None:
    monkeypatch.delenv("COPRO_KG_CACHE_DIR")
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert cache_dir() == Path(platformdirs.user_cache_dir("copro-kg"))


def test_the_deadline_error_is_a_limit_error() -> None:
    verdicts.remember(RUNAWAY, "SELECT", ("n",), None)
    pipeline.store_for_queries()  # the glossary's store exists
    with pytest.raises(LimitError, match=r"time limit of 0\.5 s"):
        warm.answer(RUNAWAY, timeout=0.5)


@pytest.mark.parametrize("fmt", ["tsv", "json", "xml", "table"])
def test_other_formats_are_left_to_the_full_command(fmt: str) -> None:
    entry = SELECTS[0]
    verdicts.remember(entry.text, "SELECT", (), entry.name)
    assert warm.answer(entry.text, fmt=fmt, library_name=entry.name) is None
