"""``copro-kg check``: OWL 2 RL consistency in plain language, SHACL and SKOS in one report."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import copro_kg
from copro_kg.checks import core as checking
from tests.conftest import DATA_DIR, RunCli

ACTIVITIES = DATA_DIR / "activities"


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(tmp_path / "cache"))


def test_shipped_glossary_passes_every_check(run_cli: RunCli) -> None:
    """Issue 3/7 done-when: `copro-kg check` passes; pySHACL zero violations; every
    remaining finding is accepted in checks.toml with its reason shown."""
    result = run_cli("check", "--format", "json")
    assert result.exit_code == 0, result.stdout[-2000:]
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert {c["profile"] for c in report["checks"]} == {"owl", "shacl", "skos"}
    assert not [f for f in report["findings"] if f["check"].startswith("shacl")]
    assert all(f["accepted"] for f in report["findings"])
    assert report["unused_exceptions"] == []
    accepted = {e.check for e in checking.load_exceptions() if not e.export_only}
    assert {f["check"] for f in report["findings"]} == accepted


def test_skos_export_passes_the_skos_checks(run_cli: RunCli, tmp_path: Path) -> None:
    """Issue 7: what taxonomy managers import (the SKOS export) has zero findings, or each
    one is justified in checks.toml -- checked on the exported file alone."""
    exported = tmp_path / "glossary-skos.ttl"
    assert run_cli("export", "--profile", "skos", "-o", str(exported)).exit_code == 0
    result = run_cli(
        "check", "--no-glossary", "--data", str(exported), "--profile", "skos", "--format", "json"
    )
    assert result.exit_code == 0, result.stdout[-2000:]
    report = json.loads(result.stdout)
    assert all(f["accepted"] for f in report["findings"])
    assert report["unused_exceptions"] == []


def test_inconsistent_activities_in_plain_language(
    run_cli: RunCli, in_glossary: Callable[[str], bool]
) -> None:
    result = run_cli("check", "--data", str(ACTIVITIES / "inconsistent.ttl"), "--profile", "owl")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: 2 findings not accepted"
    text = result.stdout
    # Co-production: "It's not participation because: there is shared power and shared
    # decision-making." -- quoted from the ontology's criterion, verbatim the glossary's.
    rule = "It’s not participation because: there is shared power and shared decision-making."
    assert in_glossary(rule)
    assert (
        "'Citizens' panel on the bus network' <https://example.org/activities/citizens-panel> "
        "is stated to be co-production, but its description says 'The organisation makes the "
        "decisions' (who decides)"
    ) in text
    assert f"\u201c{rule}\u201d" in text
    # Information: "How we know it's information: communication goes one way".
    info = (
        "How we know it’s information: communication goes one way (from organisation to citizens)."
    )
    assert in_glossary(info)
    assert (
        "'Recycling leaflet' <https://example.org/activities/leaflet> is stated to be information"
        in text
    )
    assert info in text
    # One finding per activity: the knock-on clashes the reasoner also finds (the
    # glossary's own examples, once two decision values are equated) are not reported.
    assert "example-" not in text
    assert text.rstrip().splitlines()[-1].startswith("FAILED: 2 findings")


def test_inconsistency_report_as_json(glossary: object, run_cli: RunCli) -> None:
    result = run_cli(
        "check", "--data", str(ACTIVITIES / "inconsistent.ttl"), "--profile", "owl",
        "--format", "json",
    )  # fmt: skip
    report = json.loads(result.stdout)
    by_iri = {f["terms"][0]["iri"]: f for f in report["findings"]}
    panel = by_iri["https://example.org/activities/citizens-panel"]
    assert panel["check"] in checking.OWL_RULES
    assert panel["rule_source"].startswith("Co-production, criterion")
    assert panel["triples"]  # the clashing triples, for machines


def test_two_values_of_a_functional_feature() -> None:
    # An activity has one way of communicating (copro:communication is functional).
    from rdflib import Graph

    extra = Graph().parse(
        data="""
        @prefix copro: <https://w3id.org/copro-kg/> .
        <https://example.org/a> a copro:EngagementActivity ;
            copro:communication copro:communication-one-way , copro:communication-two-way .
        """,
        format="turtle",
    )
    report = checking.check(copro_kg.load() + extra, profile="owl", exceptions=[])
    messages = [f.message for f in report.failures]
    assert any("has two values of 'communication'" in m for m in messages), messages


def test_unknown_profile_is_usage_error(run_cli: RunCli) -> None:
    result = run_cli("check", "--profile", "everything")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_skos_clash_reported_once_under_its_skos_name() -> None:
    # SKOS Reference S27: "skos:related is disjoint with the property
    # skos:broaderTransitive". The reasoner finds it (prp-pdw, from skos-axioms.ttl) and
    # so does the SKOS check (qSKOS RelationClashes); the full report names it once.
    graph = copro_kg.load([DATA_DIR / "extensions" / "related-and-broader.ttl"])
    owl = checking.check(graph, profile="owl", exceptions=[])
    assert [(f.check, f.rule_source) for f in owl.failures] == [("prp-pdw", "SKOS Reference S27")]
    assert "<https://example.org/peer-review>" in owl.failures[0].message
    full = checking.check(graph, profile="all")
    assert [f.check for f in full.failures] == ["relation-clashes"]
