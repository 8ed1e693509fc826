"""The ontology's merge driver (``scripts/merge_ontology.py``) merges triples and reports
real conflicts, including two different edits of one blank-node structure."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph

from copro_kg.resources import ONTOLOGY_DIR

from .conftest import load_script

PREFIXES = """@prefix copro: <https://w3id.org/copro-kg/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
AXIOM = """
[] a owl:Axiom ;
    owl:annotatedSource copro:{source} ;
    owl:annotatedProperty skos:closeMatch ;
    owl:annotatedTarget copro:tlap-coercion ;
    skos:editorialNote "{note}"@en .
"""


@pytest.fixture(scope="module")
def merge_script() -> ModuleType:
    return load_script("scripts/merge_ontology.py")


def _files(tmp_path: Path, base: str, ours: str, theirs: str) -> list[Path]:
    paths = []
    for name, body in (("base", base), ("ours", ours), ("theirs", theirs)):
        path = tmp_path / f"{name}.ttl"
        path.write_text(PREFIXES + body, encoding="utf-8")
        paths.append(path)
    return paths


def test_independent_edits_of_one_subject_merge(merge_script: ModuleType, tmp_path: Path) -> None:
    base, ours, theirs = _files(
        tmp_path,
        "copro:co-design skos:prefLabel 'Co-design'@en .",
        "copro:co-design skos:prefLabel 'Co-design'@en ; skos:note 'a'@en .",
        "copro:co-design skos:prefLabel 'Co-design'@en ; skos:broader copro:co-production .",
    )
    text, conflicts = merge_script.merge(base, ours, theirs, "x.ttl")
    assert conflicts == []
    graph = Graph().parse(data=text, format="turtle")
    assert len(graph) == 3


@pytest.mark.parametrize(
    ("ours", "theirs", "conflict"),
    [
        # One side renames the axiom's source, the other rewords its note: as statements
        # both remove the old axiom and add a new one, which must not pass silently.
        (("coercion-level", "old"), ("coercion", "new"), True),
        # The same edit on both sides is no conflict, and the axiom comes back once.
        (("coercion", "new"), ("coercion", "new"), False),
    ],
)
def test_edits_of_one_axiom(
    merge_script: ModuleType,
    tmp_path: Path,
    ours: tuple[str, str],
    theirs: tuple[str, str],
    conflict: bool,
) -> None:
    base, mine, yours = _files(
        tmp_path,
        AXIOM.format(source="coercion", note="old"),
        AXIOM.format(source=ours[0], note=ours[1]),
        AXIOM.format(source=theirs[0], note=theirs[1]),
    )
    text, conflicts = merge_script.merge(base, mine, yours, "x.ttl")
    assert bool(conflicts) is conflict
    if not conflict:
        assert len(Graph().parse(data=text, format="turtle")) == 5


@pytest.mark.parametrize("name", ["evidence.ttl", "mappings.ttl", "copro.ttl"])
def test_a_file_merged_with_itself_is_unchanged(merge_script: ModuleType, name: str) -> None:
    # Every blank-node structure (axioms, restrictions, lists) comes back whole.
    path = ONTOLOGY_DIR / name
    text, conflicts = merge_script.merge(path, path, path, name)
    assert conflicts == []
    assert text == path.read_text(encoding="utf-8")
