"""Practitioners' activities get the glossary's answer everywhere (issue 21).

Each description below is one a council officer, a health board's engagement lead or a
third-sector worker would give, with the glossary sentence that decides it. Each goes
through :func:`copro_kg.classify` (the API), the site questionnaire's table and a Turtle
file given to ``copro-kg classify --data``; all three must end where the glossary does:
a level or phase (with the caveat), or the candidates plus the deciding question, or a
conflict quoting the sentence the answers break.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

import copro_kg
from copro_kg.classification import Placement
from copro_kg.namespace import COPRO
from copro_kg.site.questionnaire import Questionnaire, answer_key, build_questionnaire
from tests.conftest import REPO_ROOT, RunCli
from tests.threads import in_threads

FIGURE_WITH = "The organisation and the people listen to each other's knowledge."
FIGURE_FOR = "The organisation listens to people’s knowledge."
CO_DESIGN_CAVEAT = (
    "Co-design is a component part of a co-production process, but co-design alone isn’t "
    "co-production."
)
TOGETHER, BY_ORG = "decisions-together", "decisions-by-organisation"
BOTH, ENACTS, ENFORCES = (
    "action-by-both",
    "action-enacted-by-organisation",
    "action-enforced-by-organisation",
)

# (description, answers {feature local name: [value local names]}, expected, glossary)
# expected: ("place", class or phase local name) | ("undecided", [candidates], question
# feature) | ("conflict", the sentence the answers break)
CASES: list[tuple[str, dict[str, list[str]], tuple[Any, ...], str]] = [
    ("service co-designed with young people, then delivered by the council",
     {"whoDecides": [TOGETHER], "whoActs": [ENACTS], "communication": ["communication-two-way"],
      "audience": ["audience-citizens"]}, ("place", "co-design"), CO_DESIGN_CAVEAT),
    ("design decisions made with residents, the council builds it",
     {"whoDecides": [TOGETHER], "whoActs": [ENACTS]}, ("place", "co-design"),
     "Co-design sees the design decisions forming part of any given service or project made"),
    # Issue 21: "Organisation decides, both act" must not be a dead end. The glossary never
    # says the organisation decides alone in any phase of co-production; its figure pairs
    # "The organisation makes the decisions." with the organisation enforcing (doing to) or
    # enacting (doing for) them, and "both take actions" with deciding together: a conflict.
    ("volunteers deliver the council's own plan",
     {"whoDecides": [BY_ORG], "whoActs": [BOTH]},
     ("conflict", "The organisation enforces the decisions."),
     "The organisation enforces the decisions."),
    ("a survey that asks its own questions and gathers the responses",
     {"communication": ["communication-responses-sought"]}, ("place", "ConsultationActivity"),
     "It’s not information because: responses and feedback are sought."),
    ("council survey about budget allocation",
     {"whoDecides": [BY_ORG], "whoActs": [ENACTS],
      "communication": ["communication-responses-sought"]}, ("place", "ConsultationActivity"),
     "Examples: Council surveys about budgets allocation"),
    ("FixMyStreet reports from residents",
     {"whoDecides": [BY_ORG], "whoActs": [ENACTS],
      "communication": ["communication-responses-sought"], "audience": ["audience-citizens"]},
     ("place", "ConsultationActivity"), "e.g. surveys,\nurban planning, \n\nFixMyStreet"),
    ("inviting online comments on draft plans",
     {"whoDecides": [BY_ORG], "communication": ["communication-responses-sought"]},
     ("place", "ConsultationActivity"), "inviting online comments on draft plans"),
    ("bin collection days on the council website",
     {"whoDecides": [BY_ORG], "whoActs": [ENACTS], "communication": ["communication-one-way"]},
     ("place", "InformationActivity"),
     "How we know it’s information: communication goes one way (from organisation to citizens)."),
    ("public announcement of an approved budget",
     {"whoDecides": [BY_ORG], "whoActs": [ENACTS], "communication": ["communication-one-way"],
      "audience": ["audience-citizens"]}, ("place", "InformationActivity"),
     "budget information when approved for disclosure"),
    ("drop-in event about a new road",
     {"whoDecides": [BY_ORG], "whoActs": [ENACTS], "communication": ["communication-two-way"]},
     ("place", "ParticipationActivity"), "drop-in events about infrastructure developments"),
    ("focus group about proposed changes",
     {"whoDecides": [BY_ORG], "whoActs": [ENACTS], "communication": ["communication-two-way"],
      "audience": ["audience-citizens"]}, ("place", "ParticipationActivity"),
     "workshops or focus groups about proposed changes"),
    ("workshop with partner professionals, the organisation decides",
     {"whoDecides": [BY_ORG], "whoActs": [ENACTS], "communication": ["communication-two-way"],
      "audience": ["audience-organisations"]}, ("place", "ParticipationActivity"),
     "It’s not co-production because: it doesn’t require shared power or shared decision-making."),
    ("person-centred care",
     {"whoDecides": [TOGETHER], "whoActs": [BOTH], "audience": ["audience-citizens"]},
     ("place", "CoProduction"),
     "but all co-production is involvement (when your audience or end users are citizens"),
    ("shared decision making with patients, talking both ways",
     {"whoDecides": [TOGETHER], "whoActs": [BOTH], "communication": ["communication-two-way"],
      "audience": ["audience-citizens"]}, ("place", "CoProduction"),
     "e.g. person-centred care, \nshared decision making"),
    ("partnership board of public bodies deciding and acting together",
     {"whoDecides": [TOGETHER], "whoActs": [BOTH], "communication": ["communication-two-way"],
      "audience": ["audience-organisations"]}, ("place", "InvolvementActivity"),
     "Not all involvement is co-production (your audience or end users might be other "
     "organisations or professionals)"),
    ("decided and done together, audience not said",
     {"whoDecides": [TOGETHER], "whoActs": [BOTH]}, ("place", "InvolvementActivity"),
     "Involvement covers citizen engagement as well as stakeholder engagement."),
    ("decided and done together, but the council only broadcasts",
     {"whoDecides": [TOGETHER], "whoActs": [BOTH], "communication": ["communication-one-way"],
      "audience": ["audience-citizens"]}, ("conflict", FIGURE_WITH), FIGURE_WITH),
    ("decided and done together, through a survey",
     {"whoDecides": [TOGETHER], "whoActs": [BOTH],
      "communication": ["communication-responses-sought"]}, ("conflict", FIGURE_WITH),
     FIGURE_WITH),
    ("safeguarding",
     {"whoDecides": [BY_ORG], "whoActs": [ENFORCES], "purpose": ["purpose-ensure-safety"]},
     ("place", "CoercionOrProtection"), "e.g. \ncriminal justice, \n\nsafeguarding"),
    ("criminal justice",
     {"whoDecides": [BY_ORG], "whoActs": [ENFORCES], "purpose": ["purpose-ensure-safety"],
      "knowledge": ["knowledge-held-by-organisation"]}, ("place", "CoercionOrProtection"),
     "“We have a duty to act \nto ensure people’s \n\nsafety.”"),
    ("smoking cessation programme",
     {"whoDecides": [BY_ORG], "whoActs": [ENFORCES], "purpose": ["purpose-change-behaviour"]},
     ("place", "EducationOrPersuasion"),
     "“We know what people \nneed to do, we need to \n\nget them to do it.”"),
    ("the organisation enforces a decision, reason not said",
     {"whoActs": [ENFORCES]},
     ("undecided", ["CoercionOrProtection", "EducationOrPersuasion"], "purpose"),
     "The organisation enforces the decisions."),
    ("the organisation decides and enacts, how it talks not said",
     {"whoDecides": [BY_ORG], "whoActs": [ENACTS]},
     ("undecided", ["InformationActivity", "ConsultationActivity", "ParticipationActivity"],
      "communication"),
     "Doing for: information, consultation and participation"),
    ("an enforced rule that also asks for feedback",
     {"whoActs": [ENFORCES], "communication": ["communication-responses-sought"]},
     ("conflict", "The organisation has the knowledge."), FIGURE_FOR),
    ("only: the organisation makes the decisions",
     {"whoDecides": [BY_ORG]},
     ("undecided", ["CoercionOrProtection", "EducationOrPersuasion", "InformationActivity",
                    "ConsultationActivity", "ParticipationActivity"], "whoActs"),
     "The organisation makes the decisions."),
    ("only: decided together",
     {"whoDecides": [TOGETHER]},
     ("undecided", ["CoProduction", "InvolvementActivity", "co-design"], "whoActs"),
     "The organisation and the people make \ndecisions together."),
]  # fmt: skip


def _answers(answers: dict[str, list[str]]) -> dict[URIRef, list[URIRef]]:
    return {COPRO[f]: [COPRO[v] for v in vs] for f, vs in answers.items()}


def _graph(cases: list[tuple[str, dict[str, list[str]], tuple[Any, ...], str]] = CASES) -> Graph:
    graph = Graph()
    for i, (description, answers, _, _) in enumerate(cases):
        activity = URIRef(f"https://example.org/activity-{i}")
        graph.add((activity, RDF.type, COPRO.EngagementActivity))
        graph.add((activity, RDFS.label, Literal(description)))
        for feature, values in _answers(answers).items():
            for value in values:
                graph.add((activity, feature, value))
    return graph


@pytest.fixture(scope="module")
def placed(glossary: Graph) -> dict[str, Placement]:
    found = copro_kg.classify(glossary + _graph())
    return {p.activity.label: p for p in found}


@pytest.fixture(scope="module")
def questionnaire(glossary: Graph) -> Questionnaire:
    import copro_kg.site.model as model

    terms = model.read_terms(copro_kg.reason(glossary))
    return build_questionnaire(glossary, terms)


def _record(q: Questionnaire, answers: dict[str, list[str]]) -> dict[str, Any]:
    """The questionnaire's result for these answers (as the page looks it up)."""
    given = {str(v) for vs in _answers(answers).values() for v in vs}
    chosen = [[o for o in question.options if o.iri in given] for question in q.questions]
    record: dict[str, Any] = q.data["results"][q.data["outcomes"][answer_key(chosen)]]
    return record


