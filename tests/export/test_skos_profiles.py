"""The ``skos`` export against SKOS publication profiles written by others (issue 19 item 8).

pySHACL runs three SHACL files nobody on the project wrote (``tests/data/shapes/``, where
each comes from and under what licence is in its README) on the Turtle that
``copro-kg export --profile skos`` writes:

* kos-kit's shapes of the SKOS Reference's own constraints (``skos-reference.shacl.ttl``);
* VocPub 5.2, the publication profile voc4cat validates vocabularies with;
* VocPub 5.2.MULTILANG, its publisher's variant for vocabularies in several languages.

Each profile may report only the deviations listed here, by (kind of focus node, path,
constraint component, severity), each with its reason; any other result fails. For the
deviations that rest on the glossary, the focus nodes themselves are checked too, against
the loaded glossary rather than the export: the export must not be where a definition or
a label went missing. ``docs/taxonomy-tools.md`` ("SKOS publication profiles") explains each.

pySHACL runs as voc4cat runs it by default (no inference, warnings not allowed): a profile
checks what the file states, which is what a taxonomy tool reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from copro_kg.cli import main
from copro_kg.export.profiles import MAIN_SCHEME
from copro_kg.namespace import BASE, COPRO
from tests.conftest import DATA_DIR

SHAPES = DATA_DIR / "shapes"
KOS_KIT = SHAPES / "kos-kit" / "skos-reference.shacl.ttl"
VOCPUB = SHAPES / "vocpub" / "vocpub-5.2.ttl"
VOCPUB_MULTILANG = SHAPES / "vocpub" / "validator.multilang.ttl"
KOS_KIT_NS = "http://kos-kit.github.io/skos-shacl/ns#"
SCHEMA = "https://schema.org/"


@dataclass(frozen=True, order=True)
class Kind:
    """One kind of validation result: what the focus node is, the path, the constraint."""

    focus: str  # "concept", "scheme", "collection", "own mapping target", "other"
    path: str
    constraint: str  # the sh:sourceConstraintComponent's local name
    severity: str = "Violation"


@dataclass(frozen=True)
class Result:
    """One validation result: its kind, its focus node and the value it is about."""

    kind: Kind
    focus: Node
    value: Node | None


# ---------------------------------------------------------------- the deviations

TWO_PREF_LABELS = Kind("concept", "skos:prefLabel", "MaxCountConstraintComponent")
CONCEPT_DEFINITION = Kind("concept", "skos:definition", "MinCountConstraintComponent")
SCHEME_DEFINITION = Kind("scheme", "skos:definition", "MinCountConstraintComponent")
COLLECTION_DEFINITION = Kind("collection", "skos:definition", "MinCountConstraintComponent")

KOS_KIT_DEVIATIONS: dict[Kind, str] = {}

_VOCPUB_COMMON = {
    CONCEPT_DEFINITION: (
        "Requirement 2.3.1 wants a skos:definition on every concept. The glossary gives none "
        "for these terms (names in a list, organisations, Acts, the deprecated headings); "
        "copro-kg never writes a definition the glossary does not give (CONTRIBUTING.md, "
        "'Add a term')."
    ),
    COLLECTION_DEFINITION: (
        "Requirement 2.2.1. The collections are copro-kg's (the headings, the spectrum groups "
        "for Skosmos's Groups tab); copro-kg writes skos:definition only where the glossary "
        "defines a term, so a heading of ours has a scope note saying it is ours instead."
    ),
    SCHEME_DEFINITION: (
        "Requirement 2.1.4. The glossary does not define itself, and the scheme's "
        "dcterms:source is the glossary, so a skos:definition there would read as the "
        "glossary's words; copro-kg's description of the scheme is its dcterms:description, "
        "as for the scheme of deprecated terms."
    ),
}

VOCPUB_DEVIATIONS = _VOCPUB_COMMON | {
    TWO_PREF_LABELS: (
        "Requirement 2.3.1 allows one skos:prefLabel per concept. SKOS allows one per "
        "language tag (S14), the glossary's verified Welsh names are prefLabels in Welsh "
        "(research/domain.md), and VocPub's publisher offers 5.2.MULTILANG for exactly this."
    ),
}

PROFILES = {
    "kos-kit": (KOS_KIT, KOS_KIT_DEVIATIONS),
    "vocpub-5.2": (VOCPUB, VOCPUB_DEVIATIONS),
    "vocpub-5.2-multilang": (VOCPUB_MULTILANG, _VOCPUB_COMMON),
}


# ------------------------------------------------------------------ running them


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """What ``copro-kg export --profile skos -o copro-skos.ttl`` wrote, read back."""
    path = tmp_path_factory.mktemp("skos-profiles") / "copro-skos.ttl"
    with CliRunner().isolation():
        try:
            main(["export", "--profile", "skos", "-o", str(path)])
        except SystemExit as exc:
            assert exc.code in (0, None)
    return Graph().parse(path, format="turtle")


def shapes_of(path: Path) -> Graph:
    """The shapes file; kos-kit's with its one defect corrected (tests/data/shapes/README)."""
    shapes = Graph().parse(path, format="turtle")
    if path == KOS_KIT:
        wrong = list(shapes.subjects(SH["class"], URIRef(KOS_KIT_NS + "Concept")))
        # The 12 semantic-relation constraints of its :Concept shape; if a new version
        # of the file fixes them, this fails so that the correction goes away.
        assert len(wrong) == 12
        for constraint in wrong:
            shapes.set((constraint, SH["class"], SKOS.Concept))
    return shapes


