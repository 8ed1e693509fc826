"""The printed glossary (issue 30): ``print.html`` in the site and its PDF.

Issue 30: "`copro-kg site` also writes `print.html`: the whole glossary as one document
ordered as a reader expects (the spectrum and the cycle first, then the terms A-Z), with
the glossary's text and our additions kept apart exactly as on the term pages, page
breaks that do not cut a term, and page numbers and a contents list in print. And a PDF
of it ... made with a well-kept HTML-to-PDF library ..., not a browser."

The PDF is made once per session (WeasyPrint takes about 25 s on the 2-core machine) and
read back with pypdf; labels and definitions come from the glossary graph itself.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from copro_kg.cli import main
from copro_kg.namespace import COPRO
from copro_kg.site import build_site
from copro_kg.site.messages import message
from tests.test_site import main_of, parse

CO_DESIGN = (  # the glossary, "Co-design"
    "Co-design sees the design decisions forming part of any given service or project made "
    "\u2018with\u2019, not \u2018for\u2019, the people those decisions will ultimately impact upon."
)


def _flat(text: str) -> str:
    """Extracted text as one line: a line ending in a hyphen joins the next."""
    return " ".join(re.sub(r"-\n", "-", text).split())


def _en(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    english = [str(o) for o in values if o.language in (None, "en")]
    return english[0] if english else None


def _a_to_z(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, glossary: Graph) -> Path:
    out = tmp_path_factory.mktemp("print-site") / "site"
    build_site(glossary, out, graphs=False, ask=False)
    return out


@pytest.fixture(scope="module")
def printed_terms(site: Path, glossary: Graph) -> list[tuple[str, str, str | None]]:
    """(slug, label, definition) of every term of the A to Z page, labels and
    definitions read from the graph, in A to Z order."""
    az = parse(site / "a-z.html")
    slugs = []
    for link in az.iter("a"):
        href = link.attrs.get("href", "")
        if href.startswith("terms/") and href.endswith(".html") and href[6:-5] not in slugs:
            slugs.append(href[6:-5])
    out = []
    for slug in slugs:
        iri = COPRO[slug]
        label = _en(glossary, iri, SKOS.prefLabel)
        assert label, slug
        out.append((slug, label, _en(glossary, iri, SKOS.definition)))
    return sorted(out, key=lambda t: _a_to_z(t[1]))


@pytest.fixture(scope="session")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The printed glossary's pages as text, made once per session by the command a
    user runs, ``copro-kg print -o glossary.pdf`` (WeasyPrint, no browser)."""
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("pdf") / "glossary.pdf"
    with CliRunner().isolation() as streams:
        try:
            main(["print", "-o", str(out)])
        except SystemExit as exc:
            assert exc.code in (0, None), streams[1].getvalue()
        assert streams[0].getvalue().decode().strip() == str(out)
    assert out.read_bytes()[:5] == b"%PDF-"
    return [page.extract_text() for page in PdfReader(out).pages]


def _heading_pages(pages: list[str], terms: list[tuple[str, str, str | None]]) -> list[int]:
    """The page each term's entry starts on: its kicker, then its label (after the
    contents pages, which list the labels too)."""
    found = []
    page = next(i for i, p in enumerate(pages) if p.startswith(message("print_terms")))
    for _, label, _ in terms:
        # The kicker too: a label alone on a line may be a link in the previous entry's
        # lists ("A kind of: Organisations").
        entry = f"\n{message('term_kind')}\n{label}\n"
        while entry not in "\n" + pages[page].replace("-\n", "-") + "\n":
            page += 1
            assert page < len(pages), label
        found.append(page)
    return found


def test_every_term_is_printed_with_its_definition_in_a_to_z_order(
    pdf: list[str], printed_terms: list[tuple[str, str, str | None]]
) -> None:
    text = _flat("\n".join(pdf))
    start = text.index(message("print_terms"), text.index(message("print_contents")) + 1)
    start = text.index(message("print_terms"), start + 1)  # the part, after the contents
    at = start
    for _, label, definition in printed_terms:
        at = text.index(f"{message('term_kind')} {label}", at)  # the entry's heading
        if definition:
            found = text.index(" ".join(definition.split()), at)
            # The definition belongs to this entry: no other entry starts in between.
            assert message("term_kind") not in text[at + 1 : found], label
            at = found
    assert " ".join(CO_DESIGN.split()) in text


def test_the_spectrum_and_the_cycle_come_first(
    pdf: list[str], printed_terms: list[tuple[str, str, str | None]]
) -> None:
    starts = [
        next(i for i, p in enumerate(pdf) if p.startswith(message(key)))
        for key in ("spectrum_title", "cycle_title", "print_terms")
    ]
    assert starts == sorted(starts) and starts[0] > 0
    assert min(_heading_pages(pdf, printed_terms)) >= starts[2]


