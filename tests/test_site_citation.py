"""Cite and suggest, the accessibility statement and the site's archive (issue 30),
checked on the built files. ``test_site_workshop_browser.py`` clicks the same pages.

Expectations come from the issue ("a citation (the Network's glossary, our version and
its date, the term's IRI)"; "without it, no link"; "an accessibility statement page
linked from every footer") and from the ontology's own statements about the glossary
(``copro:glossary dcterms:source ...``), read here with rdflib.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from copro_kg._version import __version__
from copro_kg.namespace import COPRO
from copro_kg.site import build_site
from copro_kg.site.model import slug_for

from .conftest import RunCli
from .test_site import parse

FEEDBACK = "https://feedback.example.org/glossary"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, glossary: Graph) -> dict[str, Path]:
    """The shipped glossary's site with and without a feedback address (no pictures,
    no SPARQL page: this module reads text)."""
    root = tmp_path_factory.mktemp("cite")
    with_link = build_site(glossary, root / "with", graphs=False, ask=False, feedback_url=FEEDBACK)
    without = build_site(glossary, root / "without", graphs=False, ask=False)
    return {"with": with_link.out_dir, "without": without.out_dir}


def _concepts(glossary: Graph) -> list[URIRef]:
    return sorted(
        c
        for c in glossary.subjects(SKOS.inScheme, COPRO.glossary)
        if isinstance(c, URIRef) and (c, RDF.type, SKOS.Concept) in glossary
    )


def _one(graph: Graph, node: URIRef, prop: URIRef) -> str:
    values = [str(v) for v in graph.objects(node, prop) if isinstance(v, Literal)]
    assert len(values) == 1, (node, prop, values)
    return values[0]


def test_every_term_page_cites_the_glossary_our_version_its_date_and_the_iri(
    sites: dict[str, Path], glossary: Graph
) -> None:
    """The issue: "a citation (the Network's glossary, our version and its date, the
    term's IRI)". The glossary's title, edition and date are what the ontology says of
    it (``dcterms:source`` of the scheme); our date is the scheme's ``dcterms:modified``."""
    source = glossary.value(COPRO.glossary, DCTERMS.source)
    assert isinstance(source, URIRef)
    title = _one(glossary, source, DCTERMS.title)
    edition = _one(glossary, source, OWL.versionInfo)
    ours = _one(glossary, COPRO.glossary, DCTERMS.modified)
    concepts = _concepts(glossary)
    assert len(concepts) > 50
    for concept in concepts:
        page = parse(sites["with"] / "terms" / f"{slug_for(str(concept))}.html")
        cite = page.find_id("citation")
        assert cite is not None, concept
        text = cite.text
        assert "Co-production Network for Wales" in text
        assert title in text and f"version {edition}" in text
        assert f"copro-kg {__version__} ({ours})" in text
        assert text.endswith(str(concept)), text


