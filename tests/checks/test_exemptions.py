"""``copro_kg.checks.exemptions``: accepted findings (``checks.toml`` format)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copro_kg.checks.exemptions import apply_exceptions, load_exceptions
from copro_kg.checks.model import Exemption, Finding, Term
from copro_kg.errors import InputError
from tests.conftest import DATA_DIR, RunCli

INVALID = DATA_DIR / "invalid"
PLANTS = Term("plants", "https://example.org/animals/plants")


def test_cli_json_and_exception_list(run_cli: RunCli, tmp_path: Path) -> None:
    path = INVALID / "orphan-concepts" / "vocabulary.ttl"
    accept = tmp_path / "accept.toml"
    accept.write_text(
        '[[accept]]\ncheck = "orphan-concepts"\n'
        'iris = ["https://example.org/animals/plants"]\nreason = "a planned branch"\n'
    )
    args = ("check", "--no-glossary", "--data", str(path), "--profile", "skos")
    result = run_cli(*args, "--exceptions", str(accept), "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["counts"] == {"findings": 1, "failures": 0, "accepted": 1, "checks": 23}
    assert report["findings"][0]["accepted"] == "a planned branch"
    text = run_cli(*args, "--exceptions", str(accept)).stdout
    assert "accepted: a planned branch" in text


def test_bad_exception_list_is_input_error(run_cli: RunCli, tmp_path: Path) -> None:
    accept = tmp_path / "accept.toml"
    accept.write_text('[[accept]]\ncheck = "orphan-concepts"\n')
    path = DATA_DIR / "skos" / "valid.ttl"
    result = run_cli("check", "--no-glossary", "--data", str(path), "--exceptions", str(accept))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: [[accept]] entry 1 needs check")


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("accept = 3\n", "'accept' must be a list"),
        ("accept = [1]\n", "entry 1 is not a table"),
        ("[[accept\n", "invalid TOML"),
        ('[[accept]]\ncheck = "x"\niris = ["urn:a"]\nreason = "  "\n', "non-empty reason"),
    ],
)
def test_malformed_lists_are_refused(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "accept.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=error):
        load_exceptions(path)


def test_missing_list_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_exceptions(tmp_path / "nothing.toml")


def test_every_shipped_exemption_gives_a_reason() -> None:
    shipped = load_exceptions()
    assert shipped and all(e.reason and e.iris for e in shipped)


def test_exemption_matches_exactly_its_resources() -> None:
    found = Finding("orphan-concepts", "error", "...", (PLANTS,))
    exact = Exemption("orphan-concepts", frozenset({PLANTS.iri}), "planned")
    wider = Exemption("orphan-concepts", frozenset({PLANTS.iri, "urn:x"}), "planned")
    other = Exemption("empty-labels", frozenset({PLANTS.iri}), "planned")
    assert exact.matches(found)
    assert not wider.matches(found)
    assert not other.matches(found)


def test_unused_exemptions_only_for_checks_that_ran() -> None:
    ran = Exemption("orphan-concepts", frozenset({"urn:gone"}), "fixed")
    not_run = Exemption("cax-dw", frozenset({"urn:gone"}), "other profile")
    export_only = Exemption("orphan-concepts", frozenset({"urn:y"}), "export", export_only=True)
    shacl = Exemption("shacl:ConceptShape", frozenset({"urn:z"}), "shape")
    _, unused = apply_exceptions(
        [], [ran, not_run, export_only, shacl], {"orphan-concepts", "shacl"}
    )
    assert unused == [ran, shacl]
