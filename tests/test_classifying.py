"""``copro-kg classify``: the reasoner places activities described only by their features.

Expected levels come from the glossary's own text (cited per case) and are compared with
both the reasoner's classification and the level the ontology records for the example in
``copro:glossaryLevel`` (an annotation the reasoner never reads).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from copro_kg import classification as classifying
from copro_kg.namespace import COPRO
from tests.conftest import DATA_DIR, RunCli

ACTIVITIES = DATA_DIR / "activities"


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def placements(glossary: Graph) -> dict[str, classifying.Placement]:
    return {p.activity.iri: p for p in classifying.classify(glossary)}


# (example, the level class the glossary gives it, the glossary's sentence saying so)
GLOSSARY_EXAMPLES = [
    ("example-criminal-justice", "CoercionOrProtection", "e.g. criminal justice, safeguarding"),
    ("example-safeguarding", "CoercionOrProtection", "e.g. criminal justice, safeguarding"),
    ("example-smoking-cessation-programme", "EducationOrPersuasion",
     "e.g. smoking cessation programmes"),
    ("example-bin-collection-information", "InformationActivity",
     "e.g. Council website info on bin collections"),
    ("example-survey", "ConsultationActivity", "e.g. surveys, urban planning, FixMyStreet"),
    ("example-fixmystreet", "ConsultationActivity", "e.g. surveys, urban planning, FixMyStreet"),
    ("example-council-budget-survey", "ConsultationActivity",
     "Examples: Council surveys about budgets allocation"),
    ("example-drop-in-event", "ParticipationActivity",
     "Examples: drop-in events about infrastructure developments"),
    ("example-focus-group", "ParticipationActivity",
     "workshops or focus groups about proposed changes"),
    ("example-person-centred-care", "CoProduction",
     "e.g. person-centred care, shared decision making"),
    ("example-shared-decision-making", "CoProduction",
     "e.g. person-centred care, shared decision making"),
]  # fmt: skip


@pytest.mark.parametrize(("slug", "level", "sentence"), GLOSSARY_EXAMPLES)
def test_glossary_example_is_classified_to_its_level(
    placements: dict[str, classifying.Placement],
    slug: str,
    level: str,
    sentence: str,
    in_glossary: Callable[[str], bool],
) -> None:
    assert in_glossary(sentence)
    placement = placements[str(COPRO[slug])]
    assert placement.consistent
    assert [t.iri for t in placement.levels] == [str(COPRO[level])]
    assert placement.glossary_level is not None
    assert placement.glossary_level.iri == str(COPRO[level])


def test_every_example_matches_its_annotated_level(
    glossary: Graph, placements: dict[str, classifying.Placement]
) -> None:
    annotated = dict(glossary.subject_objects(COPRO.glossaryLevel))
    assert len(annotated) >= len(GLOSSARY_EXAMPLES)
    for example, level in annotated.items():
        assert [t.iri for t in placements[str(example)].levels] == [str(level)], example


def test_examples_are_described_only_by_features(glossary: Graph) -> None:
    # The reasoner must do the work: no example states its level (issue 4).
    levels = set(glossary.objects(None, COPRO.glossaryLevel))
    for example in glossary.subjects(COPRO.glossaryLevel, None):
        assert not set(glossary.objects(example, RDF.type)) & levels


def test_why_quotes_the_glossary_criteria(
    placements: dict[str, classifying.Placement], in_glossary: Callable[[str], bool]
) -> None:
    survey = placements[str(COPRO["example-survey"])]
    texts = [r.text for r in survey.reasons]
    # "How we know it's consultation: the organisation determines the questions, ..."
    consultation = next(t for t in texts if t.startswith("How we know it’s consultation"))
    assert in_glossary(consultation)
    # doing for: "The organisation makes the decisions." (spectrum figure)
    assert "The organisation makes the decisions." in texts


def test_flags_one_activity(run_cli: RunCli) -> None:
    # "How we know it's consultation: the organisation determines the questions,
    # publishes them ... and gathers the results"; doing for: the organisation makes and
    # enacts the decisions (spectrum figure).
    result = run_cli(
        "classify", "--who-decides", "by-organisation", "--who-acts", "enacted-by-organisation",
        "--communication", "responses-sought", "--label", "Library survey", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (activity,) = json.loads(result.stdout)["activities"]
    assert activity["activity"]["label"] == "Library survey"
    assert [lvl["iri"] for lvl in activity["levels"]] == [str(COPRO.ConsultationActivity)]
    assert activity["group"]["iri"] == str(COPRO.DoingFor)


def test_the_flags_are_read_from_the_ontology_once_per_process(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The feature flags come from the shipped ontology, read once per process (the
    module says so): a second run in the same process does not read them again."""
    args = ("classify", "--who-decides", "together", "--format", "json")
    assert run_cli(*args).exit_code in (0, 1)
    reads: list[int] = []
    read = classifying.features
    monkeypatch.setattr(classifying, "features", lambda graph: reads.append(1) or read(graph))
    again = run_cli(*args)
    assert again.exit_code in (0, 1), again.stderr
    assert reads == []


