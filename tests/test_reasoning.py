"""The OWL 2 RL engine against the reference (owlrl), the visibility rule, inconsistencies.

Expectations come from the OWL 2 RL/RDF rule tables (OWL 2 Profiles, Section 4.3,
https://www.w3.org/TR/owl2-profiles/#OWL_2_RL) and from owlrl's own closure of the same
input, which is the reference the reasoner issue (#4) and the performance issue (#10)
name: "tests compare the two closures on the glossary, on generated thesauri, and on
Hypothesis-generated small ontologies".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from copro_kg import CoproError, Reasoning, engine, reason
from copro_kg.engine.visibility import CATEGORIES, hidden_reason
from copro_kg.reasoning.owlrl import closure as owlrl_closure
from copro_kg.reasoning.provenance import in_stable_order

from .conftest import DATA_DIR, RunCli

EX = "urn:ex:"
COPRO = "https://w3id.org/copro-kg/"
FEATURES = DATA_DIR / "reasoning" / "features.ttl"
INCONSISTENT = DATA_DIR / "reasoning" / "inconsistent.ttl"


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def glossary_both(glossary: Graph) -> tuple[Reasoning, Reasoning]:
    return reason(glossary, cache=False), reason(glossary, engine="owlrl", cache=False)


@pytest.fixture(scope="module")
def owlrl_raw(owlrl_glossary: Graph) -> Graph:
    return owlrl_glossary


def visible(result: Reasoning) -> set[tuple[object, object, object]]:
    return set(result.inferred)


def test_glossary_closure_equals_owlrl_triple_by_triple(
    glossary_both: tuple[Reasoning, Reasoning],
) -> None:
    ours, reference = glossary_both
    assert len(visible(ours)) > 100  # the glossary's hierarchy has many consequences
    assert visible(ours) == visible(reference)


def test_glossary_is_consistent_with_both_engines(
    glossary_both: tuple[Reasoning, Reasoning],
) -> None:
    ours, reference = glossary_both
    assert ours.inconsistencies == []
    assert reference.inconsistencies == []


def test_everything_hidden_falls_in_the_documented_categories(
    glossary_both: tuple[Reasoning, Reasoning], glossary: Graph, owlrl_raw: Graph
) -> None:
    ours, _ = glossary_both
    raw = owlrl_raw
    dropped = {t for t in raw if t not in glossary and t not in ours.closure}
    assert dropped, "owlrl's raw closure has reflexive sameAs etc. that we hide"
    reasons = {hidden_reason(*t) for t in dropped}
    assert None not in reasons
    assert reasons <= set(CATEGORIES)
    # and nothing user-visible is hidden: every visible inferred triple passes the rule
    assert all(hidden_reason(*t) is None for t in ours.inferred)


def test_keep_all_hides_nothing_and_is_a_subset_of_owlrl(glossary: Graph, owlrl_raw: Graph) -> None:
    everything = reason(glossary, cache=False, keep_all=True)
    # but the datatype category (xsd-sub and dt-eq, which owlrl has not): see below
    assert set(everything.closure) - _by_extension(glossary) <= set(owlrl_raw)
    assert any(hidden_reason(*t) == "vocabulary" for t in everything.inferred)
    assert everything.hidden == {}


def _by_extension(graph: Graph) -> set[tuple[object, object, object]]:
    """What our engine derives only by way of xsd-sub or dt-eq (its second phase)."""
    chainer = engine.run(in_stable_order(graph))
    terms = chainer.terms.terms
    return {(terms[s], terms[p], terms[o]) for s, p, o in chainer.extension()}


def test_the_xsd_hierarchy_widens_ranges_in_the_hidden_datatype_category(glossary: Graph) -> None:
    """XML Schema Part 2, 3.3.13: "[Definition:] integer is derived from decimal", so the
    value space of xsd:integer is part of xsd:decimal's and a range of xsd:integer is a
    range of xsd:decimal (W3C case WebOnt-I5.8-006). No OWL 2 RL/RDF rule derives it
    (owlrl does not): the triple is hidden by default, shown with keep_all, explained."""
    widened = (URIRef(COPRO + "phaseNumber"), RDFS.range, XSD.decimal)
    assert (URIRef(COPRO + "phaseNumber"), RDFS.range, XSD.integer) in glossary
    assert widened in _by_extension(glossary)
    default = reason(glossary, cache=False)
    assert widened not in default.closure
    assert default.hidden["datatype"] >= 1
    assert default.holds(widened)
    derivation = default.derivation(widened)
    assert derivation is not None and derivation.rule == "scm-rng1"
    assert (XSD.integer, RDFS.subClassOf, XSD.decimal) in derivation.premises
    assert default.derivation((XSD.integer, RDFS.subClassOf, XSD.decimal)).rule == "xsd-sub"  # type: ignore[union-attr]
    everything = reason(glossary, cache=False, keep_all=True)
    assert widened in everything.closure
    assert hidden_reason(*widened) is None  # not by its shape: by how it follows
    assert hidden_reason(*widened, by_extension=True) == "datatype"


def test_a_value_restated_in_another_datatype_is_in_the_hidden_datatype_category() -> None:
    """OWL 2 RL Table 8, dt-eq: "lt1 owl:sameAs lt2" for "all literals lt1 and lt2 with
    the same data value"; eq-rep-o then restates each value in the other datatype. The
    restatement says nothing new and owlrl (no dt-eq) has none: hidden by default, kept
    with keep_all, explained either way."""
    graph = Graph()
    one_int, one_nni = (
        Literal("1", datatype=XSD.integer),
        Literal("1", datatype=XSD.nonNegativeInteger),
    )
    graph.add((URIRef(EX + "co-planning"), URIRef(EX + "phaseNumber"), one_int))
    graph.add((URIRef(EX + "Pair"), OWL.maxCardinality, one_nni))
    restated = (URIRef(EX + "co-planning"), URIRef(EX + "phaseNumber"), one_nni)
    default = reason(graph, cache=False)
    assert restated not in default.closure
    assert default.hidden["datatype"] >= 1
    derivation = default.derivation(restated)
    assert derivation is not None and derivation.rule == "eq-rep-o"
    assert (one_int, OWL.sameAs, one_nni) in derivation.premises
    assert restated in reason(graph, cache=False, keep_all=True).closure
    assert visible(default) == visible(reason(graph, engine="owlrl", cache=False))


def test_each_terms_eq_ref_premise_is_the_one_the_engine_names(glossary: Graph) -> None:
    """The premises the cache keeps for ``x owl:sameAs x`` (computed in one pass) are the
    ones the engine gives on demand, term by term."""
    from copro_kg.reasoning.provenance import EngineProvenance

    graph = Graph()
    graph += glossary
    graph += Graph().parse(FEATURES)
    chainer = engine.run(in_stable_order(graph))
    terms, ids = chainer.terms.terms, chainer.terms.ids
    premises = dict(EngineProvenance(chainer).reflexive())
    used = {n for t in chainer.store for n in t}
    assert {ids[x] for x in premises} == used
    for x, premise in premises.items():
        rule, (expected,) = chainer.why((ids[x], ids[OWL.sameAs], ids[x]))
        assert rule == "eq-ref"
        assert premise == tuple(terms[n] for n in expected)


def test_reasoning_the_closure_again_adds_nothing(
    glossary_both: tuple[Reasoning, Reasoning],
) -> None:
    ours, _ = glossary_both
    again = reason(ours.closure, cache=False)
    assert len(again.inferred) == 0


def test_input_graph_is_not_changed() -> None:
    graph = Graph().parse(FEATURES)
    before = set(graph)
    reason(graph, cache=False)
    reason(graph, engine="owlrl", cache=False)
    assert set(graph) == before


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(CoproError, match="unknown reasoning engine"):
        reason(Graph(), engine="hermit", cache=False)


def test_feature_file_equals_owlrl_except_owlrl_haskey_bug() -> None:
    """Every rule family agrees with owlrl; the one deliberate difference is prp-key.

    OWL 2 RL prp-key needs ALL key properties to agree; owlrl's loop
    ``range(0, len(pis) - 1)`` never compares the last one, so it merges ex:k3 (area
    "south") with ex:k1 and ex:k2 (area "north").
    """
    graph = Graph().parse(FEATURES)
    ours, reference = reason(graph, cache=False), reason(graph, engine="owlrl", cache=False)
    k1, k2, k3 = (URIRef(EX + n) for n in ("k1", "k2", "k3"))
    assert (k1, OWL.sameAs, k2) in ours.inferred
    assert (k1, OWL.sameAs, k3) not in ours.inferred
    assert (k1, OWL.sameAs, k3) in reference.inferred
    only_owlrl = visible(reference) - visible(ours)
    # the wrong merge and what it copies across (k1/k2 gain k3's area "south")
    assert only_owlrl and all(k3 in t or Literal("south") in t for t in only_owlrl)
    assert visible(ours) - visible(reference) == set()


@pytest.mark.parametrize(
    ("subject", "predicate", "obj", "rule"),
    [
        ("codesign", SKOS.broader, "coproduction", "prp-spo1"),
        ("codesign", SKOS.broaderTransitive, "engagement", "prp-trp"),
        ("coproduction", SKOS.narrower, "codesign", "prp-inv1"),
        ("participation", SKOS.related, "involvement", "prp-symp"),
        ("codesign", URIRef(EX + "withinKindOf"), "involvement", "prp-spo2"),
        ("codelivery", URIRef(EX + "peerOf"), "codesign", "prp-eqp1"),
        ("act1", RDF.type, "SharedActivity", "cax-eqc2 cax-sco"),
        ("act2", URIRef(EX + "hasFeature"), "sharedPower", "cls-hv1"),
        ("act1", RDF.type, "Both", "cls-int1"),
        ("bob", OWL.sameAs, "robert", "cls-maxc2"),
        ("committee", OWL.sameAs, "board", "prp-fp"),
        ("x1", OWL.sameAs, "x2", "prp-ifp"),
        ("bea", URIRef(EX + "mentee"), "ann", "prp-inv1"),
        ("ann", RDF.type, "Person", "cls-avf"),
        ("a1", RDF.type, "Small", "cls-oo"),
        ("bob", URIRef(EX + "likes"), "tea", "eq-rep-s"),
    ],
)
def test_each_rule_family_fires_as_the_spec_says(
    subject: str, predicate: URIRef, obj: str, rule: str
) -> None:
    result = reason(Graph().parse(FEATURES), cache=False)
    triple = (URIRef(EX + subject), predicate, URIRef(EX + obj))
    assert triple in result.closure
    derivation = result.derivation(triple)
    # which of several valid derivations comes first depends on the agenda order
    assert derivation is not None and derivation.rule in rule.split()


def test_derivation_of_an_asserted_triple_is_none_and_of_a_non_fact_raises() -> None:
    result = reason(Graph().parse(FEATURES), cache=False)
    asserted = (URIRef(EX + "panel"), RDF.type, URIRef(EX + "Community"))
    assert result.derivation(asserted) is None
    with pytest.raises(KeyError):
        result.derivation((URIRef(EX + "panel"), RDF.type, URIRef(EX + "Feature")))


# ---------------------------------------------------------------- inconsistencies
EXPECTED_CLASHES = {
    "cax-dw", "prp-pdw", "prp-irp", "prp-asyp", "eq-diff1", "eq-diff2", "cax-adc",
    "cls-nothing2", "cls-com", "cls-maxc1", "prp-npa1", "prp-adp",
}  # fmt: skip


def test_every_inconsistency_rule_in_the_file_is_reported() -> None:
    result = reason(Graph().parse(INCONSISTENT), cache=False)
    assert {f.rule for f in result.inconsistencies} == EXPECTED_CLASHES
    assert not result.consistent


def test_disjoint_classes_clash_is_reported_by_label_with_its_triples() -> None:
    result = reason(Graph().parse(INCONSISTENT), cache=False)
    (finding,) = [f for f in result.inconsistencies if f.rule == "cax-dw"]
    workshop = URIRef(EX + "workshop")
    assert finding.nodes[0] == workshop
    assert "the Tuesday workshop is both co-production and consultation" in finding.message
    # the co-production type is inferred (co-design is a kind of co-production)
    inferred = (workshop, RDF.type, URIRef(EX + "CoProduction"))
    assert inferred in finding.triples
    assert result.derivation(inferred).rule == "cax-sco"  # type: ignore[union-attr]


def test_all_different_checks_the_last_member_unlike_owlrl_issue_85() -> None:
    """OWL-RL #85: owlrl skips the last member of owl:AllDifferent (and of
    owl:AllDisjointProperties); the OWL 2 RL rules eq-diff2 and prp-adp apply to all pairs."""
    graph = Graph().parse(INCONSISTENT)
    ours = {f.rule for f in reason(graph, cache=False).inconsistencies}
    theirs = {f.rule for f in reason(graph, engine="owlrl", cache=False).inconsistencies}
    assert {"eq-diff2", "prp-adp"} <= ours
    assert not {"eq-diff2", "prp-adp"} & theirs


# ---------------------------------------------------------------- generated ontologies
CLASSES = [URIRef(EX + f"C{i}") for i in range(4)]
PROPS = [URIRef(EX + f"p{i}") for i in range(4)]
INDIVIDUALS = [URIRef(EX + f"i{i}") for i in range(4)]


@st.composite
def small_ontologies(draw: st.DrawFn) -> Graph:
    """Random TBox + ABox over four classes, properties and individuals."""
    g = Graph()
    c, p, i = st.sampled_from(CLASSES), st.sampled_from(PROPS), st.sampled_from(INDIVIDUALS)
    axioms = [
        st.tuples(c, st.just(RDFS.subClassOf), c),
        st.tuples(c, st.just(OWL.equivalentClass), c),
        st.tuples(p, st.just(RDFS.subPropertyOf), p),
        st.tuples(p, st.just(OWL.inverseOf), p),
        st.tuples(p, st.just(OWL.equivalentProperty), p),
        st.tuples(p, st.just(RDFS.domain), c),
        st.tuples(p, st.just(RDFS.range), c),
        st.tuples(c, st.just(RDF.type), st.just(OWL.Class)),
        st.tuples(p, st.just(RDF.type), st.sampled_from(
            [OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.FunctionalProperty,
             OWL.ObjectProperty]
        )),
        st.tuples(i, st.just(RDF.type), c),
        st.tuples(i, p, i),
        st.tuples(i, p, i),
        st.tuples(i, st.just(RDFS.label), st.just(Literal("x", lang="en"))),
    ]  # fmt: skip
    for triple in draw(st.lists(st.one_of(axioms), min_size=1, max_size=14)):
        g.add(triple)
    for _ in range(draw(st.integers(0, 2))):  # class expressions
        kind = draw(st.sampled_from(["svf", "hv", "int", "uni", "chain"]))
        node = BNode()
        if kind in ("svf", "hv"):
            g.add((node, OWL.onProperty, draw(p)))
            filler = draw(c) if kind == "svf" else draw(i)
            g.add((node, OWL.someValuesFrom if kind == "svf" else OWL.hasValue, filler))
            g.add((draw(c), OWL.equivalentClass, node))
        elif kind == "chain":
            head = BNode()
            Collection(g, head, [draw(p), draw(p)])
            g.add((draw(p), OWL.propertyChainAxiom, head))
        else:
            head = BNode()
            Collection(g, head, [draw(c), draw(c)])
            g.add((draw(c), OWL.intersectionOf if kind == "int" else OWL.unionOf, head))
    return g


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_ontologies())
def test_generated_ontologies_match_owlrl(graph: Graph) -> None:
    ours = reason(graph, cache=False)
    reference = reason(graph, engine="owlrl", cache=False)
    assert visible(ours) == visible(reference)
    assert {f.rule for f in ours.inconsistencies} >= {
        f.rule for f in reference.inconsistencies if f.rule != "dt-not-type"
    }


@settings(max_examples=30, deadline=None)
@given(small_ontologies(), small_ontologies())
def test_reasoning_is_monotone_and_idempotent(first: Graph, second: Graph) -> None:
    both = first + second
    small, large = reason(first, cache=False), reason(both, cache=False)
    assert set(small.closure) <= set(large.closure)
    assert len(reason(large.closure, cache=False).inferred) == 0


def _thesaurus(n: int) -> Iterator[tuple[URIRef, URIRef, Node]]:
    # a tiny thesaurus in the shape of benchmarks/generate.py: polyhierarchy + related
    for k in range(1, n):
        yield URIRef(f"{EX}t{k}"), SKOS.broader, URIRef(f"{EX}t{(k - 1) // 2}")
        if k % 3 == 0:
            yield URIRef(f"{EX}t{k}"), SKOS.broader, URIRef(f"{EX}t{k // 3}")
        if k % 4 == 0:
            yield URIRef(f"{EX}t{k}"), SKOS.related, URIRef(f"{EX}t{k - 3}")
        yield URIRef(f"{EX}t{k}"), SKOS.prefLabel, Literal(f"term {k}", lang="en")
        yield URIRef(f"{EX}t{k}"), URIRef(EX + "code"), Literal(k, datatype=XSD.integer)


def test_generated_thesaurus_with_skos_axioms_matches_owlrl(glossary: Graph) -> None:
    from copro_kg.resources import ONTOLOGY_DIR

    graph = Graph().parse(ONTOLOGY_DIR / "skos-axioms.ttl")
    for triple in _thesaurus(60):
        graph.add(triple)
    assert visible(reason(graph, cache=False)) == visible(
        reason(graph, engine="owlrl", cache=False)
    )


def test_hidden_categories_as_documented() -> None:
    a, c = URIRef(EX + "a"), URIRef(EX + "C")
    assert hidden_reason(Literal("x"), OWL.sameAs, Literal("x")) == "generalised"
    assert hidden_reason(a, OWL.sameAs, a) == "reflexive"
    assert hidden_reason(c, RDFS.subClassOf, c) == "reflexive"
    assert hidden_reason(a, RDF.type, OWL.Thing) == "top-bottom"
    assert hidden_reason(OWL.Nothing, RDFS.subClassOf, c) == "top-bottom"
    assert hidden_reason(RDFS.label, RDF.type, OWL.AnnotationProperty) == "vocabulary"
    assert hidden_reason(a, OWL.sameAs, URIRef(EX + "b")) is None
    assert hidden_reason(c, RDFS.subClassOf, URIRef(EX + "D")) is None


def test_integer_visibility_filter_applies_the_documented_rule(glossary: Graph) -> None:
    """split_visible (ids) hides exactly what hidden_reason (terms) hides, category by
    category, on every triple the engine derives for the glossary plus generalised ones."""
    from collections import Counter

    from copro_kg.engine import run
    from copro_kg.engine.visibility import split_visible

    chainer = run(glossary)
    terms = chainer.terms.terms
    triples = list(chainer.first)
    extra = chainer.terms.encode(Literal("x")), chainer.terms.encode(BNode())
    triples += [(extra[0], 8, extra[0]), (0, extra[1], 0)]  # literal subject, blank predicate
    extension = set(chainer.extension())
    decoded = [((terms[s], terms[p], terms[o]), (s, p, o) in extension) for s, p, o in triples]
    reasons = [hidden_reason(*t, by_extension=by_ext) for t, by_ext in decoded]
    expected = Counter(r for r in reasons if r is not None)
    shown, hidden = split_visible(triples, terms, extension=extension)
    assert hidden == expected
    assert set(hidden) == set(CATEGORIES)
    assert [(terms[s], terms[p], terms[o]) for s, p, o in shown] == [
        t for (t, _), r in zip(decoded, reasons, strict=True) if r is None
    ]
    assert split_visible(triples, terms, keep_all=True) == (triples, Counter())


def test_big_files_read_by_pyoxigraph_give_the_same_result_as_rdflib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast reader (issue #10, scale) is an optimisation only: the same asserted
    triples, the same visible closure and the same findings as loading with rdflib.
    The file has relative IRIs, a chain axiom (blank-node list), literals of several
    kinds and one prp-pdw clash (skos:related vs skos:broaderTransitive, SKOS S27)."""
    import copro_kg.io.sources as loading
    from copro_kg import pipeline
    from copro_kg.io.fastparse import FastParseError, triples

    data = tmp_path / "t.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<c1> a skos:Concept ; skos:prefLabel "one"@en, "un"@cy ; skos:notation 1 .\n'
        '<c2> skos:broader <c1> ; skos:definition "two" ; skos:note "n"^^xsd:token .\n'
        "<c3> skos:broader <c2> ; skos:related <c1> .\n"
        "<p> owl:propertyChainAxiom ( skos:broader skos:broader ) .\n",
        encoding="utf-8",
    )
    parsed: list[str] = []
    parse_source = loading.parse_source

    def counting(item: object, *args: object, **kwargs: object) -> object:
        parsed.append(str(item))
        return parse_source(item, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "parse_source", counting)
    monkeypatch.setattr(pipeline, "FAST_PARSE_BYTES", 0)
    fast = pipeline.reason_inputs([data], cache=False)
    assert str(data) not in parsed  # read by pyoxigraph: no rdflib Graph of the input
    monkeypatch.setattr(pipeline, "FAST_PARSE_BYTES", 10**12)
    slow = pipeline.reason_inputs([data], cache=False)
    assert str(data) in parsed
    assert fast.asserted.isomorphic(slow.asserted)
    assert fast.closure.isomorphic(slow.closure)
    assert [f.message for f in fast.inconsistencies] == [f.message for f in slow.inconsistencies]
    assert [f.rule for f in fast.inconsistencies] == ["prp-pdw"]
    # a file pyoxigraph refuses is left to rdflib, which reports it with its location
    bad = tmp_path / "bad.nt"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(FastParseError):
        list(triples(bad, "nt"))
    monkeypatch.setattr(pipeline, "FAST_PARSE_BYTES", 0)
    with pytest.raises(CoproError, match=r"bad\.nt:1"):
        pipeline.reason_inputs([bad], cache=False)