def test_every_page_is_numbered_and_the_contents_give_the_pages(
    pdf: list[str], printed_terms: list[tuple[str, str, str | None]]
) -> None:
    total = len(pdf)
    for number, page in enumerate(pdf[1:], start=2):  # the cover has no number
        assert page.rstrip().endswith(f"{number} / {total}"), number
    contents = _flat(
        "\n".join(p for p in pdf[1:4] if message("print_contents") in p or "...." in p)
    )
    pages = _heading_pages(pdf, printed_terms)
    for (_, label, _), page in zip(printed_terms, pages, strict=True):
        listed = re.search(r"(?:^|\d )" + re.escape(label) + r" \.+ (\d+)", contents)
        assert listed, label
        assert int(listed[1]) == page + 1, label


def test_no_term_is_cut_by_a_page_break_where_it_fits_on_a_page(
    pdf: list[str], printed_terms: list[tuple[str, str, str | None]]
) -> None:
    pages = _heading_pages(pdf, printed_terms)
    for i, (slug, label, _) in enumerate(printed_terms):
        iri = str(COPRO[slug])
        end = next(p for p in range(pages[i], len(pdf)) if iri in _flat(pdf[p]).replace(" ", ""))
        if end == pages[i]:
            continue
        # Longer than a page: then it starts a page, nothing of the term before it there.
        before = _flat(pdf[pages[i]]).split(label)[0]
        assert message("term_iri") not in before, f"{label} is cut after another term"


def test_each_printed_term_is_its_pages_content(
    site: Path, printed_terms: list[tuple[str, str, str | None]]
) -> None:
    """The glossary's words and ours kept apart exactly as on the term pages: the same
    text, the same "copro-kg" (ours) and "inferred" marks."""
    printed = parse(site / "print.html")
    for slug, _, _ in printed_terms:
        article = printed.find_id(f"term-{slug}")
        assert article is not None, slug
        page = main_of(parse(site / "terms" / f"{slug}.html"))
        # The page's own citation ("Cite this term", issue 30) is furniture of the page:
        # the printed glossary names its edition once, on its cover.
        cite = page.find_id("citation")
        furniture = {id(e) for e in cite.parent.iter()} if cite and cite.parent else set()
        kept = [
            e
            for e in page.iter()
            if e.tag in ("p", "li", "dd", "dt", "blockquote") and id(e) not in furniture
        ]
        for element in kept:
            parent = element.parent.tag if element.parent is not None else ""
            if (
                parent in ("nav", "ol")
                and element.tag == "li"
                and "breadcrumbs"
                in str(
                    element.parent.parent.attrs if element.parent and element.parent.parent else ""
                )
            ):
                continue  # the breadcrumbs
            assert element.text in article.text, (slug, element.text)
        for mark in ("tag-ours", "badge-inferred"):
            in_page = [e for e in page.iter() if mark in e.attrs.get("class", "").split()]
            in_print = [e for e in article.iter() if mark in e.attrs.get("class", "").split()]
            assert len(in_print) == len(in_page), (slug, mark)


def test_a_link_of_ours_keeps_its_badge_on_paper(pdf: list[str]) -> None:
    """A link of ours keeps its badge in the PDF: paper cannot open the badge's
    ``<details>``, and a link shown without it would read as the glossary's (issue 25).
    Consultation shares more power than information is ours: "The glossary orders the
    groups (doing to, for, with), not the levels inside a group; this order is read from
    the figure's layout" (ontology/evidence.ttl)."""
    text = _flat("\n".join(pdf))
    badge = message("term_ours_tag").upper()  # the badge is set in capitals (site.css)
    assert f"{message('term_more_power')}: Information {badge}" in text


def test_print_html_has_unique_ids_and_links_inside_the_document(site: Path) -> None:
    html = (site / "print.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, target
    assert 'href="terms/' not in html  # a printed term links the term in the document
    assert 'href="print.html"' in (site / "a-z.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["spectrum", "cycle"])
def test_the_site_offers_each_picture_beside_its_interactive_view(site: Path, name: str) -> None:
    # Issue 30: "The site offers each as a download next to the interactive view."
    page = parse(site / f"{name}.html")
    links = [a for a in page.iter("a") if a.attrs.get("href") == f"graphs/{name}.svg"]
    assert links and "download" in links[0].attrs
    picture = (site / "graphs" / f"{name}.svg").read_text(encoding="utf-8")
    assert picture.startswith("<?xml") and "Co-production Network for Wales" in picture
