"""The one path from files to a cached reasoning result (issue 14, "One spine").

Issue 14: "One pipeline: files -> sources -> merged graph -> one cached reasoning result
(closure, derivations, inconsistencies). Every command gets its graph from it; nothing
re-merges or re-reasons on its own. The cache keeps derivations, so a warm `graph`,
`explain`, `site` or `check` never runs the engine (a test counts engine runs). One cache
key." -- and under "Done when": "warm runs without the engine, one parse per input".

Engine runs are counted at the engine's public entry, :func:`copro_kg.engine.run`;
parses at :func:`copro_kg.io.sources.parse_source`, which reads every file rdflib parses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from copro_kg import engine
from copro_kg.io import sources as loading
from copro_kg.pipeline import Workspace, reason_inputs
from copro_kg.reasoning import cache as caching

from .conftest import DATA_DIR, RunCli

ACTIVITIES = DATA_DIR / "activities" / "described.ttl"

# RDFS entailment rule rdfs9 / OWL 2 RL cax-sco: x a Sub, Sub subClassOf Super => x a Super.
SMALL = (
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "<urn:ex:a> a <urn:ex:Sub> .\n"
    "<urn:ex:Sub> rdfs:subClassOf <urn:ex:Super> .\n"
    "<urn:ex:mine> a <https://w3id.org/copro-kg/EngagementActivity> .\n"
)


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts cold: its own cache folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def engine_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the engine's fixpoint has run since the test started."""
    runs: list[int] = []
    real = engine.run

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "run", counted)
    yield runs


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each file was parsed by rdflib since the test started."""
    counts: Counter[str] = Counter()
    real = loading.parse_source

    def counted(item: Any, *args: Any, **kwargs: Any) -> Graph:
        counts[str(Path(item).resolve()) if str(item) != "-" else "-"] += 1
        return real(item, *args, **kwargs)

    monkeypatch.setattr(loading, "parse_source", counted)
    return counts


def _mine(tmp_path: Path) -> Path:
    """A fresh copy of the activities file (so no earlier run has cached it)."""
    data = tmp_path / "mine.ttl"
    data.write_bytes(ACTIVITIES.read_bytes())
    return data


def _commands(tmp_path: Path, data: Path) -> dict[str, list[str]]:
    d = ["--data", str(data)]
    return {
        "reason": ["reason", *d, "-o", str(tmp_path / "out.ttl")],
        "query": ["query", *d, "-e", "SELECT ?s WHERE { ?s a ?c } LIMIT 1"],
        "graph": ["graph", *d, "-o", str(tmp_path / "g.html"), "--view", "spectrum"],
        "explain": ["explain", *d, "copro:co-design", "skos:broaderTransitive", "copro:engagement"],
        "check": ["check", *d, "--profile", "owl"],
        "classify": ["classify", *d],
        "site": ["site", *d, "--no-graphs", "-o", str(tmp_path / "site")],
        "export": ["export", *d, "--profile", "full", "--reasoned", "-o", str(tmp_path / "x.ttl")],
        "stats": ["stats", *d],
    }


# the commands that read a reasoning result (stats and a plain export read the graph only)
REASONING = ["reason", "query", "graph", "explain", "check", "classify", "site", "export"]


@pytest.mark.parametrize("command", ["graph", "explain", "check", "site"])
def test_a_warm_run_never_runs_the_engine(
    command: str, run_cli: RunCli, tmp_path: Path, engine_runs: list[int]
) -> None:
    args = _commands(tmp_path, _mine(tmp_path))[command]
    cold = run_cli(*args)
    cold_runs = len(engine_runs)
    # One run over the glossary, for every command: the site's questionnaire is placed by
    # vocab.placement.place (as classify is), with no reasoning over hypothetical answers.
    assert cold_runs == 1, cold.stderr
    warm = run_cli(*args)
    assert len(engine_runs) == cold_runs, f"warm `{command}` ran the engine"
    assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout)


def test_one_cache_entry_serves_every_command(
    run_cli: RunCli, tmp_path: Path, engine_runs: list[int], parses: Counter[str]
) -> None:
    """`reason` stores the result; `query`, `graph`, `explain` and `check` on the same
    files then neither parse nor reason."""
    commands = _commands(tmp_path, _mine(tmp_path))
    assert run_cli(*commands["reason"]).exit_code == 0
    assert len(engine_runs) == 1
    parses.clear()
    for name in ("query", "graph", "explain", "check"):
        result = run_cli(*commands[name])
        assert result.exit_code in (0, 1), (name, result.stderr)
    assert len(engine_runs) == 1
    assert sum(parses.values()) == 0, parses


@pytest.mark.parametrize("command", [*REASONING, "stats"])
def test_each_input_is_parsed_once_per_command(
    command: str, run_cli: RunCli, tmp_path: Path, parses: Counter[str]
) -> None:
    data = _mine(tmp_path)
    args = _commands(tmp_path, data)[command]
    result = run_cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    assert parses[str(data.resolve())] == 1  # cold: read once
    assert max(parses.values()) == 1, parses  # and the glossary's files at most once
    if command in REASONING and command != "export":
        parses.clear()
        run_cli(*args)
        assert sum(parses.values()) == 0, f"warm `{command}` parsed {dict(parses)}"


def _stdin_commands(tmp_path: Path) -> dict[str, tuple[list[str], Callable[[str], bool]]]:
    """Each --data command reading standard input, and what its output must show."""
    d = ["--data", "-"]
    return {
        "reason": (["reason", *d, "--inferred-only", "--format", "nt"], lambda out: (
            "<urn:ex:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:ex:Super> ."
            in out
        )),
        "query": (["query", *d, "-e", "SELECT ?x WHERE { ?x a <urn:ex:Super> }"],
                  lambda out: "urn:ex:a" in out),
        "explain": (["explain", *d, "urn:ex:a", "type", "urn:ex:Super"],
                    lambda out: "cax-sco" in out),
        # the graph draws the user's activities always (`--include` help), terms it is given
        "graph": (["graph", *d, "-o", str(tmp_path / "g.graphml")],
                  lambda _out: "urn:ex:mine" in (tmp_path / "g.graphml").read_text()),
        "check": (["check", *d, "--profile", "owl"], lambda out: "ok" in out),
        "export": (["export", *d, "--profile", "full", "--reasoned", "--format", "nt"],
                   lambda out: "<urn:ex:a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                   "<urn:ex:Super> ." in out),
        "stats": (["stats", *d, "--format", "json"], lambda out: out.startswith("[")),
    }  # fmt: skip


@pytest.mark.parametrize(
    "command", ["reason", "query", "explain", "graph", "check", "export", "stats"]
)
def test_standard_input_works_for_every_command_that_takes_data(
    command: str, run_cli: RunCli, tmp_path: Path, parses: Counter[str]
) -> None:
    args, shows = _stdin_commands(tmp_path)[command]
    result = run_cli(*args, input=SMALL)
    assert result.exit_code == 0, result.stderr
    assert shows(result.stdout), result.stdout[-2000:]
    assert parses["-"] == 1  # standard input can be read once only


def test_a_workspace_reads_merges_and_reasons_once(
    tmp_path: Path, engine_runs: list[int], parses: Counter[str]
) -> None:
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    workspace = Workspace([data])
    assert [s.shipped for s in workspace.sources][-1:] == [False]
    assert workspace.graph is workspace.graph
    assert workspace.reasoning() is workspace.reasoning()
    assert (URIRef("urn:ex:a"), RDF.type, URIRef("urn:ex:Super")) in workspace.reasoning().inferred
    assert parses[str(data.resolve())] == 1 and len(engine_runs) == 1
    # a second workspace on the same bytes: the sources, graph and result come from the cache
    again = Workspace([data])
    assert len(again.graph) == len(workspace.graph)
    assert set(again.reasoning().inferred) == set(workspace.reasoning().inferred)
    assert [s.path for s in again.sources] == [s.path for s in workspace.sources]
    assert parses[str(data.resolve())] == 1 and len(engine_runs) == 1


def test_an_edited_file_is_read_and_reasoned_again(tmp_path: Path, engine_runs: list[int]) -> None:
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    first = reason_inputs([data])
    data.write_text(SMALL + "<urn:ex:b> a <urn:ex:Sub> .\n", encoding="utf-8")
    second = reason_inputs([data])
    assert len(engine_runs) == 2
    assert (URIRef("urn:ex:b"), RDF.type, URIRef("urn:ex:Super")) in second.inferred
    assert (URIRef("urn:ex:b"), RDF.type, URIRef("urn:ex:Super")) not in first.inferred


def test_no_cache_leaves_no_entry_and_stdin_is_never_cached(
    run_cli: RunCli, fresh_cache: Path, tmp_path: Path
) -> None:
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    Workspace([data], cache=False).reasoning()
    assert not fresh_cache.exists() or not list(fresh_cache.glob("*.json"))
    assert run_cli("reason", "--data", "-", input=SMALL).exit_code == 0
    # only the shipped ontology's saved state (reasoning/base.py), nothing of the input
    assert [p.name.endswith(".base.json") for p in fresh_cache.glob("*.json")] == [True]


# A `query` in a process of its own, counting the engine's runs as the fixture above does.
_QUERY_COUNTING_RUNS = """
import sys
from copro_kg import engine
from copro_kg.cli import main
runs = []
real = engine.run
def counted(*args, **kwargs):
    runs.append(1)
    return real(*args, **kwargs)
