"""The mapping set as SSSOM, read and validated by the ``sssom`` package (issue 26).

``copro-kg export --format sssom`` writes it; ``sssom`` (the SSSOM reference
implementation, PyPI) parses it and validates it against the SSSOM schema and its prefix
map. Expectations come from the sources: ``research/domain.md`` (the other models' rungs)
and the glossary.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from copro_kg.export.sssom import SEMAPV, mapping_rows
from copro_kg.namespace import COPRO, PREFIXES
from tests.conftest import RunCli

sssom = pytest.importorskip("sssom")  # a [test] extra: installed by make test


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from copro_kg.cli import main

    path = tmp_path_factory.mktemp("sssom") / "copro-mappings.sssom.tsv"
    with CliRunner().isolation():
        try:
            main(["export", "--format", "sssom", "-o", str(path)])
        except SystemExit as exc:
            assert exc.code in (0, None)
    return path


def validation_errors(path: Path) -> list[str]:
    from sssom.constants import SchemaValidationType
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    table = parse_sssom_table(str(path))
    reports = validate(
        table,
        [SchemaValidationType.JsonSchema, SchemaValidationType.PrefixMapCompleteness],
        fail_on_error=False,
    )
    return [str(r) for report in reports.values() for r in report.results]


def test_sssom_reads_and_validates_the_mapping_set(written: Path, glossary: Graph) -> None:
    from sssom.parsers import parse_sssom_table

    assert validation_errors(written) == []
    table = parse_sssom_table(str(written))
    stated = sum(1 for p in (SKOS.closeMatch, SKOS.relatedMatch, SKOS.broadMatch)
                 for _ in glossary.subject_objects(p))  # fmt: skip
    assert len(table.df) == stated
    assert set(table.df["mapping_justification"]) == {"semapv:ManualMappingCuration"}
    assert all(0 < c <= 1 for c in table.df["confidence"])
    assert all(
        str(c).startswith("Mapping by copro-kg, not the glossary.") for c in table.df["comment"]
    )


def test_a_broken_prefix_map_is_reported(written: Path, tmp_path: Path) -> None:
    # The validation can fail: drop the UNESCO prefix the rows use.
    broken = tmp_path / "broken.sssom.tsv"
    text = written.read_text(encoding="utf-8")
    broken.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("#  unesco:")) + "\n",
        encoding="utf-8",
    )
    assert validation_errors(broken)


def test_coercion_and_education_are_only_related_to_tlaps_rungs(glossary: Graph) -> None:
    # Glossary: coercion "We have a duty to act to ensure people’s safety." (criminal
    # justice, safeguarding); education "We know what people need to do, we need to get
    # them to do it." (smoking cessation). domain.md, TLAP: Coercion "People attend as
    # passive recipients; their views are not considered"; Educating "People are helped
    # to understand how services are designed and delivered". Same rungs, not the same
    # practice: no skos:closeMatch, which says they could be used interchangeably.
    rows = {(r.subject_id, r.object_id): r for r in mapping_rows(glossary)}
    for term, rung in (("coercion", "coercion"), ("education", "educating")):
        row = rows[(str(COPRO[term]), str(PREFIXES["tlap"][rung]))]
        assert row.predicate_id == str(SKOS.relatedMatch), term
        assert row.justification == SEMAPV + "ManualMappingCuration"


def test_a_later_reading_has_the_lowest_confidence(glossary: Graph) -> None:
    # domain.md: "The mapping of Arnstein's three groups to 'doing to / doing for / doing
    # with' is a later reading, not Arnstein's own."
    rows = mapping_rows(glossary)
    arnstein = [r for r in rows if r.subject_id.rsplit("/", 1)[-1].startswith("doing-")]
    assert len(arnstein) == 3
    assert {r.confidence for r in arnstein} == {min(r.confidence or 1 for r in rows)}


def test_the_cli_writes_it_from_the_tsv_suffix(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "mine.sssom.tsv"
    result = run_cli("export", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("#curie_map:")