@pytest.fixture(scope="module")
def results(exported: Graph) -> dict[str, list[Result]]:
    """Every profile's results on the export, validated once per module."""
    return {name: validate(exported, shapes_of(path)) for name, (path, _) in PROFILES.items()}


def validate(data: Graph, shapes: Graph) -> list[Result]:
    # voc4cat's defaults: no inference, and warnings not allowed (its error_level 1),
    # under which pySHACL does not count a failed Warning shape inside sh:or as passing.
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=False
    )
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        component = report.value(result, SH.sourceConstraintComponent)
        severity = report.value(result, SH.resultSeverity)
        assert focus is not None and component is not None and severity is not None
        kind = Kind(
            focus_kind(data, focus),
            path_name(report, report.value(result, SH.resultPath)),
            str(component).removeprefix(str(SH)),
            str(severity).removeprefix(str(SH)),
        )
        found.append(Result(kind, focus, report.value(result, SH.value)))
    return found


def focus_kind(data: Graph, node: Node) -> str:
    for cls, name in (
        (SKOS.ConceptScheme, "scheme"),
        (SKOS.Collection, "collection"),
        (SKOS.Concept, "concept"),
    ):
        if (node, RDF.type, cls) in data:
            return name
    return "own mapping target" if str(node).startswith(BASE) else "other"


def path_name(report: Graph, path: Node | None) -> str:
    """A result path as a short string: ``skos:definition``, ``a|b`` for alternatives.

    ``(node)`` for a node shape's own constraint (no path).
    """
    if path is None:
        return "(node)"
    if isinstance(path, BNode):
        alternatives = report.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(path_name(report, p) for p in Collection(report, alternatives))
        inverse = report.value(path, SH.inversePath)
        return "^" + path_name(report, inverse)
    for prefix, ns in (("skos", SKOS), ("rdfs", RDFS), ("dcterms", DCTERMS), ("schema", SCHEMA)):
        if str(path).startswith(str(ns)):
            return f"{prefix}:{str(path)[len(str(ns)) :]}"
    return str(path)


# ------------------------------------------------------------------------ tests


@pytest.mark.parametrize("profile", list(PROFILES))
def test_only_the_documented_deviations(results: dict[str, list[Result]], profile: str) -> None:
    expected = PROFILES[profile][1]
    found = {r.kind for r in results[profile]}
    assert sorted(found - expected.keys()) == [], "a new finding: fix it or document it"
    # A deviation no longer reported is gone: take it out of the list and the docs.
    assert sorted(expected.keys() - found) == []


