"""The release history in the store: "what was added, deprecated or relabelled since X".

Each ``queries/history/changes-*.rq`` query is answered by the store (where each release
is a named graph, skos-history's design) and must agree with ``copro-kg diff``, computed
independently from the two SKOS exports. The glossary is changed for the test the three
ways the questions ask about: a concept added, one relabelled, one deprecated with its
replacement (``tests/data/history/deprecated.ttl``).
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from copro_kg.export.skos import skos_profile
from copro_kg.history.diff import concepts, diff_graphs
from copro_kg.history.graphs import VERSIONS_GRAPH, history_quads
from copro_kg.history.releases import find_release
from copro_kg.io.sources import load
from copro_kg.prefixes import MAPPED_BASE
from copro_kg.sparql.library import bind_parameters, find_query, history_library
from copro_kg.sparql.store import GlossaryStore
from copro_kg.vocab.status import deprecated_terms
from tests.conftest import REPO_ROOT, RunCli

C = "https://w3id.org/copro-kg/"
DEPRECATED = REPO_ROOT / "tests" / "data" / "history" / "deprecated.ttl"


@pytest.fixture(scope="module")
def changed() -> Graph:
    graph = load([DEPRECATED])
    design = URIRef(C + "co-design")
    graph.remove((design, SKOS.prefLabel, Literal("Co-design", lang="en")))
    graph.add((design, SKOS.prefLabel, Literal("Co-design (a new name)", lang="en")))
    new = URIRef(C + "a-concept-of-the-test")
    graph.add((new, RDF.type, SKOS.Concept))
    graph.add((new, SKOS.inScheme, URIRef(C + "glossary")))
    graph.add((new, SKOS.prefLabel, Literal("A concept of the test", lang="en")))
    graph.add((new, SKOS.broader, URIRef(C + "engagement")))
    return graph


@pytest.fixture(scope="module")
def store(changed: Graph) -> GlossaryStore:
    return GlossaryStore.in_memory(changed, extra=history_quads())


@pytest.fixture(scope="module")
def diff(changed: Graph) -> list:  # type: ignore[type-arg]
    return diff_graphs(find_release("0.1.0").skos(), skos_profile(changed))


def _rows(store: GlossaryStore, name: str) -> set[tuple[str, ...]]:
    entry = find_query(name)
    bindings = bind_parameters({"version": "0.1.0"}, entry)
    return {tuple(str(t) for t in row) for row in store.query(entry.text, bindings).rows}


def test_added_since_agrees_with_diff(store: GlossaryStore, diff: list, changed: Graph) -> None:  # type: ignore[type-arg]
    expected = {
        str(c.concept)
        for c in diff
        if c.action == "added" and c.property == RDF.type and c.new == SKOS.Concept
    }
    # Added *and* deprecated -- the test's Co-Design, and the mapped models' old IRIs, which
    # 0.1.0 described untyped -- is not a current concept.
    expected -= {str(c) for c in deprecated_terms(changed)}
    assert (
        {row[0] for row in _rows(store, "changes-added-since")}
        == expected
        == {C + "a-concept-of-the-test"}
    )


def test_deprecated_since_agrees_with_diff(
    store: GlossaryStore, diff: list, changed: Graph
) -> None:  # type: ignore[type-arg]
    expected = {(str(c.concept), str(c.new)) for c in diff if c.action == "deprecated"}
    rows = _rows(store, "changes-deprecated-since")
    # The test's deprecation, and the glossary's own since 0.1.0: the five headings that
    # became collections in 0.2.0 (ontology/deprecated.ttl).
    headings = {
        (C + h, C + h + "-collection")
        for h in ("organisations", "legislation", "models", "related-approaches",
                  "good-practice-guidance")
    }  # fmt: skip
    # And, after 0.2.0, the 23 old IRIs of the mapped models' concepts (ontology/README.md).
    models = {
        (str(s), str(o))
        for s, o in changed.subject_objects(DCTERMS.isReplacedBy)
        if str(o).startswith(MAPPED_BASE) and (s, RDF.type, SKOS.Concept) in changed
    }
    assert len(models) == 23
    assert (
        {(r[0], r[2]) for r in rows}
        == expected
        == {(C + "Co-Design", C + "co-design")} | headings | models
    )
    labels = {r[2]: r[3] for r in rows}
    assert labels[C + "co-design"] == "Co-design (a new name)"  # the replacement's label now


def test_relabelled_since_agrees_with_diff(store: GlossaryStore, diff: list) -> None:  # type: ignore[type-arg]
    # The query asks about the release's concepts ("GRAPH ?release { ?concept a
    # skos:Concept ...}", skos-history's changed_preferred_labels). The mapped models' old
    # IRIs, which the release described untyped, are relabelled in the diff too (each now
    # names its model: ontology/README.md) but were no concepts of the release.
    released = concepts(find_release("0.1.0").skos())
    expected = {
        (str(c.concept), str(c.old), str(c.new))
        for c in diff
        if c.action == "updated" and c.property == SKOS.prefLabel and c.concept in released
    }
    assert (
        _rows(store, "changes-relabelled-since")
        == expected
        == {(C + "co-design", "Co-design", "Co-design (a new name)")}
    )


def test_the_release_graphs_stay_out_of_the_default_graph(store: GlossaryStore) -> None:
    inside = store.query(f"ASK {{ <{VERSIONS_GRAPH}/record/0.1.0> ?p ?o }}")
    named = store.query(f"ASK {{ GRAPH <{VERSIONS_GRAPH}> {{ ?s ?p ?o }} }}")
    assert (inside.boolean, named.boolean) == (False, True)


def test_the_command_line_answers_from_the_store(run_cli: RunCli) -> None:
    result = run_cli(
        "query",
        "changes-deprecated-since",
        "--param",
        "version=0.1.0",
        "--data",
        str(DEPRECATED),
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    assert f"{C}Co-Design,Co-design,{C}co-design,Co-design" in result.stdout


def test_the_history_queries_are_listed(run_cli: RunCli) -> None:
    listed = run_cli("queries").stdout
    assert all(entry.name in listed for entry in history_library())
    assert len(history_library()) == 3


def test_the_python_api_answers_as_the_command_line(run_cli: RunCli) -> None:
    import copro_kg

    answer = copro_kg.ask("changes-deprecated-since", {"version": "0.1.0"}, data=[DEPRECATED])
    rows = [tuple(str(t) for t in row) for row in answer.rows]
    # The test's deprecation, beside the glossary's own (the headings 0.2.0 deprecates, and
    # the mapped models' 23 old IRIs, each replaced by an IRI in its model's own space).
    assert (C + "Co-Design", "Co-design", C + "co-design", "Co-design") in rows
    headings = {
        C + h
        for h in ("organisations", "legislation", "models", "related-approaches",
                  "good-practice-guidance")
    }  # fmt: skip
    models = {r[0] for r in rows if r[2].startswith(MAPPED_BASE)}
    assert len(models) == 23
    assert {r[0] for r in rows} - {C + "Co-Design"} == headings | models
