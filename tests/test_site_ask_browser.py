"""The "Ask a question" page in a real headless Chromium (issue 20's browser tests).

The site is built once, with the hostile label file as ``--data``, and opened from
``file://`` (the hardest case: no ``fetch()``, no worker from a file). Every page load
records its requests (only ``file:`` and the page's own ``blob:`` worker are allowed),
console errors and dialogs, as ``test_site_browser.py`` does.

Issue 20, "Done when": every library query run on the page gives the same answers as
``copro-kg query`` (result sets compared); a runaway query is stopped and the page stays
usable; a hostile label in ``--data`` stays text. Plus axe (zero violations) and
keyboard-only use.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from copro_kg.namespace import PREFIXES
from copro_kg.sparql.library import history_library, library

from .conftest import HOSTILE_FILE, RunCli
from .test_site_browser import AXE_OPTIONS, Watch

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# Counting a three-way cross product of ~5,000 triples: 10^11 rows, it never ends.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def site(hostile_site_pages: Path) -> Path:
    return hostile_site_pages


@pytest.fixture
def asking(browser: Any, site: Path) -> Iterator[tuple[Any, Watch]]:
    """The ask page, opened from disk, with its engine ready."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    page = context.new_page()
    watch = Watch.on(page)
    try:
        page.goto((site / "ask.html").as_uri())
        wait_ready(page)
        yield page, watch
    finally:
        context.close()