def scheme_concepts(glossary: Graph) -> set[Node]:
    """The scheme's concepts (its collections, which are in the scheme too, left out)."""
    members = set(glossary.subjects(SKOS.inScheme, MAIN_SCHEME)) | set(
        glossary.subjects(SKOS.topConceptOf, MAIN_SCHEME)
    )
    return members - set(glossary.subjects(RDF.type, SKOS.Collection))


def focus_nodes(results: list[Result], kind: Kind) -> set[Node]:
    return {r.focus for r in results if r.kind == kind}


def test_two_preferred_labels_are_one_per_language(
    results: dict[str, list[Result]], glossary: Graph
) -> None:
    # SKOS S14: "A resource has no more than one value of skos:prefLabel per language tag."
    twice = focus_nodes(results["vocpub-5.2"], TWO_PREF_LABELS)
    labelled = {
        c for c in scheme_concepts(glossary) if len(set(glossary.objects(c, SKOS.prefLabel))) > 1
    }
    assert twice == labelled
    for concept in twice:
        tags = [
            str(v.language)
            for v in glossary.objects(concept, SKOS.prefLabel)
            if isinstance(v, Literal)
        ]
        assert sorted(tags) == ["cy", "en"], concept


def test_missing_definitions_are_missing_in_the_glossary(
    results: dict[str, list[Result]], glossary: Graph, exported: Graph
) -> None:
    # The export keeps every definition the glossary model has; the concepts VocPub
    # finds without one are exactly those the glossary gives none for, in either scheme
    # the export holds (the glossary's and the deprecated terms').
    concepts = scheme_concepts(glossary) | set(
        glossary.subjects(SKOS.inScheme, COPRO["glossary-deprecated"])
    )
    undefined = {c for c in concepts if (c, SKOS.definition, None) not in glossary}
    assert len(undefined) < len(concepts)
    for profile in ("vocpub-5.2", "vocpub-5.2-multilang"):
        assert focus_nodes(results[profile], CONCEPT_DEFINITION) == undefined
        assert focus_nodes(results[profile], SCHEME_DEFINITION) == {
            MAIN_SCHEME,
            COPRO["glossary-deprecated"],
        }
        undefined_collections = focus_nodes(results[profile], COLLECTION_DEFINITION)
        assert undefined_collections == set(exported.subjects(RDF.type, SKOS.Collection))


def test_agents_are_organisations_with_name_and_url(exported: Graph) -> None:
    # VocPub 2.1.6: creator and publisher "MUST be IRIs indicating instances of
    # schema:Person, or schema:Organization"; 2.4.2/2.4.3: a name and a URL.
    for prop in (DCTERMS.creator, DCTERMS.publisher):
        agents = set(exported.objects(MAIN_SCHEME, prop))
        assert agents and all(isinstance(a, URIRef) for a in agents)
        for agent in agents:
            assert (agent, RDF.type, URIRef(SCHEMA + "Organization")) in exported
            assert exported.value(agent, URIRef(SCHEMA + "name")) is not None
            assert exported.value(agent, URIRef(SCHEMA + "url")) is not None
    names = {
        str(exported.value(a, URIRef(SCHEMA + "name")))
        for a in exported.objects(MAIN_SCHEME, DCTERMS.creator)
    }
    assert "Co-production Network for Wales" in names  # the glossary's author


def test_rights_say_whose_text_it_is(exported: Graph) -> None:
    # The glossary's text is the Network's: no code licence (MIT) on their text.
    assert (MAIN_SCHEME, DCTERMS.license, None) not in exported
    rights = " ".join(str(r) for r in exported.objects(MAIN_SCHEME, DCTERMS.rights))
    assert "Co-production Network for Wales" in rights and "MIT" in rights
