"""Every derivation step is named for the OWL 2 RL/RDF rule whose premises and conclusion it has.

OWL 2 Profiles, Section 4.3, Tables 4-9 give each rule's body and head; ``engine/rules.py``
holds them as patterns. Here every triple the engine derives -- on the W3C test cases,
the feature and inconsistency files and the glossary -- is checked against the pattern
of the rule it is recorded under, and so is ``eq-ref`` for a term of the closure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from copro_kg.engine import Chainer, run
from copro_kg.engine.instances import is_instance
from copro_kg.engine.rules import RULES, Triple

from ..conftest import DATA_DIR
from . import w3c


def _check_every_step(chainer: Chainer) -> int:
    terms = chainer.terms.terms
    graph = Graph()
    for s, p, o in chainer.store:
        graph.add((terms[s], terms[p], terms[o]))

    def read_list(head: Node) -> list[Node] | None:
        return list(graph.items(head)) or None

    for t in chainer.first:
        rule, premises = chainer.why(t)
        decoded: list[Triple] = [(terms[s], terms[p], terms[o]) for s, p, o in premises]
        conclusion = (terms[t[0]], terms[t[1]], terms[t[2]])
        assert is_instance(rule, decoded, conclusion, read_list), (rule, decoded, conclusion)
        assert all(chainer.entails(p) for p in premises), (rule, decoded)
    return len(chainer.first)


def test_steps_on_the_w3c_cases_match_their_rules() -> None:
    steps = sum(_check_every_step(run(sorted(w3c.parse(c.premise)))) for c in w3c.cases())
    assert steps > 1000


@pytest.mark.parametrize("name", ["features.ttl", "inconsistent.ttl"])
def test_steps_on_the_feature_files_match_their_rules(name: str) -> None:
    assert _check_every_step(run(sorted(Graph().parse(Path(DATA_DIR, "reasoning", name))))) > 50


def test_steps_on_the_glossary_match_their_rules(glossary: Graph) -> None:
    assert _check_every_step(run(sorted(glossary))) > 100


EX = "urn:ex:"


def test_scm_dp_names_a_datatype_property_and_a_bare_rdf_property_gets_no_rule() -> None:
    """Table 9: scm-op is for owl:ObjectProperty, scm-dp for owl:DatatypeProperty; no rule
    makes an rdf:Property (neither) its own subproperty."""
    op, dp, bare = (URIRef(EX + n) for n in ("op", "dp", "bare"))
    chainer = run([(op, RDF.type, OWL.ObjectProperty), (dp, RDF.type, OWL.DatatypeProperty),
                   (bare, RDF.type, RDF.Property)])  # fmt: skip
    enc = chainer.encode_triple
    assert chainer.why(enc(op, RDFS.subPropertyOf, op))[0] == "scm-op"
    assert chainer.why(enc(dp, RDFS.subPropertyOf, dp))[0] == "scm-dp"
    assert chainer.why(enc(dp, OWL.equivalentProperty, dp))[0] == "scm-dp"
    assert not chainer.entails(enc(bare, RDFS.subPropertyOf, bare))


def test_eq_ref_holds_for_every_term_and_names_a_triple_it_occurs_in() -> None:
    """Table 4, eq-ref: IF T(?s, ?p, ?o) THEN T(?s, owl:sameAs, ?s), T(?p, owl:sameAs, ?p),
    T(?o, owl:sameAs, ?o). Not stored, but true, explained, and listed with reflexive=True."""
    s, p, o = URIRef(EX + "s"), URIRef(EX + "p"), Literal("o")
    chainer = run([(s, p, o)])
    for term in (s, p, o):
        t = chainer.encode_triple(term, OWL.sameAs, term)
        assert chainer.entails(t)
        assert t not in set(chainer.inferred())
        assert t in set(chainer.inferred(reflexive=True))
        rule, premises = chainer.why(t)
        assert rule == "eq-ref" and premises == (chainer.encode_triple(s, p, o),)
    unknown = chainer.encode_triple(URIRef(EX + "nowhere"), OWL.sameAs, URIRef(EX + "nowhere"))
    assert not chainer.entails(unknown)
    with pytest.raises(KeyError):
        chainer.why(unknown)


def test_every_rule_of_the_table_has_a_gloss_and_an_rl_name() -> None:
    prefixes = ("eq-", "prp-", "cls-", "cax-", "scm-", "dt-")
    extensions = {"xsd-sub"}  # the one step that is not an OWL 2 RL rule (docs/reasoning.md)
    assert all(r.gloss for r in RULES.values())
    assert {r for r in RULES if not r.startswith(prefixes)} == extensions
