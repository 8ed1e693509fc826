"""``copro-kg docs``: pyLODE documentation that opens offline in a real browser."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from copro_kg.export.docs import render_docs
from copro_kg.export.profiles import owl_profile
from copro_kg.io.sources import load

from .conftest import DATA_DIR, RunCli


@pytest.mark.browser
def test_docs_page_loads_offline_in_chromium(
    run_cli: RunCli, tmp_path: Path, glossary: Graph, browser: Any
) -> None:
    result = run_cli("docs", "-o", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    # Nothing the browser would *load* (stylesheet, script, image) comes from a server.
    loaded = re.findall(r"<(?:link|script|img|iframe)\b[^>]*(?:src|href)=\"(https?:[^\"]+)", html)
    assert loaded == []
    assert "<style>" in html  # the CSS is inline

    owl = owl_profile(glossary)
    classes = sorted(
        str(label)
        for c in owl.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef)
        for label in owl.objects(c, RDFS.label)
        if getattr(label, "language", None) == "en"
    )
    assert classes, "the ontology has labelled classes to document"
    requests: list[str] = []
    page = browser.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto((tmp_path / "index.html").resolve().as_uri(), wait_until="load")
    text = page.inner_text("body")
    title = page.title()
    page.close()
    assert not [u for u in requests if not u.startswith(("file:", "data:"))], requests
    for ontology in owl.subjects(RDF.type, OWL.Ontology):
        for t in owl.objects(ontology, DCTERMS.title):
            assert str(t) in title
    for label in classes:
        assert label in text, label
    # The glossary's own headline terms ("Engagement: definitions", "Co-production").
    assert re.search(r"co-production", text, re.I)


def test_definitions_are_shown_as_text_not_markup() -> None:
    graph = load([DATA_DIR / "export" / "mini.ttl"], ontology=False)
    feature = URIRef("https://example.org/mini/Feature")
    graph.add((feature, SKOS.definition, Literal("<script>alert(1)</script> & more", lang="en")))
    ontology = URIRef("https://example.org/mini/ontology")
    graph.add((ontology, DCTERMS.description, Literal("</script><b>x</b>", lang="en")))
    page = render_docs(graph)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert "<script>alert" not in page
    assert "</script><b>x</b>" not in page  # the schema.org JSON-LD block stays closed
