"""The "Ask a question" page's build-time half (``copro_kg.site.ask``), checked on files.

``test_site_ask_browser.py`` runs the page in Chromium; these tests hold what the page
is built from: the data (the reasoning result as two named graphs), the examples (the
query library, parameters bound as ``--param`` binds them), the engine (a classic
worker script), the Content-Security-Policy and the size budget.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SKOS

from copro_kg.namespace import COPRO
from copro_kg.pipeline import Workspace
from copro_kg.site import build_site
from copro_kg.site.ask import (
    ASSERTED_GRAPH,
    INFERRED_GRAPH,
    SITE_BUDGET_BYTES,
    example_text,
    examples,
    nquads,
    worker_source,
)
from copro_kg.sparql.library import LibraryQuery, bind_parameters, history_library, library
from copro_kg.sparql.run import run_query

from .conftest import REPO_ROOT, require_tool
from .isomorphism import isomorphic

VENDOR = REPO_ROOT / "src" / "copro_kg" / "site" / "vendor" / "oxigraph"
RFC1924 = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"
"""The digits of base85 as RFC 1924 and Python's base64.b85encode order them."""
CSP = re.compile(r'http-equiv="Content-Security-Policy" content="([^"]*)"')


@pytest.fixture(scope="module")
def site(hostile_site: Path) -> Path:
    """The shipped glossary plus the hostile file, with every page and picture."""
    return hostile_site


def read_data(site: Path) -> dict[str, object]:
    text = (site / "static" / "ask-data.js").read_text("utf-8")
    prefix = "window.COPRO_ASK_DATA = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data: dict[str, object] = json.loads(text[len(prefix) : -2])
    return data


def test_the_data_is_the_reasoning_as_two_named_graphs() -> None:
    """The asserted triples and the reasoner's conclusions, each in its named graph, with
    blank nodes shared (one canonical labelling). Glossary (Involvement): "all
    co-production is involvement" is a conclusion, so it is in the inferred graph."""
    result = Workspace([], cache=False).reasoning()
    dataset = Dataset()
    dataset.parse(data=nquads(result).decode("utf-8"), format="nquads")
    asserted = dataset.graph(URIRef(ASSERTED_GRAPH))
    inferred = dataset.graph(URIRef(INFERRED_GRAPH))
    assert len(asserted) == sum(1 for _ in result.asserted_triples())
    assert len(inferred) == result.inferred_count
    union = Graph()
    for triple in (*asserted, *inferred):
        union.add(triple)
    assert isomorphic(union, result.closure)
    fact = (COPRO["co-production"], SKOS.broaderTransitive, COPRO["involvement"])
    assert fact in inferred and fact not in asserted


def test_the_data_is_the_same_on_every_build() -> None:
    """Two parses give blank nodes different ids; the written bytes are the same."""
    first = nquads(Workspace([], cache=False).reasoning())
    second = nquads(Workspace([], cache=False).reasoning())
    assert first == second


def test_the_examples_are_the_query_library() -> None:
    """Every competency question of ``queries/*.rq`` is an example, with its English
    question and its glossary passage."""
    found = {e.name: e for e in examples()}
    for entry in [*library(), *history_library()]:
        example = found.pop(entry.name)
        assert example.question == entry.question and example.question
        assert example.passage == entry.passage and example.passage
        assert example.text.startswith(entry.text.rstrip("\n"))
    assert not found


@pytest.mark.parametrize("entry", [e for e in library() if e.parameters], ids=lambda e: e.name)
def test_an_example_binds_its_parameters_as_the_command_line(
    entry: LibraryQuery, glossary: Graph
) -> None:
    """The page binds a parameter with a trailing VALUES block (SPARQL 1.1 section
    10.2.2); ``copro-kg query --param`` binds it with initBindings. Same answers."""
    closure = Workspace([]).reasoning().closure
    text = example_text(entry, glossary)
    assert "VALUES" in text
    on_page = run_query(closure, text, timeout=None)
    bound = bind_parameters(entry.example_parameters, entry, glossary)
    by_cli = run_query(closure, entry.text, bound, timeout=None)
    assert sorted(map(repr, on_page.rows)) == sorted(map(repr, by_cli.rows))
    assert on_page.rows, "the declared example has an answer"


