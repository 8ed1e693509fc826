"""The static glossary site (issue 11), checked without a browser.

Every expectation comes from the glossary text (quoted beside it) or from the issue's
requirements; ``test_site_browser.py`` clicks through the same site in Chromium.
The site is built once per module (reasoning and drawing take seconds).
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from copro_kg.namespace import COPRO
from copro_kg.prefixes import MAPPED_BASE
from copro_kg.site.building import MARKER
from copro_kg.site.catalogue import MESSAGES, VERIFIED_WELSH_SOURCES
from copro_kg.site.messages import message
from copro_kg.site.model import slug_for

from .conftest import RunCli

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"


# --------------------------------------------------------------------------- helpers


@dataclass
class Element:
    """A parsed HTML element: enough DOM for these tests (tag, attributes, text)."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    nodes: list[Element | str] = field(default_factory=list)

    @property
    def children(self) -> list[Element]:
        return [n for n in self.nodes if isinstance(n, Element)]

    @property
    def text(self) -> str:
        """All text inside, in document order, whitespace collapsed (entities decoded)."""
        parts: list[str] = []

        def walk(el: Element) -> None:
            for node in el.nodes:
                if isinstance(node, str):
                    parts.append(node)
                else:
                    walk(node)

        walk(self)
        return " ".join(" ".join(parts).split())

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        for child in self.children:
            if tag is None or child.tag == tag:
                yield child
            yield from child.iter(tag)

    def find_id(self, ident: str) -> Element | None:
        return next((e for e in self.iter() if e.attrs.get("id") == ident), None)


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.nodes.append(el)
        if tag not in _VOID:
            self.current = el

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.nodes.append(data)


def parse(path: Path) -> Element:
    builder = _TreeBuilder()
    builder.feed(path.read_text("utf-8"))
    return builder.root


def squash(text: str) -> str:
    """Collapse whitespace and straighten quotes, to compare with the glossary text."""
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site(hostile_site_pages: Path) -> Path:
    """The site of the shipped glossary plus a hostile user file (no graph pictures:
    the browser tests cover those; this keeps the module fast)."""
    return hostile_site_pages


def term_page(site: Path, slug: str) -> Element:
    path = site / "terms" / f"{slug}.html"
    assert path.is_file(), f"no page for {slug}"
    return parse(path)


def section_text(heading: Element) -> str:
    """The lower-cased text of the block a heading introduces (its parent)."""
    assert heading.parent is not None
    return heading.parent.text.lower()


def main_of(page: Element) -> Element:
    found = next(page.iter("main"), None)
    assert found is not None
    return found


# --------------------------------------------------------------------------- pages


def test_every_concept_has_a_page_at_its_slug(site: Path, glossary: Graph) -> None:
    """Issue 11: "a page per term ... stable URLs per term slug"."""
    concepts = {c for c in glossary.subjects(RDF.type, SKOS.Concept)}
    assert concepts, "the shipped glossary has no skos:Concept"
    for concept in concepts:
        slug = slug_for(str(concept))
        if str(concept).startswith(MAPPED_BASE):  # arnstein:tokenism -> mapped-arnstein-tokenism
            assert slug == "mapped-" + str(concept)[len(MAPPED_BASE) :].replace("/", "-")
        elif str(concept).startswith(str(COPRO)):
            assert slug == str(concept)[len(str(COPRO)) :]  # copro:co-design -> co-design
        assert (site / "terms" / f"{slug}.html").is_file()


def test_participation_page_shows_the_glossary_entry(site: Path) -> None:
    """Glossary, "Participation": its definition, "It's not consultation because ...",
    "It's not co-production because ..." with links to those terms, and its examples."""
    page = term_page(site, "participation")
    text = squash(main_of(page).text)
    assert "People being actively involved with policy makers and service planners" in text
    assert "less narrow and specific" in text  # it's not consultation because ...
    assert "doesn't require shared power or shared decision-making" in text
    assert "drop-in events about infrastructure developments" in text
    distinctions = next(e for e in page.iter("dl") if "distinctions" in e.attrs.get("class", ""))
    hrefs = {a.attrs["href"] for a in distinctions.iter("a")}
    assert {"../terms/consultation.html", "../terms/co-production.html"} <= hrefs
    dts = [squash(dt.text).lower() for dt in distinctions.iter("dt")]
    assert "it's not consultation because" in dts


