"""Asking by name from Python gets the CLI's answer (issue 31).

``copro_kg.ask`` takes a library query's name and its parameters the way ``copro-kg
query NAME --param`` does -- labels, CURIEs, IRIs -- through the one term resolver, and
says "did you mean" on a miss.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import copro_kg
from copro_kg.resources import QUERIES_DIR

from ..conftest import DATA_DIR, RunCli

# (query, parameter, the value as a person types it, the glossary's sentence behind the
# answer, a line of the answer that sentence gives)
BY_LABEL = [
    (
        "criteria-for",
        "term",
        "Consultation",
        "How we know it’s consultation: the organisation determines the questions, publishes "
        "them for a fixed time period, and gathers the results to analyse and feed into "
        "decision-making.",
        "How we know it’s consultation: the organisation determines the questions",
    ),
    (
        "synonyms-of",
        "term",
        "community engagement",
        "Community engagement (public engagement, citizen engagement):",
        "Citizen engagement",
    ),
    (
        "criteria-for",
        "term",
        "copro:information",
        "How we know it’s information: communication goes one way (from organisation to citizens).",
        "How we know it’s information: communication goes one way",
    ),
    (
        "what-is-a-term-a-kind-of",
        "term",
        "<https://w3id.org/copro-kg/co-production>",
        "but all co-production is involvement",
        "https://w3id.org/copro-kg/involvement",
    ),
]


@pytest.mark.parametrize(("name", "param", "value", "sentence", "line"), BY_LABEL)
def test_a_library_query_by_name_with_a_named_parameter_gets_the_cli_answer(
    name: str,
    param: str,
    value: str,
    sentence: str,
    line: str,
    run_cli: RunCli,
    in_glossary: Callable[[str], bool],
) -> None:
    answer = copro_kg.ask(name, {param: value})
    cli = run_cli("query", name, "--param", f"{param}={value}", "--format", "csv")
    assert cli.exit_code == 0, cli.stderr
    assert copro_kg.format_result(answer, "csv") == cli.stdout
    assert in_glossary(sentence)
    assert line in cli.stdout


def test_labels_true_is_the_cli_labels_option(run_cli: RunCli) -> None:
    answer = copro_kg.ask("criteria-for", {"term": "Participation"}, labels=True)
    cli = run_cli("query", "criteria-for", "--param", "term=Participation", "--labels", "-f", "csv")
    assert copro_kg.format_result(answer, "csv") == cli.stdout
    assert answer.variables == ("criterion", "criterion_label", "text")


def test_a_misspelt_query_name_gets_did_you_mean() -> None:
    with pytest.raises(copro_kg.QueryError) as caught:
        copro_kg.ask("criteria-fro")
    assert caught.value.hint is not None and "criteria-for" in caught.value.hint


def test_a_misspelt_term_gets_did_you_mean() -> None:
    with pytest.raises(copro_kg.UnknownTermError) as caught:
        copro_kg.ask("criteria-for", {"term": "consultaton"})
    assert "Consultation" in caught.value.suggestions


def test_a_missing_parameter_says_which() -> None:
    with pytest.raises(copro_kg.QueryError, match="needs --param term"):
        copro_kg.ask("synonyms-of")


def test_a_query_file_and_query_text_answer_as_the_library_name(tmp_path: Path) -> None:
    by_name = copro_kg.ask("levels-doing-for")
    copy = tmp_path / "mine.rq"
    copy.write_text((QUERIES_DIR / "levels-doing-for.rq").read_text(encoding="utf-8"))
    assert copro_kg.ask(copy).rows == by_name.rows
    assert copro_kg.ask(str(copy)).rows == by_name.rows
    assert copro_kg.ask(copy.read_text(encoding="utf-8")).rows == by_name.rows
    # "information consultation participation": the glossary's "doing for" column.
    assert [str(row[0]).rsplit("/", 1)[1] for row in by_name.rows] == [
        "information",
        "consultation",
        "participation",
    ]


# The analyst guide's question about your own activities: each one, with the one level of the
# spectrum the reasoner placed it on (the most specific).
OUR_LEVELS = """
PREFIX ex: <https://example.org/activities/>
SELECT ?activity ?level WHERE {
  ?activity a ?class .
  FILTER STRSTARTS(STR(?activity), STR(ex:))
  ?class copro:concept ?level .
  ?level copro:spectrumPosition ?position .
  FILTER NOT EXISTS {
    ?activity a ?narrower .
    ?narrower rdfs:subClassOf ?class ; copro:concept/copro:spectrumPosition ?p .
    FILTER (?narrower != ?class)
  }
}
ORDER BY ?activity
"""


def test_with_data_the_users_own_activities_as_the_cli_gives_them(run_cli: RunCli) -> None:
    data = str(DATA_DIR / "graph" / "activities.ttl")
    answer = copro_kg.ask(OUR_LEVELS, data=[data], labels=True)
    cli = run_cli("query", "-e", OUR_LEVELS, "--data", data, "--labels", "-f", "csv")
    assert copro_kg.format_result(answer, "csv") == cli.stdout
    frame = answer.to_dataframe(iris="curie")
    # The file types the survey as consultation and the panel as co-production; "all
    # co-production is involvement" makes the panel involvement too, which is less specific.
    assert frame[["activity_label", "level_label"]].values.tolist() == [
        ["Budget survey 2025", "Consultation"],
        ["Youth panel redesign", "Co-production"],
    ]