def test_suggest_link_carries_the_iri_only_with_a_feedback_address(
    sites: dict[str, Path], glossary: Graph
) -> None:
    """The issue: "with a feedback address ... a 'suggest a change' link that carries
    the term's IRI; without it, no link"."""
    for concept in _concepts(glossary):
        rel = f"terms/{slug_for(str(concept))}.html"
        with_link = [
            a.attrs["href"]
            for a in parse(sites["with"] / rel).iter("a")
            if "Suggest a change" in a.text
        ]
        assert len(with_link) == 1, rel
        parts = urlsplit(with_link[0])
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == FEEDBACK
        assert parse_qs(parts.query)["term"] == [str(concept)]
        text = (sites["without"] / rel).read_text("utf-8")
        assert "Suggest a change" not in text and "feedback.example.org" not in text


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://example.org/new?body={iri}", "https://example.org/new?body="),
        ("mailto:glossary@example.org", "mailto:glossary@example.org?subject="),
    ],
)
def test_feedback_address_forms(
    tmp_path: Path, glossary: Graph, address: str, expected: str
) -> None:
    """An address with ``{iri}`` gets the IRI there (a new-issue form); a mail address
    gets it in the body."""
    out = build_site(glossary, tmp_path / "s", graphs=False, ask=False, feedback_url=address)
    page = parse(out.out_dir / "terms" / "co-design.html")
    href = next(a.attrs["href"] for a in page.iter("a") if "Suggest a change" in a.text)
    assert href.startswith(expected)
    assert "https%3A%2F%2Fw3id.org%2Fcopro-kg%2Fco-design" in href


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://example.org/x", "https://", "x"])
def test_cli_refuses_a_feedback_address_a_browser_should_not_follow(
    run_cli: RunCli, tmp_path: Path, bad: str
) -> None:
    result = run_cli("site", "-o", str(tmp_path / "out"), "--no-graphs", "--feedback-url", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_every_footer_links_the_accessibility_statement(sites: dict[str, Path]) -> None:
    """The issue: "An accessibility statement page linked from every footer"."""
    for site in sites.values():
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 50
        for path in pages:
            footer = next(parse(path).iter("footer"))
            links = [a.attrs["href"] for a in footer.iter("a")]
            depth = len(path.relative_to(site).parts) - 1
            assert "../" * depth + "accessibility.html" in links, path


def test_the_statement_says_what_the_regulations_ask(sites: dict[str, Path]) -> None:
    """The issue: "the standard followed, how it was tested (axe, keyboard, screen reader
    where you can run one), what does not yet meet it and the alternative offered (the
    graph's text equivalent), and how to report a problem" -- in the order of the
    regulations' model statement; with a feedback address, the report link is it."""
    page = parse(sites["with"] / "accessibility.html")
    headings = [h.text for h in page.iter("h2")]
    assert headings == [
        "Using this website",
        "How accessible this website is",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Non-accessible content",
        "How we tested this website",
        "What we are doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]
    text = next(page.iter("main")).text
    assert "Web Content Accessibility Guidelines version 2.2 AA standard" in text
    assert (
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018" in text
    )
    for words in ("axe-core", "keyboard", "screen reader", "text", "2.1.1"):
        assert words in text, words
    assert any(a.attrs["href"].startswith(FEEDBACK) for a in page.iter("a"))
    assert "feedback.example.org" not in (sites["without"] / "accessibility.html").read_text()


def test_archive_holds_the_site_in_one_versioned_folder(run_cli: RunCli, tmp_path: Path) -> None:
    """Item 6 of the brief: each release ships the built site as one archive,
    ``copro-kg site --archive site-X.Y.Z.zip``; unpacked, it is the same site."""
    out, archive = tmp_path / "site", tmp_path / f"site-{__version__}.zip"
    result = run_cli("site", "-o", str(out), "--no-graphs", "--archive", str(archive))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        folder = f"copro-kg-site-{__version__}/"
        assert all(n.startswith(folder) for n in names)
        built = sorted(
            p.relative_to(out).as_posix()
            for p in out.rglob("*")
            if p.is_file() and not p.name.startswith(".")
        )
        assert sorted(n.removeprefix(folder) for n in names) == built
        assert zipped.read(folder + "index.html") == (out / "index.html").read_bytes()
    first = archive.read_bytes()
    again = run_cli("site", "-o", str(out), "--no-graphs", "--archive", str(archive))
    assert again.exit_code == 0 and archive.read_bytes() == first  # same site, same bytes


def test_the_release_workflow_builds_the_archive_with_the_documented_command() -> None:
    """The brief: "a CI workflow file that builds and publishes it on release (written,
    not run)": it runs on a published release, builds with the command docs/hosting.md
    and `make site-archive` give, attaches the archive and deploys the folder."""
    from .conftest import REPO_ROOT

    flow = (REPO_ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8")
    assert re.search(r"^on:\n  release:\n    types: \[published\]$", flow, re.M)
    assert 'copro-kg site -o build/site --archive "build/site-${version}.zip"' in flow
    assert "gh release upload" in flow
    assert re.search(r"uses: actions/deploy-pages@v\d", flow)
    makefile = (REPO_ROOT / "Makefile").read_text("utf-8")
    assert "$(KG) site -o $(BUILD)/site --archive $(BUILD)/site-" in makefile