def test_the_worker_is_a_classic_script() -> None:
    """A worker started from a blob: URL of a file:// page cannot import: the engine's
    ES module is made a classic script, which node accepts as one."""
    source = worker_source()
    assert not re.search(r"^\s*(import|export)\b", source, re.MULTILINE)
    assert "import.meta" not in source
    assert "class Store" in source and "self.onmessage" in source
    node = require_tool("node")
    checked = subprocess.run(
        [node, "--check", "-"], input=source, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr


def test_the_engine_is_shipped_with_its_licence_and_committed_files_are_small(site: Path) -> None:
    """Oxigraph is MIT OR Apache-2.0: both licence files ship beside it; every vendored
    file stays under 2 MiB; the wasm in the site is the vendored one."""
    for name in ("LICENSE-MIT", "LICENSE-APACHE", "README.md"):
        assert (site / "static" / "oxigraph" / name).read_bytes() == (VENDOR / name).read_bytes()
    assert "Permission is hereby granted" in (VENDOR / "LICENSE-MIT").read_text("utf-8")
    for path in VENDOR.iterdir():
        assert path.stat().st_size < 2 * 1024 * 1024, path
    engine = (site / "static" / "ask-engine.js").read_text("utf-8")
    prefix = "window.COPRO_ASK_ENGINE = "
    shipped = json.loads(engine[len(prefix) : -2])
    digits = bytes.maketrans(shipped["alphabet"].encode(), RFC1924)
    wasm = gzip.decompress(base64.b85decode(shipped["wasm"].encode().translate(digits)))
    assert wasm[:4] == b"\0asm"
    assert wasm == gzip.decompress((VENDOR / "web_bg.wasm.gz").read_bytes())


def test_the_site_stays_under_its_size_budget(site: Path) -> None:
    """The whole site, graph pages and the query engine included, is under 10 MB."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert total < SITE_BUDGET_BYTES, f"{total / 1e6:.1f} MB"


def test_only_the_ask_page_may_compile_webassembly(site: Path) -> None:
    """The ask page's policy adds exactly 'wasm-unsafe-eval' (WebAssembly, not eval of
    JavaScript) and blob: workers; every other page keeps the strict policy."""
    ask = CSP.search((site / "ask.html").read_text("utf-8"))
    home = CSP.search((site / "index.html").read_text("utf-8"))
    assert ask and home
    assert "script-src 'self' file: 'wasm-unsafe-eval';" in ask.group(1)
    assert "worker-src blob:;" in ask.group(1)
    assert "connect-src 'none'" in ask.group(1)
    assert "'unsafe-eval'" not in ask.group(1).replace("'wasm-unsafe-eval'", "")
    assert "'unsafe-inline'" not in ask.group(1)
    assert "wasm" not in home.group(1) and "worker-src" not in home.group(1)
    assert ask.group(1).replace(" 'wasm-unsafe-eval'", "").replace(" worker-src blob:;", "") == (
        home.group(1)
    )


def test_every_page_links_the_sparql_page_from_its_footer_only(site: Path) -> None:
    """Issue 30: "the SPARQL page is named for what it is and kept out of the
    practitioners' main path": each footer links it, named SPARQL; no main navigation
    does."""
    for rel in ("index.html", "a-z.html", "terms/co-design.html", "questionnaire.html"):
        text = (site / rel).read_text("utf-8")
        nav = text[
            text.index('<nav class="site-nav"') : text.index("</nav>", text.index("site-nav"))
        ]
        footer = text[text.index('<footer class="site-footer">') :]
        assert "ask.html" not in nav, rel
        assert re.search(r'ask\.html">[^<]*SPARQL[^<]*</a>', footer), rel


def test_a_hostile_label_is_inert_in_the_data_script(site: Path) -> None:
    """Labels from --data are JSON in a script file with <, > and & escaped: no text can
    close a script or open a tag."""
    text = (site / "static" / "ask-data.js").read_text("utf-8")
    assert "<" not in text and ">" not in text and "&" not in text
    labels = read_data(site)["labels"]
    assert isinstance(labels, dict)
    assert labels["https://example.org/hostile/term"][:1] == ["<img src=x onerror=alert(1)>"]


def test_the_page_can_be_left_out(tmp_path: Path, glossary: Graph) -> None:
    report = build_site(glossary, tmp_path / "site", graphs=False, ask=False)
    assert "ask.html" not in report.pages
    assert not (tmp_path / "site" / "static" / "ask-engine.js").exists()
    assert "ask.html" not in (tmp_path / "site" / "index.html").read_text("utf-8")
