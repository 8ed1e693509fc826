"""The site at the workshop table (issue 30), in a real headless Chromium.

A shared answer reopens from its address; the result card and a term page print
without navigation and without cutting a term; the citation copies; the new pages
pass axe; a practitioner sees no rule code or RDF term until opening the technical
detail. One site (with a feedback address), one browser, one page per test.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from copro_kg._version import __version__
from copro_kg.engine.rules import RULES

from .conftest import FEEDBACK_URL as FEEDBACK
from .test_site_browser import (
    AXE_OPTIONS,
    ONE_WAY,
    SHARED,
    Watch,
    answer,
    stub_pictures,
    url,
    watched,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["watched"]  # the fixture, shared with test_site_browser

A4_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
"""A page object of a PDF (``/Type /Page``, not ``/Pages``)."""

# Words for engineers (the issue: "rule codes and RDF (`prp-symp: ...`, `'skos:related'
# is symmetric`) ... 'the reasoner' ... 'copro-kg classify'"): a rule code of the
# engine's table, a CURIE of an RDF vocabulary, or those words.
RDF_TERM = re.compile(
    r"\b(?:rdf|rdfs|owl|skos|skosxl|xsd|dcterms|prov|sh|iso-thes|isothes|copro):[A-Za-z]"
)
ENGINEER_WORDS = ("the reasoner", "copro-kg classify", "OWL 2 RL")


def engineer_words(text: str) -> list[str]:
    """The rule codes, RDF terms and engineers' words in ``text``."""
    found = [code for code in RULES if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text)]
    found += RDF_TERM.findall(text)
    found += [w for w in ENGINEER_WORDS if w.lower() in text.lower()]
    return found


@pytest.fixture(scope="module")
def site(glossary_site: Path) -> Path:
    return glossary_site


def visible_text(page: Any) -> str:
    return " ".join(page.evaluate("document.body.innerText").split())


# --------------------------------------------------------------------- shareable answers


@pytest.mark.parametrize("answers", [ONE_WAY, SHARED], ids=["information", "co-production"])
def test_an_answer_reopens_from_its_address(
    site: Path, watched: tuple[Any, Watch], browser: Any, answers: dict[str, str]
) -> None:
    """The issue: "A browser test answers the questionnaire, reloads the page from its
    address and gets the same result". The levels are the glossary's (see
    test_site_browser: "How we know it's information: communication goes one way";
    co-production: "there is shared power and shared decision-making")."""
    page, watch = watched
    page.goto(url(site, "questionnaire.html"))
    first = answer(page, answers)
    link = page.url
    assert "#answers=" in link and link.startswith(url(site, "questionnaire.html"))
    assert page.locator("#q-link").input_value() == link
    page.reload()
    page.locator("#q-result").wait_for(state="visible")
    assert " ".join(page.locator("#q-result").inner_text().split()) == first
    # A colleague opens the link in a browser of their own.
    other = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        theirs = other.new_page()
        theirs.goto(link)
        theirs.locator("#q-result").wait_for(state="visible")
        assert " ".join(theirs.locator("#q-result").inner_text().split()) == first
        for question, option in answers.items():
            fieldset = theirs.locator("fieldset.question", has_text=question)
            assert fieldset.get_by_label(option, exact=True).is_checked()
    finally:
        other.close()
    # The answers are named in the card: "Your answers".
    for option in answers.values():
        assert option in first
    watch.assert_clean()


