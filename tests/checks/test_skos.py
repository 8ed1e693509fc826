"""``copro_kg.checks.skos``: SKOS integrity conditions and qSKOS quality checks, one
"valid minus one thing" file each.

``tests/data/skos/valid.ttl`` is a small vocabulary with no finding. Each
``tests/data/invalid/<check>/vocabulary.ttl`` is that file with ONE thing changed so that it
breaks the rule named by the folder (qSKOS issue name, https://github.com/cmader/qSKOS/wiki/
Quality-Issues, or SKOS Reference S-number, https://www.w3.org/TR/skos-reference/). The
test asserts that exactly that check fires -- and no other, except those the file header
lists with a reason (``# also:``) -- and that it names the concepts the header expects
(``# expect-terms:``). This improves on skohub-shapes' invalid-file tests, which only
assert that *some* violation is reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from copro_kg import checks
from copro_kg.checks import skos
from copro_kg.checks.skos.view import valid_language_tag
from tests.conftest import DATA_DIR

INVALID = DATA_DIR / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def _header(path: Path, key: str) -> list[str]:
    values = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"# {key}:"):
            values.append(line.split(":", 1)[1].strip())
    return values


def test_valid_vocabulary_has_no_finding() -> None:
    graph = Graph().parse(DATA_DIR / "skos" / "valid.ttl")
    assert skos.run(graph) == []


def test_every_skos_check_has_an_invalid_example() -> None:
    skos_checks = {i.info.id for i in checks.CHECKS.values() if i.info.profile == "skos"}
    assert skos_checks == set(CASES)


@pytest.mark.parametrize("check_id", CASES)
def test_invalid_file_fires_exactly_its_check(check_id: str) -> None:
    path = INVALID / check_id / "vocabulary.ttl"
    findings = skos.run(Graph().parse(path))
    also = {line.split(" -- ")[0].strip() for line in _header(path, "also")}
    assert {f.check for f in findings} == {check_id} | also
    (expected,) = _header(path, "expect-terms")
    named = [f for f in findings if f.check == check_id]
    assert len(named) == 1, [f.message for f in named]
    wanted = {t.strip() for t in expected.split("|")}
    # Each expected concept is named by its label (or, with no label, its IRI) AND IRI.
    assert {t.label if t.label in wanted else t.iri for t in named[0].terms} == wanted
    assert all(t.iri.startswith("http") for t in named[0].terms)
    for term in named[0].terms:
        assert term.iri in named[0].message


def test_hierarchy_through_declared_sub_properties() -> None:
    # ISO 25964's broaderGeneric is a sub-property of skos:broader (iso-thes schema), so a
    # cycle stated with it is a SKOS hierarchy cycle (qSKOS chr) -- the view SKOS tools
    # get after reasoning.
    graph = Graph().parse(
        data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix iso-thes: <http://purl.org/iso25964/skos-thes#> .
        iso-thes:broaderGeneric rdfs:subPropertyOf skos:broader .
        <urn:x:a> a skos:Concept ; iso-thes:broaderGeneric <urn:x:b> .
        <urn:x:b> a skos:Concept ; iso-thes:broaderGeneric <urn:x:a> .
        """,
        format="turtle",
    )
    cycles = [f for f in skos.run(graph) if f.check == "cyclic-hierarchical-relations"]
    assert [sorted(t.iri for t in f.terms) for f in cycles] == [["urn:x:a", "urn:x:b"]]


def test_language_tag_syntax() -> None:
    # BCP 47 (RFC 5646 §2.1): "cy-GB" is well formed, "en_GB" (underscore) is not.
    assert valid_language_tag("cy-GB")
    assert not valid_language_tag("en_GB")
