"""Deprecate, never delete: our checks, the resolver and the exports accept the pattern.

The pattern (Skosmos "New and deprecated", skos-history's deprecated_concepts query, OBO
Foundry principle 13): the old IRI stays a concept of the scheme with ``owl:deprecated
true``, ``dcterms:isReplacedBy`` and a ``skos:historyNote``; it keeps its label (Skosmos's
change list shows it) and leaves the hierarchy. ``tests/data/history/deprecated.ttl`` adds
such a twin of co-design.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from tests.conftest import REPO_ROOT, RunCli

DATA = REPO_ROOT / "tests" / "data" / "history"
DEPRECATED = str(DATA / "deprecated.ttl")
OLD = URIRef("https://w3id.org/copro-kg/Co-Design")
NEW = URIRef("https://w3id.org/copro-kg/co-design")


def test_the_checks_accept_the_pattern(run_cli: RunCli) -> None:
    result = run_cli("check", "--data", DEPRECATED)
    assert result.exit_code == 0, result.stdout


def test_a_deprecation_without_replacement_or_history_note_is_a_finding(run_cli: RunCli) -> None:
    result = run_cli(
        "check", "--profile", "shacl", "--data", str(DATA / "deprecated-incomplete.ttl")
    )
    assert result.exit_code == 1
    assert "dcterms:isReplacedBy" in result.stdout and "skos:historyNote" in result.stdout


def test_a_label_names_the_current_concept_not_its_deprecated_twin(run_cli: RunCli) -> None:
    result = run_cli(
        "explain", "Co-design", "broaderTransitive", "involvement", "--data", DEPRECATED
    )
    assert result.exit_code == 0, result.stderr


def test_explain_and_query_answer_honestly_about_the_old_iri(run_cli: RunCli) -> None:
    result = run_cli(
        "explain", "copro:Co-Design", "isReplacedBy", "co-design", "--data", DEPRECATED
    )
    assert result.exit_code == 0 and "asserted in deprecated.ttl" in result.stdout
    ask = run_cli(
        "query", "--data", DEPRECATED, "-e", "ASK { copro:Co-Design owl:deprecated true }"
    )
    assert ask.exit_code == 0 and "true" in ask.stdout.lower()


def test_the_skos_export_keeps_the_deprecation_out_of_the_hierarchy(
    run_cli: RunCli, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "skos.ttl"
    result = run_cli("export", "--profile", "skos", "--data", DEPRECATED, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(out)
    assert (OLD, OWL.deprecated, Literal(True)) in graph
    assert (OLD, DCTERMS.isReplacedBy, NEW) in graph
    assert (OLD, SKOS.topConceptOf, None) not in graph
    assert (None, SKOS.hasTopConcept, OLD) not in graph