def test_at_least_25_descriptions_each_quoting_the_glossary(
    in_glossary: Callable[[str], bool],
) -> None:
    assert len(CASES) >= 25
    for description, _, _, sentence in CASES:
        assert in_glossary(sentence), (description, sentence)


@pytest.mark.parametrize(("description", "answers", "expected", "sentence"), CASES)
def test_api_and_questionnaire(
    description: str,
    answers: dict[str, list[str]],
    expected: tuple[Any, ...],
    sentence: str,
    placed: dict[str, Placement],
    questionnaire: Questionnaire,
    in_glossary: Callable[[str], bool],
) -> None:
    p, record = placed[description], _record(questionnaire, answers)
    places = questionnaire.data["places"]
    if expected[0] == "place":
        iri = str(COPRO[expected[1]])
        assert [t.iri for t in p.levels] == [iri] or (p.phase and p.phase.iri == iri)
        assert places[record["place"]["id"]]["iri"] == iri
        assert not p.conflicts and "conflicts" not in record
        if expected[1] == "co-design":
            assert CO_DESIGN_CAVEAT in p.caveats and CO_DESIGN_CAVEAT in record["caveats"]
            # Issue 21: doing-with answers point to the planning passages.
            assert "inclusive-co-design" in {x["slug"] for x in record["planning"]}
        if expected[1] == "InvolvementActivity":  # the audience was given, or is now the question
            asked = p.question.iri if p.question else None
            if "audience" in answers:
                assert asked is None and "question" not in record
            else:
                assert str(asked) == str(COPRO.audience)
    elif expected[0] == "undecided":
        wanted = [str(COPRO[c]) for c in expected[1]]
        assert sorted(c.level.iri for c in p.candidates) == sorted(wanted)
        assert sorted(places[c]["iri"] for c in record["candidates"]) == sorted(wanted)
        assert p.question is not None and str(p.question.iri) == str(COPRO[expected[2]])
        assert record["question"]["text"] == p.question.question
    else:
        assert [c.need.text for c in p.conflicts if c.need] and all(
            c.need is not None and c.need.text == expected[1] for c in p.conflicts
        )
        assert {c["quote"] for c in record["conflicts"]} == {expected[1]}
        assert in_glossary(expected[1].replace("'", "’")) or in_glossary(expected[1])


