"""One reading of the spectrum: ``classify`` and the site's questionnaire agree everywhere.

Issue 14: "The site's 'Where does my activity sit?' never answers Involvement, and
disagrees with ``classify``"; done when "questionnaire = ``classify`` for every answer
combination including partial ones". Every combination the page offers (a question left
at "not sure" included) goes through :func:`copro_kg.classify` (the Python API), through
``copro-kg classify`` (all of them in one Turtle file, a sample as flags) and through
the questionnaire's table; all must give the same place, candidates, deciding question
and conflicts. Every level and group of the glossary's spectrum figure is reachable.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

import copro_kg
from copro_kg.classification import Placement
from copro_kg.namespace import COPRO
from copro_kg.site.questionnaire import Questionnaire, build_questionnaire, combinations
from tests.conftest import RunCli

ACTIVITY = "urn:test:combination-"


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def questionnaire(glossary: Graph) -> Questionnaire:
    return build_questionnaire(glossary, [])


@pytest.fixture(scope="module")
def combos(questionnaire: Questionnaire) -> list[tuple[str, dict[URIRef, list[URIRef]]]]:
    return list(combinations(questionnaire.questions))


def _activities(combos: list[tuple[str, dict[URIRef, list[URIRef]]]]) -> Graph:
    """One engagement activity per combination, described only by its answers."""
    graph = Graph()
    for i, (key, answers) in enumerate(combos):
        activity = URIRef(f"{ACTIVITY}{i}")
        graph.add((activity, RDF.type, COPRO.EngagementActivity))
        graph.add((activity, RDFS.label, Literal(key)))
        for feature, values in answers.items():
            for value in values:
                graph.add((activity, feature, value))
    return graph


@pytest.fixture(scope="module")
def placed(glossary: Graph, combos: list[Any]) -> list[Placement]:
    """Every combination through the Python API (one reasoning over all of them)."""
    activities = [URIRef(f"{ACTIVITY}{i}") for i in range(len(combos))]
    return copro_kg.classify(glossary + _activities(combos), activities=activities)


Summary = tuple[str | None, tuple[str, ...], str | None, tuple[Any, ...]]


def _from_placement(p: Placement) -> Summary:
    where = p.levels[0].iri if p.levels else (p.phase.iri if p.phase else None)
    conflicts = tuple(
        (tuple(sorted((str(f), str(v)) for f, v in c.answers)), c.need.text if c.need else "")
        for c in p.conflicts
    )
    question = p.question.question if p.question else None
    return where, tuple(c.level.iri for c in p.candidates), question, conflicts


def _from_json(activity: dict[str, Any], features: dict[str, str]) -> Summary:
    """The same from ``classify --format json`` (answers named by value IRI)."""
    levels, phase = activity["levels"], activity["phase"]
    where = levels[0]["iri"] if levels else (phase["iri"] if phase else None)
    conflicts = tuple(
        (
            tuple(sorted((features[a["iri"]], a["iri"]) for a in c["answers"])),
            next((ln[15:-1] for ln in c["explanation"] if ln.startswith("the glossary")), ""),
        )
        for c in activity["conflicts"]
    )
    question = activity["question"]["text"] if activity["question"] else None
    return where, tuple(c["level"]["iri"] for c in activity["candidates"]), question, conflicts


def _from_table(q: Questionnaire, key: str) -> Summary:
    data = q.data
    record = data["results"][data["outcomes"][key]]
    places = data["places"]
    iri = {q_.key: q_.iri for q_ in q.questions}
    value = {o.key: o.iri for q_ in q.questions for o in q_.options}
    spot = record.get("place")
    candidates = record.get("candidates", [])
    if spot is not None and spot["kind"] == "column":  # the page lists a column's levels too
        candidates = [c for c in candidates if c not in places[spot["id"]]["covers"]]
    conflicts = tuple(
        (tuple(sorted((iri[f], value[v]) for f, v in c["answers"])), c["quote"])
        for c in record.get("conflicts", [])
    )
    question = record["question"]["text"] if "question" in record else None
    where = places[spot["id"]]["iri"] if spot else None
    return where, tuple(places[c]["iri"] for c in candidates), question, conflicts


def test_every_combination_is_offered(questionnaire: Questionnaire, combos: list[Any]) -> None:
    # Each feature of engagement activities is asked (the flags of `classify`); a
    # functional one is answered once or not at all, the audience with any set.
    assert [q.iri for q in questionnaire.questions] == [
        str(f.iri) for f in copro_kg.classification.features(copro_kg.load())
    ]
    expected = 1
    for q in questionnaire.questions:
        expected *= 2 ** len(q.options) if q.multiple else len(q.options) + 1
    assert len(combos) == expected == len(questionnaire.data["outcomes"])


def test_questionnaire_is_classify_for_every_combination(
    questionnaire: Questionnaire, combos: list[Any], placed: list[Placement]
) -> None:
    """Issue 14: "a test runs every answer combination, partial ones included, through
    both and requires the same placement, candidates and conflicts"."""
    assert len(placed) == len(combos)
    differ = [
        (key, _from_placement(p), _from_table(questionnaire, key))
        for (key, _), p in zip(combos, placed, strict=True)
        if _from_placement(p) != _from_table(questionnaire, key)
    ]
    assert not differ, differ[:3]


