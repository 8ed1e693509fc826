"""``copro_kg.checks.check``: every family in one report, on the glossary and its exports."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS

import copro_kg
from copro_kg import checks
from copro_kg.export.skos import skos_profile
from copro_kg.namespace import PREFIXES
from tests.conftest import DATA_DIR, RunCli


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
    accepted = {e.check for e in checks.load_exceptions() if not e.export_only}
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


def test_unknown_profile_is_usage_error(run_cli: RunCli) -> None:
    result = run_cli("check", "--profile", "everything")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_skos_clash_reported_once_under_its_skos_name() -> None:
    # SKOS Reference S27: "skos:related is disjoint with the property
    # skos:broaderTransitive". The reasoner finds it (prp-pdw, from skos-axioms.ttl) and
    # so does the SKOS check (qSKOS RelationClashes); the full report names it once.
    graph = copro_kg.load([DATA_DIR / "extensions" / "related-and-broader.ttl"])
    owl = checks.check(graph, profile="owl", exceptions=[])
    assert [(f.check, f.rule_source) for f in owl.failures] == [("prp-pdw", "SKOS Reference S27")]
    assert "<https://example.org/peer-review>" in owl.failures[0].message
    full = checks.check(graph, profile="all")
    assert [f.check for f in full.failures] == ["relation-clashes"]


def test_list_checks_names_every_check_once(run_cli: RunCli) -> None:
    result = run_cli("check", "--list-checks", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == list(checks.CHECKS)
    # OWL 2 Profiles §4.3 names cax-dw ("disjoint classes"); qSKOS names OrphanConcepts.
    by_id = {r["id"]: r for r in rows}
    assert by_id["cax-dw"]["reference"] == "OWL 2 RL rule cax-dw"
    assert by_id["orphan-concepts"]["reference"] == "qSKOS OrphanConcepts (oc)"


def test_the_skos_profile_checks_what_the_skos_export_contains() -> None:
    """Issue 26: "`copro-kg check` ... prints the accepted finding ... about IAP2's
    'Empower', which is not even in the SKOS export"; check "checks what the export
    contains". Empower is a concept of the IAP2 scheme of ontology/mappings.ttl, which the
    skos export leaves out (it only describes the models' concepts it names, untyped): the
    whole graph has its orphan finding, the export has neither the finding nor an unused
    exemption for it."""
    empower = str(PREFIXES["iap2"]["empower"])
    graph = copro_kg.load()
    exported = checks.exported_for_check(graph)
    assert isomorphic(exported, skos_profile(graph))  # what `export --profile skos` writes
    assert (URIRef(empower), RDF.type, SKOS.Concept) not in exported
    whole = checks.check(graph, profile="all")
    assert any(empower in {t.iri for t in f.terms} for f in whole.findings)
    skos = checks.check(graph, profile="skos")
    assert not any(empower in {t.iri for t in f.terms} for f in skos.findings)
    assert skos.unused_exceptions == [] and skos.ok


def test_a_triple_the_export_leaves_out_is_no_finding(run_cli: RunCli, tmp_path: Path) -> None:
    """A concept of the user's in no scheme is left out of the skos export, with one
    warning: line (docs/guide-taxonomy-manager.md); its untagged label (qSKOS "omitted or
    invalid language tag") is then no finding of `check --profile skos`, which checks what
    the export contains -- while the export's own warning says what was left out."""
    data = tmp_path / "homeless.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://example.org/x/lost> a skos:Concept ; skos:prefLabel "Lost" .\n',
        encoding="utf-8",
    )
    whole = checks.check(copro_kg.load([data]), profile="all", exceptions=[])
    assert any("https://example.org/x/lost" in {t.iri for t in f.terms} for f in whole.findings)
    result = run_cli("check", "--data", str(data), "--profile", "skos", "--format", "json")
    report = json.loads(result.stdout)
    named = {t["iri"] for f in report["findings"] for t in f["terms"]}
    assert "https://example.org/x/lost" not in named
    assert result.exit_code == 0, result.stdout[-2000:]
    assert result.stderr.count("warning:") == 1 and "in no concept scheme" in result.stderr
