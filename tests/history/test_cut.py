"""``copro-kg release``: the gate and the files, run on a temporary copy of the repository.

What a release must write comes from the issue and the OWL 2 / OBO conventions it cites:
``owl:versionInfo "X.Y.Z"``, an ``owl:versionIRI`` containing X.Y.Z, ``owl:priorVersion``,
``dcterms:issued``/``modified`` on the ontology and the scheme; immutable files with the
commit they came from; the version IRI resolving to the released file, never to the working
one; running it twice changes nothing; an IRI of an earlier release deleted outright is
refused.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS, XSD

from copro_kg.history.releases import releases
from tests.conftest import REPO_ROOT

ONTOLOGY = "https://w3id.org/copro-kg/ontology"
SCHEME = URIRef("https://w3id.org/copro-kg/glossary")
VERSION, DATE = "9.9.9", "2030-01-02"


def _copy(target: Path) -> Path:
    for name in ("src", "ontology", "releases", "queries"):
        shutil.copytree(
            REPO_ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("CHANGELOG.md", "pyproject.toml"):
        shutil.copy(REPO_ROOT / name, target / name)
    return target


def _release(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    return subprocess.run(
        [sys.executable, "-m", "copro_kg", "release", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


# A deprecation in the copy (a test of the machinery, not a change to the glossary): a
# concept of 0.1.0 replaced by another, with the history note the pattern asks for.
GONE = "https://w3id.org/copro-kg/design-charrettes"
INSTEAD = "https://w3id.org/copro-kg/community-based-participatory-design"
DEPRECATION = f"""
<{GONE}> <http://www.w3.org/2002/07/owl#deprecated> true ;
    <http://purl.org/dc/terms/isReplacedBy> <{INSTEAD}> ;
    <http://www.w3.org/2004/02/skos/core#historyNote> "Deprecated in {VERSION}: a test."@en .
