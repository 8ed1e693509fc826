"""The reasoning cache: hits on unchanged input, misses on change, never trusts a bad entry.

Issue #4: "Results are cached on disk (user cache folder), keyed by a hash of the inputs
and the package version, so the second `copro-kg query` on unchanged inputs does not
reason again; `--no-cache` turns it off."
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL

from copro_kg import engine
from copro_kg.pipeline import reason_inputs
from copro_kg.reasoning import cache as caching
from copro_kg.reasoning import reason

from .conftest import DATA_DIR, RunCli

FEATURES = DATA_DIR / "reasoning" / "features.ttl"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(folder))
    return folder


def _forbid_reasoning(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("reasoned again although the cache should have answered")

    monkeypatch.setattr(engine, "run", refuse)


def test_second_call_on_the_same_graph_is_served_from_the_cache(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = Graph().parse(FEATURES)
    first = reason(graph)
    assert len(list(cache_dir.glob("*.json"))) == 1
    _forbid_reasoning(monkeypatch)
    second = reason(graph)
    assert set(second.closure) == set(first.closure)
    assert [f.message for f in second.inconsistencies] == [f.message for f in first.inconsistencies]


def test_engine_and_options_are_part_of_the_key() -> None:
    graph = Graph().parse(FEATURES)
    keys = {
        caching.key_for_graph(graph, engine=e, keep_all=k)
        for e in ("copro", "owlrl")
        for k in (True, False)
    }
    assert len(keys) == 4


def test_a_corrupted_entry_is_detected_and_rebuilt(cache_dir: Path) -> None:
    graph = Graph().parse(FEATURES)
    expected = set(reason(graph).closure)
    (entry,) = cache_dir.glob("*.json")
    raw = entry.read_bytes()
    entry.write_bytes(raw.replace(b"urn:ex:codesign", b"urn:ex:hacked!!", 1))
    key = entry.stem
    assert caching.load(key, graph) is None  # checksum mismatch: never used
    assert set(reason(graph).closure) == expected  # rebuilt
    assert caching.load(key, graph) is not None
    entry.write_bytes(raw[: len(raw) // 2])  # truncated
    assert caching.load(key, graph) is None


def test_file_inputs_hit_without_parsing_and_miss_after_an_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "mine.ttl"
    data.write_bytes(FEATURES.read_bytes())
    first = reason_inputs([data])
    with monkeypatch.context() as m:
        _forbid_reasoning(m)
        m.setattr("copro_kg.io.sources.load", lambda *a, **k: pytest.fail("parsed again"))
        again = reason_inputs([data])
    assert set(again.closure) == set(first.closure)
    data.write_text(FEATURES.read_text() + "\n<urn:ex:new> a <urn:ex:Community> .\n")
    changed = reason_inputs([data])
    assert len(changed.closure) > len(first.closure)


def test_reason_cli_no_cache_writes_nothing(
    run_cli: RunCli, cache_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.nt"
    result = run_cli("reason", "--data", str(FEATURES), "--no-cache", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert not cache_dir.exists() or not list(cache_dir.glob("*.json"))
    assert len(Graph().parse(out)) > 100
    cached = run_cli("reason", "--data", str(FEATURES), "--inferred-only", "--format", "nt")
    assert cached.exit_code == 0
    # the result's entry, and the shipped ontology's saved state it was continued from
    assert sorted(p.name.endswith(".base.json") for p in cache_dir.glob("*.json")) == [False, True]


def test_reason_cli_engines_agree_and_all_keeps_hidden_triples(run_cli: RunCli) -> None:
    ours = run_cli("reason", "--data", str(FEATURES), "--inferred-only", "--format", "nt")
    ref = run_cli("reason", "--data", str(FEATURES), "--inferred-only", "--format", "nt",
                  "--engine", "owlrl")  # fmt: skip
    full = run_cli("reason", "--data", str(FEATURES), "--inferred-only", "--format", "nt", "--all")
    g_ours, g_ref = (
        Graph().parse(data=ours.stdout, format="nt"),
        Graph().parse(data=ref.stdout, format="nt"),
    )
    # --all reasons with generalised triples too (literal subjects); N-Triples cannot carry
    # them (RDF 1.1 §3.1: a subject is an IRI or a blank node), so the file leaves them out
    # and one warning line says how many: every line written parses.
    assert full.stderr.count("warning:") == 1 and "generalised triples" in full.stderr
    g_full = Graph().parse(data=full.stdout, format="nt")

    # features.ttl's one deliberate difference is owlrl's prp-key bug (test_reasoning.py)
    def ground(g: Graph) -> set[tuple[object, ...]]:  # each run parses anew: bnodes differ
        return {t for t in g if not any(isinstance(x, BNode) for x in t)}

    assert ground(g_ours) <= ground(g_ref)
    assert ground(g_ours) < ground(g_full)
    tautology = (
        "<urn:ex:CoProduction> <http://www.w3.org/2000/01/rdf-schema#subClassOf> "
        "<http://www.w3.org/2002/07/owl#Thing> ."
    )
    assert tautology in full.stdout and tautology not in ours.stdout


def test_a_result_too_big_to_reload_quickly_is_not_cached(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #10: the cache must answer faster than reasoning again; a result above
    MAX_CACHED_TRIPLES would not (reloading millions of triples into rdflib is slower),
    so it is not written, and the call still returns the full result."""
    graph = Graph().parse(FEATURES)
    monkeypatch.setattr(caching, "MAX_CACHED_TRIPLES", 10)
    result = reason(graph)
    assert len(result.inferred) > 10
    assert not list(cache_dir.glob("*.json"))


