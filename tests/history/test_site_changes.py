"""The release history on the site: changes.html, changes.json and the term pages.

What Skosmos does and its users asked for (research/publishing-anchors.md §1.3): a
deprecated concept is hidden from the alphabetical list, the hierarchy and search, can
still be reached by its URI (Skosmos #630/#681), shows "deprecated" with links to its
replacements (concept-card), and is struck through in the change list with a link to its
replacement (#1735, #2049); ``/new`` answers ``changeList`` items with ``uri``,
``prefLabel``, ``date`` and ``replacedBy``/``replacingLabel``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from copro_kg.history.releases import releases
from tests.conftest import REPO_ROOT, RunCli

DEPRECATED = REPO_ROOT / "tests" / "data" / "history" / "deprecated.ttl"
OLD = "https://w3id.org/copro-kg/Co-Design"
NEW = "https://w3id.org/copro-kg/co-design"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from copro_kg.cli import main

    out = tmp_path_factory.mktemp("site") / "site"
    with CliRunner().isolation():
        try:
            main(["site", "-o", str(out), "--no-graphs", "--data", str(DEPRECATED)])
        except SystemExit as exc:
            assert exc.code in (0, None)
    return out


def _page_of(site: Path, iri: str) -> Path | None:
    """The term page whose identifier (shown on the page) is ``iri``."""
    shown = re.compile(rf">\s*{re.escape(iri)}\s*<")
    for page in sorted((site / "terms").glob("*.html")):
        if shown.search(page.read_text(encoding="utf-8")):
            return page
    return None


def test_every_concept_of_every_release_has_a_page(site: Path) -> None:
    """Deprecate, never delete: every concept IRI of 0.1.0 resolves on the site."""
    for release in releases():
        for concept in release.skos().subjects(RDF.type, SKOS.Concept):
            assert _page_of(site, str(concept)) is not None, concept


def test_a_deprecated_term_keeps_its_page_with_its_replacement(site: Path) -> None:
    page = _page_of(site, OLD)
    assert page is not None
    text = page.read_text(encoding="utf-8")
    assert "This term was deprecated" in text
    assert 'href="../terms/co-design.html">Co-design</a>' in text
    assert "Deprecated in 0.2.0" in text  # its skos:historyNote


def test_a_deprecated_term_leaves_the_lists_and_search(site: Path) -> None:
    page = _page_of(site, OLD)
    assert page is not None
    slug = page.stem
    for listing in ("a-z.html", "index.html", "static/search-index.js", "print.html"):
        assert f"terms/{slug}.html" not in (site / listing).read_text(encoding="utf-8"), listing
        assert f'"{slug}"' not in (site / listing).read_text(encoding="utf-8"), listing
    assert "terms/co-design.html" in (site / "a-z.html").read_text(encoding="utf-8")


def test_changes_page_strikes_deprecated_terms_through_with_their_replacement(site: Path) -> None:
    text = (site / "changes.html").read_text(encoding="utf-8")
    slug = _page_of(site, OLD).stem  # type: ignore[union-attr]
    assert re.search(
        rf'<del><a href="terms/{slug}.html">Co-design</a></del> – replaced by '
        r'<a href="terms/co-design.html">Co-design</a>',
        text,
    )
    # Newest first: the pending changes, then each release down to 0.1.0.
    headings = re.findall(r"<h2 id=\"release-\d+\">([^<]*)</h2>", text)
    assert headings[-1] == "Release 0.1.0, 2026-12-03"
    assert headings[0].startswith("Not released yet")


def test_term_pages_say_when_a_term_was_new(site: Path) -> None:
    text = (site / "terms" / "co-production.html").read_text(encoding="utf-8")
    assert "New in release 0.1.0." in text


def test_changes_json_is_skosmos_new_shaped(site: Path) -> None:
    answer = json.loads((site / "changes.json").read_text(encoding="utf-8"))
    items = answer["changeList"]
    assert answer["@context"]["prefLabel"] == "skos:prefLabel"
    by_uri = {i["uri"]: i for i in items}
    assert by_uri[OLD]["replacedBy"] == NEW and by_uri[OLD]["replacingLabel"] == "Co-design"
    assert by_uri[NEW]["date"] == "2026-12-03T00:00:00+0000"
    first = {str(c) for c in releases()[0].skos().subjects(RDF.type, SKOS.Concept)}
    assert first - _pending() <= set(by_uri)
    assert all(
        set(i) <= {"uri", "prefLabel", "date", "replacedBy", "replacingLabel"} for i in items
    )


def test_the_page_and_the_json_are_built_by_copro_kg_site(run_cli: RunCli, tmp_path: Path) -> None:
    """Without --data the shipped glossary alone: 0.1.0's concepts all listed."""
    result = run_cli("site", "-o", str(tmp_path / "s"), "--no-graphs")
    assert result.exit_code == 0, result.stderr
    listed = {
        i["uri"] for i in json.loads((tmp_path / "s" / "changes.json").read_text())["changeList"]
    }
    graph = Graph().parse(releases()[0].skos_file)
    assert {
        str(c) for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)
    } - _pending() <= listed


def _pending() -> set[str]:
    """Concepts the working copy deprecates and no release has dated yet (the headings
    0.2.0 deprecates): Skosmos lists a deprecated concept by its dcterms:modified, which
    the release that deprecates it writes (ontology/history.ttl)."""
    from rdflib.namespace import DCTERMS, OWL

    from copro_kg.io.sources import load as load_glossary

    shipped = load_glossary()
    return {
        str(c)
        for c in shipped.subjects(OWL.deprecated, None)
        if (c, DCTERMS.modified, None) not in shipped
    }