def test_undecided_says_which_features_would_decide(run_cli: RunCli) -> None:
    # The figure gives "The organisation makes the decisions." to both doing to and doing
    # for; they differ in who acts ("enforces" vs "enacts"), and the doing-for levels in
    # communication. So who decides alone places nothing, and who acts must be asked.
    result = run_cli("classify", "--who-decides", "by-organisation")
    assert result.exit_code == 0, result.stderr
    assert "not placed on the spectrum" in result.stdout
    decide = next(line for line in result.stdout.splitlines() if "to decide, say:" in line)
    assert "--who-acts" in decide and "--communication" in decide
    assert "--who-decides" not in decide


def test_more_specific_level_needs_the_audience(run_cli: RunCli) -> None:
    # "all co-production is involvement (when your audience or end users are citizens and
    # community members)": decided together, acting together, no audience -> involvement,
    # and co-production once the audience is citizens.
    result = run_cli("classify", "--who-decides", "together", "--who-acts", "by-both")
    assert result.exit_code == 0, result.stderr
    assert "level: involvement, doing with" in result.stdout
    assert "co-production (needs audience = " in result.stdout
    result = run_cli(
        "classify", "--who-decides", "together", "--who-acts", "by-both", "--audience", "citizens"
    )
    # Issue 25: features alone meet the figure's doing-with statements, not the glossary's own
    # test: "How we know it's co-production: it's a mindset and way of working underpinned by
    # the following 5 values" and "co-design alone isn't co-production". The answer says
    # "doing with" and lists that test in the glossary's words.
    assert "level: doing with (co-production only if the glossary's test below holds)" in (
        result.stdout
    )
    assert "How we know it\u2019s co-production: it\u2019s a mindset" in result.stdout
    assert "- Valuing all participants, and building on their strengths" in result.stdout
    assert "co-design alone isn\u2019t co-production" in result.stdout
    data = json.loads(
        run_cli(
            "classify",
            "--who-decides",
            "together",
            "--who-acts",
            "by-both",
            "--audience",
            "citizens",
            "--format",
            "json",
        ).stdout
    )["activities"][0]
    assert data["answer"] == "doing with"
    assert [len(t["items"]) for t in data["glossary_test"]] == [5, 0]


def test_data_file_activities(run_cli: RunCli) -> None:
    result = run_cli("classify", "--data", str(ACTIVITIES / "described.ttl"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = {a["activity"]["label"]: a for a in json.loads(result.stdout)["activities"]}
    assert set(found) == {"Library opening hours survey", "Town meeting"}
    assert [x["iri"] for x in found["Library opening hours survey"]["levels"]] == [
        str(COPRO.ConsultationActivity)
    ]
    assert found["Town meeting"]["decided"] is False
    assert "--who-acts" in {f["option"] for f in found["Town meeting"]["deciding_features"]}


def test_inconsistent_description_is_reported_with_exit_1(run_cli: RunCli) -> None:
    result = run_cli("classify", "--data", str(ACTIVITIES / "inconsistent.ttl"))
    assert result.exit_code == 1
    assert "INCONSISTENT" in result.stdout
    assert re.search(r"Citizens' panel .* is stated to be co-production", result.stdout)
    assert result.stderr.startswith("error: 2 of 2 activities are inconsistent")


def test_flag_values_come_from_the_ontology(run_cli: RunCli) -> None:
    result = run_cli("classify", "--communication", "carrier-pigeon")
    assert result.exit_code == 2
    assert "one-way" in result.stderr and "two-way" in result.stderr
    help_text = run_cli("classify", "--help").stdout
    # The spectrum figure: "The organisation and the people make decisions together."
    assert "together (The organisation and the people make decisions together)" in " ".join(
        help_text.split()
    )