def test_a_survey_is_never_offered_doing_to(placed: dict[str, Placement]) -> None:
    # Issue 21: a survey "asks its own questions and gathers the responses"; the figure's
    # doing for: "The organisation listens to people's knowledge."
    p = placed["a survey that asks its own questions and gathers the responses"]
    assert p.group is not None and p.group.iri == str(COPRO.DoingFor)
    assert not p.candidates
    assert [n.text for n in p.outcome.follows] == [FIGURE_FOR] if p.outcome else False


def test_turtle_file_gives_the_same(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "acts.ttl"
    _graph().serialize(path, format="turtle")
    result = run_cli("classify", "--data", str(path), "--format", "json")
    assert result.exit_code == 1, result.stderr  # three descriptions conflict
    found = {a["activity"]["label"]: a for a in json.loads(result.stdout)["activities"]}
    for description, _, expected, _ in CASES:
        a = found[description]
        if expected[0] == "place":
            where = [x["iri"] for x in a["levels"]] + ([a["phase"]["iri"]] if a["phase"] else [])
            assert where == [str(COPRO[expected[1]])], description
        elif expected[0] == "undecided":
            assert sorted(c["level"]["iri"] for c in a["candidates"]) == sorted(
                str(COPRO[c]) for c in expected[1]
            )
        else:
            assert a["conflicts"] and all(
                f"\u201c{expected[1]}\u201d" in " ".join(c["explanation"]) for c in a["conflicts"]
            )
    # stdin: `cat acts.ttl | copro-kg classify --data -`
    piped = run_cli("classify", "--data", "-", "--format", "json", input=path.read_bytes())
    assert piped.exit_code == 1 and json.loads(piped.stdout) == json.loads(result.stdout)


def test_unknown_feature_value_is_exit_2_with_line_and_did_you_mean(
    tmp_path: Path, run_cli: RunCli
) -> None:
    path = tmp_path / "acts.ttl"
    path.write_text(
        "@prefix copro: <https://w3id.org/copro-kg/> .\n"
        "<https://example.org/a> a copro:EngagementActivity ;\n"
        "    copro:whoDecides copro:decisions-by-council .\n",
        "utf-8",
    )
    result = run_cli("classify", "--data", str(path))
    assert result.exit_code == 2
    assert f"{path}:3" in result.stderr
    assert "did you mean copro:decisions-by-organisation" in result.stderr


def test_flags_with_data_add_one_activity(tmp_path: Path, run_cli: RunCli) -> None:
    path = tmp_path / "acts.ttl"
    path.write_text(
        "@prefix copro: <https://w3id.org/copro-kg/> .\n"
        "<https://example.org/a> copro:communication copro:communication-one-way .\n",
        "utf-8",
    )
    args = ["--who-decides", "together", "--who-acts", "by-both", "--label", "Flagged"]
    result = run_cli("classify", "--data", str(path), *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    labels = [a["activity"]["label"] for a in json.loads(result.stdout)["activities"]]
    assert len(labels) == 2 and labels[-1] == "Flagged"


def _examples(text: str) -> list[list[str]]:
    """The ``copro-kg classify`` command lines in a help text or a Markdown page."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [
        shlex.split(line.strip())[1:]
        for line in joined.splitlines()
        if line.strip().startswith("copro-kg classify")
    ]


def test_the_examples_in_help_and_docs_run(tmp_path: Path, run_cli: RunCli) -> None:
    helped = run_cli("classify", "--help")
    docs = (REPO_ROOT / "docs" / "cli.md").read_text("utf-8")
    examples = _examples(helped.stdout) + _examples(docs)
    assert len(examples) >= 2
    mine = tmp_path / "my-activities.ttl"  # the descriptions that do not conflict
    _graph([c for c in CASES if c[2][0] != "conflict"]).serialize(mine, format="turtle")
    for args in examples:
        args = [str(mine) if a == "my-activities.ttl" else a for a in args]
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stderr)


def test_placing_again_gives_the_same_and_keeps_no_spectrum(glossary: Graph) -> None:
    """Placement remembers its work per spectrum (issue 29: the questionnaire places 2,304
    combinations), so a second ``place`` must give an equal outcome that shares nothing a
    caller can change, and the memory must go with the spectrum (no cache keeps a graph)."""
    import gc
    import weakref

    from copro_kg.vocab.placement import place
    from copro_kg.vocab.spectrum import Spectrum

    s = Spectrum(glossary)
    answers = {COPRO.communication: [COPRO["communication-responses-sought"]]}
    first, again = place(s, answers), place(s, answers)
    assert first == again and first.summary() == "consultation (by elimination)"
    first.answers.clear()  # a caller's change to one outcome ...
    assert place(s, answers).answers == again.answers != {}  # ... is not remembered
    gone = weakref.ref(s)
    del s
    gc.collect()
    assert gone() is None


def test_many_threads_placing_on_one_new_spectrum_get_what_one_thread_gets(
    glossary: Graph,
) -> None:
    """docs/querying.md says a ``Spectrum`` may be shared between threads: its memory of
    worked-out answers is filled without a lock, so threads racing on the same new answers
    must each get the outcome one thread gets alone -- every combination the questionnaire
    offers, on a spectrum no thread has placed on before."""
    from copro_kg.site.questionnaire import combinations
    from copro_kg.vocab.placement import place
    from copro_kg.vocab.spectrum import Spectrum

    combos = [answers for _, answers in combinations(build_questionnaire(glossary, []).questions)]
    alone = Spectrum(glossary)
    expected = [place(alone, answers) for answers in combos]
    shared = Spectrum(glossary)

    def work(n: int) -> dict[int, object]:
        order = range(len(expected)) if n % 2 else range(len(expected) - 1, -1, -1)
        return {i: place(shared, combos[i]) for i in order}

    assert all(outcomes == dict(enumerate(expected)) for outcomes in in_threads(work))