def test_how_we_know_is_shown(site: Path) -> None:
    """Glossary: "How we know it's consultation: the organisation determines the
    questions, publishes them for a fixed time period, and gathers the results"."""
    text = squash(main_of(term_page(site, "consultation")).text)
    assert "How we know it's consultation" in text
    assert "the organisation determines the questions" in text


def test_quote_is_shown(site: Path) -> None:
    """Glossary, spectrum figure, information: “We provide information where /when /how
    people need it.”"""
    quotes = [squash(q.text) for q in term_page(site, "information").iter("blockquote")]
    assert any("We provide information where" in q for q in quotes)


def test_generic_and_partitive_broader_are_shown_apart(site: Path) -> None:
    """Glossary: "Co-design is a component part of a co-production process" (partitive);
    "Co-production is a specific kind of community engagement" (generic)."""
    co_design = term_page(site, "co-design")
    part_of = co_design.find_id("r-bp")
    assert part_of is not None and "co-production" in section_text(part_of)
    kind_of = co_design.find_id("r-bg")
    assert kind_of is None or "co-production" not in section_text(kind_of)
    co_production = term_page(site, "co-production")
    generic = co_production.find_id("r-bg")
    assert generic is not None and "community engagement" in section_text(generic)
    parts = co_production.find_id("r-np")
    assert parts is not None and "co-design" in section_text(parts)


def test_welsh_label_beside_english_with_lang(site: Path) -> None:
    """domain.md §1b (verified): co-production = "cydgynhyrchu" (copronet.wales/cy)."""
    page = term_page(site, "co-production")
    welsh = [e for e in main_of(page).iter() if e.attrs.get("lang") == "cy"]
    assert any(e.text.lower() == "cydgynhyrchu" for e in welsh)
    h1 = next(page.iter("h1"))
    assert h1.text.lower() == "co-production"


def test_unverified_welsh_is_not_invented(site: Path) -> None:
    """domain.md §1b: no Welsh label was found for coercion, protection, education,
    persuasion (marked ❌): their pages show none."""
    for slug in ("coercion", "persuasion"):
        page = term_page(site, slug)
        assert not [e for e in main_of(page).iter() if e.attrs.get("lang") == "cy"]


def test_mappings_are_marked_as_ours(site: Path) -> None:
    """Issue 11: "mappings (Arnstein, TLAP, IAP2) marked as ours". domain.md §3 suggests
    consultation ↔ Arnstein Consultation / IAP2 Consult."""
    page = term_page(site, "consultation")
    section = next(e for e in page.iter("section") if "ours" in e.attrs.get("class", ""))
    assert "copro-kg" in section.text
    assert re.search(r"Arnstein|IAP2|TLAP", section.text)


def test_az_lists_every_term_and_alt_labels(site: Path, glossary: Graph) -> None:
    """Glossary: "Community engagement (public engagement, citizen engagement)": the
    A to Z has a "see" entry for each other name."""
    az = parse(site / "a-z.html")
    links = {a.attrs["href"] for a in main_of(az).iter("a")}
    for concept in glossary.subjects(SKOS.inScheme, COPRO.glossary):
        if (concept, RDF.type, SKOS.Collection) in glossary:
            continue  # a heading (collection) is not a term
        assert f"terms/{slug_for(str(concept))}.html" in links
    sees = [
        squash(li.text).lower()
        for li in main_of(az).iter("li")
        if "az-see" in li.attrs.get("class", "")
    ]
    assert any(s.startswith("public engagement") and "community engagement" in s for s in sees)


def test_search_index_matches_alt_labels(site: Path) -> None:
    """Issue 11: "a search box that works offline (a prebuilt index, also matching alt
    labels)": the index is a script (no fetch from file://) holding the alt labels."""
    script = (site / "static" / "search-index.js").read_text("utf-8")
    assert script.startswith("window.COPRO_SEARCH_INDEX = ")
    assert '"public engagement"' in script.lower()
    search = parse(site / "search.html")
    sources = [s.attrs.get("src") for s in search.iter("script")]
    assert "static/search-index.js" in sources


