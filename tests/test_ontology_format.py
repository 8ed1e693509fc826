"""The ontology's Turtle files are in canonical form (``scripts/format_ontology.py``).

Issue 3: "Turtle files are kept sorted and formatted by one canonical serializer (a make fmt/test
checks it)".
"""

from __future__ import annotations

import random
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from copro_kg.resources import ONTOLOGY_DIR

from .conftest import load_script


@pytest.fixture(scope="module")
def formatter() -> ModuleType:
    return load_script("scripts/format_ontology.py")


def test_shipped_files_are_canonical(
    formatter: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make fmt` has been run: `format_ontology.py --check` would change nothing (it
    names each file it would reformat)."""
    assert sorted(ONTOLOGY_DIR.glob("*.ttl"))
    assert formatter.main(["--check"]) == 0, capsys.readouterr().err


def test_canonical_form_is_stable_and_loses_nothing(formatter: ModuleType) -> None:
    """The same graph written in any order formats to the same text, isomorphic to the input."""
    source = (ONTOLOGY_DIR / "spectrum.ttl").read_text(encoding="utf-8")
    header = [line for line in source.splitlines() if line.startswith("#")]
    triples = Graph().parse(data=source, format="turtle").serialize(format="nt").splitlines()
    random.Random(3).shuffle(triples)
    shuffled = "\n".join(header) + "\n" + "\n".join(triples) + "\n"
    out = formatter.canonical(shuffled)
    assert out == source
    assert isomorphic(
        Graph().parse(data=out, format="turtle"), Graph().parse(data=source, format="turtle")
    )


def test_check_reports_an_unformatted_file(formatter: ModuleType, tmp_path: Path) -> None:
    messy = tmp_path / "messy.ttl"
    messy.write_text(
        "@prefix ex: <http://example.org/> .\nex:b ex:p ex:o . ex:a ex:p ex:o .\n", encoding="utf-8"
    )
    assert formatter.main(["--check", str(messy)]) == 1
    assert formatter.main([str(messy)]) == 0
    assert formatter.main(["--check", str(messy)]) == 0