def wait_ready(page: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not page.locator("#ask-status").inner_text().startswith("Ready"):
        assert "could not" not in page.locator("#ask-status").inner_text()
        assert time.monotonic() < deadline, "the query engine never became ready"
        page.wait_for_timeout(50)


def assert_clean(watch: Watch) -> None:
    # The worker is started from a blob: URL the page made itself; nothing else.
    watch.requests[:] = [u for u in watch.requests if not u.startswith("blob:")]
    watch.assert_clean()


def wait_answer(page: Any, timeout: float = 30) -> str:
    """Wait for the current query's answer or error; return which."""
    deadline = time.monotonic() + timeout
    while True:
        if page.locator("#ask-stop").is_disabled():
            if page.locator("#ask-error").is_visible():
                return "error"
            if page.locator("#ask-result").is_visible():
                return "answer"
        assert time.monotonic() < deadline, "no answer"
        page.wait_for_timeout(50)


def downloaded(page: Any, name: str) -> str:
    with page.expect_download() as info:
        page.locator("#ask-downloads").get_by_role("button", name=name).click()
    return Path(info.value.path()).read_text("utf-8")


def term_key(term: dict[str, str] | None) -> tuple[str, ...] | None:
    """A SPARQL JSON term, comparable across engines: blank node labels are arbitrary."""
    if term is None:
        return None
    kind = {"typed-literal": "literal"}.get(term["type"], term["type"])
    if kind == "bnode":
        return ("bnode",)
    if kind == "literal":
        datatype = term.get("datatype", XSD_STRING)
        return ("literal", term["value"], term.get("xml:lang", "").lower(), datatype)
    return (kind, term["value"])


def answer_set(text: str) -> tuple[Any, ...]:
    """A SPARQL 1.1 JSON result as a sorted multiset of rows (or the boolean)."""
    data = json.loads(text)
    if "boolean" in data:
        return ("boolean", data["boolean"])
    names = sorted(data["head"]["vars"])
    rows = [tuple((n, term_key(b.get(n))) for n in names) for b in data["results"]["bindings"]]
    return (tuple(names), tuple(sorted(rows, key=repr)))


def triple_set(text: str) -> list[str]:
    """N-Triples lines with blank node labels blanked, sorted."""
    lines = [re.sub(r"_:\S+", "_:b", line.strip()) for line in text.splitlines() if line.strip()]
    return sorted(lines)


def test_every_library_query_answers_as_the_command_line(
    asking: tuple[Any, Watch], run_cli: RunCli
) -> None:
    """Issue 20: "every library query run on the page gives the same answers as
    ``copro-kg query`` (compare result sets)". Each example is clicked (its parameters
    bound to the declared example, as ``--param`` binds them), the page's download is
    compared with the command line's answer over the same files."""
    page, watch = asking
    entries = [*library(), *history_library()]  # the release history too (issue 27)
    assert len(entries) >= 20
    mismatches = {}
    ours: object
    theirs: object
    for entry in entries:
        page.locator(f'button.ask-example[data-example="{entry.name}"]').click()
        assert wait_answer(page) == "answer", (entry.name, page.locator("#ask-error").inner_text())
        args = ["query", entry.name, "--data", str(HOSTILE_FILE)]
        for name, value in entry.example_parameters.items():
            args += ["--param", f"{name}={value}"]
        is_graph = page.locator("#ask-downloads").get_by_role("button", name="N-Triples").count()
        if is_graph:
            cli = run_cli(*args, "--format", "nt")
            assert cli.exit_code == 0, cli.stderr
            ours, theirs = (
                triple_set(downloaded(page, "Download N-Triples")),
                triple_set(cli.stdout),
            )
        else:
            cli = run_cli(*args, "--format", "json")
            assert cli.exit_code == 0, cli.stderr
            ours, theirs = answer_set(downloaded(page, "Download JSON")), answer_set(cli.stdout)
        if ours != theirs:
            mismatches[entry.name] = (ours, theirs)
    assert not mismatches, mismatches
    assert_clean(watch)


def test_an_example_shows_its_question_passage_and_labelled_linked_answers(
    asking: tuple[Any, Watch],
) -> None:
    """Glossary: "Community engagement (also referred to as public or citizen
    engagement)": the synonyms-of example is a button named by its question, with the
    passage beside it, and the answer lists both other names. kinds-of-involvement's
    answers are labelled and link to their term pages."""
    page, watch = asking
    button = page.locator('button.ask-example[data-example="synonyms-of"]')
    assert button.inner_text() == "What other names does a term have?"
    passage = page.locator("#ask-passage-synonyms-of").inner_text()
    assert "also referred to as public or citizen engagement" in passage
    button.click()
    assert wait_answer(page) == "answer"
    table = page.locator("#ask-table").inner_text().lower()
    assert "public engagement" in table and "citizen engagement" in table
    # Focus moves to the answer, so a keyboard or screen reader user lands on it.
    assert page.evaluate("document.activeElement.id") == "ask-result"
    page.locator('button.ask-example[data-example="what-is-part-of-co-production"]').click()
    assert wait_answer(page) == "answer"
    # Glossary: "Co-design is a component part of a co-production process."
    page.locator("#ask-table").get_by_role("link", name="Co-design", exact=True).first.click()
    assert page.locator("h1").inner_text().lower() == "co-design"
    assert_clean(watch)


def test_a_syntax_error_is_located(asking: tuple[Any, Watch]) -> None:
    """A clear error with line and column; the prefixes are predeclared (copro:, skos:
    need no PREFIX line) and the line numbers are the user's own."""
    page, watch = asking
    page.locator("#ask-query").fill(
        "SELECT ?t WHERE {\n  ?t skos:broader copro:involvement .\n  FILTER( ?t = ) }"
    )
    page.locator("#ask-query").press("Control+Enter")
    assert wait_answer(page) == "error"
    error = page.locator("#ask-error").inner_text()
    assert "Line 3, column" in error
    page.locator("#ask-error").get_by_role("button", name=re.compile("Go to line 3")).click()
    assert page.evaluate("document.activeElement.id") == "ask-query"
    line = page.evaluate(
        "(() => { const e = document.getElementById('ask-query');"
        " return e.value.slice(0, e.selectionStart).split('\\n').length; })()"
    )
    assert line == 3
    page.locator("#ask-query").fill("SELECT ?t WHERE { ?t nope:broader copro:involvement }")
    page.locator("#ask-run").click()
    assert wait_answer(page) == "error"
    error = page.locator("#ask-error").inner_text()
    # The CLI's and the endpoint's wording (tests/test_query_cli.py), prefixes sorted.
    known = ", ".join(sorted(PREFIXES))
    assert f"unknown prefix nope: -- declare it, or use one of {known}" in error
    assert "Line 1, column 22" in error  # where "nope:broader" starts
    page.locator("#ask-query").fill("INSERT DATA { copro:x copro:y copro:z }")
    page.locator("#ask-run").click()
    assert wait_answer(page) == "error"
    assert "refused" in page.locator("#ask-error").inner_text()
    assert_clean(watch)


def test_a_runaway_query_is_stopped_and_the_page_stays_usable(asking: tuple[Any, Watch]) -> None:
    """Issue 20: "a runaway query is stopped and the page stays usable". Counting a
    three-way cross product of ~5,000 triples (10^11 rows) never ends; with the limit at
    5 seconds the page stops it, says so, and answers the next query."""
    page, watch = asking
    page.locator("#ask-limit").select_option("5")
    page.locator("#ask-query").fill(RUNAWAY)
    started = time.monotonic()
    page.locator("#ask-run").click()
    # While it runs, the page itself still responds (the engine is in a worker).
    page.wait_for_timeout(1000)
    assert page.evaluate("1 + 1") == 2
    assert page.locator("#ask-stop").is_enabled()
    assert wait_answer(page, timeout=30) == "error"
    elapsed = time.monotonic() - started
    assert 4.5 <= elapsed < 20, elapsed
    assert "was stopped" in page.locator("#ask-error").inner_text()
    wait_ready(page)
    page.locator('button.ask-example[data-example="is-all-co-production-involvement"]').click()
    assert wait_answer(page) == "answer"
    # Glossary: "all co-production is involvement (when your audience or end users are
    # citizens and community members)".
    assert page.locator("#ask-summary").inner_text() == "Yes"
    # "Stop" stops a running query at once.
    page.locator("#ask-query").fill(RUNAWAY)
    page.locator("#ask-run").click()
    page.wait_for_timeout(300)
    page.locator("#ask-stop").click()
    assert wait_answer(page, timeout=5) == "error"
    assert "stopped" in page.locator("#ask-error").inner_text()
    assert_clean(watch)


def test_the_switch_leaves_out_the_reasoners_conclusions(asking: tuple[Any, Watch]) -> None:
    """The asserted and inferred triples are named graphs; unticking the switch queries
    the asserted ones only (``copro-kg query --no-reason``). Glossary: "all co-production
    is involvement" is a conclusion (is-all-co-production-involvement's header: inference
    yes), so without the reasoner the answer is no."""
    page, watch = asking
    page.locator('button.ask-example[data-example="is-all-co-production-involvement"]').click()
    assert wait_answer(page) == "answer"
    assert page.locator("#ask-summary").inner_text() == "Yes"
    page.locator("#ask-inferred").uncheck()
    page.locator("#ask-run").click()
    assert wait_answer(page) == "answer"
    assert page.locator("#ask-summary").inner_text() == "No"
    page.locator("#ask-inferred").check()
    page.locator("#ask-query").fill(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/copro-kg/graph/inferred> "
        "{ ?s ?p ?o } }"
    )
    page.locator("#ask-run").click()
    assert wait_answer(page) == "answer"
    assert int(page.locator("#ask-table td .ask-literal").first.inner_text()) > 0
    assert_clean(watch)


def test_hostile_label_stays_text(asking: tuple[Any, Watch]) -> None:
    """Issue 20: "a hostile label in --data stays text" in the answer table."""
    page, watch = asking
    page.locator("#ask-query").fill(
        "SELECT ?t ?label WHERE { ?t skos:prefLabel ?label . FILTER(CONTAINS(?label, 'img')) }"
    )
    page.locator("#ask-run").click()
    assert wait_answer(page) == "answer"
    assert page.locator("#ask-table").get_by_text(HOSTILE_LABEL).count() >= 2  # label, link
    assert page.locator("main img").count() == 0
    assert_clean(watch)


def test_keyboard_only(asking: tuple[Any, Watch]) -> None:
    """WCAG 2.1.1: Tab reaches the editor, Ctrl+Enter runs it, Tab leaves it (no trap),
    and an example runs from the keyboard."""
    page, watch = asking
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ask-query":
            break
    assert page.evaluate("document.activeElement.id") == "ask-query"
    page.keyboard.press("Control+a")
    page.keyboard.type("ASK { copro:co-design skos:broader copro:co-production }")
    page.keyboard.press("Control+Enter")
    assert wait_answer(page) == "answer"
    # Glossary: "Co-design is a component part of a co-production process."
    assert page.locator("#ask-summary").inner_text() == "Yes"
    page.locator("#ask-query").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "ask-query"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.example || ''") == "kinds-of-involvement":
            break
    page.keyboard.press("Enter")
    assert wait_answer(page) == "answer"
    assert page.evaluate("document.activeElement.id") == "ask-result"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert_clean(watch)


def test_axe(asking: tuple[Any, Watch]) -> None:
    """WCAG 2.2 AA: zero axe violations, empty and with an answer and an error shown."""
    from axe_playwright_python.sync_playwright import Axe

    page, watch = asking
    axe = Axe()
    states = {}
    states["ready"] = axe.run(page, options=AXE_OPTIONS).response["violations"]
    page.locator('button.ask-example[data-example="spectrum-in-order"]').click()
    assert wait_answer(page) == "answer"
    states["answer"] = axe.run(page, options=AXE_OPTIONS).response["violations"]
    page.locator("#ask-query").fill("SELECT * WHERE {")
    page.locator("#ask-run").click()
    assert wait_answer(page) == "error"
    states["error"] = axe.run(page, options=AXE_OPTIONS).response["violations"]
    failures = {
        state: [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in found]
        for state, found in states.items()
        if found
    }
    assert not failures, failures
    assert_clean(watch)
