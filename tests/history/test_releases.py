"""The release list and the release history in the ontology.

Releases are immutable (OBO Foundry principle fp-004: versioned releases stay as they
were): every released file has the bytes the list recorded. ``ontology/history.ttl`` is
what the releases say (never "today" stamped on everything): a concept's ``dcterms:created``
is the date of the first release whose SKOS export holds it.
"""

from __future__ import annotations

import json

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS, XSD

import copro_kg
from copro_kg.history.releases import is_release_version, releases
from copro_kg.namespace import COPRO
from tests.conftest import REPO_ROOT, RunCli

HISTORY = REPO_ROOT / "ontology" / "history.ttl"


def test_released_files_are_unchanged() -> None:
    for release in releases():
        assert release.altered_files() == [], release.version


def test_release_0_1_0_is_round_2s_last_commit() -> None:
    first = releases()[0]
    assert first.version == "0.1.0"
    assert first.commit.startswith("51edf9d")
    concepts = set(first.skos().subjects(RDF.type, SKOS.Concept))
    assert URIRef("https://w3id.org/copro-kg/co-production") in concepts


def test_every_concept_of_a_release_is_dated_by_its_first_release(glossary: Graph) -> None:
    first_seen: dict[URIRef, Literal] = {}
    for release in releases():
        for concept in release.skos().subjects(RDF.type, SKOS.Concept):
            first_seen.setdefault(concept, Literal(release.date, datatype=XSD.date))  # type: ignore[arg-type]
    assert first_seen
    for concept, date in first_seen.items():
        assert glossary.value(concept, DCTERMS.created) == date, concept


def test_the_working_version_is_said_once_everywhere(glossary: Graph) -> None:
    version = copro_kg.__version__
    for subject in (
        URIRef("https://w3id.org/copro-kg/ontology"),
        URIRef("https://w3id.org/copro-kg/glossary"),
    ):
        assert glossary.value(subject, OWL.versionInfo) == Literal(version)
        assert str(glossary.value(subject, OWL.versionIRI)).endswith("/" + version)
    released = [r.version for r in releases()]
    # A release version is one that was cut; between releases the version is X.Y.Z.devN.
    assert version in released if is_release_version(version) else version not in released


def test_every_iri_of_every_release_is_in_the_current_exports(glossary: Graph) -> None:
    """Deprecate, never delete (OBO Foundry principle 13): every IRI an earlier release
    described is described now -- current, or deprecated with its replacement and a
    history note -- in the SKOS and the OWL export alike."""
    from copro_kg.export.owl import owl_profile
    from copro_kg.export.skos import skos_profile
    from copro_kg.history.lifecycle import missing_iris

    assert missing_iris([r.skos() for r in releases()], skos_profile(glossary)) == {}
    assert missing_iris([r.owl() for r in releases()], owl_profile(glossary)) == {}


def test_diff_since_0_1_0_deletes_no_concept_and_names_each_replacement(run_cli: RunCli) -> None:
    result = run_cli("diff", "0.1.0", "--format", "json")
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    rdf_type = str(RDF.type)
    assert [c for c in changes if c["action"] == "deleted" and c["property"] == rdf_type] == []
    for change in (c for c in changes if c["action"] == "deprecated"):
        assert change["property"] == str(DCTERMS.isReplacedBy), change
        assert change["new"].startswith("https://w3id.org/copro-kg/"), change


def test_diff_of_the_owl_releases_shows_each_case_twin_renamed(run_cli: RunCli) -> None:
    """Issue 27: renamed IRIs -- the case twins of issue 26 -- are deprecated with their
    replacement, never deleted. Every IRI of 0.1.0's OWL export that differed from another
    of ours only by letter case and is not current any more is reported ``deprecated`` by
    ``copro-kg diff`` of the two releases' OWL files, with a replacement of ours."""
    first, *_, last = releases()
    old = first.owl()
    named = {s for s in old.subjects() if isinstance(s, URIRef) and str(s).startswith(str(COPRO))}
    folded: dict[str, set[URIRef]] = {}
    for iri in named:
        folded.setdefault(str(iri).casefold(), set()).add(iri)
    twins = {iri for group in folded.values() if len(group) > 1 for iri in group}
    renamed = {iri for iri in twins if (iri, OWL.deprecated, Literal(True)) in last.owl()}
    assert renamed, "0.1.0 had case twins (issue 26); the last release renames some"
    result = run_cli("diff", str(first.owl_file), str(last.owl_file), "--format", "json")
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    deprecated = {c["concept"]: c["new"] for c in changes if c["action"] == "deprecated"}
    assert {str(i) for i in renamed} <= set(deprecated)
    assert all(deprecated[str(i)].startswith(str(COPRO)) for i in renamed)
    rdf_type = str(RDF.type)
    assert [c for c in changes if c["action"] == "deleted" and c["property"] == rdf_type] == []