def test_cli_with_a_turtle_file_agrees_for_every_combination(
    tmp_path: Path, run_cli: RunCli, questionnaire: Questionnaire, combos: list[Any]
) -> None:
    path = tmp_path / "combinations.ttl"
    _activities(combos).serialize(path, format="turtle")
    result = run_cli("classify", "--data", str(path), "--format", "json")
    assert result.exit_code in (0, 1), result.stderr  # 1: some combinations conflict
    features = {str(v): str(f.iri) for f in _features() for v in f.choices.values()}
    by_key = {a["activity"]["label"]: a for a in json.loads(result.stdout)["activities"]}
    assert len(by_key) == len(combos)
    differ = [
        key
        for key, _ in combos
        if _from_json(by_key[key], features) != _from_table(questionnaire, key)
    ]
    assert not differ, differ[:3]


def _features() -> list[copro_kg.classification.Feature]:
    return copro_kg.classification.features(copro_kg.load())


def test_cli_flags_agree_on_a_sample(
    run_cli: RunCli, questionnaire: Questionnaire, combos: list[Any]
) -> None:
    """A spread of combinations (every 173rd: partial, whole and conflicting ones) as
    ``copro-kg classify`` flags, in process."""
    features = {str(v): str(f.iri) for f in _features() for v in f.choices.values()}
    options = {str(f.iri): f for f in _features()}
    # No flags at all classifies the glossary's own examples (its documented default).
    sample = [c for c in combos[::173] if c[1]]
    assert len(sample) >= 12
    for key, answers in sample:
        args = ["classify", "--format", "json"]
        for feature, values in answers.items():
            f = options[str(feature)]
            key_of = {iri: name for name, iri in f.choices.items()}
            if len(values) > 1:  # a flag takes one value: the Turtle test covers sets
                break
            args += [f"--{f.option}", key_of[values[0]]]
        else:
            result = run_cli(*args)
            assert result.exit_code in (0, 1), result.stderr
            activity = json.loads(result.stdout)["activities"][-1]
            assert _from_json(activity, features) == _from_table(questionnaire, key), key


# --------------------------------------------------------------------------- reachable

# The spectrum figure, line by line as the glossary prints it:
FIGURE_LINES = [
    "doing to doing for doing with",
    "coercion",
    "protection",
    "education",
    "persuasion",
    "information consultation participation",
    "co-production",
    "involvement",
]


def test_every_level_and_group_of_the_figure_is_reachable(
    questionnaire: Questionnaire, seed_text: str, in_glossary: Callable[[str], bool]
) -> None:
    lines = {line.strip() for line in seed_text.splitlines()}
    assert all(line in lines for line in FIGURE_LINES)
    named = {word for line in FIGURE_LINES[1:] for word in line.split()}
    groups = {"doing to", "doing for", "doing with"}
    data = questionnaire.data
    places = data["places"]
    reached: set[str] = set()
    for record in data["results"]:
        spot = record.get("place")
        if spot is None:
            continue
        reached.add(places[spot["id"]]["label"].casefold())
        # "coercion / protection" share one column of the figure: it is placed as the
        # column, which names both levels.
        reached |= {places[c]["label"].casefold() for c in places[spot["id"]].get("covers", [])}
        if "group" in record:
            reached.add(places[record["group"]]["label"].casefold())
    assert named <= reached, named - reached
    assert groups <= reached, groups - reached
    # Issue 14: "never answers Involvement".
    assert in_glossary("Not all involvement is co-production")