def test_a_cached_result_explains_every_inference_without_the_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 14: "The cache keeps derivations, so a warm `graph`, `explain`, `site` or
    `check` never runs the engine". The cached derivation of each inferred triple is the
    one the engine recorded, and ``holds`` still sees hidden entailments."""
    graph = Graph().parse(FEATURES)
    first = reason(graph)
    expected = {t: first.derivation(t) for t in first.inferred}
    _forbid_reasoning(monkeypatch)
    cached = reason(graph)
    assert {t: cached.derivation(t) for t in cached.inferred} == expected
    for derivation in expected.values():
        assert derivation is not None
        assert all(cached.holds(premise) for premise in derivation.premises)


def test_a_cached_result_with_keep_all_explains_reflexive_same_as_as_the_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With ``--all`` the inferred triples include ``x owl:sameAs x`` (OWL 2 RL eq-ref:
    "T(?s, ?p, ?o) -> T(?s, owl:sameAs, ?s) T(?p, owl:sameAs, ?p) T(?o, owl:sameAs, ?o)"),
    which the engine answers on demand and never stores. The cached result explains
    each of them with the premise the engine gave."""
    graph = Graph().parse(FEATURES)
    first = reason(graph, keep_all=True)
    reflexive = [t for t in first.inferred if t[1] == OWL.sameAs and t[0] == t[2]]
    assert reflexive
    expected = {t: first.derivation(t) for t in first.inferred}
    _forbid_reasoning(monkeypatch)
    cached = reason(graph, keep_all=True)
    assert {t: cached.derivation(t) for t in cached.inferred} == expected


def test_explain_same_as_itself_says_yes_cold_and_warm(
    run_cli: RunCli, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: "`explain x owl:sameAs x` answers "No"". By eq-ref (OWL 2 RL, Table 4)
    every term of the closure is owl:sameAs itself, from the cache too (issue 14: a warm
    ``explain`` never runs the engine)."""
    args = ("explain", "--data", str(FEATURES), "urn:ex:codesign", "owl:sameAs", "urn:ex:codesign",
            "--format", "json")  # fmt: skip
    cold = run_cli(*args)
    assert cold.exit_code == 0, cold.stderr
    assert list(cache_dir.glob("*.json"))
    _forbid_reasoning(monkeypatch)
    warm = run_cli(*args)
    assert warm.exit_code == 0, warm.stderr
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    assert json.loads(warm.stdout)["holds"] is True
    assert "eq-ref" in warm.stdout


def test_explain_same_as_itself_from_the_library_cold_and_warm(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph = Graph().parse(FEATURES)
    x = URIRef("urn:ex:codesign")
    cold = reason(graph)
    step = cold.derivation((x, OWL.sameAs, x))
    assert step is not None and step.rule == "eq-ref"
    (premise,) = step.premises
    assert x in premise and cold.holds(premise)
    _forbid_reasoning(monkeypatch)
    warm = reason(graph)
    assert warm.holds((x, OWL.sameAs, x))
    assert warm.derivation((x, OWL.sameAs, x)) == step
    nowhere = URIRef("urn:ex:nowhere")
    assert not warm.holds((nowhere, OWL.sameAs, nowhere))
