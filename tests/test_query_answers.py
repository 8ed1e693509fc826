"""What the query library and ``classify`` answer, as the glossary writes it (issue 18).

"``synonyms-of`` and ``welsh-labels-of`` lower-case every label; values and cycle phases
come out alphabetically instead of in the glossary's order; the spectrum position is a
string ("3") in JSON; the header of ``queries/welsh-labels-of.rq`` cites a file that is not
in the repository."
"""

from __future__ import annotations

import csv
import io
import json
import re

from copro_kg.resources import QUERIES_DIR

from .conftest import REPO_ROOT, RunCli


def _csv(run_cli: RunCli, *args: str) -> list[list[str]]:
    result = run_cli("query", *args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout, newline="")))[1:]


def test_welsh_labels_come_as_written(run_cli: RunCli) -> None:
    """Involvement's verified Welsh label is "Ymgyfraniad" (its skos:editorialNote cites
    the Co-production Network for Wales' Welsh page), capital Y and all."""
    rows = _csv(run_cli, "welsh-labels-of", "--param", "term=involvement")
    assert ["preferred", "Ymgyfraniad"] in rows
    assert rows[0][0] == "preferred"


def test_synonyms_come_as_written(run_cli: RunCli) -> None:
    rows = _csv(run_cli, "synonyms-of", "--param", "term=community-engagement")
    assert {r[0].lower() for r in rows} == {"public engagement", "citizen engagement"}
    assert all(r[0][0].isupper() for r in rows), rows  # the labels, not folded to lower case


def test_values_come_in_the_glossarys_order(run_cli: RunCli, seed_text: str) -> None:
    """ "underpinned by the following 5 values" and its five bullets, in that order."""
    after = seed_text.split("underpinned by the following 5 values", 1)[1]
    bullets = [
        line.strip("● .").strip() for line in after.splitlines() if line.strip().startswith("●")
    ][:5]
    rows = _csv(run_cli, "values-of-co-production", "--labels")
    assert len(rows) == len(bullets) == 5
    # A label is its bullet without the bracketed gloss: "... involved (outcomes focus)".
    assert all(bullet.startswith(label) for (_, label), bullet in zip(rows, bullets, strict=True))


def test_phases_come_in_the_cycles_order(run_cli: RunCli, in_glossary: object) -> None:
    sentence = (
        "A complete co-production process is a cycle that includes co-planning (which might "
        "be co-creating or co-commissioning, depending on context), co-design and "
        "co-decision making, co-delivery (or co-implementation), and co-evaluation."
    )
    assert in_glossary(sentence)  # type: ignore[operator]
    rows = _csv(run_cli, "phases-of-co-production", "--labels")
    where = [sentence.index(label.lower()) for _, label, _ in rows]
    assert where == sorted(where), rows
    following = _csv(run_cli, "next-phase-in-the-cycle")
    firsts = list(dict.fromkeys(phase.rsplit("/", 1)[-1] for phase, _ in following))
    assert firsts == [
        "co-planning",
        "co-design",
        "co-decision-making",
        "co-delivery",
        "co-evaluation",
    ]


def test_the_spectrum_position_is_a_number_in_json(run_cli: RunCli) -> None:
    """The figure's columns, left to right: coercion/protection, education/persuasion,
    information, consultation, participation, co-production/involvement -- consultation
    is the 4th; "the organisation asks its own questions and gathers the responses" is
    consultation's communication."""
    result = run_cli(
        "classify",
        "--who-decides",
        "by-organisation",
        "--who-acts",
        "enacted-by-organisation",
        "--communication",
        "responses-sought",
        "--format",
        "json",
    )
    activity = json.loads(result.stdout)["activities"][0]
    assert activity["position"] == 4 and isinstance(activity["position"], int), activity


def test_query_headers_cite_only_files_in_the_repository() -> None:
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        header = "\n".join(line for line in path.read_text().splitlines() if line.startswith("#"))
        assert "/work/" not in header and "shared/research" not in header, path.name
        for cited in re.findall(r"\b[\w./-]+\.(?:ttl|md|rq|csv)\b", header):
            assert (REPO_ROOT / cited).exists(), f"{path.name} cites {cited}"
