"""OWL 2 RL consistency in plain language: one finding per root cause, naming the user's
activity and the glossary rule it breaks (``copro_kg.checks.owl`` and ``.clashes``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

import copro_kg
from copro_kg import checks
from copro_kg.checks.owl import explain_inconsistencies, root_causes
from copro_kg.reasoning import reason
from tests.conftest import DATA_DIR, REPO_ROOT, RunCli

ACTIVITIES = DATA_DIR / "activities"

# Co-production: "It's not participation because: there is shared power and shared
# decision-making." -- quoted by the ontology's criterion, verbatim the glossary's.
SHARED_DECISIONS = (
    "It’s not participation because: there is shared power and shared decision-making."
)


@pytest.fixture(scope="module")
def readme_activities(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's own ``our-activities.ttl``, taken from the README as users copy it."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- file: our-activities.ttl -->\n```turtle\n(.*?)```", readme, re.S)
    assert found, "README.md no longer shows our-activities.ttl"
    path = tmp_path_factory.mktemp("readme") / "our-activities.ttl"
    path.write_text(found.group(1), encoding="utf-8")
    return path


def test_inconsistent_activities_in_plain_language(
    run_cli: RunCli, in_glossary: Callable[[str], bool]
) -> None:
    result = run_cli("check", "--data", str(ACTIVITIES / "inconsistent.ttl"), "--profile", "owl")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: 2 findings not accepted"
    text = result.stdout
    assert in_glossary(SHARED_DECISIONS)
    assert (
        "'Citizens' panel on the bus network' <https://example.org/activities/citizens-panel> "
        "is stated to be co-production, but its description says 'The organisation makes the "
        "decisions' (who decides)"
    ) in text
    assert f"\u201c{SHARED_DECISIONS}\u201d" in text
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
    assert panel["check"] in checks.OWL_RULES
    assert panel["rule_source"].startswith("Co-production, criterion")
    assert panel["triples"]  # the clashing triples, for machines


def test_two_values_of_a_functional_feature() -> None:
    # An activity has one way of communicating (copro:communication is functional).
    extra = Graph().parse(
        data="""
        @prefix copro: <https://w3id.org/copro-kg/> .
        <https://example.org/a> a copro:EngagementActivity ;
            copro:communication copro:communication-one-way , copro:communication-two-way .
        """,
        format="turtle",
    )
    report = checks.check(copro_kg.load() + extra, profile="owl", exceptions=[])
    messages = [f.message for f in report.failures]
    assert any("has two values of 'communication'" in m for m in messages), messages


CARE_PLAN = "'Care plan review' <https://example.org/our-council/care-plan-review>"


def test_readme_file_checked_names_the_activity_and_rule_once(
    readme_activities: Path, run_cli: RunCli, in_glossary: Callable[[str], bool]
) -> None:
    """Issue 21: the README's care plan review is stated to be co-production while "the
    organisation makes the decisions"; co-production is shared decision-making."""
    assert in_glossary(SHARED_DECISIONS)
    result = run_cli("check", "--data", str(readme_activities), "--profile", "owl")
    assert result.exit_code == 1
    assert result.stdout.count(CARE_PLAN) == 1
    assert result.stdout.count(SHARED_DECISIONS) == 1
    assert "example-" not in result.stdout  # no glossary example is blamed


def test_readme_file_reasoned_reports_the_one_real_problem(
    readme_activities: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    """Issue 21: `copro-kg reason --data our-activities.ttl` printed seven chained lines
    blaming the glossary's examples and one "... is stated to be different from itself"."""
    result = run_cli("reason", "--data", str(readme_activities), "-o", str(tmp_path / "r.ttl"))
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("inconsistency")]
    assert len(lines) == 1, result.stderr
    assert CARE_PLAN in lines[0]
    assert result.stderr.count(SHARED_DECISIONS) == 1
    # The glossary's examples with shared decisions (person-centred care, shared
    # decision-making) are not at fault, and nothing is "different from itself".
    assert "Person-centred care" not in result.stderr
    assert "Shared decision making" not in result.stderr
    assert "itself" not in result.stderr


def test_knock_on_clashes_are_not_root_causes(readme_activities: Path) -> None:
    graph = copro_kg.load([readme_activities])
    reasoning = reason(graph)
    assert len(reasoning.inconsistencies) > 1  # the reasoner sees the knock-on clashes too
    for clash in root_causes(reasoning):
        assert "example-" not in " ".join(str(n) for _, n in clash.roles)
    # Every message the reasoner itself gives avoids reflexive wording.
    assert not [i.message for i in reasoning.inconsistencies if "from itself" in i.message]
    (finding,) = explain_inconsistencies(reasoning)
    assert [t.iri for t in finding.terms] == ["https://example.org/our-council/care-plan-review"]