def test_spectrum_page_orders_the_levels(site: Path) -> None:
    """Glossary figure: doing to (coercion, protection, education, persuasion), doing
    for (information, consultation, participation), doing with (co-production,
    involvement)."""
    page = parse(site / "spectrum.html")
    order = [
        a.attrs["href"].removeprefix("terms/").removesuffix(".html")
        for h in main_of(page).iter("h4")
        for a in h.iter("a")
    ]
    expected = [
        "coercion",
        "protection",
        "education",
        "persuasion",
        "information",
        "consultation",
        "participation",
        "co-production",
        "involvement",
    ]
    assert [s for s in order if s in expected] == expected


def test_cycle_page_lists_the_phases_in_order(site: Path) -> None:
    """Glossary: "a cycle that includes co-planning ..., co-design and co-decision making,
    co-delivery ..., and co-evaluation"."""
    page = parse(site / "cycle.html")
    order = [
        a.attrs["href"].removeprefix("terms/").removesuffix(".html")
        for h in main_of(page).iter("h3")
        for a in h.iter("a")
    ]
    phases = [s for s in order if s in {"co-planning", "co-design", "co-delivery", "co-evaluation"}]
    start = phases.index("co-planning")
    ring = phases[start:] + phases[:start]
    assert ring == ["co-planning", "co-design", "co-delivery", "co-evaluation"]


# --------------------------------------------------------------------------- safety


def test_hostile_label_is_text_everywhere(site: Path) -> None:
    """Issue 11: "escaped everything (a hostile label from --data must render as text)"."""
    slug = slug_for("https://example.org/hostile/term")
    page = term_page(site, slug)
    assert next(page.iter("h1")).text == HOSTILE_LABEL  # shown, decoded, as text
    assert not any(e.attrs.get("src") == "x" for e in page.iter("img"))
    for path in site.rglob("*.html"):
        raw = path.read_text("utf-8")
        assert "<img src=x" not in raw, path
        assert "<script>alert" not in raw, path
        assert "javascript:" not in raw, path  # a javascript: source is never a link
    script = (site / "static" / "search-index.js").read_text("utf-8")
    # The index is JSON in a script file: every non-ASCII character and every <, >, &
    # is escaped, so no label can end the string literal or the element.
    assert "<" not in script and ">" not in script.replace("=>", "")
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in script
    assert "\\u2028" in script and "\u2028" not in script


def test_hostile_iri_stays_inside_the_site(site: Path) -> None:
    """A concept IRI like ``.../../etc/passwd`` gets a safe page name inside terms/."""
    for path in (site / "terms").iterdir():
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*\.html", path.name), path.name
    assert not (site.parent / "etc").exists()


def test_no_resource_from_another_host(site: Path) -> None:
    """Issue 11: "all inline or in DIR, no request to any other host". Links (<a>) to
    the glossary's sources are fine; nothing is loaded from elsewhere."""
    for path in site.rglob("*.html"):
        page = parse(path)
        for el in page.iter():
            for attr in ("src", "data", "poster", "srcset"):
                value = el.attrs.get(attr)
                if value:
                    assert not re.match(r"[a-z][a-z0-9+.-]*:|//", value), (path, el.tag, value)
            if el.tag == "link":
                assert not re.match(r"[a-z][a-z0-9+.-]*:|//", el.attrs.get("href", "")), path
        raw = path.read_text("utf-8")
        assert "@import" not in raw and "url(http" not in raw


def test_every_page_declares_english_and_a_title(site: Path) -> None:
    """WCAG 3.1.1 (language of page) and 2.4.2 (page titled)."""
    for path in site.glob("**/*.html"):
        if "graphs" in path.parts:
            continue
        page = parse(path)
        html = next(page.iter("html"))
        assert html.attrs.get("lang") == "en", path
        title = next(page.iter("title")).text
        assert title.endswith(message("site_title")), path


