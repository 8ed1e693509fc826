"""Explanations: every inferred fact of the glossary traced to asserted triples by valid steps.

The reasoner issue (#4): "A test explains **every** inferred triple of the glossary's
closure and checks each step is a valid rule instance whose premises hold -- not a
sample." Rule shapes are those of the OWL 2 RL/RDF tables (OWL 2 Profiles, 4.3).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import copro_kg
from copro_kg import COPRO, PREFIXES, Reasoning, UnknownTermError, load_sources, reason
from copro_kg.engine.instances import is_instance
from copro_kg.engine.rules import Triple
from copro_kg.reasoning.explain import explain, resolve_term

from .conftest import RunCli
from .threads import in_threads


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def sources() -> list[tuple[str, Graph]]:
    return [(s.name, s.graph) for s in load_sources()]


@pytest.fixture(scope="module")
def reasoned(sources: list[tuple[str, Graph]]) -> Reasoning:
    # One merged graph of the parsed sources, so blank nodes match the files' own.
    graph = Graph()
    for _, g in sources:
        graph += g
    return reason(graph, cache=False)


def test_every_inferred_triple_has_a_valid_derivation_down_to_asserted_triples(
    reasoned: Reasoning, sources: list[tuple[str, Graph]]
) -> None:
    closure = reasoned.closure

    def read_list(head: Node) -> list[Node] | None:
        return list(closure.items(head)) or list(reasoned.asserted.items(head)) or None

    checked: dict[Triple, int] = {}  # triple -> depth of its derivation (memoised)
    in_progress: set[Triple] = set()

    def check(triple: Triple) -> int:
        if triple in checked:
            return checked[triple]
        assert triple not in in_progress, f"cycle through {triple}"
        derivation = reasoned.derivation(triple)
        if derivation is None:  # a leaf: asserted, in one of the files
            assert any(triple in g for _, g in sources), triple
            checked[triple] = 0
            return 0
        in_progress.add(triple)
        assert is_instance(derivation.rule, derivation.premises, triple, read_list), derivation
        assert all(reasoned.holds(p) for p in derivation.premises)
        depth = 1 + max(check(p) for p in derivation.premises) if derivation.premises else 1
        in_progress.discard(triple)
        checked[triple] = depth
        return depth

    inferred = list(reasoned.inferred)
    assert len(inferred) > 100
    for triple in inferred:
        check(triple)
    assert all(checked[t] >= 1 for t in inferred)


def test_explanation_of_a_partitive_broader_link_names_rules_and_files(
    reasoned: Reasoning, sources: list[tuple[str, Graph]]
) -> None:
    """Glossary: co-design is one of the elements of co-production ("co-design,
    co-planning, co-decision-making, co-delivery, co-evaluation"), so in SKOS terms
    co-production is broader than co-design."""
    answer = explain(reasoned, "copro:co-design", "skos:broader", "copro:co-production",
                     sources=sources)  # fmt: skip
    assert answer.holds
    text = answer.text()
    assert "prp-spo1" in text
    assert "(asserted in glossary.ttl)" in text
    assert "(asserted in copro.ttl)" in text or "(asserted in skos-axioms.ttl)" in text
    assert "https://" not in text  # labels and CURIEs, never bare IRIs


def test_a_fact_that_does_not_hold_shows_the_glossarys_distinction(reasoned: Reasoning) -> None:
    """Glossary, participation: "It's not co-production because: it doesn't require
    shared power or shared decision-making." """
    answer = explain(reasoned, "copro:participation", "skos:broader", "copro:co-production")
    assert not answer.holds
    assert any("shared power" in d for d in answer.distinctions)
    assert answer.text().startswith("No: it does not follow")


def test_terms_resolve_by_label_curie_iri_and_local_name(reasoned: Reasoning) -> None:
    g = reasoned.asserted
    co_design = COPRO["co-design"]
    assert resolve_term(g, "CO-PLANNING") == COPRO["co-planning"]
    assert resolve_term(g, "copro:co-design") == co_design
    assert resolve_term(g, str(co_design)) == co_design
    assert resolve_term(g, f"<{co_design}>") == co_design
    assert resolve_term(g, "broaderTransitive") == SKOS.broaderTransitive


def test_unknown_term_suggests_close_labels(reasoned: Reasoning) -> None:
    with pytest.raises(UnknownTermError) as caught:
        resolve_term(reasoned.asserted, "co-planing")
    assert "Co-planning" in caught.value.suggestions


def test_the_glossarys_own_term_wins_over_a_mapped_ladder_step(reasoned: Reasoning) -> None:
    """ "Co-design" is the glossary's term (section "Co-design:") and also a step of TLAP's
    ladder, which only our mappings bring in (ontology/mappings.ttl, marked as ours): a
    bare label means the glossary's own concept, never the mapped one."""
    assert resolve_term(reasoned.asserted, "co-design") == COPRO["co-design"]
    assert resolve_term(reasoned.asserted, "Co-production") == COPRO["co-production"]
    assert resolve_term(reasoned.asserted, "tlap:co-design") == PREFIXES["tlap"]["co-design"]


def test_ambiguous_label_is_an_error_listing_the_terms() -> None:
    g = Graph()
    a, b = URIRef("urn:ex:a"), URIRef("urn:ex:b")
    g.add((a, SKOS.prefLabel, Literal("consultation", lang="en")))
    g.add((b, SKOS.prefLabel, Literal("consultation", lang="cy")))
    with pytest.raises(UnknownTermError, match="ambiguous"):
        resolve_term(g, "consultation")


def test_explain_cli_text_json_and_exit_codes(run_cli: RunCli) -> None:
    ok = run_cli("explain", "copro:co-design", "skos:broaderTransitive", "copro:engagement")
    assert ok.exit_code == 0, ok.stderr
    assert "prp-trp" in ok.stdout and "glossary.ttl" in ok.stdout
    js = run_cli("explain", "copro:co-design", "skos:broader", "copro:co-production",
                 "--format", "json")  # fmt: skip
    tree = json.loads(js.stdout)
    assert tree["holds"] and tree["derivation"]["rule"] == "prp-spo1"
    no = run_cli("explain", "copro:participation", "skos:broader", "copro:co-production")
    assert no.exit_code == 1 and "does not hold" in no.stderr
    bad = run_cli("explain", "no-such-term", "type", "copro:ConsultationActivity")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: no term called")


def test_explain_works_when_the_result_came_from_owlrl(reasoned: Reasoning) -> None:
    result = reason(reasoned.asserted, engine="owlrl", cache=False)
    triple = (COPRO["co-design"], SKOS.broader, COPRO["co-production"])
    assert triple in result.inferred
    assert result.derivation(triple) is not None  # found by our engine on demand
    assert (COPRO["co-design"], RDF.type, SKOS.Concept) in result.closure


# --------------------------------------------------------------- labels as displayed
CAPITALISED = ["Involvement", "Participation", "Consultation", "Information", "Coercion"]


def test_a_capitalised_label_is_the_glossarys_term(run_cli: RunCli) -> None:
    """Glossary, co-design: one of the elements of co-production, and "all co-production
    is involvement": co-design is (transitively) narrower than Involvement, spelt as the
    site and the graphs display it."""
    ok = run_cli("explain", "co-design", "broaderTransitive", "Involvement")
    assert ok.exit_code == 0, ok.stdout + ok.stderr
    assert ok.stdout.splitlines()[0].startswith("Co-design ")


def test_co_production_is_involvement_by_its_label(reasoned: Reasoning) -> None:
    """Glossary: "all co-production is involvement"."""
    answer = explain(reasoned, "Co-production", "broader", "Involvement")
    assert answer.holds
    assert answer.triple == (COPRO["co-production"], SKOS.broader, COPRO["involvement"])
    assert answer.distinctions == []


def test_a_distinction_quotes_the_glossary_and_never_says_the_opposite(
    reasoned: Reasoning, in_glossary: Callable[[str], bool]
) -> None:
    """Glossary: "Not all involvement is co-production (your audience or end users might be
    other organisations or professionals), but all co-production is involvement" -- so no
    sentence may say that involvement is not co-production, or the reverse."""
    answer = explain(reasoned, "Involvement", "broader", "Co-production")
    assert not answer.holds
    assert answer.distinctions
    text = answer.text().lower()
    assert "involvement is not co-production" not in text
    assert "co-production is not involvement" not in text
    quoted = [q for d in answer.distinctions for q in re.findall("\u201c(.+?)\u201d", d)]
    assert quoted and all(in_glossary(q) for q in quoted)
    assert any(q.startswith("Not all involvement is co-production") for q in quoted)


def test_a_class_where_the_predicate_asks_for_one(reasoned: Reasoning) -> None:
    """Glossary: involvement is "Doing with"; the ontology's class copro:InvolvementActivity is a
    subclass of copro:DoingWith -- rdfs:subClassOf asks for classes, so the labels name them."""
    answer = explain(reasoned, "Involvement", "rdfs:subClassOf", "doing with")
    assert answer.triple[0] == COPRO["InvolvementActivity"]
    assert answer.holds


def test_explain_accepts_a_term_found_only_in_inferred_triples() -> None:
    """Issue 17: ``explain dcterms:accrualPeriodicity rdfs:range owl:Thing`` must not fail
    with "no term called": scm-rng1 over scm-cls (OWL 2 RL) widens a range to owl:Thing."""
    g = Graph()
    p, c = URIRef("http://purl.org/dc/terms/accrualPeriodicity"), URIRef("urn:ex:Frequency")
    g.add((c, RDF.type, OWL.Class))
    g.add((p, RDFS.range, c))
    answer = explain(
        reason(g, cache=False), "dcterms:accrualPeriodicity", "rdfs:range", "owl:Thing"
    )
    assert answer.holds


@pytest.mark.parametrize("label", CAPITALISED)
def test_cli_and_python_give_the_same_answer_for_a_capitalised_label(
    label: str, run_cli: RunCli
) -> None:
    """Glossary, "Engagement as a spectrum": the levels of the spectrum (coercion ...
    involvement) are kinds of engagement, "an interaction between public services and
    their service users or members of the public"."""
    cli = run_cli("explain", label, "broaderTransitive", "Engagement", "--format", "json")
    api = copro_kg.explain(
        copro_kg.reason(copro_kg.load()), label, "broaderTransitive", "Engagement"
    )
    answer, expected = json.loads(cli.stdout), api.as_dict()
    for key in ("triple", "text", "holds"):
        assert answer[key] == expected[key]
    assert answer["derivation"]["rule"] == expected["derivation"]["rule"]
    assert cli.exit_code == 0 and api.holds
    assert api.triple[0] == COPRO[label.lower()]


def test_as_class_asks_for_the_owl_classes(run_cli: RunCli) -> None:
    """``--as class``: "Involvement" then names the class copro:InvolvementActivity, an owl:Class
    (ontology/copro.ttl), not the glossary's concept, which is a skos:Concept."""
    as_class = run_cli("explain", "Involvement", "type", "owl:Class", "--as", "class")
    assert as_class.exit_code == 0, as_class.stderr
    as_term = run_cli("explain", "Involvement", "type", "owl:Class", "--format", "json")
    assert as_term.exit_code == 1
    assert json.loads(as_term.stdout)["triple"][0] == f"<{COPRO['involvement']}>"


# ------------------------------------------------------------------ evidence (issue 25)
def test_an_asserted_leaf_cites_the_glossarys_sentence(run_cli: RunCli) -> None:
    """Issue 25 done-when: `copro-kg explain co-design "is part of" co-production` cites the
    glossary's sentence: "Co-design is a component part of a co-production process, but
    co-design alone isn't co-production." (Co-production and co-design)."""
    result = run_cli("explain", "co-design", "is part of", "co-production")
    assert result.exit_code == 0, result.stderr
    assert "the glossary (Co-production and co-design):" in result.stdout
    assert "Co-design is a component part of a co-production process" in result.stdout


def test_a_statement_of_ours_says_so(run_cli: RunCli) -> None:
    """The glossary orders the groups ("doing to", "doing for", "doing with"), not the levels
    inside a group ("Doing for: information, consultation and participation"): consultation
    "shares more power than" information is our reading of the figure, and explain says so."""
    result = run_cli("explain", "consultation", "shares more power than", "information")
    assert result.exit_code == 0, result.stderr
    assert "our reading:" in result.stdout and "not the levels inside a group" in result.stdout
    data = json.loads(
        run_cli(
            "explain", "consultation", "shares more power than", "information", "--format", "json"
        ).stdout
    )
    assert data["derivation"]["evidence"]["kind"] == "ours"


def test_many_threads_explaining_on_one_new_result_get_what_one_thread_gets(
    sources: list[tuple[str, Graph]],
) -> None:
    """docs/querying.md says ``explain`` may share one result between threads: what it reads
    once per result (each step's sentence, whose each statement is) is kept without a lock,
    so threads racing on a result no one has explained yet must each get the text one
    thread gets alone."""
    graph = Graph()
    for _, g in sources:
        graph += g
    alone, shared = reason(graph, cache=False), reason(graph, cache=False)
    asked = sorted(alone.inferred_triples())[::25]
    assert len(asked) >= 40
    expected = [explain(alone, *t, sources=sources).text() for t in asked]
    found = in_threads(lambda n: [explain(shared, *t, sources=sources).text() for t in asked])
    assert all(texts == expected for texts in found)