def test_the_link_copies_and_sends_nothing(site: Path, watched: tuple[Any, Watch]) -> None:
    """The issue: "Nothing is sent anywhere": the answers are after "#", which a browser
    never sends; the page made no request but its own files."""
    page, watch = watched
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url(site, "questionnaire.html"))
    answer(page, SHARED)
    page.get_by_role("button", name="Copy the link").click()
    page.get_by_text("Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    assert urlsplit_fragment(page.url).startswith("answers=")
    watch.assert_clean()


def urlsplit_fragment(link: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(link).fragment


def _print_pdf(page: Any) -> int:
    """Pages of the current page printed to A4 by Chromium."""
    return len(A4_PAGE.findall(page.pdf(format="A4", print_background=True)))


def _shown(page: Any, selector: str) -> list[str]:
    """Elements matching ``selector`` that print shows (a box with a size)."""
    return page.evaluate(
        """(sel) => Array.from(document.querySelectorAll(sel))
            .filter((el) => { const r = el.getBoundingClientRect();
                              return r.width > 0 && r.height > 0; })
            .map((el) => el.outerHTML.slice(0, 80))""",
        selector,
    )


NAVIGATION = ".site-nav, form[role=search], .skip-link, .breadcrumbs, .site-footer .footer-links"


def test_the_result_prints_as_one_card(site: Path, watched: tuple[Any, Watch]) -> None:
    """The issue: "the result can be printed as a one-page card quoting the glossary's
    sentences"; "print emulation ... of the result card shows no navigation and no cut".
    Co-production's card quotes the glossary: "The organisation and the people make
    decisions together"."""
    page, watch = watched
    page.goto(url(site, "questionnaire.html"))
    answer(page, SHARED)
    page.emulate_media(media="print")
    assert _shown(page, NAVIGATION) == []
    assert _shown(page, "form#questionnaire, .q-share") == []
    card = page.locator("#q-result")
    assert card.is_visible()
    text = card.inner_text()
    assert "co-production" in text.lower()
    assert "The organisation and the people make decisions together" in text
    assert page.locator("#q-link-print").inner_text() == page.url  # to reopen it
    assert _print_pdf(page) == 1
    watch.assert_clean()


# ------------------------------------------------------------------------ term pages


@pytest.mark.parametrize("slug", ["co-production", "co-design", "consultation"])
def test_a_term_page_prints_without_navigation_and_keeps_each_part_whole(
    site: Path, watched: tuple[Any, Watch], slug: str
) -> None:
    """The issue: "print emulation of a term page ... shows no navigation and no cut
    term": the printed page has no navigation, search, buttons or interactive picture
    (its text list stays), and every part of the term (definition, criteria,
    distinctions, quotes, relations, citation) is kept on one sheet."""
    page, watch = watched
    page.goto(url(site, f"terms/{slug}.html"))
    page.emulate_media(media="print")
    assert _shown(page, NAVIGATION + ", iframe, button, .suggest") == []
    assert page.locator("h1").is_visible() and page.locator("#citation").is_visible()
    parts = page.evaluate(
        """() => Array.from(document.querySelectorAll('main section, main .panel, main .rel-group'))
            .map((el) => [el.id || el.className, getComputedStyle(el).breakInside])"""
    )
    assert parts and all(inside == "avoid" for _, inside in parts), parts
    assert _print_pdf(page) >= 1
    watch.assert_clean()


def test_the_citation_copies(site: Path, watched: tuple[Any, Watch]) -> None:
    """The issue: "a citation ... with a copy button"; what it says is checked on the
    files (test_site_citation)."""
    page, watch = watched
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url(site, "terms/co-design.html"))
    citation = " ".join(page.locator("#citation").inner_text().split())
    assert f"copro-kg {__version__}" in citation
    page.get_by_role("button", name="Copy the citation").click()
    page.get_by_text("Citation copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    suggest = page.get_by_role("link", name=re.compile("^Suggest a change to this term"))
    assert suggest.get_attribute("href") == (
        FEEDBACK + "?term=https%3A%2F%2Fw3id.org%2Fcopro-kg%2Fco-design"
    )
    watch.assert_clean()


# ---------------------------------------------------------------- words for practitioners


def test_no_rule_code_or_rdf_term_until_the_technical_detail_opens(
    site: Path, watched: tuple[Any, Watch]
) -> None:
    """The issue: "no rule code or RDF term is visible to a practitioner without opening
    the technical detail". On every page of the practitioners' path (every term page,
    the spectrum, the cycle, the questionnaire, A to Z, home, the accessibility
    statement), with every "Why?" open, the visible text has none -- the change notes of
    deprecated terms and the notes on mappings to other models included; opening the
    technical detail shows the derivation's rule codes (the switch holds them). The
    SPARQL page, named so and linked from the footer, is for analysts and is left out.
    The pictures are frames, whose text ``innerText`` leaves out: they are stubbed here
    and their pop-ups read by the next tests."""
    page, watch = watched
    stub_pictures(page)
    every = sorted(p.relative_to(site).as_posix() for p in site.glob("*.html"))
    every += sorted(p.relative_to(site).as_posix() for p in (site / "terms").glob("*.html"))
    every.remove("ask.html")
    assert len(every) > 100
    found: dict[str, list[str]] = {}
    technical = 0
    for rel in every:
        page.goto(url(site, rel))
        page.evaluate("document.querySelectorAll('details.why').forEach((d) => { d.open = true; })")
        words = engineer_words(visible_text(page))
        if words:
            found[rel] = words
        opened = page.evaluate(
            """() => { const all = document.querySelectorAll('details.technical');
                       all.forEach((d) => { d.open = true; }); return all.length; }"""
        )
        if opened:
            technical += 1
            assert engineer_words(visible_text(page)), rel
    assert not found, found
    assert technical > 10  # the switch is there, on many pages
    watch.assert_clean()


def test_graph_legends_speak_the_glossarys_language(site: Path, watched: tuple[Any, Watch]) -> None:
    """The issue: "a legend speaks of 'what its file states ... the reasoner ... copro-kg
    classify'". The spectrum's, the cycle's and co-production's picture pages show none
    of those words, nor any rule code or RDF term."""
    page, watch = watched
    for rel in ("graphs/spectrum.html", "graphs/cycle.html", "graphs/focus/co-production.html"):
        page.goto(url(site, rel))
        text = visible_text(page)
        assert "Legend" in text
        assert "file states" not in text and not engineer_words(text), (rel, text)
    watch.assert_clean()


# What each node's and link's pop-up holds, as vis-network shows it on hover (the item's
# ``title`` element): every line, and the lines left with the "technical detail" part
# (shown only while the legend's switch is on) taken out.
POP_UPS = """() => {
  const lines = (el) => Array.from(el.querySelectorAll('p')).map((p) => p.textContent).join(' ');
  const g = window.coproGraph;
  return [...g.nodes.get(), ...g.edges.get()].map((item) => {
    const plain = item.title.cloneNode(true);
    plain.querySelectorAll('.tip-technical').forEach((part) => part.remove());
    return [lines(plain), lines(item.title)];
  });
}"""


def test_graph_pop_ups_keep_rule_codes_and_rdf_terms_for_the_technical_detail(
    site: Path, watched: tuple[Any, Watch]
) -> None:
    """The issue: "no rule code or RDF term is visible to a practitioner without opening
    the technical detail". Every picture of the site (the spectrum, the cycle, every term
    page's), every term's and link's pop-up: without the technical detail, none; with it,
    the derivations' rule codes are there (the switch holds them)."""
    page, watch = watched
    pictures = sorted(p.relative_to(site).as_posix() for p in (site / "graphs").rglob("*.html"))
    assert {"graphs/spectrum.html", "graphs/cycle.html"} <= set(pictures)
    assert len(pictures) > 60
    found: dict[str, list[str]] = {}
    codes: set[str] = set()
    for rel in pictures:
        page.goto(url(site, rel))
        for plain, whole in page.evaluate(POP_UPS):
            if engineer_words(plain):
                found.setdefault(rel, []).extend(engineer_words(plain))
            codes |= {w for w in engineer_words(whole) if w in RULES}
    assert not found, found
    assert len(codes) >= 2, codes  # the derivations are kept, behind the switch
    watch.assert_clean()


def test_a_pop_up_shows_the_technical_detail_only_when_asked(
    site: Path, watched: tuple[Any, Watch]
) -> None:
    """Pointing at co-production on its page's picture shows its definition, not its IRI;
    with the legend's "Show technical detail in pop-ups" on, the IRI is there too."""
    page, watch = watched
    page.goto(url(site, "graphs/focus/co-production.html"))
    iri = "https://w3id.org/copro-kg/co-production"
    tooltip = page.locator("div.vis-tooltip")

    def point_at_co_production() -> str:
        where = page.evaluate(
            """(id) => { const net = window.coproGraph.network;
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                const r = document.getElementById('graph').getBoundingClientRect();
                return {x: r.left + p.x, y: r.top + p.y}; }""",
            iri,
        )
        page.mouse.move(where["x"] + 60, where["y"] + 60)
        page.mouse.move(where["x"], where["y"], steps=4)
        tooltip.wait_for(state="visible", timeout=5000)
        return str(tooltip.inner_text())

    text = point_at_co_production()
    assert "Definition" in text and iri not in text and not engineer_words(text)
    page.get_by_label("Show technical detail in pop-ups").check()
    assert iri in point_at_co_production()
    watch.assert_clean()


def test_the_sparql_page_is_named_for_what_it_is(site: Path, watched: tuple[Any, Watch]) -> None:
    """The issue: "'Ask a question' in the main navigation opens a SPARQL editor": the
    main navigation no longer links it; the footer does, by its name."""
    page, watch = watched
    page.goto(url(site, "index.html"))
    nav = page.get_by_role("navigation", name="Main")
    assert nav.get_by_role("link", name=re.compile("SPARQL|Ask", re.I)).count() == 0
    page.locator("footer").get_by_role("link", name="Query the data (SPARQL)").click()
    assert "SPARQL" in page.locator("h1").inner_text()
    watch.assert_clean()


# ------------------------------------------------------------------------ accessibility


def test_axe_reports_nothing_on_the_new_pages(site: Path, watched: tuple[Any, Watch]) -> None:
    """The issue: "axe reports nothing on the new pages": the accessibility statement,
    the questionnaire showing a result reopened from its address (card, link, buttons),
    and a term page with its citation, suggest link and an open technical detail."""
    from axe_playwright_python.sync_playwright import Axe

    page, watch = watched
    axe = Axe()
    page.goto(url(site, "questionnaire.html"))
    answer(page, SHARED)
    reopened = page.url
    states = {
        "accessibility.html": url(site, "accessibility.html"),
        "questionnaire (result)": reopened,
        "term page": url(site, "terms/participation.html"),
    }
    failures = {}
    for name, address in states.items():
        page.goto(address)
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            failures[name] = [
                f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations
            ]
    assert not failures, failures
    watch.assert_clean()
