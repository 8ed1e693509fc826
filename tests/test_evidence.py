"""Every statement about the glossary's terms has evidence, and the glossary's words are its own.

Issue 25: "a test that fails when a statement has no evidence, or when text presented as the
glossary's does not occur in the glossary (normalised for quotes, dashes, spacing), or is cut
before a lead-in ("and still:", "the following")". The same three checks run on the shipped
ontology and on a file holding one fault of each kind, so they are seen to fail.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from copro_kg.namespace import COPRO
from copro_kg.vocab.evidence import Evidence, evidence_for, glossary_statements
from tests.conftest import DATA_DIR

LABELS = (SKOS.prefLabel, SKOS.altLabel)
# What the glossary writes before a list it introduces; a quote may not stop there.
LEAD_IN = re.compile(r"(:|\bthe following\b[^.]*|\band still:?|\bfor example,?)$")
FOLLOWED_BY_LEAD_IN = re.compile(r"^,? ?(and still:|the following|for example:)")


def fold(text: str) -> str:
    """Quotes, dashes, ellipses and spacing folded, as the PDF extraction varies them."""
    text = unicodedata.normalize("NFKC", text).replace("*", "")
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    text = re.sub(r"[\u2013\u2014]", "-", text).replace("\u2026", "...")
    return re.sub(r"\s+", " ", text).strip()


def missing(graph: Graph) -> list[tuple[object, object, object]]:
    return [t for t in glossary_statements(graph) if evidence_for(graph, *t) is None]


def quoted(graph: Graph) -> list[tuple[tuple[object, object, object], Evidence, str]]:
    """Every piece of text shown as the glossary's, with its statement."""
    out = []
    for t in glossary_statements(graph):
        found = evidence_for(graph, *t)
        if found is not None and found.text:
            out += [(t, found, part) for part in found.text.split(" \u2026 ")]
    return out


def not_in_glossary(graph: Graph, seed: str) -> list[str]:
    flat = fold(seed)
    bad = []
    for (s, p, _), found, text in quoted(graph):
        if found.kind != "glossary":
            continue  # our reading quotes the sentence it reads: checked below too
        hay, needle = (
            (flat.casefold(), fold(text).casefold()) if p in LABELS else (flat, fold(text))
        )
        if needle not in hay:
            bad.append(f"{s} {p}: {text!r}")
    for (s, p, _), found, text in quoted(graph):
        if found.kind == "ours" and fold(text) not in flat:
            bad.append(f"{s} {p} (read): {text!r}")
    return bad


def cut_before_lead_in(graph: Graph, seed: str) -> list[str]:
    """Quotes that stop where the glossary goes on with a list ("and still:", "the following 5
    values"): allowed only on a record that shows the list with it (``copro:introduces``)."""
    flat = fold(seed)
    bad = []
    for (s, p, _), _, text in quoted(graph):
        t = fold(text).rstrip()
        if (s, COPRO.introduces, None) in graph:
            continue
        where = flat.find(t)
        after = flat[where + len(t) :].lstrip() if where >= 0 else ""
        if LEAD_IN.search(t.rstrip(".")) or FOLLOWED_BY_LEAD_IN.match(after.casefold()):
            bad.append(f"{s} {p}: {text!r} is followed by {after[:30]!r}")
    return bad


@pytest.fixture(scope="module")
def faulty(glossary: Graph) -> Graph:
    graph = Graph()
    graph += glossary
    return graph.parse(DATA_DIR / "evidence" / "overreach.ttl")


def test_every_statement_about_the_glossarys_terms_has_evidence(glossary: Graph) -> None:
    assert len(list(glossary_statements(glossary))) > 1500
    assert not missing(glossary)


def test_a_statement_without_evidence_is_found(faulty: Graph) -> None:
    x = URIRef(str(COPRO) + "x-approach")
    assert missing(faulty) == [(x, COPRO.hasSynergyWith, COPRO["co-production"])]


def test_the_glossarys_words_are_in_the_glossary(glossary: Graph, seed_text: str) -> None:
    assert len(quoted(glossary)) > 500
    assert not not_in_glossary(glossary, seed_text)


def test_words_the_glossary_never_wrote_are_found(faulty: Graph, seed_text: str) -> None:
    assert [b for b in not_in_glossary(faulty, seed_text) if "x-approach" in b] == [
        f"{COPRO}x-approach {SKOS.scopeNote}: 'Co-design is always co-production.'"
    ]


def test_no_quote_stops_before_the_glossarys_lead_in(glossary: Graph, seed_text: str) -> None:
    """Co-productive approaches: "you could carry out a consultation by sending out a survey,
    and still:" -- five ways to apply the values follow; cut there, the survey reads as a
    co-productive approach by itself."""
    assert not cut_before_lead_in(glossary, seed_text)


def test_a_quote_cut_before_a_lead_in_is_found(faulty: Graph, seed_text: str) -> None:
    found = [b for b in cut_before_lead_in(faulty, seed_text) if "x-approach" in b]
    assert len(found) == 1 and "sending out a survey" in found[0] and "and still" in found[0]


def test_every_reading_of_ours_says_why_in_a_sentence(glossary: Graph) -> None:
    for t in glossary_statements(glossary):
        found = evidence_for(glossary, *t)
        assert found is not None
        if found.ours:
            assert found.reason.endswith((".", ".\u201d", '."', ")")), (t, found.reason)


def test_every_evidence_axiom_annotates_a_statement_that_is_there(glossary: Graph) -> None:
    """Evidence left behind when a statement is removed would vouch for nothing."""
    for axiom in glossary.subjects(RDF.type, OWL.Axiom):
        s, p, o = (
            glossary.value(axiom, q)
            for q in (OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget)
        )
        assert (s, p, o) in glossary, (s, p, o)


@pytest.mark.parametrize(
    ("s", "p", "o", "kind", "words"),
    [
        # "Co-design is a component part of a co-production process, but co-design alone
        # isn't co-production." (Co-production and co-design)
        ("co-design", COPRO.isPartOf, "co-production", "glossary", "component part"),
        # "Doing for: information, consultation and participation" orders no levels.
        ("consultation", COPRO.sharesMorePowerThan, "information", "ours", "not the levels"),
        ("information", COPRO.spectrumPosition, Literal(3), "ours", "figure's column"),
        # "Involvement covers citizen engagement as well as stakeholder engagement."
        ("involvement", COPRO.covers, "stakeholder-engagement", "glossary", "covers citizen"),
    ],
)
def test_evidence_of_single_statements(
    glossary: Graph, s: str, p: URIRef, o: str | Literal, kind: str, words: str
) -> None:
    target = o if isinstance(o, Literal) else COPRO[o]
    found = evidence_for(glossary, COPRO[s], p, target)
    assert found is not None and found.kind == kind
    assert words in (found.text if kind == "glossary" else found.reason)
