"""``copro_kg.checks.report``: the text report groups findings by check, under the name
users look up, and ends with one count line; the JSON report says the same for machines."""

from __future__ import annotations

import json

from copro_kg.checks.model import CheckInfo, Exemption, Finding, Report, Term
from copro_kg.checks.report import catalogue_text, render_json, render_text
from tests.conftest import DATA_DIR, RunCli

INVALID = DATA_DIR / "invalid"

ORPHANS = CheckInfo(
    "orphan-concepts", "Orphan concepts", "skos", "qSKOS OrphanConcepts (oc)",
    "skos-entailed", "A concept has no semantic relation to another concept.",
)  # fmt: skip
PLANTS = Term("plants", "https://example.org/animals/plants")


def test_cli_reports_by_check_with_qskos_name(run_cli: RunCli) -> None:
    # A qSKOS quality note (an orphan) is reported at level info, and does not fail.
    path = INVALID / "orphan-concepts" / "vocabulary.ttl"
    result = run_cli("check", "--no-glossary", "--data", str(path), "--profile", "skos")
    assert result.exit_code == 0, result.stdout
    assert "orphan-concepts -- Orphan concepts [qSKOS OrphanConcepts (oc)]" in result.stdout
    assert "  info: Concept 'plants' <https://example.org/animals/plants>" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1] == (
        "ok: 1 finding (0 failing, 0 accepted, 1 info) from 23 checks (profile skos)"
    )
    assert "error" not in result.stdout + result.stderr


def test_a_skos_integrity_condition_is_an_error(run_cli: RunCli) -> None:
    # SKOS Reference S27: "skos:related is disjoint with the property
    # skos:broaderTransitive" -- a contradiction of the standard, not a quality note.
    path = INVALID / "relation-clashes" / "vocabulary.ttl"
    result = run_cli("check", "--no-glossary", "--data", str(path), "--profile", "skos")
    assert result.exit_code == 1
    assert "  error: " in result.stdout
    assert result.stderr.strip().startswith("error: ")


def test_accepted_finding_shows_its_reason_and_passes() -> None:
    found = Finding("orphan-concepts", "error", f"Concept {PLANTS} is alone.", (PLANTS,))
    accepted = Finding(**{**found.__dict__, "accepted": "a planned branch"})
    text = render_text(Report("skos", [ORPHANS], [accepted]))
    assert (
        "orphan-concepts -- Orphan concepts [qSKOS OrphanConcepts (oc)]: 1 finding, 1 accepted"
        in text
    )
    # Printed as accepted, not as an error line, with the reason.
    assert f"  accepted error: Concept {PLANTS} is alone." in text
    assert "\n  error:" not in text
    assert "    why accepted: a planned branch" in text
    assert (
        text.splitlines()[-1]
        == "ok: 1 finding (0 failing, 1 accepted, 0 info) from 1 checks (profile skos)"
    )


def test_unused_exception_is_noted() -> None:
    unused = Exemption("orphan-concepts", frozenset({PLANTS.iri}), "fixed since")
    text = render_text(Report("skos", [ORPHANS], [], [unused]))
    assert (
        f"note: exception in checks.toml for orphan-concepts ['{PLANTS.iri}'] matched nothing"
        in text
    )
    assert text.splitlines()[-1] == "ok: 0 findings from 1 checks (profile skos)"


def test_json_report_counts_and_names_terms() -> None:
    found = Finding("orphan-concepts", "error", f"Concept {PLANTS} is alone.", (PLANTS,))
    data = json.loads(render_json(Report("skos", [ORPHANS], [found])))
    assert data["ok"] is False
    assert data["counts"] == {"findings": 1, "failures": 1, "accepted": 0, "checks": 1}
    assert data["checks"][0]["findings"] == 1
    assert data["findings"][0]["terms"] == [{"label": "plants", "iri": PLANTS.iri}]


def test_catalogue_as_json_lists_what_each_check_reads() -> None:
    (row,) = json.loads(catalogue_text([ORPHANS], "json"))
    assert row == {
        "id": "orphan-concepts", "title": "Orphan concepts", "profile": "skos",
        "reference": "qSKOS OrphanConcepts (oc)", "view": "skos-entailed",
        "description": "A concept has no semantic relation to another concept.",
        "severity": "error",
    }  # fmt: skip