"""


@pytest.fixture(scope="module")
def released(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = _copy(tmp_path_factory.mktemp("repo"))
    (root / "ontology" / "test-deprecation.ttl").write_text(DEPRECATION, encoding="utf-8")
    return root, _release(root, VERSION, "--date", DATE)


def test_the_release_writes_immutable_files_with_their_commit(released) -> None:  # type: ignore[no-untyped-def]
    root, done = released
    assert done.returncode == 0, done.stderr
    entry = json.loads((root / "releases" / "releases.json").read_text())["releases"][-1]
    assert entry["version"] == VERSION and entry["date"] == DATE
    assert set(entry["files"]) == {"copro-skos.ttl", "copro-owl.ttl"}
    assert len(entry["commit"]) in (40, len("unknown"))
    assert f"| {VERSION} | {DATE} |" in (root / "releases" / "README.md").read_text()


@pytest.mark.parametrize("name", ["copro-skos.ttl", "copro-owl.ttl"])
def test_one_version_everywhere(released, name: str) -> None:  # type: ignore[no-untyped-def]
    root, _ = released
    graph = Graph().parse(root / "releases" / VERSION / name)
    subject = SCHEME if name == "copro-skos.ttl" else URIRef(ONTOLOGY)
    assert graph.value(subject, OWL.versionInfo) == Literal(VERSION)
    assert VERSION in str(graph.value(subject, OWL.versionIRI))
    assert graph.value(subject, OWL.priorVersion) == URIRef(f"{ONTOLOGY}/{releases()[-1].version}")
    assert graph.value(subject, DCTERMS.modified) == Literal(DATE, datatype=XSD.date)
    assert graph.value(subject, DCTERMS.issued) == Literal("2026-12-03", datatype=XSD.date)
    assert f'__version__ = "{VERSION}"' in (root / "src" / "copro_kg" / "_version.py").read_text()


def test_the_version_iri_resolves_to_the_released_file(released) -> None:  # type: ignore[no-untyped-def]
    root, _ = released
    catalog = (root / "ontology" / "catalog-v001.xml").read_text()
    assert f'name="{ONTOLOGY}/{VERSION}" uri="../releases/{VERSION}/copro-owl.ttl"' in catalog
    assert 'uri="copro.ttl"' not in catalog.split(f"{ONTOLOGY}/{VERSION}")[1].split("\n")[0]


def test_the_changelog_section_is_dated_and_drafted(released) -> None:  # type: ignore[no-untyped-def]
    root, _ = released
    text = (root / "CHANGELOG.md").read_text()
    assert f"## [{VERSION}] - {DATE}" in text
    assert f"`copro-kg diff {releases()[-1].version} {VERSION}`" in text


def test_a_second_run_changes_nothing(released) -> None:  # type: ignore[no-untyped-def]
    root, _ = released
    before = {
        p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }
    again = _release(root, VERSION)
    assert again.returncode == 0 and "nothing to do" in again.stdout
    after = {
        p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }
    assert after == before


def test_an_older_or_malformed_version_is_refused(released) -> None:  # type: ignore[no-untyped-def]
    root, _ = released
    for version in ("0.0.1", "1.0", "9.9.9.dev0"):
        done = _release(root, version)
        assert done.returncode == 2 and done.stderr.startswith("error: "), done.stderr


def test_a_deleted_concept_is_refused(tmp_path: Path) -> None:
    """Deprecate, never delete: remove one concept of release 0.1.0 from the glossary."""
    root = _copy(tmp_path)
    glossary = root / "ontology" / "glossary.ttl"
    text = glossary.read_text()
    start = text.index("\ncopro:appreciative-inquiry\n")
    end = text.index("\n.\n", start) + 3
    glossary.write_text(text[:start] + "\n" + text[end:])
    done = _release(root, VERSION, "--date", DATE)
    assert done.returncode == 1
    assert "<https://w3id.org/copro-kg/appreciative-inquiry>" in done.stderr
    assert not (root / "releases" / VERSION).exists()
    assert f'"{VERSION}"' not in (root / "src" / "copro_kg" / "_version.py").read_text()


def test_skosmos_change_list_query_lists_every_concept_and_each_replacement(
    released, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Skosmos's own change-list query (vendored, src/copro_kg/history/skosmos/), run by
    Jena ARQ -- Skosmos's recommended store is Jena Fuseki -- on the release's SKOS
    export: every concept with its date (dcterms:created, the first release that holds
    it), the deprecated one with its dcterms:modified and its labelled replacement; and
    the site's changes.json says the same."""
    from copro_kg.site.changes import change_list
    from tests.conftest import require_tool
    from tests.jena import JAVA_DIR, Jena

    java = require_tool("java")
    require_tool("libapache-jena-java", str(JAVA_DIR / "jena-arq.jar"))
    root, _ = released
    skos = Graph().parse(root / "releases" / VERSION / "copro-skos.ttl")
    data = tmp_path / "skos.nt"
    skos.serialize(data, format="nt", encoding="utf-8")
    template = (
        REPO_ROOT / "src" / "copro_kg" / "history" / "skosmos" / "change-list.rq"
    ).read_text()
    text = template
    for name, value in {
        "prop": "dc:created",
        "lang": "en",
        "limit": "100000",
        "offset": "",
    }.items():
        text = text.replace("{" + name + "}", value)
    answer = json.loads(Jena(java, tmp_path).select(data, {"new": text})["new"].read_text())
    rows = [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]
    concepts = {
        str(c)
        for c in skos.subjects(RDF.type, SKOS.Concept)
        if any(getattr(v, "language", None) == "en" for v in skos.objects(c, SKOS.prefLabel))
    }
    assert {r["concept"] for r in rows} == concepts
    created = {str(c): str(d) for c, d in skos.subject_objects(DCTERMS.created)}
    modified = {str(c): str(d) for c, d in skos.subject_objects(DCTERMS.modified)}
    deprecated = {str(c) for c in skos.subjects(OWL.deprecated, None)}
    for row in rows:
        # A deprecated concept (the test's, and the headings 0.2.0 deprecates) is listed
        # with the date of the release that deprecated it; every other with its creation.
        dates = modified if row["concept"] in deprecated else created
        assert row["date"] == dates[row["concept"]], row
    (gone,) = [r for r in rows if r["concept"] == GONE]
    assert gone["replacedBy"] == INSTEAD and gone["date"] == DATE
    assert gone["replacingLabel"] == "Community-based participatory design"
    site = {
        (i["uri"], i["date"][:10], i.get("replacedBy")) for i in change_list(skos)["changeList"]
    }
    assert site == {(r["concept"], r["date"], r.get("replacedBy")) for r in rows}