engine.run = counted
try:
    main(["query", "--data", sys.argv[1], "-e", sys.argv[2]])
except SystemExit as exc:
    print("exit", exc.code)
print("engine runs", len(runs))
"""


@pytest.mark.parametrize("too_big", [False, True], ids=["in its entry", "too big for an entry"])
def test_after_reason_a_query_in_a_new_process_reasons_nothing(
    too_big: bool,
    run_cli: RunCli,
    tmp_path: Path,
    fresh_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16, goal 2: "after one `reason`, each library query in a new process" is
    answered from the store. A result too big for the cache entry (as the 7.2 million
    triples of the 100,000-concept benchmark are) gets its store from `reason` itself;
    MAX_CACHED_TRIPLES = 0 makes the small file that case."""
    if too_big:
        monkeypatch.setattr(caching, "MAX_CACHED_TRIPLES", 0)
    data = tmp_path / "small.ttl"
    data.write_text(SMALL, encoding="utf-8")
    assert run_cli("reason", "--data", str(data), "-o", str(tmp_path / "out.ttl")).exit_code == 0
    entries = [p for p in fresh_cache.glob("*.json") if not p.name.endswith(".base.json")]
    assert bool(entries) is not too_big  # (the shipped ontology's saved state aside)
    assert bool(list(fresh_cache.glob("*.store"))) is too_big  # else the first query writes it
    env = dict(os.environ, COPRO_KG_CACHE_DIR=str(fresh_cache))
    # rdfs9 / cax-sco: urn:ex:a a urn:ex:Sub, Sub subClassOf Super => urn:ex:a a urn:ex:Super
    text = "SELECT ?x WHERE { ?x a <urn:ex:Super> }"
    for _ in range(2):  # the first query (writes the store from the entry) and a warm one
        out = subprocess.run(
            [sys.executable, "-c", _QUERY_COUNTING_RUNS, str(data), text],
            capture_output=True, text=True, env=env, check=True, timeout=120,
        )  # fmt: skip
        assert "urn:ex:a" in out.stdout, out.stderr
        assert out.stdout.splitlines()[-2:] == ["exit 0", "engine runs 0"], out.stdout
