"""``copro-kg diff``: every change type of RDF Differ, plus deprecated, on a hand-made pair.

``tests/data/history/old.ttl`` and ``new.ttl`` are two versions of a tiny vocabulary in
which each concept undergoes one kind of change. The expectations are the definitions of
the issue (and of RDF Differ, meaningfy-ws/rdf-differ-ws, skos-core queries): *updated*
is the same concept and property with a new value; *moved* the same property and value
now on another concept; *changed* the same concept and value under another property (an
altLabel promoted to prefLabel); *deprecated* is ``owl:deprecated true`` with its
``dcterms:isReplacedBy``.
"""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from copro_kg.namespace import BASE
from copro_kg.prefixes import MAPPED_MODELS
from tests.conftest import REPO_ROOT, RunCli

DATA = REPO_ROOT / "tests" / "data" / "history"
OLD, NEW = str(DATA / "old.ttl"), str(DATA / "new.ttl")
EX = "https://example.org/voc/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

EXPECTED = {
    # concept, action, property, old, new
    (EX + "relabelled", "updated", SKOS + "prefLabel", "Old name", "New name"),
    (EX + "promoted", "changed", SKOS + "prefLabel", SKOS + "altLabel", "Promoted term"),
    (EX + "promoted", "changed", SKOS + "altLabel", SKOS + "prefLabel", "Promoted"),
    (EX + "taker", "moved", SKOS + "altLabel", EX + "giver", "Handed over"),
    (EX + "grows", "added", SKOS + "altLabel", None, "Growing"),
    (EX + "shrinks", "deleted", SKOS + "scopeNote", "A note that goes.", None),
    (EX + "Renamed", "deprecated", "http://purl.org/dc/terms/isReplacedBy", None, EX + "renamed"),
    # The replacement is a new concept; the hierarchy moved to it from the deprecated one.
    (EX + "renamed", "added", RDF_TYPE, None, SKOS + "Concept"),
    (EX + "renamed", "added", SKOS + "prefLabel", None, "Renamed"),
    (EX + "renamed", "added", SKOS + "inScheme", None, None),
    (EX + "renamed", "moved", SKOS + "broader", EX + "Renamed", EX + "kept"),
    # A concept gone outright (what a release must never do) is a deleted rdf:type.
    (EX + "gone", "deleted", RDF_TYPE, SKOS + "Concept", None),
    (EX + "gone", "deleted", SKOS + "prefLabel", "Gone", None),
}
EXPECTED = {e for e in EXPECTED if e[2] != SKOS + "inScheme"}  # neither file uses inScheme


def test_json_lists_every_change_type_exactly(run_cli: RunCli) -> None:
    result = run_cli("diff", OLD, NEW, "--format", "json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["from"] == OLD and answer["to"] == NEW
    got = {
        (c["concept"], c["action"], c["property"], c["old"], c["new"]) for c in answer["changes"]
    }
    assert got == EXPECTED
    assert set(answer["changes"][0]) == {"concept", "action", "property", "old", "new"}


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (
            "text",
            'moved skos:altLabel "Handed over"@en here from Giver <https://example.org/voc/giver>',
        ),
        ("text", 'changed skos:altLabel -> skos:prefLabel: "Promoted term"@en'),
        ("text", "deprecated; replaced by Renamed <https://example.org/voc/renamed>"),
        ("md", "#### Deprecated concepts (1)"),
        ("md", "- **New name** `<https://example.org/voc/relabelled>`: updated skos:prefLabel"),
    ],
)
def test_text_and_markdown_name_each_change(run_cli: RunCli, fmt: str, expected: str) -> None:
    result = run_cli("diff", OLD, NEW, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout


def test_no_change_is_said(run_cli: RunCli) -> None:
    result = run_cli("diff", OLD, OLD)
    assert result.exit_code == 0 and "No changes." in result.stdout


def test_the_same_graph_in_another_syntax_has_no_changes(run_cli: RunCli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Graph

    xml = tmp_path / "old.rdf"
    Graph().parse(OLD).serialize(xml, format="xml")
    result = run_cli("diff", OLD, str(xml), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["changes"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("9.9.9",), "neither a released version nor a file"),
        (("no-such-file.ttl",), "no-such-file.ttl"),
        ((str(DATA / "bad.ttl"),), "bad.ttl:"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(
    run_cli: RunCli, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("diff", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_mapped_models_old_iris_are_deprecated_since_0_2_0(run_cli: RunCli) -> None:
    """Issue 26: the rungs of the models we map to left the glossary's URI space ("targets
    in their own ... URI spaces"); deprecate, never delete (ontology/README.md). Every one
    that release 0.2.0 described, ``copro:<model>-<name>``, is reported deprecated with its
    replacement ``<model>:<name>``; the rungs 0.2.0 did not export are too."""
    result = run_cli("diff", "0.2.0", "--format", "json")
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    deprecated = {c["concept"]: c["new"] for c in changes if c["action"] == "deprecated"}
    released = Graph().parse(REPO_ROOT / "releases" / "0.2.0" / "copro-skos.ttl")
    schemes = {URIRef(f"{BASE}{m}") for m in ("arnstein-ladder-scheme", "tlap-ladder-scheme",
                                               "iap2-spectrum-scheme")}  # fmt: skip
    described = {str(s) for s, o in released.subject_objects(RDFS.isDefinedBy) if o in schemes}
    assert len(described) == 16
    for old in described:
        model, name = old[len(BASE) :].split("-", 1)
        assert deprecated[old] == MAPPED_MODELS[model] + name, old
    olds = {c for c in deprecated if c.startswith(tuple(f"{BASE}{m}-" for m in MAPPED_MODELS))}
    assert len(olds) == 23  # 11 of Arnstein's, 7 of TLAP's, 5 of IAP2's