# --------------------------------------------------------------------------- catalogue


def test_welsh_messages_only_where_verified() -> None:
    """Issue 11: "Welsh entries only where verified (domain.md)": every cy entry of the
    catalogue names its source, and the organisation's name is the verified form."""
    welsh = {key for key, entry in MESSAGES.items() if "cy" in entry}
    assert welsh == set(VERIFIED_WELSH_SOURCES)
    # domain.md §1a: "Rhwydwaith Cydgynhyrchu Cymru" (no hyphen), copronet.wales/cy.
    assert message("org_name", "cy") == "Rhwydwaith Cydgynhyrchu Cymru"
    assert message("site_title", "cy") == message("site_title")  # falls back to English


def test_templates_use_only_catalogue_keys() -> None:
    """All interface strings live in one catalogue: every m("key") in a template exists."""
    from importlib import resources

    folder = resources.files("copro_kg.site") / "templates"
    used: set[str] = set()
    for entry in folder.iterdir():
        used |= set(re.findall(r"""\bm\(\s*["'](\w+)["']""", entry.read_text("utf-8")))
    assert used and used <= set(MESSAGES), used - set(MESSAGES)


# --------------------------------------------------------------------------- command


def test_cli_builds_and_prints_the_index_path(run_cli: RunCli, tmp_path: Path) -> None:
    """Issue 11: ``copro-kg site -o DIR``; the brief: it prints the index page's path."""
    out = tmp_path / "built"
    result = run_cli("site", "-o", str(out), "--no-graphs")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str((out / "index.html").resolve())
    assert (out / MARKER).is_file()
    again = run_cli("site", "-o", str(out), "--no-graphs")  # our own folder: replaced
    assert again.exit_code == 0, again.stderr


def test_cli_refuses_a_folder_it_did_not_make(run_cli: RunCli, tmp_path: Path) -> None:
    """Bad input -> one error line, exit 2; the user's files are left alone."""
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    result = run_cli("site", "-o", str(tmp_path), "--no-graphs")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"