PROV = DATA_DIR / "prov"
PROV_O = PROV / "prov-o.ttl"
PROV_NS = "http://www.w3.org/ns/prov#"
MISUSE = PROV / "examples" / "prov-o-property-qualifiedRevision-PASS.ttl"
"""The one example that is not consistent with PROV-O: it says ``:draft2 a prov:Entity ;
prov:wasAssociatedWith :eddie``, and PROV-O gives ``prov:wasAssociatedWith rdfs:domain
prov:Activity`` and ``prov:Activity owl:disjointWith prov:Entity`` -- a true clash (OWL 2
RL prp-dom, then cax-dw; owlrl reports it too)."""
PROV_EXAMPLES = sorted(set((PROV / "examples").glob("*.ttl")) - {MISUSE})
EXTREME_DURATION = "P2147483647DT2147483647H2147483647M123456789012345.123456789012345S"
"""Issue 29: "the valid literal ... ^^xsd:dayTimeDuration (rdflib overflows parsing it) gets a
`dt-not-type` clash and a warning"; valid by XML Schema 1.1 Part 2, 3.4.27 (any number of
days, hours, minutes, any decimal seconds)."""


def _reason_prov(run_cli: RunCli, tmp_path: Path, *files: Path) -> tuple[list[str], Graph]:
    """``copro-kg reason`` over PROV-O and ``files``: what it said, and what it wrote."""
    out = tmp_path / "prov.nt"
    data = [arg for path in (PROV_O, *files) for arg in ("--data", str(path))]
    result = run_cli("reason", "--no-cache", *data, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return result.stderr.splitlines(), Graph().parse(out, format="nt")


def test_w3c_prov_o_and_its_examples_reason_and_write_without_a_false_clash(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """PROV-O is consistent OWL and so are its examples: ``reason`` says nothing but where
    it wrote, and what it wrote is N-Triples carrying the extreme duration as given."""
    extreme = tmp_path / "extreme.nt"
    extreme.write_text(
        f'<urn:ex:trip> <{PROV_NS}value> "{EXTREME_DURATION}"^^<{XSD.dayTimeDuration}> .\n',
        encoding="utf-8",
    )
    said, written = _reason_prov(run_cli, tmp_path, *PROV_EXAMPLES, extreme)
    assert len(PROV_EXAMPLES) == 9
    assert all(line.startswith("wrote ") for line in said), said
    duration = Literal(EXTREME_DURATION, datatype=XSD.dayTimeDuration)
    assert (URIRef("urn:ex:trip"), URIRef(PROV_NS + "value"), duration) in written
    # PROV-O: prov:wasRevisionOf rdfs:subPropertyOf prov:wasDerivedFrom (OWL 2 RL prp-spo1).
    draft = "http://example.com/"
    revised = (
        URIRef(draft + "draft2"),
        URIRef(PROV_NS + "wasDerivedFrom"),
        URIRef(draft + "draft1"),
    )
    assert revised in written


def test_the_prov_example_that_misuses_was_associated_with_is_a_true_clash(
    run_cli: RunCli, tmp_path: Path
) -> None:
    said, _written = _reason_prov(run_cli, tmp_path, MISUSE)
    clashes = [line for line in said if line.startswith("inconsistency")]
    assert len(clashes) == 1 and "(cax-dw)" in clashes[0], said
    assert "<http://example.com/draft2>" in clashes[0]


def test_owlrl_leaves_the_process_literal_parsing_as_it_found_it() -> None:
    """XSD 1.1 Part 2 §3.3.7.1: a time zone runs from -14:00 to +14:00, so
    "2004-04-12T13:20:00-14:00" is a valid xsd:dateTimeStamp (tests/data/xsd/extreme-valid.ttl).
    Reading it after an owlrl run in the same process must give the same literal as before."""
    data = f'<urn:a> <urn:p> "2004-04-12T13:20:00-14:00"^^<{XSD.dateTimeStamp}> .'
    before = set(Graph().parse(data=data, format="nt"))
    owlrl_closure(Graph().parse(data=data, format="nt"))
    after = set(Graph().parse(data=data, format="nt"))
    assert after == before
    [(_, _, lit)] = after
    assert str(lit) == "2004-04-12T13:20:00-14:00"
