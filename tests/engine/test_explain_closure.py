"""``explain`` answers for every triple ``reason --all`` prints (issue 17), terms given as IRIs.

OWL 2 RL/RDF (Profiles 4.3): scm-cls gives ``C rdfs:subClassOf owl:Thing`` for a class C,
scm-rng1 widens a range along it, eq-ref makes every term the same as itself. Resolving
CURIEs of closure-only terms is vocab/resolve.py's part; here the terms are rdflib terms.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from copro_kg import reason
from copro_kg.reasoning.explain import explain

EX = "urn:ex:"
P, C, A, B = (URIRef(EX + n) for n in ("p", "C", "a", "b"))


def test_every_printed_triple_is_explained_down_to_asserted_ones() -> None:
    graph = Graph()
    for t in [(C, RDF.type, OWL.Class), (P, RDFS.range, C), (A, P, B)]:
        graph.add(t)
    everything = reason(graph, cache=False, keep_all=True)
    printed = set(everything.inferred)
    assert (P, RDFS.range, OWL.Thing) in printed  # scm-rng1 over scm-cls
    assert (A, OWL.sameAs, A) in printed  # eq-ref, printed under --all
    for triple in printed:
        answer = explain(everything, *triple)
        assert answer.holds, triple
        assert answer.root is not None and answer.root.rule is not None, triple
    reflexive = explain(everything, A, OWL.sameAs, A)
    assert reflexive.root is not None and reflexive.root.rule == "eq-ref"
    default = reason(graph, cache=False)
    assert (A, OWL.sameAs, A) not in set(default.inferred)  # hidden by default ...
    assert explain(default, A, OWL.sameAs, A).holds  # ... and still true for explain