def test_cli_bad_data_is_one_error_line(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <urn:x#> .\nx:a x:b .\n", "utf-8")
    result = run_cli("site", "-o", str(tmp_path / "out"), "--data", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "bad.ttl:2" in result.stderr
    assert not (tmp_path / "out").exists()


def test_slug_is_stable_and_safe() -> None:
    """Stable URL per slug: same IRI, same slug; any IRI gives a safe file name."""
    assert slug_for("https://w3id.org/copro-kg/co-design") == "co-design"
    odd = "https://example.org/a b/<c>?d#../e"
    assert slug_for(odd) == slug_for(odd)
    assert set(slug_for(odd)) <= set(string.ascii_lowercase + string.digits + "-")
    assert slug_for("https://example.org/x") != slug_for("https://example.org/y/x")


# --------------------------------------------------------------------------- reasoning


def test_inferred_link_carries_the_reasoners_explanation(site: Path) -> None:
    """Issue 11: "the reasoner's explanation for inferred links on each term page".
    Glossary: co-productive research "can be a useful element during different phases of
    co-production (for example, during co-design ...)": the data says "useful during";
    that co-design is related to co-productive research is inferred (skos:related is
    symmetric), and the page says so and why."""
    page = term_page(site, "co-design")
    item = next(
        li
        for li in page.iter("li")
        if any(a.attrs.get("href") == "../terms/co-productive-research.html" for a in li.iter("a"))
        and li.find_id("r-rel") is None
    )
    assert "inferred" in item.text
    why = next(item.iter("details")).text
    assert "prp-symp" in why and "useful during" in why and "(asserted)" in why


def _questionnaire(site: Path) -> dict[str, Any]:
    page = parse(site / "questionnaire.html")
    script = next(s for s in page.iter("script") if s.attrs.get("id") == "q-data")
    data: dict[str, Any] = json.loads(script.text)
    return data


def _outcome(data: dict[str, Any], key: str) -> dict[str, Any]:
    """The result the page shows for one answer key (outcomes name results by index)."""
    result: dict[str, Any] = data["results"][data["outcomes"][key]]
    return result


def test_questionnaire_places_the_glossarys_examples_where_the_glossary_does(
    site: Path, glossary: Graph
) -> None:
    """Glossary spectrum figure examples (ontology/examples.ttl, each described only by
    its features, with copro:glossaryLevel the level the glossary gives it): answering
    the questionnaire with an example's features gives the glossary's level."""
    data = _questionnaire(site)
    questions = [q["key"] for q in data["questions"]]
    by_key = {slug_for(str(p)): p for p in glossary.subjects(COPRO.question, None)}
    checked = 0
    for example, level_class in glossary.subject_objects(COPRO.glossaryLevel):
        answers = []
        for key in questions:
            values = list(glossary.objects(example, by_key[key]))
            answers.append(slug_for(str(values[0])) if len(values) == 1 else "")
        outcome = _outcome(data, "|".join(answers))
        place = outcome.get("place") or {}
        concept = glossary.value(level_class, COPRO.concept)
        covered = {slug_for(str(c)) for c in glossary.objects(level_class, COPRO.coversLevel)}
        if concept is not None:
            assert place.get("slug") == slug_for(str(concept)), (example, outcome)
        else:  # a column of the figure: coercion or protection, education or persuasion
            assert set(outcome.get("candidates", [])) == covered, (example, outcome)
        checked += 1
    assert checked >= 5


def test_questionnaire_questions_come_from_the_ontology(site: Path, glossary: Graph) -> None:
    """Issue 11: "built from the ontology's classification criteria (not a second copy of
    the rules written by hand)": every question is a feature property the ontology
    words as a question, and every answer one of that feature's named values."""
    data = _questionnaire(site)
    page = parse(site / "questionnaire.html")
    legends = [squash(e.text) for e in page.iter("legend")]
    assert len(legends) == len(data["questions"])
    worded = {squash(str(q)) for q in glossary.objects(None, COPRO.question)}
    assert data["questions"] and all(any(w in legend for w in worded) for legend in legends)
    labels = {squash(str(v)) for v in glossary.objects(None, RDFS.label)}
    form = next(f for f in page.iter("form") if f.attrs.get("id") == "questionnaire")
    for label in form.iter("label"):
        text = squash(label.text)
        assert text == message("q_unknown") or text in labels, text


# ------------------------------------------------------- issue 21: the glossary's answer


def _section(page: Element, ident: str) -> Element:
    heading = page.find_id(ident)
    assert heading is not None and heading.parent is not None, f"no section {ident}"
    return heading.parent


def _glossary_flat(seed_text: str) -> str:
    """The glossary's text on one line, quotes straightened, footnote stars dropped."""
    return squash(seed_text.replace("*", ""))


def test_co_production_lists_its_5_values_in_full_and_in_order(site: Path, seed_text: str) -> None:
    """Glossary: "How we know it's co-production: it's a mindset and way of working
    underpinned by the following 5 values" and five bullets. The term's own page lists
    them under that sentence, in the bullets' order (not only among inferred links)."""
    after = seed_text.split("underpinned by the following 5 values", 1)[1]
    bullets = [squash(b).rstrip(". ") for b in re.findall(r"●\s*(.+)", after)[:5]]
    know = _section(term_page(site, "co-production"), "h-know")
    lists = [ol for ol in know.iter("ol") if "glossary-list" in ol.attrs.get("class", "")]
    shown = [squash(li.text) for li in lists[0].iter("li")]
    assert [b.replace(" (outcomes focus)", "") for b in bullets] == shown
    assert "underpinned by the following 5 values" in squash(know.text)
    assert squash(know.text).index("5 values") < squash(know.text).index(shown[0])


def test_co_production_lists_the_cycles_phases_in_the_glossarys_order(site: Path) -> None:
    """Glossary: "A complete co-production process is a cycle that includes co-planning
    (which might be co-creating or co-commissioning, depending on context), co-design and
    co-decision making, co-delivery (or co-implementation), and co-evaluation.". Not under
    "How we know it's co-production" (issue 25): the glossary's test there is the 5 values.
    """
    know = _section(term_page(site, "co-production"), "h-criteria")
    item = next(li for li in know.iter("li") if "A complete co-production process" in li.text)
    (phases,) = [ol for ol in item.iter("ol")]
    hrefs = [a.attrs["href"] for a in phases.iter("a")]
    assert hrefs == [
        f"../terms/{s}.html"
        for s in ("co-planning", "co-design", "co-decision-making", "co-delivery", "co-evaluation")
    ]


def test_every_glossary_sentence_on_a_term_page_is_whole(site: Path, seed_text: str) -> None:
    """Issue 21: "every sentence shown complete, or with its lead-in". A text a term page
    quotes from the glossary (definition, how we know, distinctions, notes, passages)
    starts where a sentence of the glossary starts (a capital letter), or right after
    the lead-in the page gives as its heading ("How we know it's X:", "It's not X
    because:"). The issue's example: a bullet "But all co-production is involvement ..."
    cut from "Not all involvement is co-production (...), but all co-production is
    involvement (...)"."""
    flat = _glossary_flat(seed_text)
    folded = flat.casefold()
    sections = ("h-definition", "h-know", "h-criteria", "h-distinctions", "h-notes", "h-passages")
    cut = []
    for path in sorted((site / "terms").glob("*.html")):
        page = parse(path)
        for ident in sections:
            heading = page.find_id(ident)
            if heading is None or heading.parent is None:
                continue
            for el in heading.parent.iter():
                own = "".join(n for n in el.nodes if isinstance(n, str)).strip()
                if el.tag not in ("p", "li", "dd") or not own:
                    continue
                text = squash(own)
                at = folded.find(text.casefold())
                if at < 0:
                    continue  # not the glossary's words (ours, marked as such)
                lead_in = flat[:at].rstrip().endswith(":")
                first = text.lstrip("(\"'‘“")[:1]  # "(This will be ...)" is a sentence too
                starts = flat[at + len(text) - len(text.lstrip("(\"'‘“"))]
                if not (starts.isupper() or first.isdigit() or lead_in):
                    cut.append(f"{path.stem}: {text[:70]!r}")
    assert not cut, "\n".join(cut)
    marks = _section(term_page(site, "co-production"), "h-criteria")
    assert "Not all involvement is co-production" in squash(marks.text)


def test_mappings_to_other_models_are_never_shown_as_the_glossarys_hierarchy(
    site: Path, glossary: Graph
) -> None:
    """Issue 21: "the project's own Arnstein mapping is shown as 'Broader', as if it were
    the glossary's hierarchy". Mappings (skos:*Match, ours: domain.md §3) appear only under
    the heading that says they are copro-kg's, never among Broader/Narrower/Related."""
    others = {
        slug_for(str(c))
        for c in glossary.subjects(SKOS.inScheme, None)
        if (c, SKOS.inScheme, COPRO.glossary) not in glossary
    }
    assert "mapped-arnstein-citizen-power" in others  # other models exist
    relation_lists = ("r-bg", "r-ng", "r-bp", "r-np", "r-bo", "r-no", "r-rel")
    for concept in set(glossary.subjects(SKOS.inScheme, COPRO.glossary)):
        if (concept, RDF.type, SKOS.Collection) in glossary:
            continue  # a heading (collection) has no term page
        page = term_page(site, slug_for(str(concept)))
        for ident in relation_lists:
            heading = page.find_id(ident)
            if heading is None or heading.parent is None:
                continue
            targets = {
                a.attrs["href"].rsplit("/", 1)[-1].removesuffix(".html")
                for a in heading.parent.iter("a")
            }
            assert not targets & others, (concept, ident, targets & others)
    page = term_page(site, "co-production")
    ours = next(e for e in page.iter("section") if "ours" in e.attrs.get("class", ""))
    assert "Arnstein" in ours.text and "copro-kg" in ours.text
    assert page.find_id("r-bo") is None  # its only "broader" was the Arnstein mapping


def test_the_cycle_keeps_the_step_from_co_planning_to_co_design(site: Path) -> None:
    """Glossary: the cycle "includes co-planning ..., co-design and co-decision making,
    co-delivery ..., and co-evaluation": after co-planning comes co-design (and
    co-decision making, the same phase). Neither the cycle page nor co-planning's page
    drops co-design."""
    cycle = main_of(parse(site / "cycle.html"))
    planning = next(
        li
        for li in cycle.iter("li")
        if any(a.attrs.get("href") == "terms/co-planning.html" for a in li.iter("a"))
    )
    after = next(p for p in planning.iter("p") if "cycle-next" in p.attrs.get("class", ""))
    assert [a.attrs["href"] for a in after.iter("a")] == [
        "terms/co-design.html",
        "terms/co-decision-making.html",
    ]
    box = _section(term_page(site, "co-planning"), "h-cycle")
    hrefs = [a.attrs["href"] for a in box.iter("a")]
    assert hrefs[:2] == ["../terms/co-design.html", "../terms/co-decision-making.html"]


@pytest.mark.parametrize("slug", ["co-design", "co-production"])
def test_planning_passages_are_where_a_practitioner_looks(
    site: Path, slug: str, in_glossary: Any
) -> None:
    """Issue 21: "Solving challenges together" and the self-selection paragraph of
    "Inclusive co-design: designing from the margins" are shown, quoted whole, with
    "Building knowledge", on the co-design and co-production pages -- e.g. "It's okay to
    work with small numbers." and "the people who generally find it easiest to
    self-select are white, middle class, and older"."""
    section = _section(term_page(site, slug), "h-passages")
    headings = [squash(h.text) for h in section.iter("h3")]
    assert headings == [
        "Building knowledge",
        "Solving challenges together",
        "Inclusive co-design: designing from the margins",
    ]
    quotes = [q.text for q in section.iter("blockquote")]
    assert len(quotes) == 3 and all(in_glossary(q) for q in quotes), quotes
    text = squash(section.text)
    for sentence in (
        "it's not about information gathering but about problem solving",
        'having the "right people" in the room',
        "It's okay to work with small numbers.",
        "it doesn't make it less excellent just because only one person had it",
        "The participants will likely be self selecting",
        "the people who generally find it easiest to self-select are white, middle class, "
        "and older",
        "Make sure you remove barriers to involvement and enable them to take part fully.",
    ):
        assert sentence in text, sentence
    links = {a.attrs["href"] for a in section.iter("a")}
    assert {"../terms/inclusive-co-design.html", "../terms/qualitative-research.html"} <= links


def test_search_index_holds_examples_quotes_and_definitions(site: Path) -> None:
    """Issue 21: "Search finds terms by label, other names, examples, quotes and
    definitions". The figure: consultation "e.g. surveys, urban planning, FixMyStreet";
    information "e.g. Council website info on bin collections"; participation "e.g.
    drop-in events, focus groups"; coercion and protection "e.g. criminal justice,
    safeguarding"."""
    script = (site / "static" / "search-index.js").read_text("utf-8")
    index = {e["slug"]: e for e in json.loads(script.split("=", 1)[1].rstrip().rstrip(";"))}
    assert {"surveys", "FixMyStreet"} <= set(index["consultation"]["ex"])
    assert "Council website info on bin collections" in index["information"]["ex"]
    assert "focus groups" in index["participation"]["ex"]
    assert "safeguarding" in index["protection"]["ex"] and "safeguarding" in index["coercion"]["ex"]
    assert any("We decide what questions to ask" in q for q in index["consultation"]["q"])
    assert index["participation"]["def"].startswith("People being actively involved")
    assert index["community-engagement"]["alt"]


def test_how_we_know_headings_only_where_the_glossary_has_them(site: Path) -> None:
    """Issue 25: the glossary writes "How we know it's ..." for four terms only:
    participation, consultation, information and co-production. No other term page
    imitates that heading."""
    found = sorted(
        path.stem
        for path in (site / "terms").glob("*.html")
        if term_page(site, path.stem).find_id("h-know") is not None
    )
    assert found == ["co-production", "consultation", "information", "participation"]
