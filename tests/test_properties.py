"""Properties, not only examples: Hypothesis on random small ontologies and thesauri.

Issue 8, "Properties, not only examples": reasoning is idempotent and monotone (adding
triples never removes inferences), exports round-trip isomorphically, explanations are
valid rule instances, the networkx conversion keeps every node and edge.

The expectations come from the semantics, not from the code: OWL 2 RL closure is a
least fixpoint of monotone rules (OWL 2 Profiles §4.3), so closing twice changes nothing
and a larger input has a larger closure; an RDF serialisation must describe the same
graph up to blank-node renaming (RDF 1.1 Concepts §3.6, graph isomorphism). Examples
are bounded (``max_examples``) and the graphs small so the suite stays fast; the cache
is off so every example is reasoned for real.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from copro_kg import reasoning
from copro_kg.engine.instances import is_instance
from copro_kg.export.bundle import serialize_export
from copro_kg.viz import convert as graphing
from copro_kg.viz.simplify import NEVER_DRAWN

EX = Namespace("http://example.org/p/")
CLASSES = [EX[f"C{i}"] for i in range(5)]
PROPS = [EX[f"p{i}"] for i in range(4)]
INDIVIDUALS = [EX[f"a{i}"] for i in range(5)]
CONCEPTS = [EX[f"k{i}"] for i in range(6)]
PROP_KINDS = [OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.FunctionalProperty]
SKOS_RELATIONS = [SKOS.broader, SKOS.narrower, SKOS.related]

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Triple = tuple[URIRef, URIRef, URIRef]


def _ontology_triple() -> st.SearchStrategy[Triple]:
    c, p, a = st.sampled_from(CLASSES), st.sampled_from(PROPS), st.sampled_from(INDIVIDUALS)
    k = st.sampled_from(CONCEPTS)
    return st.one_of(
        st.tuples(c, st.just(RDFS.subClassOf), c),
        st.tuples(c, st.just(OWL.equivalentClass), c),
        st.tuples(a, st.just(RDF.type), c),
        st.tuples(p, st.just(RDFS.subPropertyOf), p),
        st.tuples(p, st.just(RDF.type), st.sampled_from(PROP_KINDS)),
        st.tuples(p, st.just(OWL.inverseOf), p),
        st.tuples(p, st.just(RDFS.domain), c),
        st.tuples(p, st.just(RDFS.range), c),
        st.tuples(a, p, a),
        st.tuples(k, st.sampled_from(SKOS_RELATIONS), k),
        st.tuples(k, st.just(RDF.type), st.just(SKOS.Concept)),
    )


ontologies = st.lists(_ontology_triple(), min_size=1, max_size=12).map(set)


def graph_of(triples: set[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def closure_of(graph: Graph) -> set[tuple[object, object, object]]:
    return set(reasoning.reason(graph, cache=False).closure)


@SETTINGS
@given(ontologies)
def test_reasoning_is_idempotent(triples: set[Triple]) -> None:
    once = reasoning.reason(graph_of(triples), cache=False).closure
    twice = reasoning.reason(once, cache=False).closure
    assert set(twice) == set(once)


@SETTINGS
@given(ontologies, ontologies)
def test_reasoning_is_monotone(base: set[Triple], extra: set[Triple]) -> None:
    """Adding triples never removes an inference (an inconsistent result still lists its
    closure; OWL 2 RL rules only add)."""
    small = closure_of(graph_of(base))
    large = closure_of(graph_of(base | extra))
    assert small <= large, sorted(small - large)[:5]


@SETTINGS
@given(ontologies)
def test_every_explanation_is_a_valid_rule_instance(triples: set[Triple]) -> None:
    result = reasoning.reason(graph_of(triples), cache=False)
    closure = result.closure

    def read_list(head: Node) -> list[Node] | None:
        return list(Collection(closure, head)) if head is not None else None  # type: ignore[arg-type]

    for triple in result.inferred:
        found = result.derivation(triple)
        assert found is not None, f"inferred but no derivation: {triple}"
        assert found.conclusion == triple
        assert is_instance(found.rule, found.premises, triple, read_list), (found.rule, found)
        # Each premise holds: asserted or itself entailed.
        for premise in found.premises:
            assert result.holds(premise), (found.rule, premise)


# --- exports --------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], min_codepoint=0x20), max_size=20
)
_LANG = st.sampled_from(["en", "cy", "en-GB", "de-1996"])
_literal = st.one_of(
    _TEXT.map(Literal),
    st.tuples(_TEXT, _LANG).map(lambda tl: Literal(tl[0], lang=tl[1])),
    st.integers(-(10**6), 10**6).map(lambda i: Literal(i, datatype=XSD.integer)),
    st.booleans().map(Literal),
)
_subject = st.one_of(st.sampled_from(CONCEPTS), st.sampled_from([BNode("b1"), BNode("b2")]))
_object = st.one_of(st.sampled_from(CONCEPTS), _literal, st.sampled_from([BNode("b1")]))
_predicate = st.sampled_from(
    [SKOS.prefLabel, SKOS.altLabel, SKOS.definition, SKOS.broader, SKOS.related, RDFS.comment]
)
data_graphs = st.lists(st.tuples(_subject, _predicate, _object), min_size=1, max_size=15).map(
    lambda ts: graph_of(set(ts))  # type: ignore[arg-type]
)
PARSE_AS = {"ttl": "turtle", "xml": "xml", "jsonld": "json-ld", "nt": "nt"}


@SETTINGS
@given(data_graphs, st.sampled_from(sorted(PARSE_AS)))
def test_exports_round_trip_isomorphically(graph: Graph, fmt: str) -> None:
    """What an export writes parses back to the same graph. The text has no control
    characters, so every format can hold it: an export may not refuse it either."""
    data = serialize_export(graph, fmt)
    back = Graph().parse(data=data, format=PARSE_AS[fmt])
    assert back.isomorphic(graph), (fmt, data[:400])


# --- networkx -------------------------------------------------------------------------

thesauri = st.lists(
    st.tuples(
        st.sampled_from(CONCEPTS), st.sampled_from(SKOS_RELATIONS), st.sampled_from(CONCEPTS)
    ),
    max_size=10,
)


@SETTINGS
@given(thesauri)
def test_networkx_keeps_every_concept_and_every_relation(
    relations: list[tuple[URIRef, URIRef, URIRef]],
) -> None:
    """With ``simplify=False`` every concept is a node and every triple of the closure
    between two concepts is an edge keyed by its predicate -- none lost, none invented."""
    graph = Graph()
    for concept in CONCEPTS:
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.prefLabel, Literal(concept.split("/")[-1], lang="en")))
    for triple in relations:
        graph.add(triple)
    result = reasoning.reason(graph, cache=False)
    drawn = graphing.to_networkx(result, simplify=False)
    assert {str(c) for c in CONCEPTS} <= set(drawn.nodes)
    concepts = set(CONCEPTS)
    expected = {
        (str(s), str(o), str(p))
        for s, p, o in result.closure
        if s in concepts and o in concepts and p not in NEVER_DRAWN
    }
    actual = {(s, o, k) for s, o, k in drawn.edges(keys=True)}
    concept_ids = {str(c) for c in CONCEPTS}
    actual_between_concepts = {e for e in actual if e[0] in concept_ids and e[1] in concept_ids}
    assert actual_between_concepts == expected
